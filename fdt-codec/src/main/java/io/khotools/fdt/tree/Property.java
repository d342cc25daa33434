package io.khotools.fdt.tree;

import io.khotools.fdt.value.PropertyValues;
import io.khotools.fdt.value.RegEntry;
import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable device tree property: a name and a value held in a private {@code byte[]} (copied in and
 * out), detached from any buffer.
 *
 * <p>Typed accessors delegate to {@link PropertyValues}; a value of the wrong shape throws
 * {@link io.khotools.fdt.FdtException} ({@code BADVALUE}, {@code BADPHANDLE}, {@code BADNCELLS}) carrying
 * {@link #offset()}. Cells are big-endian (DT spec v0.4 §2.2.4); strings are encoded and decoded one byte per
 * char (ISO-8859-1).
 *
 * <p>{@code equals}/{@code hashCode} compare the name and value bytes only; {@link #offset()} records where
 * the property came from and is not part of its identity.
 */
public final class Property {
    private static final byte[] EMPTY = new byte[0];

    private final String name;
    private final byte[] value;
    private final int offset;

    /** Trusted: {@code value} is owned by the new instance, {@code name} already checked. */
    private Property(String name, byte[] value, int offset) {
        this.name = name;
        this.value = value;
        this.offset = offset;
    }

    /** For the tree writer: the value itself, not a copy. Callers in this package must not modify it. */
    byte[] rawValue() {
        return value;
    }

    /** For the reader: takes ownership of {@code value}, which it has just copied out of the blob. */
    static Property fromBlob(String name, byte[] value, int offset) {
        return new Property(name, value, offset);
    }

    /**
     * A property with a copy of {@code value}.
     *
     * @throws IllegalArgumentException if the name contains NUL or a char above 0xFF
     */
    public static Property of(String name, byte[] value) {
        return new Property(Names.check("property name", name), value.clone(), -1);
    }

    /** An empty (boolean) property, such as {@code interrupt-controller;}. */
    public static Property empty(String name) {
        return new Property(Names.check("property name", name), EMPTY, -1);
    }

    /** One big-endian u32 cell. */
    public static Property u32(String name, int value) {
        return cells(name, value);
    }

    /** A big-endian u64 (two cells, high first). */
    public static Property u64(String name, long value) {
        return u64(name, value, ByteOrder.BIG_ENDIAN);
    }

    /** A u64 in the given byte order (KHO stores native-endian values: kernel Documentation/core-api/kho). */
    public static Property u64(String name, long value, ByteOrder order) {
        byte[] v = new byte[8];
        for (int i = 0; i < 8; i++) {
            int shift = order == ByteOrder.BIG_ENDIAN ? 56 - 8 * i : 8 * i;
            v[i] = (byte) (value >>> shift);
        }
        return new Property(Names.check("property name", name), v, -1);
    }

    /** Big-endian u32 cells ({@code <a b c>}). */
    public static Property cells(String name, int... cells) {
        byte[] v = new byte[cells.length * 4];
        for (int i = 0; i < cells.length; i++) {
            v[4 * i] = (byte) (cells[i] >>> 24);
            v[4 * i + 1] = (byte) (cells[i] >>> 16);
            v[4 * i + 2] = (byte) (cells[i] >>> 8);
            v[4 * i + 3] = (byte) cells[i];
        }
        return new Property(Names.check("property name", name), v, -1);
    }

    /**
     * One NUL-terminated string.
     *
     * @throws IllegalArgumentException if the string contains NUL or a char above 0xFF
     */
    public static Property string(String name, String value) {
        return strings(name, List.of(value));
    }

    /** A string list: each string NUL-terminated, back to back. @throws IllegalArgumentException as {@link #string} */
    public static Property strings(String name, String... values) {
        return strings(name, Arrays.asList(values));
    }

    /** A string list: each string NUL-terminated, back to back. @throws IllegalArgumentException as {@link #string} */
    public static Property strings(String name, List<String> values) {
        Names.check("property name", name);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : values) {
            Names.check("string value", s);
            for (int i = 0; i < s.length(); i++) {
                out.write(s.charAt(i));
            }
            out.write(0);
        }
        return new Property(name, out.toByteArray(), -1);
    }

    /** The property name. */
    public String name() {
        return name;
    }

    /** The value's length in bytes. */
    public int length() {
        return value.length;
    }

    /** True for a zero-length value. */
    public boolean isEmpty() {
        return value.length == 0;
    }

    /** A copy of the value. */
    public byte[] toByteArray() {
        return value.clone();
    }

    /** Whether the value equals {@code bytes}, without copying. */
    public boolean valueEquals(byte[] bytes) {
        return Arrays.equals(value, bytes);
    }

    /** The byte at {@code index} of the value. @throws IndexOutOfBoundsException */
    public byte byteAt(int index) {
        return value[index];
    }

    /** Absolute offset of this property's PROP token in the blob it was read from, or -1 if built. */
    public int offset() {
        return offset;
    }

    /** A copy with another value, same name and offset -1. */
    public Property withValue(byte[] newValue) {
        return new Property(name, newValue.clone(), -1);
    }

    /** The value as one big-endian u32. @throws io.khotools.fdt.FdtException BADVALUE unless 4 bytes */
    public int asU32() {
        return PropertyValues.u32(value, offset);
    }

    /** The value as a big-endian u64. @throws io.khotools.fdt.FdtException BADVALUE unless 8 bytes */
    public long asU64() {
        return PropertyValues.u64(value, offset);
    }

    /** The value as a u64 in {@code order}. @throws io.khotools.fdt.FdtException BADVALUE unless 8 bytes */
    public long asU64(ByteOrder order) {
        return PropertyValues.u64(value, order, offset);
    }

    /** The value as big-endian cells. @throws io.khotools.fdt.FdtException BADVALUE unless length % 4 == 0 */
    public int[] asCells() {
        return PropertyValues.cells(value, offset);
    }

    /** The value as exactly one NUL-terminated string. @throws io.khotools.fdt.FdtException BADVALUE */
    public String asString() {
        return PropertyValues.string(value, offset);
    }

    /** The value as a string list. @throws io.khotools.fdt.FdtException BADVALUE if empty or not NUL-ended */
    public List<String> asStringList() {
        return PropertyValues.stringList(value, offset);
    }

    /** The value as a phandle. @throws io.khotools.fdt.FdtException BADVALUE or BADPHANDLE */
    public int asPhandle() {
        return PropertyValues.phandle(value, offset);
    }

    /**
     * The value as {@code reg} entries with the given (parent's) cell counts.
     *
     * @throws io.khotools.fdt.FdtException BADNCELLS or BADVALUE, see {@link PropertyValues#reg(byte[], int, int)}
     */
    public List<RegEntry> asReg(int addressCells, int sizeCells) {
        return PropertyValues.reg(value, addressCells, sizeCells, offset);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Property p && name.equals(p.name) && Arrays.equals(value, p.value);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(value);
    }

    /** {@code name (n bytes)}, with the bytes in hex when there are at most 16. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(" (").append(value.length).append(" bytes");
        if (value.length > 0 && value.length <= 16) {
            sb.append(':');
            for (byte b : value) {
                sb.append(' ').append(String.format("%02x", b & 0xff));
            }
        }
        return sb.append(')').toString();
    }
}
