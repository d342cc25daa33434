package io.khotools.fdt.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class NettyLeakGuardTest {

    @Test
    void reportsAnUnreleasedBuffer() {
        NettyLeakGuard.collect(); // start clean
        leakOne();
        assertThat(NettyLeakGuard.collect()).anySatisfy(leak -> assertThat(leak).contains("LEAK"));
    }

    @Test
    void staysQuietWhenEverythingIsReleased() {
        NettyLeakGuard.collect();
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        assertThat(b.release()).isTrue();
        assertThat(NettyLeakGuard.collect()).isEmpty();
    }

    private static void leakOne() {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        b.writeInt(42); // dropped without release on purpose
    }
}
