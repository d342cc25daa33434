package io.khotools.kho.blob;

import java.util.List;

/**
 * The {@code kho_test} subtree of lib/test_kho.c (kho-format.md §5.2): FDT with {@code compatible =
 * "kho-test-v1"}, native u32 {@code magic}, and node {@code data} with native u32 {@code nr_folios}, the
 * 16-byte {@link KhoVmalloc} {@code folios_info} and native u32 {@code csum}.
 *
 * @param magic should be {@link #MAGIC}
 * @param nrFolios number of folios
 * @param foliosInfo descriptor of the u64 array of {@code phys | order} entries
 * @param csum IP checksum of all folios
 */
public record KhoTestBlob(int magic, int nrFolios, KhoVmalloc foliosInfo, int csum) implements SubBlob {
    /** Root compatible. */
    public static final String COMPATIBLE = "kho-test-v1";
    /** "KHO!". */
    public static final int MAGIC = 0x4b484f21;

    @Override
    public SubBlobType type() {
        return SubBlobType.KHO_TEST;
    }

    @Override
    public List<io.khotools.kho.PhysPointer> pointers() {
        return foliosInfo.pointers();
    }
}
