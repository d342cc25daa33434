package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildCommandTest {

    /**
     * Every flags-* golden was made by dtc from DTS with its `// dtc-flags:` options; rebuilding the blob
     * with the same options must give dtc's bytes again (the options cannot be read back from a blob).
     */
    @Test
    void rebuildsEveryDtcGoldenWithItsFlags(@TempDir Path dir) throws IOException {
        List<Path> goldens = TestData.list("fdt/valid", ".dts");
        assertThat(goldens).isNotEmpty();
        int checked = 0;
        for (Path dts : goldens) {
            String stem = dts.getFileName().toString().replace(".dts", "");
            List<String> args = new ArrayList<>(List.of("build", "-o", stem + ".out"));
            String first = Files.readAllLines(dts, StandardCharsets.UTF_8).get(0);
            if (first.startsWith("// dtc-flags:")) {
                for (String a : first.substring("// dtc-flags:".length()).trim().split("\\s+")) {
                    args.add("-V".equals(a) ? "--out-version" : a);
                }
            }
            Path dtb = dts.resolveSibling(stem + ".dtb");
            Files.copy(dtb, dir.resolve(stem + ".dtb"));
            args.add(stem + ".dtb");
            CliRun run = CliRun.run(dir, InputStream.nullInputStream(), args.toArray(String[]::new));
            assertThat(run.exit()).as(stem + ": " + run.err()).isZero();
            assertThat(Files.readAllBytes(dir.resolve(stem + ".out"))).as(stem).isEqualTo(Files.readAllBytes(dtb));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(19);
    }

    @Test
    void writesLibfdtLayoutWithReserveMapAt0x30(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("fdt/valid/basic.dtb"), dir.resolve("in.dtb"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "build", "--layout", "libfdt", "-o", "sw.dtb", "in.dtb");
        assertThat(run.exit()).isZero();
        byte[] out = Files.readAllBytes(dir.resolve("sw.dtb"));
        assertThat(Arrays.copyOfRange(out, 0x10, 0x14)).containsExactly(0, 0, 0, 0x30);
    }

    @Test
    void invalidInputLeavesNoOutputFile(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("fdt/invalid/fdt.node.duplicate-name--two-chosen.dtb"), dir.resolve("bad.dtb"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "build", "-o", "out.dtb", "bad.dtb");
        assertThat(run.exit()).isEqualTo(ExitCodes.FINDINGS);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("bad.dtb");
        }
        CliRun forced = CliRun.run(dir, InputStream.nullInputStream(), "build", "--force", "-o", "out.dtb", "bad.dtb");
        assertThat(forced.exit()).isZero();
        assertThat(dir.resolve("out.dtb")).exists();
    }

    @Test
    void writesBinaryToStandardOutputUnchanged() {
        CliRun run = CliRun.run("build", "fdt/valid/basic.dtb");
        assertThat(run.exit()).isZero();
        assertThat(run.out().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(TestData.bytes("fdt/valid/basic.dtb"));
    }
}
