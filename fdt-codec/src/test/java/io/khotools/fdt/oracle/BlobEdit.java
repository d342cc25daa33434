package io.khotools.fdt.oracle;

import static io.khotools.fdt.FdtFormat.*;

/**
 * Byte edits for mutants that keep the header in step: replacing a range moves every block that starts after
 * it and grows the sizes of the blocks it lies in, so a structural edit reaches the checks behind the header.
 * Works on whatever the header says, valid or not; fields the blob's version does not have are left alone.
 * All integers big-endian.
 */
final class BlobEdit {
    private BlobEdit() {}

    /** Reads a big-endian u32, or 0 past the end. */
    static int getInt(byte[] b, int off) {
        if (off < 0 || off + 4 > b.length) {
            return 0;
        }
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Writes a big-endian u32 in place when it fits; returns {@code b}. */
    static byte[] putInt(byte[] b, int off, int v) {
        if (off >= 0 && off + 4 <= b.length) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        }
        return b;
    }

    /** The header's version field, or 0 when the blob is too short to have one. */
    static int version(byte[] b) {
        return getInt(b, OFF_VERSION);
    }

    /** Big-endian u32 words as bytes. */
    static byte[] words(int... words) {
        byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            putInt(out, i * 4, words[i]);
        }
        return out;
    }

    /**
     * A copy with {@code oldLen} bytes at {@code at} replaced by {@code data}; block offsets past the edit move,
     * the sizes of blocks containing it and totalsize change by the difference.
     *
     * @throws IllegalArgumentException if the range is outside the blob or the blob has no full v17 header room
     */
    static byte[] replace(byte[] b, int at, int oldLen, byte[] data) {
        if (at < 0 || oldLen < 0 || at + oldLen > b.length || b.length < HEADER_SIZE_V17) {
            throw new IllegalArgumentException("range [" + at + ", +" + oldLen + ") of a " + b.length + "-byte blob");
        }
        int delta = data.length - oldLen;
        byte[] out = new byte[b.length + delta];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(data, 0, out, at, data.length);
        System.arraycopy(b, at + oldLen, out, at + data.length, b.length - at - oldLen);
        int version = version(b);
        boolean v17 = version < 0 || version >= 17;
        boolean v3 = version < 0 || version >= 3;
        int structOff = getInt(b, OFF_OFF_DT_STRUCT);
        int stringsOff = getInt(b, OFF_OFF_DT_STRINGS);
        // sizes first: they are judged by the old offsets
        if (v17 && inside(at, structOff, getInt(b, OFF_SIZE_DT_STRUCT))) {
            putInt(out, OFF_SIZE_DT_STRUCT, getInt(b, OFF_SIZE_DT_STRUCT) + delta);
        }
        if (v3 && inside(at, stringsOff, getInt(b, OFF_SIZE_DT_STRINGS))) {
            putInt(out, OFF_SIZE_DT_STRINGS, getInt(b, OFF_SIZE_DT_STRINGS) + delta);
        }
        for (int field : new int[] {OFF_OFF_MEM_RSVMAP, OFF_OFF_DT_STRUCT, OFF_OFF_DT_STRINGS}) {
            int off = getInt(b, field);
            if (Integer.compareUnsigned(off, at) > 0) {
                putInt(out, field, off + delta);
            }
        }
        return putInt(out, OFF_TOTALSIZE, getInt(b, OFF_TOTALSIZE) + delta);
    }

    /** True if an edit at {@code at} lands in the block [start, start + size] (its end included: appending). */
    private static boolean inside(int at, int start, int size) {
        long s = Integer.toUnsignedLong(start);
        return at >= s && at <= s + Integer.toUnsignedLong(size);
    }
}
