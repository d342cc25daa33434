package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kho put} where it deliberately differs from fdtput, and its all-or-nothing file handling. */
class PutCommandTest {
    @TempDir
    Path dir;

    private Path copy(String golden) throws IOException {
        Path p = dir.resolve("t.dtb");
        Files.copy(TestData.path("fdt/valid/" + golden), p, StandardCopyOption.REPLACE_EXISTING);
        return p;
    }

    private CliRun put(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "put";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(dir, new ByteArrayInputStream(new byte[0]), all);
    }

    /** The value of {@code prop} of {@code node} in the file, after checking the file is a well-formed DTB. */
    private static byte[] value(Path file, String node, String prop) throws IOException {
        ByteBuf buf = Unpooled.wrappedBuffer(Files.readAllBytes(file));
        try {
            FdtIndex index = FdtIndex.build(buf);
            int p = index.property(index.node(node), prop);
            return p < 0 ? null : index.valueBytes(p);
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    @Test
    void twoByteTypeStoresBothBytes() throws IOException {
        Path f = copy("basic.dtb");
        assertThat(put("-t", "hx", "t.dtb", "/", "h", "1234", "ff").exit()).isZero();
        assertThat(value(f, "/", "h")).containsExactly(0x12, 0x34, 0x00, 0xff);
    }

    @Test
    void hexWithoutTypeIsParsedNotZero() throws IOException {
        Path f = copy("basic.dtb");
        assertThat(put("t.dtb", "/", "n", "0x10", "010", "-1").exit()).isZero();
        assertThat(value(f, "/", "n")).containsExactly(0, 0, 0, 0x10, 0, 0, 0, 8, 0xff, 0xff, 0xff, 0xff);
    }

    @Test
    void valueThatDoesNotFitIsAUsageErrorAndLeavesTheFile() throws IOException {
        Path f = copy("basic.dtb");
        byte[] before = Files.readAllBytes(f);
        CliRun run = put("-t", "bu", "t.dtb", "/", "b", "1", "256");
        assertThat(run.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("VALUE '256' does not fit in 1 byte (0..255, unsigned)");
        assertThat(put("t.dtb", "/", "n", "4294967296").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(put("-t", "x", "t.dtb", "/", "n", "12g").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(put("-t", "i", "t.dtb", "/", "n", "-2147483649").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(dir.toFile().list()).containsExactly("t.dtb"); // no temporary file left
    }

    @Test
    void aFailingEditInTheMiddleLeavesTheFile() throws IOException {
        Path f = copy("basic.dtb");
        byte[] before = Files.readAllBytes(f);
        CliRun run = put("-c", "t.dtb", "/ok", "/missing/parent");
        assertThat(run.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(run.err()).isEqualTo("kho: t.dtb: no node /missing (file unchanged)\n");
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
    }

    @Test
    void version16BlobIsUpgradedTo17() throws IOException {
        Path f = copy("flags-version16.dtb");
        assertThat(put("-t", "s", "t.dtb", "/", "model", "v17").exit()).isZero();
        ByteBuf buf = Unpooled.wrappedBuffer(Files.readAllBytes(f));
        try {
            FdtHeader h = FdtHeader.readChecked(buf);
            assertThat(h.version()).isEqualTo(17);
            assertThat(h.lastCompVersion()).isEqualTo(16);
            assertThat(h.offMemRsvmap()).isEqualTo(0x28);
            assertThat(h.totalSize()).isEqualTo(buf.readableBytes());
        } finally {
            assertThat(buf.release()).isTrue();
        }
        assertThat(value(f, "/", "model")).containsExactly('v', '1', '7', 0);
    }

    @Test
    void removesAndCreatesThroughAliasesAndUnitlessNames() throws IOException {
        Path f = copy("basic.dtb");
        assertThat(put("-r", "t.dtb", "/memory").exit()).isZero();
        assertThat(value(f, "/", "model")).isNotNull();
        CliRun root = put("-r", "t.dtb", "/");
        assertThat(root.exit()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(root.err()).isEqualTo("kho: t.dtb: cannot remove the root node (file unchanged)\n");
        CliRun exists = put("-c", "t.dtb", "/serial");
        assertThat(exists.err()).isEqualTo("kho: t.dtb: node /serial@2000 already exists (file unchanged)\n");
    }
}
