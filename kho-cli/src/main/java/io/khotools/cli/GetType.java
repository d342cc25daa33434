package io.khotools.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * fdtget's {@code -t} type: an optional element size ({@code hh} or {@code b} = 1 byte, {@code h} = 2,
 * {@code l} = 4, the default) and a format ({@code i} signed, {@code u} unsigned, {@code x} hex without
 * {@code 0x}, {@code s} string(s), {@code r} raw bytes), fdt-format.md §13.
 *
 * @param size element size in bytes: 1, 2 or 4
 * @param format one of {@code i u x s r}
 */
record GetType(int size, char format) {

    /** Parses {@code -t}. */
    static final class Converter implements ITypeConverter<GetType> {
        @Override
        public GetType convert(String value) {
            String v = value;
            int size = 4;
            if (v.startsWith("hh")) {
                size = 1;
                v = v.substring(2);
            } else if (v.startsWith("b")) {
                size = 1;
                v = v.substring(1);
            } else if (v.startsWith("h")) {
                size = 2;
                v = v.substring(1);
            } else if (v.startsWith("l")) {
                v = v.substring(1);
            }
            if (v.length() != 1 || "iuxsr".indexOf(v.charAt(0)) < 0) {
                throw new TypeConversionException("'" + value + "' is not a type: [hh|b|h|l] then one of"
                        + " i (signed), u (unsigned), x (hex), s (string), r (raw)");
            }
            return new GetType(size, v.charAt(0));
        }
    }
}
