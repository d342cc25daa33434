package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FdtReaderTest {

    private static List<String> walk(ByteBuf blob) {
        List<String> out = new ArrayList<>();
        FdtReader r = FdtReader.open(blob);
        for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
            switch (t) {
                case BEGIN_NODE -> out.add(r.depth() + " node " + r.path());
                case PROP -> out.add(r.depth() + " prop " + r.path() + ":" + r.propertyName() + " len " + r.propertyLength());
                case END_NODE -> out.add(r.depth() + " end " + r.path());
                default -> throw new AssertionError(t);
            }
        }
        return out;
    }

    @Test
    void walksDtcBlobInOrderWithPathsAndDepths() {
        ByteBuf blob = TestData.buffer("fdt/valid/basic.dtb");
        try {
            List<String> tokens = walk(blob);
            assertThat(tokens).startsWith(
                    "1 node /",
                    "1 prop /:#address-cells len 4",
                    "1 prop /:#size-cells len 4",
                    "1 prop /:model len 15",
                    "1 prop /:compatible len 28",
                    "2 node /chosen",
                    "2 prop /chosen:bootargs len 14",
                    "1 end /chosen");
            assertThat(tokens).contains("3 prop /cpus/cpu@0:reg len 4", "2 prop /serial@2000:wide len 8");
            assertThat(tokens).endsWith("0 end /");
            assertThat(blob.refCnt()).isEqualTo(1);
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void readsFromDirectBufferAtNonZeroReaderIndex() {
        byte[] bytes = TestData.bytes("fdt/valid/basic.dtb");
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 7);
        try {
            direct.writeZero(7).writeBytes(bytes).readerIndex(7);
            FdtReader r = FdtReader.open(direct);
            assertThat(r.reserveEntries()).containsExactly(new ReserveEntry(0x10000000L, 0x4000L));
            assertThat(r.next()).isEqualTo(FdtToken.BEGIN_NODE);
            assertThat(r.nodeNameEquals("")).isTrue();
            assertThat(r.next()).isEqualTo(FdtToken.PROP);
            assertThat(r.propertyNameEquals("#address-cells")).isTrue();
            assertThat(r.propertyNameEquals("#address-cell")).isFalse();
            assertThat(r.propertyValue().getInt(0)).isEqualTo(1);
            assertThat(direct.readerIndex()).isEqualTo(7);
        } finally {
            assertThat(direct.release()).isTrue();
        }
    }

    @Test
    void rejectsBadMagicWithCode() {
        byte[] bytes = TestData.bytes("fdt/valid/basic.dtb");
        bytes[0] = 0;
        ByteBuf blob = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
        try {
            assertThatThrownBy(() -> FdtReader.open(blob))
                    .isInstanceOfSatisfying(FdtException.class, e -> {
                        assertThat(e.error()).isEqualTo(FdtError.BADMAGIC);
                        assertThat(e.offset()).isZero();
                    });
        } finally {
            blob.release();
        }
    }
}
