package io.khotools.kho.blob;

import java.util.Objects;

/**
 * One {@code reserve_mem=} region of a {@code memblock-v1} blob (kho-format.md §5.1): a child node with
 * {@code compatible = "reserve-mem-v1"}, native u64 {@code start} and {@code size}.
 *
 * @param name the region's name (node name, at most 15 characters in the kernel)
 * @param start physical start
 * @param size size in bytes
 */
public record ReserveMem(String name, long start, long size) {
    /** Requires a name. */
    public ReserveMem {
        Objects.requireNonNull(name, "name");
    }
}
