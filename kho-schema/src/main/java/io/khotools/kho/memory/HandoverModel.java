package io.khotools.kho.memory;

import io.khotools.kho.KhoTree;
import io.khotools.kho.scratch.ScratchArea;
import java.util.List;
import java.util.Objects;

/**
 * The decoded model of a whole handover state: the root, the scratch areas, the preserved blocks of the
 * memory map, and per subsystem everything its blob leads to. {@link StateDecoder} builds it from memory;
 * {@link StateEncoder} lays it out again, byte for byte. Immutable, compares by value.
 *
 * @param root the decoded root FDT (generation, memory-map address, subtrees with addresses and sizes)
 * @param scratch the scratch areas in array order
 * @param blocks the preserved blocks the memory map records
 * @param subsystems one entry per root subtree with an address, in root order
 */
public record HandoverModel(KhoTree root, List<ScratchArea> scratch, PreservedBlocks blocks,
        List<SubsystemModel> subsystems) {
    /** Copies the lists. */
    public HandoverModel {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(blocks, "blocks");
        scratch = List.copyOf(scratch);
        subsystems = List.copyOf(subsystems);
    }

    /** The subsystem called {@code name}, or null. */
    public SubsystemModel subsystem(String name) {
        return subsystems.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
