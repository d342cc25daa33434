package io.khotools.kho.gen;

import io.khotools.kho.KhoImage;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.memory.KhoState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of {@link KhoMutator}s: root FDT, scratch array, every sub-blob type, whole images and (where an
 * edit of the scratch array suffices) whole states, each labelled with the {@link KhoRules} id it triggers.
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
 * <p>State mutators edit physical memory through {@link KhoMutatedMemory} (patches over the shared original).
 * Rules no mutator here reaches are listed, with the reason, by {@link #unreachable()}.
 */
public final class KhoMutators {
    private static final List<KhoMutator<byte[]>> ROOTS = KhoMutatorsRoot.roots();
    private static final List<KhoMutator<byte[]>> SCRATCH = KhoMutatorsRoot.scratch();
    private static final List<KhoMutator<byte[]>> BLOBS = KhoMutatorsBlob.blobs();
    private static final List<KhoMutator<KhoImage>> IMAGES = KhoMutatorsRoot.images();
    private static final List<KhoMutator<KhoState>> STATES = KhoMutatorsState.states();
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

    /** Every mutator: roots, scratch, blobs, images, states. */
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
        String blocks = "needs the preserved block set itself changed and the map re-encoded (the kho-v1 bitmap "
                + "entries, or two overlapping blocks), not a patch of an encoded map; the testdata/kho/memory "
                + "fixtures build such states from a block set";
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : List.of(KhoRules.MAP_PHYS_START, KhoRules.MAP_BLOCK_ALIGNMENT, KhoRules.MAP_OVERLAP)) {
            m.put(id, blocks);
        }
        return m;
    }

    private static List<KhoMutator<?>> concat() {
        List<KhoMutator<?>> all = new ArrayList<>();
        all.addAll(ROOTS);
        all.addAll(SCRATCH);
        all.addAll(BLOBS);
        all.addAll(IMAGES);
        all.addAll(STATES);
        if (all.stream().map(KhoMutator::name).distinct().count() != all.size()) {
            throw new IllegalStateException("duplicate KHO mutator name");
        }
        return List.copyOf(all);
    }
}
