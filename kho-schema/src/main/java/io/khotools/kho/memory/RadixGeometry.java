package io.khotools.kho.memory;

/**
 * The constants of the {@code kho-v2}+ radix tree for one page size (kho-format.md §4.2): key width
 * {@code 64 - pageShift}, {@code 2^(pageShift-3)}-slot tables, {@code 8·pageSize}-bit leaves, and the depth,
 * whose formula changed between generations: {@code ⌈(o0 − b)/t⌉ + 1} before the fix (kho-v2/v3), and
 * {@code ⌈(o0 − b + 1)/t⌉ + 1} from kho-v4 on. Both give 6 for 4 KiB and 64 KiB pages, 4 vs 5 for 16 KiB.
 * Levels {@code depth-1 .. 1} are tables, level 0 is the leaf.
 *
 * @param pageShift log2 of the page size
 * @param fixedDepth true for the kho-v4 formula
 */
public record RadixGeometry(int pageShift, boolean fixedDepth) {
    /** @throws IllegalArgumentException for a page shift outside 9..20 */
    public RadixGeometry {
        if (pageShift < 9 || pageShift > 20) {
            throw new IllegalArgumentException("page shift out of range: " + pageShift);
        }
    }

    /** {@code KHO_ORDER_0_LOG2}: bit position of the order-0 marker. */
    public int order0Log2() {
        return 64 - pageShift;
    }

    /** {@code KHO_TABLE_SIZE_LOG2}: log2 of the slots per table. */
    public int tableLog2() {
        return pageShift - 3;
    }

    /** {@code KHO_BITMAP_SIZE_LOG2}: log2 of the bits per leaf. */
    public int bitmapLog2() {
        return pageShift + 3;
    }

    /** Tree depth including the leaf level. */
    public int depth() {
        int bits = order0Log2() - bitmapLog2() + (fixedDepth ? 1 : 0);
        return (bits + tableLog2() - 1) / tableLog2() + 1;
    }

    /** Right shift of the key giving the slot index at table level {@code level} (1 .. depth-1). */
    public int shift(int level) {
        return bitmapLog2() + tableLog2() * (level - 1);
    }

    /** Slots of the root table a valid key (below {@code 2^(order0Log2+1)}) can reach. */
    public int rootSlotLimit() {
        int s = shift(depth() - 1);
        int maxKeyBits = order0Log2() + 1;
        long limit = s >= maxKeyBits ? 1 : ((1L << (maxKeyBits - s)));
        return (int) Math.min(limit, 1L << tableLog2());
    }
}
