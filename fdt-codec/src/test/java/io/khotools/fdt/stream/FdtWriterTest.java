package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FdtWriterTest {
    private static final ByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

    /** Big-endian bytes of the given 32-bit words; the last word may be cut to {@code totalBytes}. */
    private static byte[] words(int totalBytes, int... words) {
        ByteBuffer b = ByteBuffer.allocate(words.length * 4);
        for (int w : words) {
            b.putInt(w);
        }
        byte[] out = new byte[totalBytes];
        System.arraycopy(b.array(), 0, out, 0, totalBytes);
        return out;
    }

    /** reserve 0x1000+0x20; / { bc; abc = <7>; n@1 { bc = [01 02 03]; }; } */
    private static void smallTree(FdtWriter w) {
        w.addReserveEntry(0x1000, 0x20);
        NodeHandle root = w.beginNode("");
        w.propertyEmpty("bc");
        w.propertyU32("abc", 7);
        NodeHandle n = w.beginNode("n@1");
        w.property("bc", new byte[] {1, 2, 3});
        w.endNode(n);
        w.endNode(root);
    }

    private static byte[] write(WriteOptions options, Consumer<FdtWriter> body) {
        try (FdtWriter w = FdtWriter.create(ALLOC, options)) {
            body.accept(w);
            ByteBuf blob = w.finish();
            try {
                assertThat(blob.refCnt()).isEqualTo(1);
                return ByteBufUtil.getBytes(blob);
            } finally {
                assertThat(blob.release()).isTrue();
            }
        }
    }

    @Test
    void writesDtcLayoutByteForByte() {
        // same bytes as: printf '/dts-v1/; /memreserve/ 0x1000 0x20; / { bc; abc = <7>; n@1 { bc = [01 02 03]; }; };' | dtc -O dtb
        byte[] expected = words(0x97,
                0xd00dfeed, // 0x00 magic
                0x00000097, // 0x04 totalsize
                0x00000048, // 0x08 off_dt_struct
                0x00000090, // 0x0c off_dt_strings
                0x00000028, // 0x10 off_mem_rsvmap
                0x00000011, // 0x14 version 17
                0x00000010, // 0x18 last_comp_version 16
                0x00000000, // 0x1c boot_cpuid_phys
                0x00000007, // 0x20 size_dt_strings
                0x00000048, // 0x24 size_dt_struct
                0x00000000, // 0x28 rsv address hi
                0x00001000, // 0x2c rsv address lo
                0x00000000, // 0x30 rsv size hi
                0x00000020, // 0x34 rsv size lo
                0x00000000, // 0x38 terminator
                0x00000000, // 0x3c
                0x00000000, // 0x40
                0x00000000, // 0x44
                0x00000001, // 0x48 BEGIN_NODE ""
                0x00000000, // 0x4c name "" + pad
                0x00000003, // 0x50 PROP
                0x00000000, // 0x54 len 0
                0x00000000, // 0x58 nameoff 0 "bc"
                0x00000003, // 0x5c PROP
                0x00000004, // 0x60 len 4
                0x00000003, // 0x64 nameoff 3 "abc" (appended: "bc" is not a suffix source for "abc")
                0x00000007, // 0x68 <7>
                0x00000001, // 0x6c BEGIN_NODE
                0x6e403100, // 0x70 "n@1\0"
                0x00000003, // 0x74 PROP
                0x00000003, // 0x78 len 3
                0x00000000, // 0x7c nameoff 0 "bc" (first occurrence)
                0x01020300, // 0x80 value + pad
                0x00000002, // 0x84 END_NODE
                0x00000002, // 0x88 END_NODE
                0x00000009, // 0x8c END
                0x62630061, // 0x90 strings "bc\0a"
                0x62630000); // 0x94 "bc\0"
        assertThat(write(WriteOptions.dtc(), FdtWriterTest::smallTree)).isEqualTo(expected);
    }

    @Test
    void writesLibfdtLayoutByteForByte() {
        // same bytes as pylibfdt FdtSw with the same calls, then as_fdt() cut to totalsize
        byte[] expected = words(0x9f,
                0xd00dfeed, // 0x00 magic
                0x0000009f, // 0x04 totalsize
                0x00000050, // 0x08 off_dt_struct
                0x00000098, // 0x0c off_dt_strings
                0x00000030, // 0x10 off_mem_rsvmap: 40-byte header rounded to 16
                0x00000011, // 0x14 version 17
                0x00000010, // 0x18 last_comp_version 16
                0x00000000, // 0x1c boot_cpuid_phys
                0x00000007, // 0x20 size_dt_strings
                0x00000048, // 0x24 size_dt_struct
                0x00000000, // 0x28 header pad
                0x00000000, // 0x2c header pad
                0x00000000, // 0x30 rsv address hi
                0x00001000, // 0x34 rsv address lo
                0x00000000, // 0x38 rsv size hi
                0x00000020, // 0x3c rsv size lo
                0x00000000, // 0x40 terminator
                0x00000000, // 0x44
                0x00000000, // 0x48
                0x00000000, // 0x4c
                0x00000001, // 0x50 BEGIN_NODE ""
                0x00000000, // 0x54 name "" + pad
                0x00000003, // 0x58 PROP
                0x00000000, // 0x5c len 0
                0x00000004, // 0x60 nameoff 4: "bc", stored first, ends up last
                0x00000003, // 0x64 PROP
                0x00000004, // 0x68 len 4
                0x00000000, // 0x6c nameoff 0: "abc", stored second, ends up first
                0x00000007, // 0x70 <7>
                0x00000001, // 0x74 BEGIN_NODE
                0x6e403100, // 0x78 "n@1\0"
                0x00000003, // 0x7c PROP
                0x00000003, // 0x80 len 3
                0x00000001, // 0x84 nameoff 1: "bc" found inside the newest string "abc"
                0x01020300, // 0x88 value + pad
                0x00000002, // 0x8c END_NODE
                0x00000002, // 0x90 END_NODE
                0x00000009, // 0x94 END
                0x61626300, // 0x98 strings "abc\0" (reverse first-use order)
                0x62630000); // 0x9c "bc\0"
        assertThat(write(WriteOptions.libfdt(), FdtWriterTest::smallTree)).isEqualTo(expected);
    }

    @Test
    void writtenBlobReadsBackWithTheReader() {
        ByteBuf blob;
        try (FdtWriter w = FdtWriter.create(ALLOC)) {
            NodeHandle root = w.beginNode("");
            w.propertyU64("u64", 0x0123456789abcdefL);
            w.propertyU64("u64le", 0x0123456789abcdefL, ByteOrder.LITTLE_ENDIAN);
            w.propertyCells("cells", 1, 2, 3);
            w.propertyString("s", "héllo");
            w.propertyStringList("sl", List.of("a", "", "bc"));
            w.propertyStringList("none", List.of());
            ByteBuf value = Unpooled.wrappedBuffer(new byte[] {9, 8, 7, 6, 5}).readerIndex(1);
            w.property("buf", value);
            assertThat(value.readerIndex()).isEqualTo(1);
            assertThat(value.release()).isTrue();
            w.nop();
            w.endNode(root);
            blob = w.finish();
        }
        try {
            FdtReader r = FdtReader.open(blob);
            assertThat(r.next()).isEqualTo(FdtToken.BEGIN_NODE);
            assertProp(r, "u64", "0123456789abcdef");
            assertProp(r, "u64le", "efcdab8967452301");
            assertProp(r, "cells", "000000010000000200000003");
            assertProp(r, "s", "68c3a96c6c6f00");
            assertProp(r, "sl", "61000062630" + "0");
            assertProp(r, "none", "");
            assertProp(r, "buf", "08070605");
            assertThat(r.next()).isEqualTo(FdtToken.END_NODE);
            assertThat(r.next()).isEqualTo(FdtToken.END);
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    private static void assertProp(FdtReader r, String name, String hex) {
        assertThat(r.next()).isEqualTo(FdtToken.PROP);
        assertThat(r.propertyName()).isEqualTo(name);
        assertThat(ByteBufUtil.hexDump(r.propertyValue())).isEqualTo(hex);
    }

    @Test
    void appliesDtcFreeSpaceOptionsInDtcOrder() {
        Consumer<FdtWriter> tree = w -> w.endNode(w.beginNode(""));
        // packed: 40 header + 16 terminator + 16 struct (BEGIN, name, END_NODE, END) + 0 strings = 72
        assertThat(write(WriteOptions.dtc(), tree)).hasSize(72);
        assertThat(write(WriteOptions.dtc().withPadding(10), tree)).hasSize(82);
        assertThat(write(WriteOptions.dtc().withPadding(10).withAlignment(16), tree)).hasSize(96);
        assertThat(write(WriteOptions.dtc().withMinTotalSize(50), tree)).hasSize(72); // -S never shrinks
        assertThat(write(WriteOptions.dtc().withMinTotalSize(100).withAlignment(64), tree)).hasSize(128);
        byte[] r2 = write(WriteOptions.dtc().withExtraReserveEntries(2), tree);
        assertThat(r2).hasSize(72 + 32);
        assertThat(ByteBuffer.wrap(r2).getInt(8)).isEqualTo(0x28 + 3 * 16); // struct after 3 zero entries
        byte[] v16 = write(WriteOptions.dtc().withVersion(16).withBootCpuId(3), tree);
        assertThat(ByteBuffer.wrap(v16).getInt(0x14)).isEqualTo(16);
        assertThat(ByteBuffer.wrap(v16).getInt(0x1c)).isEqualTo(3);
        assertThat(ByteBuffer.wrap(v16).getInt(0x24)).isZero(); // no size_dt_struct in a v16 header
        assertThat(ByteBuffer.wrap(v16).getInt(0x10)).isEqualTo(0x28);
    }

    @Test
    void rejectsWriterMisuseWithTheBrokenRule() {
        try (FdtWriter w = FdtWriter.create(ALLOC)) {
            assertThatThrownBy(() -> w.propertyU32("x", 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before the root node's beginNode()");
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("before the root node");
            NodeHandle root = w.beginNode("");
            assertThatThrownBy(() -> w.addReserveEntry(1, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("must come before the first beginNode()");
            NodeHandle a = w.beginNode("a");
            NodeHandle b = w.beginNode("b");
            assertThatThrownBy(() -> w.endNode(a)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("endNode(/a) out of order: its descendant /a/b is still open");
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class)
                    .hasMessage("finish() while node /a/b is still open");
            w.endNode(b);
            assertThatThrownBy(() -> w.endNode(b)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("endNode(/a/b): the node has already ended");
            assertThatThrownBy(() -> w.propertyEmpty("late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after a subnode");
            try (FdtWriter other = FdtWriter.create(ALLOC)) {
                NodeHandle foreign = other.beginNode("");
                assertThatThrownBy(() -> w.endNode(foreign)).isInstanceOf(IllegalStateException.class)
                        .hasMessage("endNode(/): the handle belongs to another writer");
            }
            w.endNode(a);
            w.endNode(root);
            assertThatThrownBy(() -> w.beginNode("second")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a blob has exactly one root");
            assertThatThrownBy(() -> w.propertyEmpty("x")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("after the root node ended");
            ByteBuf blob = w.finish();
            assertThat(blob.release()).isTrue();
            assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
            assertThatThrownBy(() -> w.beginNode("")).isInstanceOf(IllegalStateException.class).hasMessageContaining("finished");
        }
    }

    @Test
    void rejectsNamesOutsideDtcCharsets() {
        try (FdtWriter w = FdtWriter.create(ALLOC)) {
            assertThatThrownBy(() -> w.beginNode("root")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("root node's name must be \"\"");
            w.beginNode("");
            assertThatThrownBy(() -> w.beginNode("a@b@c")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("node_name_format");
            assertThatThrownBy(() -> w.beginNode("a#b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("node_name_chars");
            assertThatThrownBy(() -> w.beginNode("")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not be empty");
            assertThatThrownBy(() -> w.propertyEmpty("a@b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("property_name_chars");
            assertThatThrownBy(() -> w.propertyEmpty("nul\0")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("U+0000");
            assertThatThrownBy(() -> w.propertyString("s", "a\0b")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("contains NUL");
            w.propertyEmpty("#a,b._+*?-Z9");
            assertThatThrownBy(() -> w.propertyEmpty("#a,b._+*?-Z9")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duplicate_property_names");
            w.endNode(w.beginNode("x,y._+-@1,2"));
            assertThatThrownBy(() -> w.beginNode("x,y._+-@1,2")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("duplicate_node_names");
        }
    }

    @Test
    void rejectsBadReservationsUnlessLenient() {
        try (FdtWriter w = FdtWriter.create(ALLOC)) {
            w.addReserveEntry(0x1000, 0x1000);
            assertThatThrownBy(() -> w.addReserveEntry(0x2000, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("size 0");
            assertThatThrownBy(() -> w.addReserveEntry(0x1fff, 2)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlaps the earlier reservation 0x1000+0x1000");
            assertThatThrownBy(() -> w.addReserveEntry(0x800, 0x801)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlaps");
            assertThatThrownBy(() -> w.addReserveEntry(-16, 17)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("wraps");
            w.addReserveEntry(-16, 16); // ends exactly at 2^64
            w.addReserveEntry(0x2000, 1); // adjacent, no overlap
            assertThatThrownBy(() -> w.addReserveEntry(-1, 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("overlaps");
        }
        byte[] lenient = write(WriteOptions.dtc().lenient(), w -> {
            w.addReserveEntry(0x1000, 0);
            w.addReserveEntry(0x1000, 0x10);
            w.addReserveEntry(0x1000, 0x10);
            NodeHandle root = w.beginNode("not-empty");
            w.endNode(w.beginNode("a@b@c"));
            w.endNode(w.beginNode("a@b@c"));
            w.propertyEmpty("after child\u00ff");
            w.endNode(root);
        });
        assertThat(ByteBuffer.wrap(lenient).getInt(8)).isEqualTo(0x28 + 4 * 16);
    }

    @Test
    void closeReleasesAnUnfinishedBufferAndIsIdempotent() {
        FdtWriter w = FdtWriter.create(ALLOC);
        w.beginNode("");
        w.close();
        w.close();
        assertThatThrownBy(() -> w.propertyEmpty("x")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(w::finish).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void finishHandsOwnershipToTheCaller() {
        FdtWriter w = FdtWriter.create(ALLOC);
        w.endNode(w.beginNode(""));
        ByteBuf blob = w.finish();
        w.close(); // must not release the caller's blob
        assertThat(blob.refCnt()).isEqualTo(1);
        assertThat(blob.isDirect()).isTrue();
        assertThat(blob.readableBytes()).isEqualTo(blob.getInt(4));
        assertThat(blob.release()).isTrue();
    }

    @Test
    void writeOptionsValidateTheirArguments() {
        assertThatThrownBy(() -> WriteOptions.dtc().withPadding(4).withMinTotalSize(8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> WriteOptions.dtc().withAlignment(12)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> WriteOptions.libfdt().withVersion(16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("17 only");
        assertThatThrownBy(() -> WriteOptions.dtc().withVersion(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteOptions.dtc().withVersion(16).withLayout(Layout.LIBFDT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WriteOptions.dtc().withExtraReserveEntries(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WriteOptions.dtc().withAlignment(8).withPadding(3).toString())
                .isEqualTo("WriteOptions[DTC v17 -p 3 -a 8]");
        assertThat(WriteOptions.libfdt().withBootCpuId(2)).isEqualTo(WriteOptions.libfdt().withBootCpuId(2))
                .hasSameHashCodeAs(WriteOptions.libfdt().withBootCpuId(2));
        assertThat(Layout.DTC.reserveMapOffset(16)).isEqualTo(0x28);
        assertThat(Layout.LIBFDT.reserveMapOffset(17)).isEqualTo(0x30);
    }
}
