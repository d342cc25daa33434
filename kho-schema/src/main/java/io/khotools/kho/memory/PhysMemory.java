package io.khotools.kho.memory;

import java.util.List;

/**
 * A view of physical memory as some image holds it: a synthetic page map, a raw file at a base address, a
 * core dump. Images are often partial (a dump of some pages only), so absence is an answer, never an error:
 * {@link #read} says whether every requested byte was there and {@link #absent} names the missing ranges.
 * Implementations never throw for an address the image lacks.
 */
public interface PhysMemory {
    /**
     * Copies {@code len} bytes at physical address {@code phys} into {@code dst[off..off+len)}.
     *
     * @return true if the image holds every byte; false if any is absent (then {@code dst} may be partly written)
     * @throws IndexOutOfBoundsException if {@code off}/{@code len} do not fit {@code dst}
     */
    boolean read(long phys, byte[] dst, int off, int len);

    /**
     * The sub-ranges of {@code [phys, phys+len)} this image does not hold, ascending and merged; empty when all
     * is present.
     */
    List<PhysRange> absent(long phys, long len);

    /**
     * The lowest address at or above {@code phys} whose byte may be nonzero: every byte in between is absent
     * or reads as zero, so a search for a nonzero pattern (a magic number) may skip to it. A lower bound;
     * {@link Long#MAX_VALUE} when nothing at or above {@code phys} can be nonzero. The default, {@code phys},
     * skips nothing; images that hold large zero-filled or absent stretches override it so that scans cost
     * what the image stores rather than what its headers claim.
     */
    default long dataFrom(long phys) {
        return phys;
    }

    /** True if every byte of {@code [phys, phys+len)} is present. */
    default boolean contains(long phys, long len) {
        return absent(phys, len).isEmpty();
    }
}
