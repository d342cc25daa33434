package io.khotools.fdt.check;

import java.nio.ByteBuffer;

/**
 * Everything the validator needs to know about property names, computed in one backward pass over the
 * strings block so each property costs O(1): for every byte position p, the length of the NUL-terminated
 * string starting at p (or "unterminated"), the union of the name-character classes in it, and a hash.
 * Distinct names get canonical ids (two offsets spelling the same name share an id, dtc's suffix sharing
 * included), so duplicate property names are found with an id-indexed stamp array.
 *
 * <p>Memory is proportional to the strings bytes present in the buffer, never to a header field.
 * A hash of the <em>reversed</em> string lets the backward pass extend the hash of p+1 to p in O(1).
 */
final class StringsIndex {
    /** Length value for a position with no NUL after it inside the block. */
    private static final int UNTERMINATED = -1;

    private final ByteBuffer b;
    private final int start;
    private final long declaredSize;
    private final int present;
    private final int[] len;
    private final byte[] bad;
    private final int[] hash;
    private final int[] idOf;
    private int[] table;
    private int ids;

    /**
     * @param b the blob view
     * @param start absolute offset of the strings block
     * @param declaredSize size a name offset must stay below (libfdt: size_dt_strings for v17, else up to totalsize)
     * @param present bytes of the block actually inside the buffer (&lt;= declaredSize)
     */
    StringsIndex(ByteBuffer b, int start, long declaredSize, int present) {
        this.b = b;
        this.start = start;
        this.declaredSize = declaredSize;
        this.present = present;
        this.len = new int[present];
        this.bad = new byte[present];
        this.hash = new int[present];
        this.idOf = new int[present];
        int curLen = UNTERMINATED;
        int curBad = 0;
        int curHash = 0;
        for (int p = present - 1; p >= 0; p--) {
            byte c = b.get(start + p);
            if (c == 0) {
                curLen = 0;
                curBad = 0;
                curHash = 0x811c9dc5;
            } else if (curLen != UNTERMINATED) {
                curLen++;
                curBad |= NameChars.of(c);
                curHash = (curHash ^ (c & 0xff)) * 0x01000193;
            }
            len[p] = curLen;
            bad[p] = (byte) curBad;
            hash[p] = curHash;
        }
        this.table = new int[16];
    }

    /** True if {@code nameoff} lies outside the block (libfdt BADOFFSET). */
    boolean outOfBlock(int nameoff) {
        return nameoff < 0 || nameoff >= declaredSize;
    }

    /** True if the name at an in-block {@code nameoff} has no NUL inside the block (libfdt TRUNCATED). */
    boolean unterminated(int nameoff) {
        return nameoff >= present || len[nameoff] == UNTERMINATED;
    }

    /** Length of the terminated name at {@code nameoff}. */
    int length(int nameoff) {
        return len[nameoff];
    }

    /** {@link NameChars} bad-kind bits of the terminated name at {@code nameoff}. */
    int badBits(int nameoff) {
        return bad[nameoff];
    }

    /** Absolute offset of the name at {@code nameoff}. */
    int absolute(int nameoff) {
        return start + nameoff;
    }

    /** Number of canonical ids handed out so far; ids are 1..count. */
    int maxIds() {
        return present;
    }

    /**
     * The canonical id (1-based) of the terminated name at {@code nameoff}, assigning one on first sight.
     * Returns it negated when it was assigned by this call for this offset, so the caller can run the
     * once-per-offset name checks.
     */
    int id(int nameoff) {
        int known = idOf[nameoff];
        if (known != 0) {
            return known;
        }
        int h = hash[nameoff];
        int l = len[nameoff];
        int mask = table.length - 1;
        int slot = mix(h) & mask;
        while (true) {
            int rep = table[slot];
            if (rep == 0) {
                break;
            }
            int other = rep - 1;
            if (hash[other] == h && len[other] == l && sameBytes(other, nameoff, l)) {
                idOf[nameoff] = idOf[other];
                return -idOf[nameoff];
            }
            slot = (slot + 1) & mask;
        }
        table[slot] = nameoff + 1;
        idOf[nameoff] = ++ids;
        if (ids * 2 > table.length) {
            grow();
        }
        return -ids;
    }

    private boolean sameBytes(int x, int y, int l) {
        int ax = start + x;
        int ay = start + y;
        for (int i = 0; i < l; i++) {
            if (b.get(ax + i) != b.get(ay + i)) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int[] old = table;
        table = new int[old.length * 2];
        int mask = table.length - 1;
        for (int rep : old) {
            if (rep != 0) {
                int slot = mix(hash[rep - 1]) & mask;
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = rep;
            }
        }
    }

    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
