package io.khotools.kho.memory;

/**
 * Bounds for following sub-blob chains through physical memory ({@link StateDecoder}). Every pointer-chasing
 * loop stops at these limits and says so ({@code kho.state.chain-length}); no limit comes from the input.
 *
 * <p>The default chain length, 10 000 pages, is the limit the kernel's KHO block restore itself enforces
 * (kho-format.md §5.6), so a chain it accepts is followed whole; a vmalloc area of 10 000 chunks lists over
 * five million pieces (20 GiB of 4 KiB pages). The default record limit, 1 048 576 records per array, keeps
 * one array's model under about 100 MiB of heap and also bounds the ranges one walk checks. The default read
 * budget, 256 MiB per walk, bounds the work a hostile image can cause however its pointers are arranged.
 *
 * @param maxChain most pages followed in one chain (vmalloc chunks, KHO blocks); at least 1
 * @param maxRecords most records read from one array (sessions, files, FLBs, memfd folios, kho_test entries);
 *     at least 1; also the most ranges one walk records to check against the preserved blocks
 * @param maxBytes most bytes one walk reads from the image (blobs, chain pages, arrays, vmalloc contents); at
 *     least 1
 */
public record WalkLimits(int maxChain, int maxRecords, long maxBytes) {
    /** 10 000 pages per chain (the kernel's KHO block limit), 1 048 576 records per array, 256 MiB read. */
    public static final WalkLimits DEFAULT = new WalkLimits(10_000, 1 << 20, 256L << 20);

    /** @throws IllegalArgumentException if a limit is below 1 */
    public WalkLimits {
        if (maxChain < 1 || maxRecords < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be at least 1: " + maxChain + ", " + maxRecords + ", "
                    + maxBytes);
        }
    }

    /** A copy with another chain limit. */
    public WalkLimits withMaxChain(int pages) {
        return new WalkLimits(pages, maxRecords, maxBytes);
    }
}
