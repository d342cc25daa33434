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

    /**
     * A handover description builds a whole image: deterministic bytes, the same from its DTS and DTB forms,
     * which validate clean and dump with what the description says.
     */
    @Test
    void buildsAHandoverImageFromADescription(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("kho/build/handover-v4.dts"), dir.resolve("h.dts"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "build", "-o", "a.elf", "h.dts");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();
        CliRun again = CliRun.run(dir, InputStream.nullInputStream(), "build", "-o", "b.elf", "h.dts");
        assertThat(again.exit()).isZero();
        byte[] elf = Files.readAllBytes(dir.resolve("a.elf"));
        assertThat(Files.readAllBytes(dir.resolve("b.elf"))).isEqualTo(elf);
        assertThat(Arrays.copyOfRange(elf, 0, 4)).containsExactly(0x7f, 'E', 'L', 'F');

        // the DTB form of the same description
        var blob = io.khotools.fdt.dts.compile.DtsCompiler.compileToBlob(dir.resolve("h.dts"),
                io.khotools.fdt.dts.compile.CompileOptions.defaults(), io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            Files.write(dir.resolve("h.dtb"), io.netty.buffer.ByteBufUtil.getBytes(blob));
        } finally {
            blob.release();
        }
        CliRun fromDtb = CliRun.run(dir, InputStream.nullInputStream(), "build", "-o", "c.elf", "h.dtb");
        assertThat(fromDtb.exit()).as(fromDtb.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("c.elf"))).isEqualTo(elf);

        CliRun validate = CliRun.run(dir, InputStream.nullInputStream(), "validate", "a.elf");
        assertThat(validate.exit()).as(validate.out()).isZero();
        assertThat(validate.err()).contains("0 errors, 1 warning"); // the vendor blob's name
        CliRun dump = CliRun.run(dir, InputStream.nullInputStream(), "dump", "--format", "kho", "a.elf");
        assertThat(dump.exit()).isZero();
        assertThat(dump.out()).contains("generation: kho-v4", "found-by: setup_data record", "6.19.0-khotools",
                "compatible: luo-v4", "LUO/sessions[0]/files[0]/memfd", "data: 0x1400000000",
                "name: qemu-vm-1", "compatible: vfio-v1", "token: 0x1002", "name: iommu", "seals: 8", "preserved-memory-map: 0x800000000");
    }

    @Test
    void aDescribedStateWithErrorsIsWrittenOnlyWithForce(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("kho/build/invalid/blob-not-preserved.dts"), dir.resolve("h.dts"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "build", "-o", "a.elf", "h.dts");
        assertThat(run.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.err()).contains("kho.state.blob-not-preserved", "not written");
        assertThat(dir.resolve("a.elf")).doesNotExist();
        CliRun forced = CliRun.run(dir, InputStream.nullInputStream(), "build", "--force", "-o", "a.elf", "h.dts");
        assertThat(forced.exit()).isZero();
        CliRun validate = CliRun.run(dir, InputStream.nullInputStream(), "validate", "a.elf");
        assertThat(validate.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(validate.out()).contains("kho.state.blob-not-preserved");
    }

    @Test
    void aBigEndianDescriptionGivesABigEndianImage(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("kho/build/handover-v2-fdt.dts"), dir.resolve("h.dts"));
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "build", "-o", "be.elf", "h.dts");
        assertThat(run.exit()).as(run.err()).isZero();
        byte[] elf = Files.readAllBytes(dir.resolve("be.elf"));
        assertThat(elf[5]).isEqualTo((byte) 2); // EI_DATA: ELFDATA2MSB
        CliRun dump = CliRun.run(dir, InputStream.nullInputStream(), "dump", "--format", "kho", "be.elf");
        assertThat(dump.out()).contains("byte-order: big", "my-driver");
        assertThat(CliRun.run(dir, InputStream.nullInputStream(), "validate", "be.elf").exit()).isZero();
    }
}
