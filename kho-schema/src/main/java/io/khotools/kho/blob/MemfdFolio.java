package io.khotools.kho.blob;

/**
 * One 16-byte {@code memfd_luo_folio_ser} (kho-format.md §5.5): the first u64 holds {@code pfn:52} in its low
 * bits and {@code flags:12} in its top bits (GCC/Clang bit-field layout on little-endian targets), then
 * {@code index} u64.
 *
 * @param pfn page frame number (52 bits); 0 entries are skipped by the kernel
 * @param flags bit 0 DIRTY, bit 1 UPTODATE (12 bits)
 * @param index page offset in the file
 */
public record MemfdFolio(long pfn, int flags, long index) {
    /** Encoded size. */
    public static final int SIZE = 16;
    /** {@code MEMFD_LUO_FOLIO_DIRTY}. */
    public static final int DIRTY = 1;
    /** {@code MEMFD_LUO_FOLIO_UPTODATE}. */
    public static final int UPTODATE = 2;

    /** Checks the bit-field widths. */
    public MemfdFolio {
        if ((pfn >>> 52) != 0 || (flags & ~0xfff) != 0) {
            throw new IllegalArgumentException("pfn is 52 bits and flags 12 bits: " + pfn + ", " + flags);
        }
    }

    /** The packed first word. */
    public long word() {
        return pfn | ((long) flags << 52);
    }
}
