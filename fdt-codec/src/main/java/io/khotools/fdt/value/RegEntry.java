package io.khotools.fdt.value;

/**
 * One {@code (address, size)} pair of a {@code reg} property (DT spec v0.4 §2.3.6), each value assembled
 * big-endian from up to two 32-bit cells. Both are unsigned 64-bit quantities kept in a {@code long}; use
 * {@link Long#toUnsignedString(long)} or {@link Long#compareUnsigned(long, long)} for values ≥ 2^63.
 *
 * @param address the bus address; 0 when {@code #address-cells} is 0
 * @param size the length in bytes; 0 when {@code #size-cells} is 0
 */
public record RegEntry(long address, long size) {
    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + "+0x" + Long.toHexString(size);
    }
}
