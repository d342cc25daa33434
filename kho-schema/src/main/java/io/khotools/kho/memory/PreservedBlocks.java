package io.khotools.kho.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A set of preserved blocks, each a (physical address, order) pair meaning {@code 2^(order+pageShift)} bytes
 * at an address aligned to that size (kho-format.md §4). Stored compactly as one sorted {@code long} per block:
 * the radix-tree key {@code (1 << (64 - pageShift - order)) | (phys >>> (pageShift + order))}, which encodes
 * both halves and sorts by descending order, then ascending address. No object per block: 16 million blocks
 * take 128 MiB. Immutable; the key array is never exposed.
 */
public final class PreservedBlocks {
    private final int pageShift;
    private final long[] keys;

    private PreservedBlocks(int pageShift, long[] keys) {
        this.pageShift = pageShift;
        this.keys = keys;
    }

    /** The largest order a 64-bit address can hold for this page size ({@code 63 - pageShift}). */
    public static int maxOrder(int pageShift) {
        return 63 - pageShift;
    }

    /**
     * The key of a block.
     *
     * @throws IllegalArgumentException if the order is out of range or {@code phys} is not aligned to it
     */
    public static long key(long phys, int order, int pageShift) {
        if (order < 0 || order > maxOrder(pageShift)) {
            throw new IllegalArgumentException("order out of range: " + order);
        }
        int shift = pageShift + order;
        if (phys < 0 || (phys & ((1L << shift) - 1)) != 0) {
            throw new IllegalArgumentException("0x" + Long.toHexString(phys) + " not aligned to order " + order);
        }
        return (1L << (64 - pageShift - order)) | (phys >>> shift);
    }

    /** The order a valid key encodes ({@code 64 - pageShift - msb(key)}); undefined for key 0. */
    public static int keyOrder(long key, int pageShift) {
        return 64 - pageShift - (63 - Long.numberOfLeadingZeros(key));
    }

    /** The physical address a valid key encodes: the marker bit falls off the top. */
    public static long keyPhys(long key, int pageShift) {
        int shift = pageShift + keyOrder(key, pageShift);
        long marker = Long.highestOneBit(key);
        return (key ^ marker) << shift;
    }

    /** An empty set. */
    public static PreservedBlocks empty(int pageShift) {
        return new PreservedBlocks(pageShift, new long[0]);
    }

    /** A builder for blocks of the given page size. */
    public static Builder builder(int pageShift) {
        return new Builder(pageShift);
    }

    /** log2 of the page size the orders count in. */
    public int pageShift() {
        return pageShift;
    }

    /** Number of blocks. */
    public int count() {
        return keys.length;
    }

    /** The key of block {@code i} (ascending key order). */
    public long key(int i) {
        return keys[i];
    }

    /** Physical address of block {@code i}. */
    public long phys(int i) {
        return keyPhys(keys[i], pageShift);
    }

    /** Order of block {@code i}. */
    public int order(int i) {
        return keyOrder(keys[i], pageShift);
    }

    /** Bytes of block {@code i}. */
    public long size(int i) {
        return 1L << (pageShift + order(i));
    }

    /** A copy of the sorted keys. */
    public long[] keys() {
        return keys.clone();
    }

    /**
     * Blocks sorted by address as {@code phys | order} (the low bits of a page-aligned address are free),
     * ties by order.
     */
    public long[] byAddress() {
        long[] packed = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            packed[i] = keyPhys(keys[i], pageShift) | keyOrder(keys[i], pageShift);
        }
        Arrays.sort(packed);
        return packed;
    }

    /** The ranges the blocks cover, merged where they touch or overlap, ascending. */
    public List<PhysRange> ranges() {
        long[] packed = byAddress();
        long mask = (1L << pageShift) - 1;
        List<PhysRange> out = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (long p : packed) {
            long s = p & ~mask;
            long e = s + (1L << (pageShift + (int) (p & mask)));
            if (start >= 0 && s <= end) {
                end = Math.max(end, e);
            } else {
                if (start >= 0) {
                    out.add(new PhysRange(start, end));
                }
                start = s;
                end = e;
            }
        }
        if (start >= 0) {
            out.add(new PhysRange(start, end));
        }
        return out;
    }

    /** True if some block covers every byte of {@code r} (blocks may chain across their boundaries). */
    public boolean covers(PhysRange r) {
        for (PhysRange x : ranges()) {
            if (x.contains(r)) {
                return true;
            }
        }
        return r.size() == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PreservedBlocks b && b.pageShift == pageShift && Arrays.equals(b.keys, keys);
    }

    @Override
    public int hashCode() {
        return 31 * pageShift + Arrays.hashCode(keys);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PreservedBlocks[").append(keys.length).append(':');
        for (int i = 0; i < Math.min(keys.length, 8); i++) {
            sb.append(" 0x").append(Long.toHexString(phys(i))).append('/').append(order(i));
        }
        return sb.append(keys.length > 8 ? " ...]" : "]").toString();
    }

    /**
     * Collects blocks into a growable primitive array. Duplicates collapse; input in ascending key order
     * (what decoders and the kernel-style range split per order produce) skips the final sort.
     */
    public static final class Builder {
        private final int pageShift;
        private long[] keys = new long[16];
        private int n;
        private boolean sorted = true;

        private Builder(int pageShift) {
            if (pageShift < 9 || pageShift > 20) {
                throw new IllegalArgumentException("page shift out of range: " + pageShift);
            }
            this.pageShift = pageShift;
        }

        /** Adds one block; see {@link PreservedBlocks#key} for what is refused. */
        public Builder add(long phys, int order) {
            return addKey(key(phys, order, pageShift));
        }

        /**
         * Adds a key as a decoder found it.
         *
         * @throws IllegalArgumentException for key 0 or a key whose order is out of range
         */
        public Builder addKey(long key) {
            if (key == 0 || keyOrder(key, pageShift) < 0 || keyOrder(key, pageShift) > maxOrder(pageShift)) {
                throw new IllegalArgumentException("invalid key 0x" + Long.toHexString(key));
            }
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, Math.max(16, keys.length * 2));
            }
            if (n > 0 && keys[n - 1] >= key) {
                sorted = false;
            }
            keys[n++] = key;
            return this;
        }

        /**
         * Adds {@code [start, end)} split into blocks the kernel's way: greedily from the low end, each block of
         * order {@code min(ctz(pfn), floor(log2(end_pfn - pfn)))} (kho-format.md §4).
         *
         * @throws IllegalArgumentException if the bounds are not page-aligned or {@code end < start}
         */
        public Builder addRange(long start, long end) {
            long mask = (1L << pageShift) - 1;
            if ((start & mask) != 0 || (end & mask) != 0 || end < start || start < 0) {
                throw new IllegalArgumentException("range not page-aligned: " + new PhysRange(start, end));
            }
            long pfn = start >>> pageShift;
            long endPfn = end >>> pageShift;
            while (pfn < endPfn) {
                int order = Math.min(pfn == 0 ? 63 : Long.numberOfTrailingZeros(pfn),
                        63 - Long.numberOfLeadingZeros(endPfn - pfn));
                order = Math.min(order, maxOrder(pageShift));
                add(pfn << pageShift, order);
                pfn += 1L << order;
            }
            return this;
        }

        /** Blocks added so far. */
        public int count() {
            return n;
        }

        /** The set (sorted, duplicates removed). */
        public PreservedBlocks build() {
            // a full array is handed over as is (a later add copies it first): no 128 MiB copy for 16M keys
            long[] k = n == keys.length ? keys : Arrays.copyOf(keys, n);
            if (!sorted) {
                Arrays.sort(k);
                int w = 0;
                for (int i = 0; i < k.length; i++) {
                    if (w == 0 || k[w - 1] != k[i]) {
                        k[w++] = k[i];
                    }
                }
                k = Arrays.copyOf(k, w);
            }
            return new PreservedBlocks(pageShift, k);
        }
    }
}
