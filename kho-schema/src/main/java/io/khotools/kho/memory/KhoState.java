package io.khotools.kho.memory;

import java.util.Objects;

/**
 * A whole handover state: the root FDT, the scratch array (null when not known) and the physical memory
 * holding the memory map and the sub-blobs the root points to. Arrays are borrowed, not copied.
 *
 * @param root the root FDT bytes
 * @param scratch the raw scratch array (16-byte native {@code addr, size} pairs), or null
 * @param memory the physical memory view
 */
public record KhoState(byte[] root, byte[] scratch, PhysMemory memory) {
    /** @throws NullPointerException for a null root or memory */
    public KhoState {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(memory, "memory");
    }
}
