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
 * Runs many dtc invocations from a few shell processes (one per core), so that differential tests over
 * hundreds of blobs do not pay a JVM fork per dtc call. For job {@code i} it runs, with {@code -q -f}:
 * {@code dtc -I dtb -O dtb} of the blob ({@link Result#reference}), {@code dtc -I dts -O dtb -b BOOT} of
 * our text ({@link Result#compiled}) and {@code dtc -I dtb -O dts} of the blob ({@link Result#dtcText}).
 * A missing output (dtc failed) is null.
 */
final class DtcBatch {
    private DtcBatch() {}

    /** One blob: where it is, our DTS text for it, and the boot cpu id to compile with. */
    record Job(Path blob, String ourText, long bootCpuId) {}

    /** dtc's outputs for one job; null where dtc produced nothing. */
    record Result(byte[] reference, byte[] compiled, String dtcText) {}

    /** {@code dtc --version} is 1.7 or later (it de-duplicates regenerated overlay fixups). */
    static boolean dtcAtLeast17() {
        String v = io.khotools.fdt.testsupport.DtcRunner.version();
        if (v == null) {
            return false;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\.(\\d+)").matcher(v);
        return m.find() && (Integer.parseInt(m.group(1)) > 1 || Integer.parseInt(m.group(2)) >= 7);
    }

    static List<Result> run(List<Job> jobs, Path dir) {
        try {
            int shards = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), jobs.size()));
            List<StringBuilder> scripts = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                scripts.add(new StringBuilder("cd '" + dir + "' || exit 1\n"));
            }
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                Files.writeString(dir.resolve(i + ".dts"), j.ourText(), StandardCharsets.ISO_8859_1);
                String blob = quote(j.blob().toAbsolutePath().toString());
                scripts.get(i % shards)
                        .append("dtc -q -f -I dtb -O dtb -o ").append(i).append(".ref ").append(blob).append(" 2>/dev/null\n")
                        .append("dtc -q -f -I dts -O dtb -b ").append(j.bootCpuId()).append(" -o ").append(i)
                        .append(".out ").append(i).append(".dts 2>/dev/null\n")
                        .append("dtc -q -f -I dtb -O dts -o ").append(i).append(".txt ").append(blob).append(" 2>/dev/null\n");
            }
            List<Process> running = new ArrayList<>();
            for (int s = 0; s < shards; s++) {
                Path script = dir.resolve("shard" + s + ".sh");
                Files.writeString(script, scripts.get(s));
                running.add(new ProcessBuilder("sh", script.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            for (Process p : running) {
                if (!p.waitFor(10, TimeUnit.MINUTES)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("dtc batch timed out");
                }
            }
            List<Result> out = new ArrayList<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                byte[] text = readOrNull(dir.resolve(i + ".txt"));
                out.add(new Result(readOrNull(dir.resolve(i + ".ref")), readOrNull(dir.resolve(i + ".out")),
                        text == null ? null : new String(text, StandardCharsets.ISO_8859_1)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readOrNull(Path p) throws IOException {
        return Files.exists(p) && Files.size(p) > 0 ? Files.readAllBytes(p) : null;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
