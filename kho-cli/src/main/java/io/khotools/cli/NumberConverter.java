package io.khotools.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a non-negative 32-bit number written in decimal or with a {@code 0x} prefix, as dtc's options take. */
final class NumberConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        String v = value.trim();
        try {
            long n = v.startsWith("0x") || v.startsWith("0X") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            if (n < 0 || n > 0xffff_ffffL) {
                throw new TypeConversionException("'" + value + "' is outside 0..0xffffffff");
            }
            return (int) n;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a number (decimal or 0x hex)");
        }
    }
}
