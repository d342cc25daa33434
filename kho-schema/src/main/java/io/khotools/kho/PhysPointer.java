package io.khotools.kho;

/**
 * A physical address found in KHO metadata that cannot be followed without a physical-memory image (the
 * memory map, LUO session arrays, vmalloc chunks...). Decoders report these instead of failing.
 *
 * @param what what the pointer leads to, e.g. {@code "preserved-memory-map"} or {@code "/LUO:sessions_pa"}
 * @param address the physical address (0 = NULL)
 * @param size the size in bytes of what it points to, or -1 when the pointer itself does not say
 */
public record PhysPointer(String what, long address, long size) {}
