package io.khotools.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses any 64-bit number: signed decimal, or {@code 0x} hex up to 16 digits (read as unsigned). */
final class LongConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim();
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not a 64-bit number (decimal or 0x hex)");
        }
    }
}
