package io.khotools.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a physical address: decimal or {@code 0x} hex, 0 to 2^63 - 1 (KHO addresses stay below 2^63). */
final class AddressConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        String v = value.trim();
        boolean hex = v.startsWith("0x") || v.startsWith("0X");
        try {
            long n = hex ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
            if (n < 0 || (!hex && v.startsWith("-"))) {
                throw new TypeConversionException("'" + value + "' is outside 0..0x7fffffffffffffff");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "' is not an address (decimal or 0x hex)");
        }
    }
}
