package io.khotools.fdt.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.stream.FdtCopier;
import io.khotools.fdt.stream.WriteOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/**
 * Found by the robustness properties: copying a blob whose structure block is only FDT_END (libfdt accepts
 * it) leaked the writer's IllegalStateException instead of the documented FdtException.
 */
class CopyOfRootlessBlobTest {

    @Test
    void rootlessBlobIsBadStructure() {
        ByteBuf blob = Unpooled.buffer(64);
        try {
            // header (v17), empty rsvmap at 0x28, struct = FDT_END at 0x38, empty strings at 0x3c
            blob.writeInt(0xd00dfeed).writeInt(0x3c).writeInt(0x38).writeInt(0x3c).writeInt(0x28)
                    .writeInt(17).writeInt(16).writeInt(0).writeInt(0).writeInt(4);
            blob.writeLong(0).writeLong(0);
            blob.writeInt(9);
            assertThatThrownBy(() -> FdtCopier.copy(blob, PooledByteBufAllocator.DEFAULT, WriteOptions.dtc()))
                    .isInstanceOfSatisfying(FdtException.class, e -> {
                        assertThat(e.error()).isEqualTo(FdtError.BADSTRUCTURE);
                        assertThat(e.offset()).isEqualTo(0x38);
                    });
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }
}
