package io.khotools.kho.gen;

import io.khotools.kho.KhoImage;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of {@link KhoMutator}s: root FDT, scratch array, every sub-blob type, whole images and (where an
 * edit of the scratch array or memory suffices) whole states and whole-state models, each labelled with the {@link KhoRules} id it triggers.
 * Each applies to any valid input of its target that has what it aims at (a subtree, a region, a record ...);
 * targets and values come from the seed.
 *
 * <pre>{@code
 * KhoOptions o = KhoOptions.DEFAULT;
 * for (KhoMutator<byte[]> m : KhoMutators.rootMutators()) {
 *     if (m.appliesTo(validRoot, o)) {
 *         byte[] broken = m.apply(validRoot, o, 1);
 *     }
 * }
 * }</pre>
 *
 * <p>Model mutators ({@link KhoMutationTarget#MODEL}) edit a {@link HandoverModel} through
 * {@link KhoMutationModels}; the state validator judges the model's {@link io.khotools.kho.memory.StateEncoder}
 * encoding. State mutators edit physical memory through {@link KhoMutatedMemory} (patches over the shared original).
 * Rules no mutator here reaches are listed, with the reason, by {@link #unreachable()}.
 */
public final class KhoMutators {
    private static final List<KhoMutator<byte[]>> ROOTS = KhoMutatorsRoot.roots();
    private static final List<KhoMutator<byte[]>> SCRATCH = KhoMutatorsRoot.scratch();
    private static final List<KhoMutator<byte[]>> BLOBS = KhoMutatorsBlob.blobs();
    private static final List<KhoMutator<KhoImage>> IMAGES = KhoMutatorsRoot.images();
    private static final List<KhoMutator<KhoState>> STATES = KhoMutatorsState.states();
    private static final List<KhoMutator<HandoverModel>> MODELS = KhoMutatorsModel.models();
    private static final List<KhoMutator<?>> ALL = concat();

    private KhoMutators() {}

    /** Mutators of root FDT bytes. */
    public static List<KhoMutator<byte[]>> rootMutators() {
        return ROOTS;
    }

    /** Mutators of binary scratch arrays. */
    public static List<KhoMutator<byte[]>> scratchMutators() {
        return SCRATCH;
    }

    /** Mutators of sub-blob bytes, each for one {@link KhoMutator#blobType()}. */
    public static List<KhoMutator<byte[]>> blobMutators() {
        return BLOBS;
    }

    /** Mutators of sub-blob bytes of {@code type}. */
    public static List<KhoMutator<byte[]>> blobMutators(SubBlobType type) {
        return BLOBS.stream().filter(m -> m.blobType().orElseThrow() == type).toList();
    }

    /** Mutators of whole images (root + sub-blobs + scratch). */
    public static List<KhoMutator<KhoImage>> imageMutators() {
        return IMAGES;
    }

    /** Mutators of whole states with physical memory. */
    public static List<KhoMutator<KhoState>> stateMutators() {
        return STATES;
    }

    /**
     * Mutators of whole-state models: each returns an edited {@link HandoverModel} (the input untouched) whose
     * {@link io.khotools.kho.memory.StateEncoder#encode encoding} the state validator reports.
     */
    public static List<KhoMutator<HandoverModel>> modelMutators() {
        return MODELS;
    }

    /** Every mutator: roots, scratch, blobs, images, states, models. */
    public static List<KhoMutator<?>> all() {
        return ALL;
    }

    /** The mutators that trigger {@code ruleId}. */
    public static List<KhoMutator<?>> forRule(String ruleId) {
        return ALL.stream().filter(m -> m.ruleId().equals(ruleId)).toList();
    }

    /**
     * The mutator called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static KhoMutator<?> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KHO mutator " + name));
    }

    /** KHO rule ids no mutator here triggers, each with the reason. */
    public static Map<String, String> unreachable() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KhoRules.MAP_PHYS_START, "a model's blocks are encoded by the kho-v1 chunk list codec, which always "
                + "writes phys_start at a bitmap span's start, and a state patch would have to find and re-encode "
                + "a chunk's bitmap entry; the testdata/kho/memory fixture patches one it built from a block set");
        m.put(KhoRules.MAP_BLOCK_ALIGNMENT, "a preserved block set cannot hold a block misaligned to its order (its "
                + "keys encode address and order together), so no model edit expresses it; the testdata/kho/memory "
                + "fixture patches a kho-v1 bitmap's phys_start it built from a block set");
        return m;
    }

    private static List<KhoMutator<?>> concat() {
        List<KhoMutator<?>> all = new ArrayList<>();
        all.addAll(ROOTS);
        all.addAll(SCRATCH);
        all.addAll(BLOBS);
        all.addAll(IMAGES);
        all.addAll(STATES);
        all.addAll(MODELS);
        if (all.stream().map(KhoMutator::name).distinct().count() != all.size()) {
            throw new IllegalStateException("duplicate KHO mutator name");
        }
        return List.copyOf(all);
    }
}
