package io.khotools.kho.blob;

import java.util.List;

/**
 * The vmalloc'ed array of {@link MemfdFolio} behind {@link MemfdSer#folios()} (kho-format.md §5.5).
 *
 * @param folios every whole 16-byte record of the blob, in order
 */
public record MemfdFolioArray(List<MemfdFolio> folios) implements SubBlob {
    /** Copies the list. */
    public MemfdFolioArray {
        folios = List.copyOf(folios);
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.MEMFD_FOLIOS;
    }
}
