package io.khotools.fdt.gen;

/**
 * The kinds of property value {@link FdtGenerator} draws, each with a weight in {@link FdtGenOptions}.
 * Cells are big-endian u32 (DT spec v0.4 §2.2.4).
 */
public enum ValueShape {
    /** No value ({@code prop;}). */
    EMPTY,
    /** One u32 cell. */
    U32,
    /** Several u32 cells. */
    CELLS,
    /** One big-endian u64 ({@code /bits/ 64}). */
    U64,
    /** One NUL-terminated printable string. */
    STRING,
    /** Two to four NUL-terminated strings. */
    STRING_LIST,
    /** Arbitrary bytes ({@code [..]}), any length. */
    BYTES,
    /** {@code reg}: (address, size) pairs sized by the parent's {@code #address-cells}/{@code #size-cells}. */
    REG,
    /** {@code ranges}: empty, or (child address, parent address, size) triples sized by the cells in force. */
    RANGES,
    /** A phandle of another generated node (which gets a {@code phandle} property), then 0-2 argument cells. */
    PHANDLE_REF
}
