package io.khotools.fdt;

/**
 * How the end of the memory reservation block is recognised. Implementations differ
 * (fdt-format.md §5), so the reader offers both.
 */
public enum ReserveTermination {
    /** libfdt's {@code fdt_num_mem_rsv} and dtc's DTB reader: the first entry with size 0 ends the block. */
    SIZE_ZERO,
    /** The DT spec and fdtdump: only an entry with address 0 and size 0 ends the block. */
    ADDRESS_AND_SIZE_ZERO
}
