package io.khotools.fdt.stream;

/**
 * How strictly the reader treats the structure block's bounds (fdt-format.md §9.4).
 */
public enum ReadMode {
    /**
     * libfdt's rules: for version 17 blobs every token must lie inside
     * {@code [off_dt_struct, off_dt_struct + size_dt_struct)}.
     */
    STRICT,
    /**
     * dtc's rules: {@code size_dt_struct} is ignored and tokens may run up to {@code totalsize}
     * (real firmware images carry a too-small size_dt_struct).
     */
    LENIENT
}
