package io.khotools.fdt.gen;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Byte-level edits of FDT blobs held in {@code byte[]}, the primitives behind {@link FdtMutators} (libfdt's
 * {@code tests/trees.S} idea: broken blobs derived from valid ones by named edits, not hand-written hex).
 *
 * <p>Edits that insert or replace bytes inside the structure block keep the header consistent: every block
 * that starts after the edit moves, and totalsize (and, for version 17, size_dt_struct) grows, so an edit
 * breaks exactly what it means to break. Header fields are big-endian (DT spec v0.4 §5.2).
 *
 * <p>Methods documented "in place" modify and return their argument; the others return a new array. The
 * locating methods ({@link #nodeOffset}, {@link #propOffset}, ...) read the blob with a strict
 * {@link FdtReader} and throw {@link io.khotools.fdt.FdtException} if it is not readable, or
 * {@link IllegalArgumentException} if the thing looked for is not there. Not thread-safe only in the sense
 * that in-place edits race with other readers of the same array.
 */
public final class FdtBlobEdits {
    private FdtBlobEdits() {}

    // ---------------------------------------------------------------- raw words

    /** Big-endian u32 words as bytes. */
    public static byte[] words(int... words) {
        byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            putInt(out, i * 4, words[i]);
        }
        return out;
    }

    /** Reads a big-endian u32 at {@code off}. */
    public static int getInt(byte[] b, int off) {
        return (b[off] & 0xff) << 24 | (b[off + 1] & 0xff) << 16 | (b[off + 2] & 0xff) << 8 | (b[off + 3] & 0xff);
    }

    /** Writes a big-endian u32 in place and returns {@code b}. */
    public static byte[] putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
        return b;
    }

    /** Writes a big-endian u64 in place and returns {@code b}. */
    public static byte[] putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        return putInt(b, off + 4, (int) v);
    }

    /** XORs one byte in place and returns {@code b}. */
    public static byte[] xorByte(byte[] b, int off, int mask) {
        b[off] ^= (byte) mask;
        return b;
    }

    /** A new array: {@code data} inserted at {@code at}; no header field changes. */
    public static byte[] insert(byte[] b, int at, byte[] data) {
        byte[] out = new byte[b.length + data.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(data, 0, out, at, data.length);
        System.arraycopy(b, at, out, at + data.length, b.length - at);
        return out;
    }

    // ---------------------------------------------------------------- header fields

    /** The header's version field. */
    public static int version(byte[] b) {
        return getInt(b, FdtFormat.OFF_VERSION);
    }

    /** The header's totalsize field. */
    public static int totalSize(byte[] b) {
        return getInt(b, FdtFormat.OFF_TOTALSIZE);
    }

    /** Absolute offset of the structure block. */
    public static int structStart(byte[] b) {
        return getInt(b, FdtFormat.OFF_OFF_DT_STRUCT);
    }

    /** Absolute offset of the strings block. */
    public static int stringsStart(byte[] b) {
        return getInt(b, FdtFormat.OFF_OFF_DT_STRINGS);
    }

    /** The header's size_dt_strings (version 3 and later). */
    public static int stringsSize(byte[] b) {
        return getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS);
    }

    /** Absolute offset of the memory reservation block. */
    public static int rsvmapStart(byte[] b) {
        return getInt(b, FdtFormat.OFF_OFF_MEM_RSVMAP);
    }

    /**
     * Absolute offset of the FDT_END token as size_dt_struct places it (the last 4 bytes of a dtc-built
     * version 17 structure block); see {@link #endTokenByWalk} for any version.
     */
    public static int endToken(byte[] b) {
        return structStart(b) + getInt(b, FdtFormat.OFF_SIZE_DT_STRUCT) - 4;
    }

    /** Absolute offset of the FDT_END token, found by walking the structure block (any version). */
    public static int endTokenByWalk(byte[] b) {
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        try {
            FdtReader r = open(buf);
            FdtToken t = r.next();
            while (t != FdtToken.END) {
                t = r.next();
            }
            return r.offset();
        } finally {
            buf.release();
        }
    }

    // ---------------------------------------------------------------- locating things (through FdtReader)

    /** Absolute offset of the BEGIN_NODE token of the node at {@code path}. */
    public static int nodeOffset(byte[] b, String path) {
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        try {
            FdtReader r = open(buf);
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                if (t == FdtToken.BEGIN_NODE && r.path().equals(path)) {
                    return r.offset();
                }
            }
        } finally {
            buf.release();
        }
        throw new IllegalArgumentException("no node " + path);
    }

    /** Absolute offset of the PROP token of {@code path:name}. */
    public static int propOffset(byte[] b, String path, String name) {
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        try {
            FdtReader r = open(buf);
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                if (t == FdtToken.PROP && r.path().equals(path) && r.propertyNameEquals(name)) {
                    return r.offset();
                }
            }
        } finally {
            buf.release();
        }
        throw new IllegalArgumentException("no property " + path + ":" + name);
    }

    /** The strings-block offset of the name of {@code path:name}. */
    public static int nameoff(byte[] b, String path, String name) {
        return getInt(b, propOffset(b, path, name) + 8);
    }

    /** Absolute offsets of every PROP token, in order. */
    public static List<Integer> propOffsets(byte[] b) {
        List<Integer> out = new ArrayList<>();
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        try {
            FdtReader r = open(buf);
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                if (t == FdtToken.PROP) {
                    out.add(r.offset());
                }
            }
        } finally {
            buf.release();
        }
        return out;
    }

    /** A strict reader without depth or count limits: the edits must reach any valid blob, however deep. */
    private static FdtReader open(ByteBuf buf) {
        return FdtReader.open(buf, ReadLimits.NONE, ReadMode.STRICT);
    }

    // ---------------------------------------------------------------- editing with header fix-ups

    /**
     * A new array with {@code oldLen} bytes at {@code at} inside the structure block replaced by {@code data}
     * (the size change must keep 4-byte token alignment): blocks starting at or after {@code at + oldLen}
     * move, size_dt_struct (version 17) and totalsize change by the difference.
     *
     * @throws IllegalArgumentException if the size change is not a multiple of 4
     */
    public static byte[] replaceStruct(byte[] b, int at, int oldLen, byte[] data) {
        int delta = data.length - oldLen;
        if (delta % 4 != 0) {
            throw new IllegalArgumentException("size change must be a multiple of 4: " + delta);
        }
        byte[] out = new byte[b.length + delta];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(data, 0, out, at, data.length);
        System.arraycopy(b, at + oldLen, out, at + data.length, b.length - at - oldLen);
        for (int field : new int[] {FdtFormat.OFF_OFF_MEM_RSVMAP, FdtFormat.OFF_OFF_DT_STRINGS}) {
            if (getInt(b, field) >= at + oldLen) {
                putInt(out, field, getInt(b, field) + delta);
            }
        }
        if (version(b) >= FdtFormat.VERSION_LATEST) {
            putInt(out, FdtFormat.OFF_SIZE_DT_STRUCT, getInt(b, FdtFormat.OFF_SIZE_DT_STRUCT) + delta);
        }
        return putInt(out, FdtFormat.OFF_TOTALSIZE, getInt(b, FdtFormat.OFF_TOTALSIZE) + delta);
    }

    /** A new array with {@code data} inserted at {@code at} inside (or at the end of) the structure block. */
    public static byte[] insertStruct(byte[] b, int at, byte[] data) {
        return replaceStruct(b, at, 0, data);
    }

    /** A new array with the node at {@code path} renamed: its name and padding are rewritten, later bytes move. */
    public static byte[] renameNode(byte[] b, String path, String newName) {
        return renameNodeAt(b, nodeOffset(b, path), newName);
    }

    /** As {@link #renameNode} for the node whose BEGIN_NODE token is at {@code at}. */
    public static byte[] renameNodeAt(byte[] b, int at, String newName) {
        int nameStart = at + 4;
        int nul = nameStart;
        while (b[nul] != 0) {
            nul++;
        }
        int oldLen = FdtFormat.tokenAlign(nul + 1 - nameStart);
        return replaceStruct(b, nameStart, oldLen, paddedName(newName));
    }

    /** A node or property name as the structure block holds it: ISO-8859-1 bytes, NUL, zero padding to 4. */
    public static byte[] paddedName(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.copyOf(bytes, FdtFormat.tokenAlign(bytes.length + 1));
    }

    /**
     * Overwrites, in place, the strings-block entry {@code old} (a string starting the block or following a
     * NUL) with {@code replacement} of the same length, and returns {@code b}.
     *
     * @throws IllegalArgumentException if the lengths differ or no such entry exists
     */
    public static byte[] renameString(byte[] b, String old, String replacement) {
        if (old.length() != replacement.length()) {
            throw new IllegalArgumentException("same length needed");
        }
        int start = stringsStart(b);
        int size = stringsSize(b);
        byte[] needle = (old + "\0").getBytes(StandardCharsets.ISO_8859_1);
        for (int i = start; i + needle.length <= start + size; i++) {
            if ((i == start || b[i - 1] == 0) && Arrays.equals(b, i, i + needle.length, needle, 0, needle.length)) {
                byte[] r = replacement.getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(r, 0, b, i, r.length);
                return b;
            }
        }
        throw new IllegalArgumentException("no string " + old);
    }

    /**
     * A new array with {@code name} and its NUL appended to the strings block, which must end the blob; the
     * new string's offset is the old size_dt_strings.
     *
     * @throws IllegalArgumentException if the strings block does not end the blob
     */
    public static byte[] appendString(byte[] b, String name) {
        int start = stringsStart(b);
        int size = stringsSize(b);
        if (start + size != b.length) {
            throw new IllegalArgumentException("strings block does not end the blob");
        }
        byte[] out = insert(b, b.length, (name + "\0").getBytes(StandardCharsets.ISO_8859_1));
        putInt(out, FdtFormat.OFF_SIZE_DT_STRINGS, size + name.length() + 1);
        return putInt(out, FdtFormat.OFF_TOTALSIZE, out.length);
    }

    /**
     * A new array with {@code name} and its NUL added at the end of the strings block wherever the block
     * lies: the bytes are padded with NULs to a multiple of 8 (inside size_dt_strings, so blocks after it stay
     * aligned), every block starting after it moves, and totalsize grows.
     *
     * @return the new blob; the new string's offset in the strings block is the old size_dt_strings
     */
    public static byte[] addString(byte[] b, String name) {
        int start = stringsStart(b);
        int size = stringsSize(b);
        int at = start + size;
        byte[] raw = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = Arrays.copyOf(raw, (int) FdtFormat.alignUp(raw.length, 8));
        byte[] out = insert(b, at, data);
        for (int field : new int[] {FdtFormat.OFF_OFF_MEM_RSVMAP, FdtFormat.OFF_OFF_DT_STRUCT}) {
            if (getInt(b, field) >= at) {
                putInt(out, field, getInt(b, field) + data.length);
            }
        }
        putInt(out, FdtFormat.OFF_SIZE_DT_STRINGS, size + data.length);
        return putInt(out, FdtFormat.OFF_TOTALSIZE, getInt(b, FdtFormat.OFF_TOTALSIZE) + data.length);
    }

    /**
     * A new array with {@code n} zero bytes inserted at absolute offset {@code at} (outside any block's
     * content, e.g. right before a block): every block starting at or after {@code at} moves by {@code n} and
     * totalsize grows by {@code n}.
     */
    public static byte[] insertGap(byte[] b, int at, int n) {
        byte[] out = insert(b, at, new byte[n]);
        for (int field : new int[] {FdtFormat.OFF_OFF_MEM_RSVMAP, FdtFormat.OFF_OFF_DT_STRUCT,
            FdtFormat.OFF_OFF_DT_STRINGS}) {
            if (getInt(b, field) >= at) {
                putInt(out, field, getInt(b, field) + n);
            }
        }
        return putInt(out, FdtFormat.OFF_TOTALSIZE, getInt(b, FdtFormat.OFF_TOTALSIZE) + n);
    }

    /**
     * Absolute offset of the reservation map's terminating entry: the first 16-byte entry with size 0,
     * searched from off_mem_rsvmap up to totalsize.
     *
     * @throws IllegalArgumentException if there is none
     */
    public static int rsvmapTerminator(byte[] b) {
        int limit = Math.min(b.length, totalSize(b));
        for (int at = rsvmapStart(b); at + FdtFormat.RESERVE_ENTRY_SIZE <= limit; at += FdtFormat.RESERVE_ENTRY_SIZE) {
            if (getInt(b, at + 8) == 0 && getInt(b, at + 12) == 0) {
                return at;
            }
        }
        throw new IllegalArgumentException("reservation map has no terminator");
    }

    // ---------------------------------------------------------------- whole-blob layout edits

    /**
     * A new array with two zero bytes inserted before the structure block, so off_dt_struct is 2 mod 4 while
     * everything still reads (the rsvmap must precede the structure block, the strings block follow it).
     */
    public static byte[] misalignStruct(byte[] b) {
        int at = structStart(b);
        byte[] out = insert(b, at, new byte[2]);
        putInt(out, FdtFormat.OFF_OFF_DT_STRUCT, at + 2);
        putInt(out, FdtFormat.OFF_OFF_DT_STRINGS, stringsStart(b) + 2);
        return putInt(out, FdtFormat.OFF_TOTALSIZE, b.length + 2);
    }

    /**
     * In place: moves the start of the strings block 4 bytes back so that it begins on the FDT_END token,
     * fixing every property's name offset and size_dt_strings; returns {@code b}. Meant for blobs whose
     * strings block directly follows the structure block.
     */
    public static byte[] stringsOverlapStruct(byte[] b) {
        return stringsStartAt(b, stringsStart(b) - 4);
    }

    /**
     * In place: moves the start of the strings block to {@code newStart} (before its current start), keeping
     * every name where it is by adding the difference to every property's name offset and to
     * size_dt_strings; returns {@code b}.
     */
    public static byte[] stringsStartAt(byte[] b, int newStart) {
        int delta = stringsStart(b) - newStart;
        for (int prop : propOffsets(b)) {
            putInt(b, prop + 8, getInt(b, prop + 8) + delta);
        }
        putInt(b, FdtFormat.OFF_OFF_DT_STRINGS, newStart);
        return putInt(b, FdtFormat.OFF_SIZE_DT_STRINGS, stringsSize(b) + delta);
    }
}
