package io.khotools.kho;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One child of the KHO root: a subsystem's node with the physical address of its blob and, from G3 on, the
 * blob's size (kho-format.md §2.1). Values are already converted from the producing kernel's byte order.
 *
 * @param name the node name the subsystem chose ({@code memblock}, {@code LUO}, ...)
 * @param address the blob's physical address ({@code fdt} or {@code preserved-data}); empty if the property is
 *     missing or not 8 bytes
 * @param blobSize the {@code blob-size} value; empty if absent or not 8 bytes
 */
public record KhoSubtree(String name, OptionalLong address, OptionalLong blobSize) {
    /** Requires non-null components. */
    public KhoSubtree {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(blobSize, "blobSize");
    }

    /** A subtree with an address and, if {@code blobSize >= 0}, a size. */
    public static KhoSubtree of(String name, long address, long blobSize) {
        return new KhoSubtree(name, OptionalLong.of(address),
                blobSize < 0 ? OptionalLong.empty() : OptionalLong.of(blobSize));
    }
}
