package io.khotools.kho.scratch;

/**
 * One {@code struct kho_scratch} (kho-format.md §3.3): 16 bytes, native u64 {@code addr} and {@code size}.
 * Its role follows from its index in the array: see {@link ScratchKind#of(int)}.
 *
 * @param address physical start
 * @param size size in bytes
 */
public record ScratchArea(long address, long size) {
    /** Encoded size of one entry. */
    public static final int SIZE = 16;

    /** End address (exclusive), unsigned arithmetic; wraps past 2^64 only for hostile input. */
    public long end() {
        return address + size;
    }
}
