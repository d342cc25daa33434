package io.khotools.fdt.stream;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The strings block under construction: interns property names and hands out their name offsets, with the
 * exact sharing rules of dtc or of libfdt's sequential writer (see {@link Layout}).
 *
 * <p>Both references look a name up as "name followed by NUL" in the table built so far and reuse the
 * <em>lowest address</em> where it occurs, so a name can point into the tail of a longer stored name
 * (suffix sharing). They differ in where a new string goes: dtc appends it ({@link #appending()}, lowest
 * address = first stored), libfdt stores it below the others ({@link #prepending()}, lowest address = most
 * recently stored). Offsets of a prepending table are negative (relative to the table's end) until the
 * table is complete; the final offset is {@code size() + offset}.
 *
 * <p>Cost: a lookup hashes the name once and confirms a hit by comparing bytes; a new string indexes each of
 * its suffixes up to {@value #INDEXED_SUFFIX_MAX} bytes. Names longer than that are found by one linear scan of
 * the table, which keeps hostile multi-megabyte names linear instead of quadratic. Not thread-safe.
 */
final class StringTable {
    /** Suffixes up to this length are hashed; real property names are at most a few dozen bytes. */
    static final int INDEXED_SUFFIX_MAX = 256;

    private final boolean prepend;
    private final SuffixIndex index;
    /** dtc offsets never change once handed out, so exact names can be cached. */
    private final Map<String, Integer> exactCache;
    private byte[] data;
    /** The table is data[low, high). Appending: low = 0. Prepending: high = data.length. */
    private int low;
    private int high;

    private StringTable(boolean prepend) {
        this.prepend = prepend;
        this.data = new byte[256];
        this.low = prepend ? data.length : 0;
        this.high = prepend ? data.length : 0;
        this.index = new SuffixIndex(this::matches);
        this.exactCache = prepend ? null : new HashMap<>();
    }

    /** dtc's table: new strings are appended; offsets are final when handed out. */
    static StringTable appending() {
        return new StringTable(false);
    }

    /** libfdt's sequential-write table: new strings go below the old ones; offsets are relative to the end. */
    static StringTable prepending() {
        return new StringTable(true);
    }

    /** The table for a layout. */
    static StringTable forLayout(Layout layout) {
        return layout == Layout.LIBFDT ? prepending() : appending();
    }

    /** Whether offsets from {@link #offsetOf} are relative to the table's end (add {@link #size()} at the end). */
    boolean offsetsFromEnd() {
        return prepend;
    }

    /** Current size of the table in bytes. */
    int size() {
        return high - low;
    }

    /**
     * The name offset for {@code name}, storing it if no stored string ends with it.
     *
     * @param name a property name whose chars are all in U+0001..U+00FF (one byte each, ISO-8859-1); the
     *     writer has checked this
     * @return the offset from the table's start (appending) or a negative offset from its end (prepending)
     * @throws IllegalStateException if the table would exceed 2^31 - 1 bytes
     */
    int offsetOf(String name) {
        if (exactCache != null) {
            Integer cached = exactCache.get(name);
            if (cached != null) {
                return cached;
            }
        }
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        int pos = find(bytes);
        if (pos < 0) {
            pos = store(bytes);
        }
        int offset = prepend ? pos - data.length : pos;
        if (exactCache != null) {
            exactCache.put(name, offset);
        }
        return offset;
    }

    /** Writes the table's bytes to {@code out} (at its writer index). */
    void writeTo(ByteBuf out) {
        out.writeBytes(data, low, high - low);
    }

    /** A copy of the table's bytes. */
    byte[] toByteArray() {
        byte[] out = new byte[high - low];
        System.arraycopy(data, low, out, 0, out.length);
        return out;
    }

    /** Absolute position in {@code data} of the lowest stored "name NUL", or -1. */
    private int find(byte[] name) {
        int len = name.length;
        if (len <= INDEXED_SUFFIX_MAX) {
            int slot = index.find(SuffixIndex.hash(name, 0, len), name, 0, len);
            return slot < 0 ? -1 : positionOf(index.value(slot));
        }
        // Long names are not indexed: scan the strings from the lowest address, as both references do.
        for (int p = low; p < high; ) {
            int nul = nulFrom(p);
            if (nul - p >= len && regionEquals(nul - len, name, 0, len)) {
                return nul - len;
            }
            p = nul + 1;
        }
        return -1;
    }

    /** Stores {@code name} + NUL and indexes its suffixes; returns its absolute position. */
    private int store(byte[] name) {
        int len = name.length;
        // size() + len + 1 as long: cannot overflow, both terms < 2^31
        if ((long) size() + len + 1 > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("strings block would exceed 2^31 bytes");
        }
        ensureRoom(len + 1);
        int pos;
        if (prepend) {
            low -= len + 1;
            pos = low;
        } else {
            pos = high;
            high += len + 1;
        }
        System.arraycopy(name, 0, data, pos, len);
        data[pos + len] = 0;
        indexSuffixes(name, pos);
        return pos;
    }

    private void indexSuffixes(byte[] name, int pos) {
        int len = name.length;
        int longest = Math.min(len, INDEXED_SUFFIX_MAX);
        int[] hashes = SuffixIndex.suffixHashes(name, len, longest);
        for (int k = longest; k >= 0; k--) {
            int from = len - k;
            int value = prepend ? pos + from - data.length : pos + from;
            int slot = index.find(hashes[k], name, from, k);
            if (slot < 0) {
                index.add(hashes[k], value);
            } else if (prepend) {
                // libfdt: the newest string has the lowest address, so it now wins every lookup of this suffix
                index.setValue(slot, value);
            } else {
                // dtc: the earlier string keeps the lowest offset; every shorter suffix is a suffix of that
                // same stored string, hence indexed already
                break;
            }
        }
    }

    private boolean matches(int value, byte[] name, int from, int len) {
        int p = positionOf(value);
        // p + len <= high - 1 keeps the NUL check inside the table
        return p >= low && (long) p + len < high && regionEquals(p, name, from, len) && data[p + len] == 0;
    }

    private int positionOf(int value) {
        return prepend ? data.length + value : value;
    }

    private boolean regionEquals(int p, byte[] name, int from, int len) {
        return java.util.Arrays.equals(data, p, p + len, name, from, from + len);
    }

    private int nulFrom(int p) {
        while (data[p] != 0) {
            p++;
        }
        return p;
    }

    private void ensureRoom(int extra) {
        int free = prepend ? low : data.length - high;
        if (free >= extra) {
            return;
        }
        long wanted = Math.max((long) data.length * 2, (long) size() + extra + 64);
        int capacity = (int) Math.min(wanted, Integer.MAX_VALUE - 8);
        byte[] bigger = new byte[capacity];
        if (prepend) {
            // keep distances from the end: they are the offsets already written into the structure block
            int newLow = capacity - size();
            System.arraycopy(data, low, bigger, newLow, size());
            low = newLow;
            high = capacity;
        } else {
            System.arraycopy(data, 0, bigger, 0, high);
        }
        data = bigger;
    }
}
