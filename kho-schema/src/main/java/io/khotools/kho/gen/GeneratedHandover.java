package io.khotools.kho.gen;

import io.khotools.kho.KhoOptions;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.SparseMemory;
import java.util.Objects;

/**
 * What {@link HandoverGenerator#generate} returns: the spec, the options to read the state with, the model
 * the state must decode to, the state itself (its memory a {@link SparseMemory} holding the map pages, every
 * blob and structure, and the vmalloc pieces; the data pages the blocks preserve are not written) and where
 * {@link HandoverImage#compose} may put the root, scratch array and {@code setup_data} record (below 16 MiB,
 * outside the state's memory and scratch).
 *
 * @param spec the spec
 * @param options byte order, page size and kho-v1 bitmap size of the state
 * @param model the expected model ({@link io.khotools.kho.memory.StateDecoder} gives it back)
 * @param state the state ({@link io.khotools.kho.memory.StateEncoder#encode} of the model)
 * @param placement where an image puts the handover pieces
 */
public record GeneratedHandover(HandoverSpec spec, KhoOptions options, HandoverModel model, KhoState state,
        HandoverImage.Placement placement) {
    /** Requires non-null components. */
    public GeneratedHandover {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(placement, "placement");
    }

    /** The state's memory. */
    public SparseMemory memory() {
        return (SparseMemory) state.memory();
    }
}
