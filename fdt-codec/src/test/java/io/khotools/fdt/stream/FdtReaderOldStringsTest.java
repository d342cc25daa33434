package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Validator;
import io.khotools.fdt.tree.FdtTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Versions as libfdt reads them. Before version 17, libfdt bounds property names by totalsize, not size_dt_strings; the reader in both modes
 * and the validator agree on that. Found by DtsFuzzTest#printRoundTrip: a version 16 blob whose
 * size_dt_strings (2) cuts "model" passed the validator, then FdtTree.read threw.
 */
class FdtReaderOldStringsTest {
    private static final String V16_SHORT_STRINGS_SIZE = "d00dfeed000000b600000048000000a4000000280000001000000010000000000000000200000000000000000000100000000000000020000000000000000000000000000000000000000001000000000000000300000010000000006474632d666c616773202d562031360000000003000000040000000600000001000000016e6f646540310000000000030000000400000007000000020000000200000002000000096d6f64656c002373697a652d63656c6c7300";

    @Test
    void versionAtOrAbove2To31IsAFutureV17Version() throws java.io.IOException {
        // found by DtsFuzzTest#printRoundTrip: version 0x80000011 (last_comp 16) passed the validator, as
        // libfdt compares versions unsigned, but FdtHeader read it as negative and refused it
        byte[] bytes = io.khotools.fdt.testsupport.TestData.bytes("fdt/valid/basic.dtb");
        java.nio.ByteBuffer.wrap(bytes).putInt(io.khotools.fdt.FdtFormat.OFF_VERSION, 0x80000011);
        assertThat(Validator.defaults().validate(bytes).hasErrors()).isFalse();
        ByteBuf blob = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(io.khotools.fdt.FdtHeader.readChecked(blob).hasStructSize()).isTrue();
            for (ReadMode mode : ReadMode.values()) {
                assertThat(FdtTree.read(blob, ReadLimits.DEFAULT, mode).root().child("chosen")).isPresent();
            }
            StringBuilder dump = new StringBuilder();
            io.khotools.fdt.dts.FdtDumpPrinter.print(blob, dump);
            assertThat(dump.toString()).contains("// version:\t\t2147483665").contains("bootargs = \"console=ttyS0\"");
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void version16NamesReadUpToTotalsize() {
        byte[] bytes = HexFormat.of().parseHex(V16_SHORT_STRINGS_SIZE);
        assertThat(Validator.defaults().validate(bytes).hasErrors()).isFalse();
        ByteBuf blob = Unpooled.wrappedBuffer(bytes);
        try {
            for (ReadMode mode : ReadMode.values()) {
                FdtTree tree = FdtTree.read(blob, ReadLimits.DEFAULT, mode);
                // "model" starts inside size_dt_strings and ends past it; "#size-cells" starts past it
                assertThat(tree.root().properties()).extracting(p -> p.name()).containsExactly("model", "#size-cells");
            }
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }
}
