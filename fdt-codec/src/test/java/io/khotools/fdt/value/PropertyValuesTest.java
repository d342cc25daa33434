package io.khotools.fdt.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteOrder;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PropertyValuesTest {

    private static byte[] b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return out;
    }

    private static void assertFails(ThrowingCallable call, FdtError error, long offset, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FdtException.class, e -> {
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.offset()).isEqualTo(offset);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    /** Runs {@code check} on a heap buffer positioned at reader index 3 inside a larger buffer. */
    private static void withBuf(byte[] value, Consumer<ByteBuf> check) {
        ByteBuf buf = Unpooled.buffer(value.length + 8);
        try {
            buf.writeBytes(b(0xaa, 0xbb, 0xcc)).writeBytes(value).writeBytes(b(0xdd, 0xee));
            ByteBuf slice = buf.slice(3, value.length);
            check.accept(slice);
            assertThat(slice.readerIndex()).isZero();
            assertThat(slice.writerIndex()).isEqualTo(value.length);
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    @Test
    void decodesU32BigEndian() {
        assertThat(PropertyValues.u32(b(0x12, 0x34, 0x56, 0x78))).isEqualTo(0x12345678);
        assertThat(PropertyValues.u32(b(0xff, 0xff, 0xff, 0xfe))).isEqualTo(0xfffffffe);
        withBuf(b(0x80, 0, 0, 1), v -> assertThat(PropertyValues.u32(v)).isEqualTo(0x80000001));
    }

    @Test
    void rejectsU32OfWrongLength() {
        assertFails(() -> PropertyValues.u32(b(1, 2, 3)), FdtError.BADVALUE, -1, "exactly 4 bytes, value has 3");
        assertFails(() -> PropertyValues.u32(b(1, 2, 3, 4, 5), 0x40), FdtError.BADVALUE, 0x40,
                "exactly 4 bytes, value has 5");
        assertFails(() -> PropertyValues.u32(new byte[0]), FdtError.BADVALUE, -1, "value has 0");
        withBuf(b(1, 2, 3, 4, 5, 6, 7, 8), v ->
                assertFails(() -> PropertyValues.u32(v, 9), FdtError.BADVALUE, 9, "value has 8"));
    }

    @Test
    void decodesU64InBothByteOrders() {
        byte[] v = b(0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0);
        assertThat(PropertyValues.u64(v)).isEqualTo(0x123456789abcdef0L);
        assertThat(PropertyValues.u64(v, ByteOrder.BIG_ENDIAN)).isEqualTo(0x123456789abcdef0L);
        assertThat(PropertyValues.u64(v, ByteOrder.LITTLE_ENDIAN)).isEqualTo(0xf0debc9a78563412L);
        withBuf(v, buf -> {
            assertThat(PropertyValues.u64(buf)).isEqualTo(0x123456789abcdef0L);
            assertThat(PropertyValues.u64(buf, ByteOrder.LITTLE_ENDIAN)).isEqualTo(0xf0debc9a78563412L);
        });
    }

    @Test
    void rejectsU64OfWrongLength() {
        assertFails(() -> PropertyValues.u64(b(1, 2, 3, 4)), FdtError.BADVALUE, -1, "exactly 8 bytes, value has 4");
        assertFails(() -> PropertyValues.u64(new byte[9], ByteOrder.LITTLE_ENDIAN, 0x100), FdtError.BADVALUE, 0x100,
                "exactly 8 bytes, value has 9");
        withBuf(b(1, 2, 3, 4, 5, 6, 7), v ->
                assertFails(() -> PropertyValues.u64(v, ByteOrder.BIG_ENDIAN, 5), FdtError.BADVALUE, 5, "value has 7"));
    }

    @Test
    void decodesCells() {
        assertThat(PropertyValues.cells(b(0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff))).containsExactly(1, -1);
        assertThat(PropertyValues.cells(new byte[0])).isEmpty();
        withBuf(b(0, 0, 0x10, 0), v -> assertThat(PropertyValues.cells(v)).containsExactly(0x1000));
    }

    @Test
    void rejectsCellsNotMultipleOfFour() {
        assertFails(() -> PropertyValues.cells(b(1, 2, 3, 4, 5)), FdtError.BADVALUE, -1,
                "multiple of 4, value has 5 bytes");
        withBuf(b(1, 2), v -> assertFails(() -> PropertyValues.cells(v, 12), FdtError.BADVALUE, 12, "has 2 bytes"));
    }

    @Test
    void decodesSingleString() {
        assertThat(PropertyValues.string(b('a', 'b', 'c', 0))).isEqualTo("abc");
        assertThat(PropertyValues.string(b(0))).isEmpty();
        assertThat(PropertyValues.string(b(0xe9, 0))).isEqualTo("\u00e9");
        withBuf(b('o', 'k', 0), v -> assertThat(PropertyValues.string(v)).isEqualTo("ok"));
    }

    @Test
    void rejectsMalformedStrings() {
        assertFails(() -> PropertyValues.string(new byte[0]), FdtError.BADVALUE, -1, "value is empty");
        assertFails(() -> PropertyValues.string(b('a', 'b')), FdtError.BADVALUE, -1, "must end in NUL");
        // an embedded NUL: reported at its own offset
        assertFails(() -> PropertyValues.string(b('a', 0, 'b', 0), 0x20), FdtError.BADVALUE, 0x21,
                "exactly one NUL, at its end (byte 3), found one at byte 1");
        withBuf(b('x'), v -> assertFails(() -> PropertyValues.string(v, 7), FdtError.BADVALUE, 7, "ends in 0x78"));
    }

    @Test
    void decodesStringLists() {
        assertThat(PropertyValues.stringList(b('a', 0, 'b', 'c', 0))).containsExactly("a", "bc");
        assertThat(PropertyValues.stringList(b(0))).containsExactly("");
        assertThat(PropertyValues.stringList(b('a', 0, 0))).containsExactly("a", "");
        withBuf(b('x', 0, 'y', 0), v -> assertThat(PropertyValues.stringList(v)).containsExactly("x", "y"));
    }

    @Test
    void rejectsMalformedStringLists() {
        assertFails(() -> PropertyValues.stringList(new byte[0]), FdtError.BADVALUE, -1, "value is empty");
        assertFails(() -> PropertyValues.stringList(b('a', 0, 'b'), 3), FdtError.BADVALUE, 3, "must end in NUL");
    }

    @Test
    void decodesPhandles() {
        assertThat(PropertyValues.phandle(b(0, 0, 0, 1))).isEqualTo(1);
        assertThat(PropertyValues.phandle(b(0xff, 0xff, 0xff, 0xfe))).isEqualTo(PropertyValues.MAX_PHANDLE);
        assertFails(() -> PropertyValues.phandle(b(0, 0, 0, 0), 4), FdtError.BADPHANDLE, 4, "0x00000000 is invalid");
        assertFails(() -> PropertyValues.phandle(b(0xff, 0xff, 0xff, 0xff)), FdtError.BADPHANDLE, -1, "0xffffffff");
        assertFails(() -> PropertyValues.phandle(b(0, 1)), FdtError.BADVALUE, -1, "exactly 4 bytes, value has 2");
    }

    @Test
    void decodesRegWithEveryCellCombination() {
        byte[] two = b(0, 0, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 2, 0x10, 0, 0, 0);
        assertThat(PropertyValues.reg(two, 2, 2)).containsExactly(new RegEntry(0x180000000L, 0x210000000L));
        assertThat(PropertyValues.reg(two, 1, 1)).containsExactly(
                new RegEntry(1, 0x80000000L), new RegEntry(2, 0x10000000L));
        assertThat(PropertyValues.reg(b(0, 0, 0, 1, 0x80, 0, 0, 0, 0, 0, 0, 2), 2, 1))
                .containsExactly(new RegEntry(0x180000000L, 2));
        assertThat(PropertyValues.reg(b(0, 0, 0, 7), 1, 0)).containsExactly(new RegEntry(7, 0));
        assertThat(PropertyValues.reg(b(0, 0, 0, 7), 0, 1)).containsExactly(new RegEntry(0, 7));
        assertThat(PropertyValues.reg(b(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), 2, 0))
                .containsExactly(new RegEntry(-1L, 0));
        withBuf(two, v -> assertThat(PropertyValues.reg(v, 1, 1)).hasSize(2));
    }

    @Test
    void rejectsRegOfWrongShape() {
        assertFails(() -> PropertyValues.reg(new byte[12], 1, 1, 0x30), FdtError.BADVALUE, 0x30,
                "non-empty multiple of 8 bytes (#address-cells 1, #size-cells 1), value has 12");
        assertFails(() -> PropertyValues.reg(new byte[0], 2, 1), FdtError.BADVALUE, -1, "value has 0");
        assertFails(() -> PropertyValues.reg(new byte[12], 3, 0), FdtError.BADNCELLS, -1, "#address-cells is 3");
        assertFails(() -> PropertyValues.reg(new byte[12], 1, 3), FdtError.BADNCELLS, -1, "#size-cells is 3");
        assertFails(() -> PropertyValues.reg(new byte[12], -1, 1), FdtError.BADNCELLS, -1, "is 4294967295");
        assertFails(() -> PropertyValues.reg(new byte[4], 0, 0), FdtError.BADNCELLS, -1, "entries would be empty");
    }

    @Test
    void decodesRanges() {
        byte[] v = b(0, 0, 0, 0, 0, 0, 0, 1, 0x40, 0, 0, 0, 0, 0x10, 0, 0);
        assertThat(PropertyValues.ranges(v, 1, 2, 1))
                .containsExactly(new RangeEntry(0, 0x140000000L, 0x100000));
        assertThat(PropertyValues.ranges(new byte[0], 1, 1, 1)).isEmpty();
        assertThat(PropertyValues.ranges(new byte[0], 0, 0, 0)).isEmpty();
        withBuf(v, buf -> assertThat(PropertyValues.ranges(buf, 1, 1, 2))
                .containsExactly(new RangeEntry(0, 1, 0x4000000000100000L)));
    }

    @Test
    void rejectsRangesOfWrongShape() {
        assertFails(() -> PropertyValues.ranges(new byte[16], 1, 1, 1, 8), FdtError.BADVALUE, 8,
                "multiple of 12 bytes (child #address-cells 1, parent #address-cells 1, #size-cells 1), value has 16");
        assertFails(() -> PropertyValues.ranges(new byte[12], 3, 1, 1), FdtError.BADNCELLS, -1,
                "child #address-cells is 3");
        assertFails(() -> PropertyValues.ranges(new byte[12], 1, 1, 5), FdtError.BADNCELLS, -1, "#size-cells is 5");
        assertFails(() -> PropertyValues.ranges(new byte[4], 0, 0, 0), FdtError.BADNCELLS, -1, "would be empty");
    }

    @Test
    void decodesCellCountsAndRejectsOtherLengths() {
        assertThat(PropertyValues.cellCount(b(0, 0, 0, 2), 0)).isEqualTo(2);
        assertFails(() -> PropertyValues.cellCount(b(0, 0, 2), 0x44), FdtError.BADNCELLS, 0x44,
                "exactly 4 bytes, value has 3");
        withBuf(b(0, 0, 0, 1), v -> assertThat(PropertyValues.cellCount(v, -1)).isEqualTo(1));
    }
}
