package io.khotools.kho.blob;

import java.util.List;

/**
 * The {@code memblock} subtree: FDT with root {@code compatible = "memblock-v1"} and one
 * {@code reserve-mem-v1} child per region, in blob order (kho-format.md §5.1). Children whose properties are
 * malformed are left out here and reported by the rules.
 *
 * @param regions the regions in blob order
 */
public record MemblockBlob(List<ReserveMem> regions) implements SubBlob {
    /** Root compatible. */
    public static final String COMPATIBLE = "memblock-v1";
    /** Region compatible. */
    public static final String REGION_COMPATIBLE = "reserve-mem-v1";

    /** Copies the list. */
    public MemblockBlob {
        regions = List.copyOf(regions);
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.MEMBLOCK;
    }
}
