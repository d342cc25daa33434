package io.khotools.fdt.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the installed {@code dtc} (Debian: device-tree-compiler) for differential tests. */
public final class DtcRunner {
    private static volatile String version;

    private DtcRunner() {}

    /** {@code dtc --version}'s line, or null when dtc cannot be run. Probed once. */
    public static synchronized String version() {
        if (version == null) {
            try {
                Process p = new ProcessBuilder("dtc", "--version").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                version = p.waitFor() == 0 ? out : "";
            } catch (IOException e) {
                version = "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                version = "";
            }
        }
        return version.isEmpty() ? null : version;
    }

    /**
     * Compiles DTS text with {@code dtc -q -I dts -O dtb FLAGS}.
     *
     * @param dir a scratch folder for the source and the blob
     * @return the blob's bytes
     * @throws AssertionError with dtc's stderr and the source when dtc fails
     */
    public static byte[] compile(Path dir, String dts, List<String> flags) {
        Result r = run(dir, dts.getBytes(StandardCharsets.UTF_8), flags);
        if (r.blob() == null) {
            throw new AssertionError("dtc " + flags + " exited " + r.exitCode() + ": " + r.output() + "\n" + dts);
        }
        return r.blob();
    }

    /**
     * What one dtc run gave.
     *
     * @param blob the blob's bytes, or null when dtc refused the source
     * @param exitCode dtc's exit status
     * @param output what dtc printed (stdout and stderr)
     */
    public record Result(byte[] blob, int exitCode, String output) {}

    /**
     * Runs {@code dtc -q -I dts -O dtb FLAGS} on source bytes, refusal included.
     *
     * @param dir a scratch folder for the source and the blob (both deleted afterwards)
     * @throws AssertionError if dtc does not finish within a minute
     */
    public static Result run(Path dir, byte[] source, List<String> flags) {
        try {
            Path src = Files.createTempFile(dir, "tree", ".dts");
            Path dtb = dir.resolve(src.getFileName() + ".dtb");
            Files.write(src, source);
            List<String> cmd = new ArrayList<>(List.of("dtc", "-q", "-I", "dts", "-O", "dtb"));
            cmd.addAll(flags);
            cmd.addAll(List.of("-o", dtb.toString(), src.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("dtc timed out on:\n" + new String(source, StandardCharsets.ISO_8859_1));
            }
            byte[] blob = p.exitValue() == 0 ? Files.readAllBytes(dtb) : null;
            Files.delete(src);
            Files.deleteIfExists(dtb);
            return new Result(blob, p.exitValue(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
