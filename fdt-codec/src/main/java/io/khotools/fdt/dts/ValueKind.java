package io.khotools.fdt.dts;

import io.netty.buffer.ByteBuf;

/**
 * The shape a property value is printed in when the blob carries no type information, guessed the way
 * {@code dtc -I dtb -O dts} guesses it (fdt-format.md §11). Every printer of this package and the JSON
 * {@code type} field use this one guess, so a value is never a string in one output and cells in another.
 *
 * <ol>
 *   <li>{@link #EMPTY}: zero bytes.</li>
 *   <li>{@link #STRING} / {@link #STRINGS}: the last byte is NUL, every byte is printable ASCII
 *       (0x20..0x7e), NUL or one of {@code \a \b \t \n \v \f \r}, and there are no more NULs than other
 *       bytes. One NUL-terminated chunk is a {@code STRING}, several are {@code STRINGS} (chunks may be
 *       empty: {@code 61 62 00 00} is {@code "ab", ""}).</li>
 *   <li>{@link #CELLS}: otherwise, if the length is a multiple of 4 (big-endian 32-bit cells).</li>
 *   <li>{@link #BYTES}: everything else.</li>
 * </ol>
 */
public enum ValueKind {
    /** No bytes: a boolean property such as {@code interrupt-controller;}. */
    EMPTY("empty"),
    /** One NUL-terminated string. */
    STRING("string"),
    /** Two or more NUL-terminated strings back to back. */
    STRINGS("strings"),
    /** A sequence of big-endian 32-bit cells. */
    CELLS("cells"),
    /** Raw bytes. */
    BYTES("bytes");

    private final String id;

    ValueKind(String id) {
        this.id = id;
    }

    /** The lower-case name used in JSON output, e.g. {@code "cells"}. */
    public String id() {
        return id;
    }

    /**
     * Guesses the kind of a property value.
     *
     * @param value the value's readable bytes; borrowed, indices untouched
     * @return the guessed kind, never null
     */
    public static ValueKind guess(ByteBuf value) {
        int start = value.readerIndex();
        int len = value.readableBytes();
        if (len == 0) {
            return EMPTY;
        }
        int nuls = 0;
        boolean stringBytes = value.getByte(start + len - 1) == 0;
        for (int i = 0; i < len && stringBytes; i++) {
            int c = value.getByte(start + i) & 0xff;
            if (c == 0) {
                nuls++;
            } else if (!isStringChar(c)) {
                stringBytes = false;
            }
        }
        // dtc: a string needs at least as many non-NUL bytes as NULs, so "" alone prints as [00]
        if (stringBytes && nuls <= len - nuls) {
            return nuls == 1 ? STRING : STRINGS;
        }
        return (len & 3) == 0 ? CELLS : BYTES;
    }

    /** True for printable ASCII, the C {@code isprint} set in the "C" locale. */
    static boolean isPrintable(int c) {
        return c >= 0x20 && c <= 0x7e;
    }

    /** True for a non-NUL byte that dtc accepts inside a guessed string. */
    static boolean isStringChar(int c) {
        return isPrintable(c) || (c >= 0x07 && c <= 0x0d); // \a \b \t \n \v \f \r are 7..13
    }
}
