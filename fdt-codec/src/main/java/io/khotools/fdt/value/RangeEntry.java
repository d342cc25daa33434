package io.khotools.fdt.value;

/**
 * One entry of a {@code ranges} property (DT spec v0.4 §2.3.8): the child bus range
 * {@code [childAddress, childAddress + size)} maps to the parent bus range starting at {@code parentAddress}.
 * All three are unsigned 64-bit quantities kept in a {@code long}.
 *
 * @param childAddress address in the node's own (child) address space, {@code #address-cells} of the node
 * @param parentAddress address in the parent's address space, {@code #address-cells} of the parent
 * @param size length of the range, {@code #size-cells} of the node
 */
public record RangeEntry(long childAddress, long parentAddress, long size) {
    @Override
    public String toString() {
        return "0x" + Long.toHexString(childAddress) + "->0x" + Long.toHexString(parentAddress)
                + "+0x" + Long.toHexString(size);
    }
}
