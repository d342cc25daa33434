package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.testsupport.TestData;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * End to end: runs the real {@code ./kho} script at the repository root, which builds kho.jar with Maven
 * if needed. Skipped, with a message, when {@code mvn} is not on the PATH.
 */
class KhoScriptTest {
    @Test
    void theScriptDumpsAndReportsBadInputWithTheDocumentedCodes() throws Exception {
        assumeTrue(onPath("mvn"), "mvn is not on the PATH: the ./kho end-to-end test is skipped");
        Path root = TestData.root().getParent();
        Path script = root.resolve("kho");
        assertThat(Files.isExecutable(script)).isTrue();

        Result ok = run(root, script.toString(), "dump", "testdata/fdt/valid/basic.dtb");
        assertThat(ok.exit).as(ok.err).isZero();
        assertThat(ok.out).isEqualTo(Files.readString(TestData.path("cli/dump--basic-dts.out"), StandardCharsets.ISO_8859_1));

        Result bad = run(root, script.toString(), "dump", "testdata/cli/inputs/wrong-magic.dtb");
        assertThat(bad.exit).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err).isEqualTo(
                "kho: testdata/cli/inputs/wrong-magic.dtb: bad magic @0x0: magic is 0xdeadbeef, expected 0xd00dfeed\n");

        Result usage = run(root, script.toString(), "frobnicate");
        assertThat(usage.exit).isEqualTo(ExitCodes.USAGE);
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(Path dir, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kho-out", ".txt");
        Path err = Files.createTempFile("kho-err", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            // the first run may build the jar with Maven
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("./kho finished").isTrue();
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
