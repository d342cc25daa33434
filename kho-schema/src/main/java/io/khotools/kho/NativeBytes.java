package io.khotools.kho;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes KHO's native-order integers and fixed-size C strings in byte arrays. Every method takes the
 * byte order explicitly (kho-format.md §0: values are in the producing kernel's order). Offsets are checked by
 * the JDK: an out-of-range access throws {@link IndexOutOfBoundsException}, so callers check lengths first.
 */
public final class NativeBytes {
    private NativeBytes() {
    }

    /** The unsigned 16-bit value at {@code off}. */
    public static int u16(byte[] b, int off, ByteOrder order) {
        return ByteBuffer.wrap(b).order(order).getShort(off) & 0xffff;
    }

    /** The 32-bit value at {@code off}. */
    public static int u32(byte[] b, int off, ByteOrder order) {
        return ByteBuffer.wrap(b).order(order).getInt(off);
    }

    /** The 64-bit value at {@code off}. */
    public static long u64(byte[] b, int off, ByteOrder order) {
        return ByteBuffer.wrap(b).order(order).getLong(off);
    }

    /** Writes a 16-bit value at {@code off}. */
    public static void putU16(byte[] b, int off, int v, ByteOrder order) {
        ByteBuffer.wrap(b).order(order).putShort(off, (short) v);
    }

    /** Writes a 32-bit value at {@code off}. */
    public static void putU32(byte[] b, int off, int v, ByteOrder order) {
        ByteBuffer.wrap(b).order(order).putInt(off, v);
    }

    /** Writes a 64-bit value at {@code off}. */
    public static void putU64(byte[] b, int off, long v, ByteOrder order) {
        ByteBuffer.wrap(b).order(order).putLong(off, v);
    }

    /** An 8-byte array holding {@code v} in {@code order}. */
    public static byte[] u64Bytes(long v, ByteOrder order) {
        byte[] b = new byte[8];
        putU64(b, 0, v, order);
        return b;
    }

    /** A 4-byte array holding {@code v} in {@code order}. */
    public static byte[] u32Bytes(int v, ByteOrder order) {
        byte[] b = new byte[4];
        putU32(b, 0, v, order);
        return b;
    }

    /**
     * The C string in the fixed field {@code [off, off+len)}: the bytes before the first NUL, or all
     * {@code len} bytes if the field has no NUL (decoded as ISO-8859-1 so every byte survives).
     */
    public static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.ISO_8859_1);
    }

    /** True if the fixed field {@code [off, off+len)} contains a NUL. */
    public static boolean hasNul(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes {@code s} into the fixed field {@code [off, off+len)}, zero-filling the rest.
     *
     * @throws IllegalArgumentException if {@code s} (ISO-8859-1) needs more than {@code len - 1} bytes
     */
    public static void putCString(byte[] b, int off, int len, String s) {
        byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
        if (v.length >= len) {
            throw new IllegalArgumentException("string of " + v.length + " bytes does not fit a " + len
                    + "-byte field with its NUL: " + s);
        }
        System.arraycopy(v, 0, b, off, v.length);
        java.util.Arrays.fill(b, off + v.length, off + len, (byte) 0);
    }
}
