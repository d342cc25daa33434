package io.khotools.fdt.oracle;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Compiles {@code src/test/c/fdt_oracle.c} with {@code gcc ... -lfdt} (Debian: gcc, libfdt-dev) into
 * {@code target/oracle/fdt_oracle}, once per JVM and only when the source is newer than the binary.
 * When gcc, {@code libfdt.h} or the library is missing, {@link #executable()} aborts the calling test with one
 * JUnit assumption message; any other compiler failure is a test failure.
 */
final class OracleBuild {
    /** Prefix of every skip message, so a skipped run is easy to find in the report. */
    static final String SKIPPED = "libfdt oracle skipped: ";

    private static Path executable;
    private static String missing;

    private OracleBuild() {}

    /**
     * The oracle binary, built if needed.
     *
     * @throws org.opentest4j.TestAbortedException when gcc or libfdt-dev is absent
     * @throws AssertionError when gcc fails for another reason (its output is in the message)
     */
    static synchronized Path executable() {
        if (executable == null && missing == null) {
            build();
        }
        Assumptions.assumeTrue(missing == null, () -> SKIPPED + missing);
        return executable;
    }

    /** The module's {@code target/} folder: the parent of the test classes this class was loaded from. */
    static Path targetDir() {
        try {
            Path classes = Path.of(OracleBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void build() {
        Path target = targetDir();
        Path source = target.getParent().resolve("src/test/c/fdt_oracle.c");
        Path binary = target.resolve("oracle/fdt_oracle");
        try {
            if (Files.isExecutable(binary)
                    && Files.getLastModifiedTime(binary).compareTo(Files.getLastModifiedTime(source)) > 0) {
                executable = binary;
                return;
            }
            Files.createDirectories(binary.getParent());
            List<String> cmd = List.of("gcc", "-std=c11", "-O2", "-Wall", "-Wextra", "-o", binary.toString(),
                    source.toString(), "-lfdt", "-ldl");
            Process p;
            try {
                p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            } catch (IOException e) {
                missing = "gcc cannot be run (" + e.getMessage() + "); apt-get install gcc libfdt-dev";
                return;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("gcc did not finish in 120 s: " + cmd);
            }
            if (p.exitValue() == 0) {
                executable = binary;
            } else if (out.contains("libfdt.h") || out.contains("-lfdt")) {
                // the header or the library is not installed: a missing tool, not a broken oracle
                missing = "libfdt-dev is not installed (apt-get install libfdt-dev): " + out.strip();
            } else {
                throw new AssertionError("gcc failed building the libfdt oracle:\n" + String.join(" ", cmd) + "\n" + out);
            }
        } catch (IOException e) {
            throw new AssertionError("building the libfdt oracle failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while building the libfdt oracle", e);
        }
    }
}
