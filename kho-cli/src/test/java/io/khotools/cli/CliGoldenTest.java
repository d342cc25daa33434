package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of the command line: every {@code testdata/cli/<cmd>--<case>.args} (one argument per line,
 * paths relative to {@code testdata/}) is run in-process and its stdout, stderr and exit code compared with
 * the sibling {@code .out}, {@code .err} and {@code .exit} files. {@code -Dgolden.update=true} rewrites
 * them instead; a missing golden fails.
 */
class CliGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static List<Path> cases() {
        return TestData.list("cli", ".args").stream().filter(p -> p.getParent().equals(TestData.path("cli"))).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesItsGoldens() {
        return cases().stream().map(args -> DynamicTest.dynamicTest(stem(args), () -> check(args)));
    }

    @Test
    void coversTheInputsANewUserTries() {
        assertThat(cases()).extracting(CliGoldenTest::stem).contains(
                "dump--missing-file", "dump--directory", "dump--empty-file", "dump--three-bytes",
                "dump--random-bytes", "dump--truncated", "dump--wrong-magic", "dump--unknown-option",
                "dump--missing-argument", "kho--unknown-subcommand",
                // memory images: cut short, header cut, no KHO root, a wrong --fdt-addr / --setup-data, and an
                // SVG path that cannot be written
                "dump--image-cut", "validate--image-cut", "dump--image-header-cut", "dump--image-no-kho-root",
                "dump--image-fdt-addr-absent", "dump--image-fdt-addr-not-kho", "dump--image-setup-data-absent",
                "dump--fdt-addr-on-dtb", "map--unwritable-svg", "map--not-kho", "diff--image-header-cut");
    }

    private static void check(Path argsFile) throws IOException {
        String stem = stem(argsFile);
        List<String> args = Files.readAllLines(argsFile, StandardCharsets.UTF_8);
        CliRun run = CliRun.run(args.toArray(String[]::new));
        // whatever the case: no stack trace, no internal error
        assertThat(run.exit()).as("exit code of %s", stem).isNotEqualTo(ExitCodes.INTERNAL);
        assertThat(run.err()).as("stderr of %s", stem).doesNotContain("\tat ").doesNotContain("Exception");
        if (run.exit() == ExitCodes.BAD_INPUT) {
            assertThat(run.err().lines()).as("one line on stderr for %s", stem).hasSize(1);
            // "kho: <input>: ..." or, for DTS source errors, a compiler line "file:line:col: message"
            assertThat(run.err()).matches("(?s)(kho: |[^:\\s]+:\\d+:\\d+: ).*");
            if (!stem.startsWith("validate--")) {
                // validate still prints the findings that made it give up on an input
                assertThat(run.out()).as("nothing on stdout for %s", stem).isEmpty();
            }
        }
        compare(argsFile, ".out", run.out());
        compare(argsFile, ".err", run.err());
        compare(argsFile, ".exit", run.exit() + "\n");
    }

    private static void compare(Path argsFile, String suffix, String actual) throws IOException {
        Path golden = argsFile.resolveSibling(stem(argsFile) + suffix);
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.ISO_8859_1);
            return;
        }
        if (!Files.exists(golden)) {
            fail("missing golden " + TestData.root().relativize(golden)
                    + " (create it with -Dgolden.update=true and review the diff)");
        }
        assertThat(actual).as("%s", TestData.root().relativize(golden))
                .isEqualTo(Files.readString(golden, StandardCharsets.ISO_8859_1));
    }

    private static String stem(Path argsFile) {
        String name = argsFile.getFileName().toString();
        return name.substring(0, name.length() - ".args".length());
    }
}
