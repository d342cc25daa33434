package io.khotools.fdt.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tree → blob: dtc's goldens survive read → tree → write byte for byte. */
class FdtTreeWriteTest {

    @Test
    void everyPlainGoldenRoundTripsThroughTheTree() {
        // the flags-* goldens carry dtc options (padding, -R) that a tree does not record
        List<Path> goldens = TestData.list("fdt/valid", ".dtb").stream()
                .filter(p -> !p.getFileName().toString().startsWith("flags-"))
                .toList();
        assertThat(goldens).hasSizeGreaterThanOrEqualTo(8);
        for (Path golden : goldens) {
            byte[] expected = TestData.bytes("fdt/valid/" + golden.getFileName());
            ByteBuf in = Unpooled.wrappedBuffer(expected);
            FdtTree tree;
            try {
                tree = FdtTree.read(in);
            } finally {
                in.release();
            }
            ByteBuf out = tree.write(PooledByteBufAllocator.DEFAULT, WriteOptions.dtc());
            try {
                assertThat(ByteBufUtil.getBytes(out)).as(golden.getFileName().toString()).isEqualTo(expected);
            } finally {
                assertThat(out.release()).isTrue();
            }
        }
    }

    @Test
    void editedTreeWritesTheEdit() {
        FdtTree tree = FdtTree.of(Node.builder("").property(Property.u32("#address-cells", 1)).build())
                .withNode("/", n -> n.withChild(Node.builder("chosen").property(Property.string("bootargs", "quiet")).build()))
                .withBootCpuidPhys(2);
        ByteBuf out = tree.write(PooledByteBufAllocator.DEFAULT, WriteOptions.dtc());
        try {
            FdtTree back = FdtTree.read(out);
            assertThat(back).isEqualTo(tree);
            assertThat(back.node("/chosen").flatMap(n -> n.property("bootargs")).map(Property::asString)).contains("quiet");
            assertThat(out.getInt(out.readerIndex() + 0x1c)).isEqualTo(2);
        } finally {
            assertThat(out.release()).isTrue();
        }
    }
}
