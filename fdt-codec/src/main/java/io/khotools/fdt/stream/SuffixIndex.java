package io.khotools.fdt.stream;

/**
 * Open-addressing hash index from "a NUL-terminated byte string stored in a strings table" to an int the
 * table chooses (an offset). Keys are 32-bit hashes of the string's bytes; since different strings may share
 * a hash, every hit is confirmed by the table's {@link Matcher}, so results are exact.
 *
 * <p>The hash folds bytes from the <em>last</em> byte towards the first ({@link #suffixHashes}), so the hashes
 * of all suffixes of a stored string come out of one backward pass. Not thread-safe.
 */
final class SuffixIndex {
    /** Confirms that the stored string identified by {@code value} equals {@code name[from, from + len)}. */
    interface Matcher {
        boolean matches(int value, byte[] name, int from, int len);
    }

    private static final int SEED = 0x9747b28c;
    private static final int MULTIPLIER = 0x01000193; // FNV-1 32-bit prime

    private final Matcher matcher;
    private int[] hashes = new int[64];
    private int[] values = new int[64];
    private int size;

    SuffixIndex(Matcher matcher) {
        this.matcher = matcher;
    }

    /** Hash of {@code s[from, to)}; equal to {@code suffixHashes(s, from', to)[..]} for the same bytes. Never 0. */
    static int hash(byte[] s, int from, int to) {
        int h = SEED;
        for (int i = to - 1; i >= from; i--) {
            h = (h + (s[i] & 0xff) + 1) * MULTIPLIER;
        }
        return finish(h);
    }

    /**
     * Hashes of the suffixes {@code s[i, to)} for {@code i} from {@code to - count + 1} to {@code to}: element
     * {@code k} is the hash of the suffix of length {@code k}.
     */
    static int[] suffixHashes(byte[] s, int to, int maxLength) {
        int[] out = new int[maxLength + 1];
        int h = SEED;
        out[0] = finish(h);
        for (int k = 1; k <= maxLength; k++) {
            h = (h + (s[to - k] & 0xff) + 1) * MULTIPLIER;
            out[k] = finish(h);
        }
        return out;
    }

    private static int finish(int h) {
        // murmur3 fmix32: spreads the low bits the slot mask uses
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }

    /**
     * Finds the entry for {@code name[from, from + len)} whose hash is {@code hash}.
     *
     * @return its slot, or -1 if absent
     */
    int find(int hash, byte[] name, int from, int len) {
        int mask = hashes.length - 1;
        for (int slot = hash & mask; hashes[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && matcher.matches(values[slot], name, from, len)) {
                return slot;
            }
        }
        return -1;
    }

    /** The value stored in a slot {@link #find} returned. */
    int value(int slot) {
        return values[slot];
    }

    /** Replaces the value stored in a slot {@link #find} returned. */
    void setValue(int slot, int value) {
        values[slot] = value;
    }

    /** Adds an entry; the caller has checked with {@link #find} that the string is absent. */
    void add(int hash, int value) {
        if (size + 1 > (hashes.length >> 1) + (hashes.length >> 2)) {
            grow();
        }
        insert(hashes, values, hash, value);
        size++;
    }

    /** Number of entries. */
    int size() {
        return size;
    }

    private void grow() {
        if (hashes.length >= 1 << 30) {
            throw new IllegalStateException("strings table index is full (2^30 slots)");
        }
        int[] newHashes = new int[hashes.length << 1];
        int[] newValues = new int[hashes.length << 1];
        for (int i = 0; i < hashes.length; i++) {
            if (hashes[i] != 0) {
                insert(newHashes, newValues, hashes[i], values[i]);
            }
        }
        hashes = newHashes;
        values = newValues;
    }

    private static void insert(int[] hs, int[] vs, int hash, int value) {
        int mask = hs.length - 1;
        int slot = hash & mask;
        while (hs[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        hs[slot] = hash;
        vs[slot] = value;
    }

    @Override
    public String toString() {
        return "SuffixIndex[" + size + " entries in " + hashes.length + " slots]";
    }
}
