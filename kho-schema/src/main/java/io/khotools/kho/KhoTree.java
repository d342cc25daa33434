package io.khotools.kho;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The decoded KHO root FDT: generation, memory-map pointer and subtrees in blob order (kho-format.md §2).
 * Immutable.
 *
 * @param abi the generation detected from {@code compatible}
 * @param abiAssumed true if {@code kho-v1}'s bitmap size was not given and page-sized bitmaps were assumed
 * @param preservedMemoryMap the {@code preserved-memory-map} value; empty if missing or not 8 bytes
 * @param subtrees the root's children in blob order (newest first for boot-assembled roots)
 */
public record KhoTree(KhoAbi abi, boolean abiAssumed, OptionalLong preservedMemoryMap, List<KhoSubtree> subtrees) {

    /** Copies the subtree list. */
    public KhoTree {
        Objects.requireNonNull(abi, "abi");
        Objects.requireNonNull(preservedMemoryMap, "preservedMemoryMap");
        subtrees = List.copyOf(subtrees);
    }

    /** The first subtree called {@code name}. */
    public Optional<KhoSubtree> subtree(String name) {
        return subtrees.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Every pointer of this root that needs physical memory to follow: the memory map and each subtree's
     * blob. Offline decoding stops there (issue "KHO memory" follows them through a memory image).
     */
    public List<PhysPointer> pointers() {
        List<PhysPointer> out = new ArrayList<>();
        preservedMemoryMap.ifPresent(a -> out.add(new PhysPointer(KhoAbi.MEMORY_MAP_PROPERTY, a, -1)));
        for (KhoSubtree s : subtrees) {
            s.address().ifPresent(a -> out.add(new PhysPointer("/" + s.name(), a, s.blobSize().orElse(-1))));
        }
        return List.copyOf(out);
    }
}
