package io.khotools.kho.blob;

import java.util.List;
import java.util.Objects;

/**
 * {@code struct memfd_luo_ser} (packed, native order; kho-format.md §5.5). v1 (40 bytes): {@code pos},
 * {@code size}, {@code nr_folios} u64, {@code folios} {@link KhoVmalloc}. v2 (48 bytes): {@code pos},
 * {@code size}, {@code seals} u32, {@code flags} u32, {@code nr_folios}, {@code folios}.
 *
 * @param version 1 or 2
 * @param pos file position
 * @param size file size
 * @param seals F_SEAL_* bits (v2; 0 in v1)
 * @param flags memfd flags (v2; 0 in v1)
 * @param nrFolios number of folios
 * @param folios descriptor of the {@link MemfdFolioArray}
 */
public record MemfdSer(int version, long pos, long size, int seals, int flags, long nrFolios, KhoVmalloc folios)
        implements SubBlob {
    /** Size of v1. */
    public static final int SIZE_V1 = 40;
    /** Size of v2. */
    public static final int SIZE_V2 = 48;
    /** Every F_SEAL_* bit Linux defines (SEAL, SHRINK, GROW, WRITE, FUTURE_WRITE, EXEC). */
    public static final int KNOWN_SEALS = 0x3f;

    /** Checks the version. */
    public MemfdSer {
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("memfd version must be 1 or 2: " + version);
        }
        Objects.requireNonNull(folios, "folios");
    }

    /** Encoded size. */
    public int encodedSize() {
        return version == 1 ? SIZE_V1 : SIZE_V2;
    }

    @Override
    public SubBlobType type() {
        return version == 1 ? SubBlobType.MEMFD_V1 : SubBlobType.MEMFD_V2;
    }

    @Override
    public List<io.khotools.kho.PhysPointer> pointers() {
        return folios.pointers();
    }
}
