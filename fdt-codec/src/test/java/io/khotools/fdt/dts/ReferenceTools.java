package io.khotools.fdt.dts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference tools ({@code dtc}, {@code fdtdump}; Debian package device-tree-compiler) for
 * differential tests. Output is decoded byte-per-char (ISO-8859-1), like our printers' output.
 */
final class ReferenceTools {
    private ReferenceTools() {}

    /** True if {@code tool} runs from the PATH. */
    static boolean available(String tool) {
        try {
            Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code dtc -q -f -I dtb -O dts file}: stdout only (dtc's check warnings go to stderr). */
    static String dtcDts(Path dtb) {
        return run(List.of("dtc", "-q", "-f", "-I", "dtb", "-O", "dts", dtb.toString()));
    }

    /** {@code fdtdump file}: stdout only (the banner goes to stderr). */
    static String fdtdump(Path dtb) {
        return run(List.of("fdtdump", dtb.toString()));
    }

    /** Compiles DTS source with {@code dtc -q -f -I dts -O dtb} plus {@code extra} options; returns the blob. */
    static byte[] compile(String dts, String... extra) {
        try {
            Path src = Files.createTempFile("khotools-", ".dts");
            Path out = Files.createTempFile("khotools-", ".dtb");
            try {
                Files.writeString(src, dts, StandardCharsets.ISO_8859_1);
                List<String> cmd = new ArrayList<>(List.of("dtc", "-q", "-f", "-I", "dts", "-O", "dtb"));
                cmd.addAll(List.of(extra));
                cmd.addAll(List.of("-o", out.toString(), src.toString()));
                run(cmd);
                return Files.readAllBytes(out);
            } finally {
                Files.deleteIfExists(src);
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code blob} to a temp file, runs {@code tool} on it through {@code runner}, deletes the file. */
    static String onBlob(byte[] blob, java.util.function.Function<Path, String> runner) {
        try {
            Path f = Files.createTempFile("khotools-", ".dtb");
            try {
                Files.write(f, blob);
                return runner.apply(f);
            } finally {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + cmd);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("exit " + p.exitValue() + ": " + cmd);
            }
            return new String(out, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
