package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class ValueKindTest {
    private static ValueKind guess(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        ByteBuf buf = Unpooled.buffer(b.length + 1).writeBytes(b); // never the shared EMPTY_BUFFER
        try {
            return ValueKind.guess(buf);
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    @Test
    void guessesAsDtcDoes() {
        assertThat(guess()).isEqualTo(ValueKind.EMPTY);
        assertThat(guess('a', 'b', 'c', 0)).isEqualTo(ValueKind.STRING);
        assertThat(guess('a', 0, 'b', 0)).isEqualTo(ValueKind.STRINGS);
        assertThat(guess('a', 'b', 0, 0)).as("NULs == other bytes is still a string").isEqualTo(ValueKind.STRINGS);
        assertThat(guess('a', 0, 0)).as("more NULs than other bytes").isEqualTo(ValueKind.BYTES);
        assertThat(guess(0)).isEqualTo(ValueKind.BYTES);
        assertThat(guess(0, 0, 0, 0)).isEqualTo(ValueKind.CELLS);
        assertThat(guess(8, 'a', 0)).as("\\b is a string char").isEqualTo(ValueKind.STRING);
        assertThat(guess(0x1b, 'a', 0)).as("ESC is not").isEqualTo(ValueKind.BYTES);
        assertThat(guess(0x7f, 'a', 0)).isEqualTo(ValueKind.BYTES);
        assertThat(guess(0xe9, 'a', 'b', 0)).isEqualTo(ValueKind.CELLS);
        assertThat(guess('a', 'b', 'c')).as("no final NUL").isEqualTo(ValueKind.BYTES);
    }
}
