package io.khotools.fdt;

/**
 * One entry of the memory reservation block (DT spec §5.3): a physical range the OS must not use.
 *
 * @param address physical start address (unsigned 64-bit)
 * @param size length in bytes (unsigned 64-bit)
 */
public record ReserveEntry(long address, long size) {
    /** True for the all-zero entry that terminates the block under the spec's rule. */
    public boolean isZero() {
        return address == 0 && size == 0;
    }

    @Override
    public String toString() {
        return "0x" + Long.toHexString(address) + "+0x" + Long.toHexString(size);
    }
}
