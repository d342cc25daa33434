package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpCommandTest {
    private static final String BASIC = "fdt/valid/basic.dtb";

    @Test
    void readsStandardInputForDash() {
        byte[] dtb = TestData.bytes(BASIC);
        CliRun fromStdin = CliRun.run(TestData.root(), new ByteArrayInputStream(dtb), "dump", "-");
        CliRun fromFile = CliRun.run("dump", BASIC);
        assertThat(fromStdin.exit()).isZero();
        assertThat(fromStdin.out()).isEqualTo(fromFile.out()).startsWith("/dts-v1/;\n");
    }

    @Test
    void namesStandardInputInErrors() {
        CliRun run = CliRun.run(TestData.root(), new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}), "dump", "-");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).isEqualTo("kho: <stdin>: bad magic @0x0: magic is 0x01020304, expected 0xd00dfeed\n");
        CliRun empty = CliRun.run("dump", "-");
        assertThat(empty.err()).isEqualTo("kho: <stdin>: standard input is empty, expected a DTB\n");
    }

    @Test
    void writesTheOutputFileWhole(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path(BASIC), dir.resolve("in.dtb"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "dump", "-f", "json", "-o", "out.json", "in.dtb");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("out.json")))
                .isEqualTo(CliRun.run("dump", "--format", "json", BASIC).out());
        assertThat(leftovers(dir)).containsExactlyInAnyOrder("in.dtb", "out.json");
    }

    @Test
    void aFailedDumpLeavesAnExistingOutputUntouchedAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("cli/inputs/truncated.dtb"), dir.resolve("bad.dtb"));
        Files.writeString(dir.resolve("out.dts"), "old contents\n");
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "dump", "-o", "out.dts", "bad.dtb");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(Files.readString(dir.resolve("out.dts"))).isEqualTo("old contents\n");
        assertThat(leftovers(dir)).containsExactlyInAnyOrder("bad.dtb", "out.dts");
    }

    @Test
    void anUnwritableOutputIsOneLineAndExitThree(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path(BASIC), dir.resolve("in.dtb"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "dump", "-o", "no-such-dir/out.dts", "in.dtb");
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("kho: no-such-dir/out.dts: cannot write: ").doesNotContain("\n\t");
        assertThat(run.err().lines()).hasSize(1);
    }

    @Test
    void verbosePrintsTheStackTrace() {
        CliRun quiet = CliRun.run("dump", "cli/inputs/truncated.dtb");
        CliRun verbose = CliRun.run("dump", "--verbose", "cli/inputs/truncated.dtb");
        CliRun verboseFirst = CliRun.run("--verbose", "dump", "cli/inputs/truncated.dtb");
        assertThat(quiet.err()).doesNotContain("\tat ");
        assertThat(verbose.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(verbose.err()).startsWith(quiet.err()).contains("FdtException").contains("\tat ");
        assertThat(verboseFirst.err()).contains("\tat ");
    }

    @Test
    void mapsAnythingElseToInternalError() {
        ErrorHandler handler = new ErrorHandler();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = KhoCli.newCommandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err));
        picocli.CommandLine.ParseResult pr = cl.parseArgs("dump", BASIC);
        int code = handler.handleExecutionException(new IllegalStateException("boom"), cl, pr);
        assertThat(code).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString()).isEqualTo(
                "kho: internal error, please report: java.lang.IllegalStateException: boom"
                        + " (run with --verbose for the stack trace)\n");
        assertThat(ErrorHandler.exitCode(new OutOfMemoryError())).isEqualTo(ExitCodes.INTERNAL);
    }

    @Test
    void versionIsTheMavenProjectVersion() {
        CliRun run = CliRun.run("--version");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).matches("kho \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
        assertThat(CliRun.run("dump", "--version").out()).isEqualTo(run.out());
    }

    @Test
    void everyFdtFormatPrintsEveryValidBlob() {
        for (Path p : TestData.list("fdt/valid", ".dtb")) {
            String rel = TestData.root().relativize(p).toString();
            for (DumpFormat f : DumpFormat.values()) {
                if (f == DumpFormat.KHO) {
                    continue; // plain device trees are no KHO roots: see everyFormatPrintsEveryValidKhoRoot
                }
                CliRun run = CliRun.run("dump", "--format", f.id(), rel);
                assertThat(run.exit()).as("%s %s: %s", f, rel, run.err()).isZero();
                assertThat(run.err()).isEmpty();
                assertThat(run.out()).isNotEmpty();
            }
        }
    }

    private static java.util.List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Test
    void everyFormatPrintsEveryValidKhoRoot() {
        for (Path p : TestData.list("kho/valid", ".root.dtb")) {
            String rel = TestData.root().relativize(p).toString();
            for (DumpFormat f : DumpFormat.values()) {
                CliRun run = CliRun.run("dump", "--format", f.id(), rel);
                assertThat(run.exit()).as("%s %s: %s", f, rel, run.err()).isZero();
                assertThat(run.out()).isNotEmpty();
            }
            assertThat(CliRun.run("dump", "--format", "json", rel).out()).contains("\n  \"kho\": {\"generation\": \"kho-v");
        }
    }
}
