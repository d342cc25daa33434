package io.khotools.fdt.value;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed decoding of property values (DT spec v0.4 §2.2.4 "property values").
 *
 * <p>Every decoder comes in two forms: one reading a {@code ByteBuf} value (for example the borrowed slice
 * from {@code FdtReader.propertyValue()}), one reading a {@code byte[]}. A {@code ByteBuf} argument is
 * borrowed: its readable bytes are the value, it is read with absolute getters, and neither its indices nor
 * its reference count change. Arguments are never kept.
 *
 * <p>FDT cells are big-endian 32-bit words. Strings are decoded one byte per char (ISO-8859-1) so that every
 * byte round-trips; DT strings are ASCII in practice.
 *
 * <p>A value of the wrong length or shape throws {@link FdtException} with {@link FdtError#BADVALUE} and a
 * message naming the expected and the actual shape; unusable cell counts throw {@link FdtError#BADNCELLS}.
 * The {@code offset} parameter of each decoder is the position reported in that exception (the value's or
 * its PROP token's offset in the source blob); the overloads without it report -1.
 */
public final class PropertyValues {
    /** DT spec v0.4 §2.3.5: {@code #address-cells} when a node does not say. */
    public static final int DEFAULT_ADDRESS_CELLS = 2;
    /** DT spec v0.4 §2.3.5: {@code #size-cells} when a node does not say. */
    public static final int DEFAULT_SIZE_CELLS = 1;
    /** The most cells {@link #reg} and {@link #ranges} combine into one value: two cells fill a {@code long}. */
    public static final int MAX_CELLS = 2;
    /** libfdt's largest valid phandle; 0 and 0xffffffff are never valid (fdt-format.md §9.5). */
    public static final int MAX_PHANDLE = 0xfffffffe;

    private PropertyValues() {}

    // ------------------------------------------------------------------ u32

    /** Decodes exactly 4 bytes as a big-endian u32 (returned as a signed int). @throws FdtException BADVALUE */
    public static int u32(ByteBuf value) {
        return u32(ValueBytes.of(value), -1);
    }

    /** As {@link #u32(ByteBuf)}, reporting {@code offset} in errors. */
    public static int u32(ByteBuf value, long offset) {
        return u32(ValueBytes.of(value), offset);
    }

    /** Decodes exactly 4 bytes as a big-endian u32 (returned as a signed int). @throws FdtException BADVALUE */
    public static int u32(byte[] value) {
        return u32(ValueBytes.of(value), -1);
    }

    /** As {@link #u32(byte[])}, reporting {@code offset} in errors. */
    public static int u32(byte[] value, long offset) {
        return u32(ValueBytes.of(value), offset);
    }

    private static int u32(ValueBytes v, long offset) {
        requireLength(v, 4, "a u32", offset);
        return v.cell(0);
    }

    // ------------------------------------------------------------------ u64

    /** Decodes exactly 8 bytes as a big-endian u64 (two cells, high first). @throws FdtException BADVALUE */
    public static long u64(ByteBuf value) {
        return u64(ValueBytes.of(value), ByteOrder.BIG_ENDIAN, -1);
    }

    /** As {@link #u64(ByteBuf)}, reporting {@code offset} in errors. */
    public static long u64(ByteBuf value, long offset) {
        return u64(ValueBytes.of(value), ByteOrder.BIG_ENDIAN, offset);
    }

    /**
     * Decodes exactly 8 bytes as a u64 in the given byte order. KHO stores its u64 values in the producing
     * kernel's native order (kernel Documentation/core-api/kho/fdt.rst), so callers pass that order.
     *
     * @throws FdtException BADVALUE if the value is not 8 bytes
     */
    public static long u64(ByteBuf value, ByteOrder order) {
        return u64(ValueBytes.of(value), order, -1);
    }

    /** As {@link #u64(ByteBuf, ByteOrder)}, reporting {@code offset} in errors. */
    public static long u64(ByteBuf value, ByteOrder order, long offset) {
        return u64(ValueBytes.of(value), order, offset);
    }

    /** Decodes exactly 8 bytes as a big-endian u64. @throws FdtException BADVALUE */
    public static long u64(byte[] value) {
        return u64(ValueBytes.of(value), ByteOrder.BIG_ENDIAN, -1);
    }

    /** As {@link #u64(byte[])}, reporting {@code offset} in errors. */
    public static long u64(byte[] value, long offset) {
        return u64(ValueBytes.of(value), ByteOrder.BIG_ENDIAN, offset);
    }

    /** Decodes exactly 8 bytes as a u64 in the given byte order. @throws FdtException BADVALUE */
    public static long u64(byte[] value, ByteOrder order) {
        return u64(ValueBytes.of(value), order, -1);
    }

    /** As {@link #u64(byte[], ByteOrder)}, reporting {@code offset} in errors. */
    public static long u64(byte[] value, ByteOrder order, long offset) {
        return u64(ValueBytes.of(value), order, offset);
    }

    private static long u64(ValueBytes v, ByteOrder order, long offset) {
        requireLength(v, 8, "a u64", offset);
        long r = 0;
        if (order == ByteOrder.BIG_ENDIAN) {
            for (int i = 0; i < 8; i++) {
                r = r << 8 | (v.get(i) & 0xffL);
            }
        } else {
            for (int i = 7; i >= 0; i--) {
                r = r << 8 | (v.get(i) & 0xffL);
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ cells

    /**
     * Decodes a value whose length is a multiple of 4 as big-endian 32-bit cells; an empty value gives an
     * empty array.
     *
     * @throws FdtException BADVALUE if the length is not a multiple of 4
     */
    public static int[] cells(ByteBuf value) {
        return cells(ValueBytes.of(value), -1);
    }

    /** As {@link #cells(ByteBuf)}, reporting {@code offset} in errors. */
    public static int[] cells(ByteBuf value, long offset) {
        return cells(ValueBytes.of(value), offset);
    }

    /** As {@link #cells(ByteBuf)} for an array. */
    public static int[] cells(byte[] value) {
        return cells(ValueBytes.of(value), -1);
    }

    /** As {@link #cells(byte[])}, reporting {@code offset} in errors. */
    public static int[] cells(byte[] value, long offset) {
        return cells(ValueBytes.of(value), offset);
    }

    private static int[] cells(ValueBytes v, long offset) {
        int len = v.length();
        if (len % 4 != 0) {
            throw bad(offset, "cells need a length that is a multiple of 4, value has " + len + " bytes");
        }
        int[] out = new int[len / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.cell(i * 4);
        }
        return out;
    }

    // ------------------------------------------------------------------ strings

    /**
     * Decodes exactly one NUL-terminated string: the value ends in NUL and contains no other NUL.
     *
     * @throws FdtException BADVALUE for an empty value, a missing final NUL or an embedded NUL
     */
    public static String string(ByteBuf value) {
        return string(ValueBytes.of(value), -1);
    }

    /** As {@link #string(ByteBuf)}, reporting {@code offset} in errors. */
    public static String string(ByteBuf value, long offset) {
        return string(ValueBytes.of(value), offset);
    }

    /** As {@link #string(ByteBuf)} for an array. */
    public static String string(byte[] value) {
        return string(ValueBytes.of(value), -1);
    }

    /** As {@link #string(byte[])}, reporting {@code offset} in errors. */
    public static String string(byte[] value, long offset) {
        return string(ValueBytes.of(value), offset);
    }

    private static String string(ValueBytes v, long offset) {
        int len = v.length();
        requireTerminated(v, "a string", offset);
        int nul = v.indexOfNul(0);
        if (nul != len - 1) {
            throw bad(offset < 0 ? -1 : offset + nul, "a string needs exactly one NUL, at its end (byte "
                    + (len - 1) + "), found one at byte " + nul);
        }
        return v.latin1(0, nul);
    }

    /**
     * Decodes a string list: one or more NUL-terminated strings back to back (DT spec v0.4 §2.2.4
     * {@code <stringlist>}). Empty elements are kept ({@code "a\0\0"} gives {@code ["a", ""]}).
     *
     * @return an unmodifiable list with at least one element
     * @throws FdtException BADVALUE for an empty value or one not ending in NUL
     */
    public static List<String> stringList(ByteBuf value) {
        return stringList(ValueBytes.of(value), -1);
    }

    /** As {@link #stringList(ByteBuf)}, reporting {@code offset} in errors. */
    public static List<String> stringList(ByteBuf value, long offset) {
        return stringList(ValueBytes.of(value), offset);
    }

    /** As {@link #stringList(ByteBuf)} for an array. */
    public static List<String> stringList(byte[] value) {
        return stringList(ValueBytes.of(value), -1);
    }

    /** As {@link #stringList(byte[])}, reporting {@code offset} in errors. */
    public static List<String> stringList(byte[] value, long offset) {
        return stringList(ValueBytes.of(value), offset);
    }

    private static List<String> stringList(ValueBytes v, long offset) {
        requireTerminated(v, "a string list", offset);
        List<String> out = new ArrayList<>();
        int len = v.length();
        // the last byte is NUL, so every search below finds one and the loop advances at least one byte
        for (int from = 0; from < len; ) {
            int nul = v.indexOfNul(from);
            out.add(v.latin1(from, nul));
            from = nul + 1;
        }
        return List.copyOf(out);
    }

    private static void requireTerminated(ValueBytes v, String what, long offset) {
        int len = v.length();
        if (len == 0) {
            throw bad(offset, what + " needs at least 1 byte (its NUL), value is empty");
        }
        if (v.get(len - 1) != 0) {
            throw bad(offset, what + " must end in NUL, value of " + len + " bytes ends in 0x"
                    + Integer.toHexString(v.get(len - 1) & 0xff));
        }
    }

    // ------------------------------------------------------------------ phandle

    /**
     * Decodes a phandle: exactly 4 bytes, big-endian, in {@code [1, 0xfffffffe]} (fdt-format.md §9.5).
     *
     * @return the phandle as a signed int (0xfffffffe reads as -2)
     * @throws FdtException BADVALUE if the value is not 4 bytes, BADPHANDLE for 0 or 0xffffffff
     */
    public static int phandle(ByteBuf value) {
        return phandle(ValueBytes.of(value), -1);
    }

    /** As {@link #phandle(ByteBuf)}, reporting {@code offset} in errors. */
    public static int phandle(ByteBuf value, long offset) {
        return phandle(ValueBytes.of(value), offset);
    }

    /** As {@link #phandle(ByteBuf)} for an array. */
    public static int phandle(byte[] value) {
        return phandle(ValueBytes.of(value), -1);
    }

    /** As {@link #phandle(byte[])}, reporting {@code offset} in errors. */
    public static int phandle(byte[] value, long offset) {
        return phandle(ValueBytes.of(value), offset);
    }

    private static int phandle(ValueBytes v, long offset) {
        requireLength(v, 4, "a phandle", offset);
        int p = v.cell(0);
        if (!isValidPhandle(p)) {
            throw new FdtException(FdtError.BADPHANDLE, offset,
                    String.format("phandle 0x%08x is invalid: expected 0x1..0x%08x", p, MAX_PHANDLE));
        }
        return p;
    }

    /** Whether {@code p} (unsigned) is a valid phandle: neither 0 nor 0xffffffff. */
    public static boolean isValidPhandle(int p) {
        return p != 0 && p != -1;
    }

    // ------------------------------------------------------------------ #cells

    /**
     * Decodes an {@code #address-cells} or {@code #size-cells} value: exactly one u32 cell (DT spec v0.4
     * §2.3.5). The count is returned as read; {@link #reg} and {@link #ranges} check its range.
     *
     * @throws FdtException BADNCELLS if the value is not 4 bytes (libfdt {@code fdt_address_cells})
     */
    public static int cellCount(ByteBuf value, long offset) {
        return cellCount(ValueBytes.of(value), offset);
    }

    /** As {@link #cellCount(ByteBuf, long)} for an array. */
    public static int cellCount(byte[] value, long offset) {
        return cellCount(ValueBytes.of(value), offset);
    }

    private static int cellCount(ValueBytes v, long offset) {
        if (v.length() != 4) {
            throw new FdtException(FdtError.BADNCELLS, offset,
                    "a #cells value needs exactly 4 bytes, value has " + v.length());
        }
        return v.cell(0);
    }

    // ------------------------------------------------------------------ reg

    /**
     * Decodes a {@code reg} value (DT spec v0.4 §2.3.6) as {@code (address, size)} pairs, using the
     * <em>parent's</em> {@code #address-cells} and {@code #size-cells}.
     *
     * @param addressCells cells per address, 0..{@value #MAX_CELLS}
     * @param sizeCells cells per size, 0..{@value #MAX_CELLS}
     * @return an unmodifiable, non-empty list
     * @throws FdtException BADNCELLS if a count is outside 0..2 or both are 0; BADVALUE if the value is empty
     *     or its length is not a multiple of {@code (addressCells + sizeCells) * 4}
     */
    public static List<RegEntry> reg(ByteBuf value, int addressCells, int sizeCells) {
        return reg(ValueBytes.of(value), addressCells, sizeCells, -1);
    }

    /** As {@link #reg(ByteBuf, int, int)}, reporting {@code offset} in errors. */
    public static List<RegEntry> reg(ByteBuf value, int addressCells, int sizeCells, long offset) {
        return reg(ValueBytes.of(value), addressCells, sizeCells, offset);
    }

    /** As {@link #reg(ByteBuf, int, int)} for an array. */
    public static List<RegEntry> reg(byte[] value, int addressCells, int sizeCells) {
        return reg(ValueBytes.of(value), addressCells, sizeCells, -1);
    }

    /** As {@link #reg(byte[], int, int)}, reporting {@code offset} in errors. */
    public static List<RegEntry> reg(byte[] value, int addressCells, int sizeCells, long offset) {
        return reg(ValueBytes.of(value), addressCells, sizeCells, offset);
    }

    private static List<RegEntry> reg(ValueBytes v, int ac, int sc, long offset) {
        checkCells("#address-cells", ac, offset);
        checkCells("#size-cells", sc, offset);
        int entry = entrySize(ac + sc, offset, "#address-cells " + ac + " + #size-cells " + sc);
        int len = v.length();
        if (len == 0 || len % entry != 0) {
            throw bad(offset, "reg needs a non-empty multiple of " + entry + " bytes (#address-cells " + ac
                    + ", #size-cells " + sc + "), value has " + len);
        }
        List<RegEntry> out = new ArrayList<>(len / entry);
        for (int pos = 0; pos < len; pos += entry) {
            out.add(new RegEntry(number(v, pos, ac), number(v, pos + 4 * ac, sc)));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ ranges

    /**
     * Decodes a {@code ranges} value (DT spec v0.4 §2.3.8). An empty value means the child and parent
     * address spaces are identical and gives an empty list.
     *
     * @param childAddressCells the node's own {@code #address-cells}, 0..2
     * @param parentAddressCells the parent's {@code #address-cells}, 0..2
     * @param childSizeCells the node's own {@code #size-cells}, 0..2
     * @return an unmodifiable list, empty for an identity mapping
     * @throws FdtException BADNCELLS if a count is outside 0..2 (or all are 0 for a non-empty value);
     *     BADVALUE if the length is not a multiple of the entry size
     */
    public static List<RangeEntry> ranges(ByteBuf value, int childAddressCells, int parentAddressCells,
                                          int childSizeCells) {
        return ranges(ValueBytes.of(value), childAddressCells, parentAddressCells, childSizeCells, -1);
    }

    /** As {@link #ranges(ByteBuf, int, int, int)}, reporting {@code offset} in errors. */
    public static List<RangeEntry> ranges(ByteBuf value, int childAddressCells, int parentAddressCells,
                                          int childSizeCells, long offset) {
        return ranges(ValueBytes.of(value), childAddressCells, parentAddressCells, childSizeCells, offset);
    }

    /** As {@link #ranges(ByteBuf, int, int, int)} for an array. */
    public static List<RangeEntry> ranges(byte[] value, int childAddressCells, int parentAddressCells,
                                          int childSizeCells) {
        return ranges(ValueBytes.of(value), childAddressCells, parentAddressCells, childSizeCells, -1);
    }

    /** As {@link #ranges(byte[], int, int, int)}, reporting {@code offset} in errors. */
    public static List<RangeEntry> ranges(byte[] value, int childAddressCells, int parentAddressCells,
                                          int childSizeCells, long offset) {
        return ranges(ValueBytes.of(value), childAddressCells, parentAddressCells, childSizeCells, offset);
    }

    private static List<RangeEntry> ranges(ValueBytes v, int cac, int pac, int csc, long offset) {
        checkCells("child #address-cells", cac, offset);
        checkCells("parent #address-cells", pac, offset);
        checkCells("#size-cells", csc, offset);
        int len = v.length();
        if (len == 0) {
            return List.of(); // DT spec §2.3.8: empty ranges = 1:1 identity mapping
        }
        int entry = entrySize(cac + pac + csc, offset,
                "child #address-cells " + cac + " + parent #address-cells " + pac + " + #size-cells " + csc);
        if (len % entry != 0) {
            throw bad(offset, "ranges needs a multiple of " + entry + " bytes (child #address-cells " + cac
                    + ", parent #address-cells " + pac + ", #size-cells " + csc + "), value has " + len);
        }
        List<RangeEntry> out = new ArrayList<>(len / entry);
        for (int pos = 0; pos < len; pos += entry) {
            out.add(new RangeEntry(number(v, pos, cac), number(v, pos + 4 * cac, pac),
                    number(v, pos + 4 * (cac + pac), csc)));
        }
        return List.copyOf(out);
    }

    // ------------------------------------------------------------------ helpers

    /** Combines {@code n} (0..2) big-endian cells at {@code pos} into one unsigned value. */
    private static long number(ValueBytes v, int pos, int n) {
        long r = 0;
        for (int i = 0; i < n; i++) {
            r = r << 32 | Integer.toUnsignedLong(v.cell(pos + 4 * i));
        }
        return r;
    }

    private static void checkCells(String what, int n, long offset) {
        if (n < 0 || n > MAX_CELLS) {
            throw new FdtException(FdtError.BADNCELLS, offset, what + " is " + Integer.toUnsignedString(n)
                    + ", supported are 0.." + MAX_CELLS + " (a value must fit 64 bits)");
        }
    }

    private static int entrySize(int cells, long offset, String what) {
        if (cells == 0) {
            throw new FdtException(FdtError.BADNCELLS, offset, what + " is 0: entries would be empty");
        }
        return cells * 4;
    }

    private static void requireLength(ValueBytes v, int expected, String what, long offset) {
        if (v.length() != expected) {
            throw bad(offset, what + " needs exactly " + expected + " bytes, value has " + v.length());
        }
    }

    private static FdtException bad(long offset, String message) {
        return new FdtException(FdtError.BADVALUE, offset, message);
    }

    /**
     * The test fdtdump and fdtget use to print a value as strings (dtc's {@code util_is_printable_string}
     * rule, fdt-format.md §12): it ends in NUL, and every NUL-separated string is non-empty and printable
     * ASCII only (0x20-0x7e; no tabs or newlines, unlike dtc's DTS guess).
     *
     * @param buf the blob or value buffer; borrowed, indices unchanged
     * @param index absolute index of the value's first byte in {@code buf}
     * @param length the value's length
     * @return false for an empty value
     */
    public static boolean isPrintableStringList(ByteBuf buf, int index, int length) {
        if (length == 0 || buf.getByte(index + length - 1) != 0) {
            return false;
        }
        boolean atStart = true;
        for (int i = 0; i < length; i++) {
            int c = buf.getByte(index + i) & 0xff;
            if (c == 0) {
                if (atStart) {
                    return false; // an empty string
                }
                atStart = true;
            } else if (c >= 0x20 && c <= 0x7e) {
                atStart = false;
            } else {
                return false;
            }
        }
        return true;
    }
}
