package io.khotools.fdt.value;

import io.netty.buffer.ByteBuf;

/**
 * A read-only view of one property value, so that {@link PropertyValues} decodes a {@code ByteBuf} slice
 * and a {@code byte[]} with the same code. Indexes are relative to the value's first byte.
 */
abstract class ValueBytes {
    /** Number of bytes in the value. */
    abstract int length();

    /** The byte at {@code i}, 0 ≤ i < length(). */
    abstract byte get(int i);

    /** The big-endian 32-bit cell starting at {@code i}; the caller has checked that 4 bytes remain. */
    int cell(int i) {
        return (get(i) & 0xff) << 24 | (get(i + 1) & 0xff) << 16 | (get(i + 2) & 0xff) << 8 | (get(i + 3) & 0xff);
    }

    /** Index of the first NUL at or after {@code from}, or -1. */
    int indexOfNul(int from) {
        for (int i = from; i < length(); i++) {
            if (get(i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes {@code [from, to)} decoded one byte per char (ISO-8859-1), so every byte round-trips. */
    abstract String latin1(int from, int to);

    static ValueBytes of(byte[] value) {
        return new ArrayBytes(value);
    }

    static ValueBytes of(ByteBuf value) {
        return new BufBytes(value);
    }

    private static final class ArrayBytes extends ValueBytes {
        private final byte[] a;

        ArrayBytes(byte[] a) {
            this.a = a;
        }

        @Override
        int length() {
            return a.length;
        }

        @Override
        byte get(int i) {
            return a[i];
        }

        @Override
        String latin1(int from, int to) {
            return new String(a, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    /** Reads with absolute getters from the buffer's reader index; never moves its indices. */
    private static final class BufBytes extends ValueBytes {
        private final ByteBuf b;
        private final int base;
        private final int len;

        BufBytes(ByteBuf b) {
            this.b = b;
            this.base = b.readerIndex();
            this.len = b.readableBytes();
        }

        @Override
        int length() {
            return len;
        }

        @Override
        byte get(int i) {
            return b.getByte(base + i);
        }

        @Override
        int cell(int i) {
            return b.getInt(base + i);
        }

        @Override
        int indexOfNul(int from) {
            if (from >= len) {
                return -1;
            }
            int at = b.indexOf(base + from, base + len, (byte) 0);
            return at < 0 ? -1 : at - base;
        }

        @Override
        String latin1(int from, int to) {
            return b.toString(base + from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
