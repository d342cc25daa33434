package io.khotools.kho.gen;

import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobType;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;

/**
 * One named way to break a valid KHO input so that the KHO validators report {@link #ruleId()} (a
 * {@link io.khotools.kho.check.KhoRules} id), possibly among other findings. {@code T} is {@code byte[]} for
 * {@link KhoMutationTarget#ROOT}, {@link KhoMutationTarget#SCRATCH} and {@link KhoMutationTarget#SUB_BLOB},
 * {@link io.khotools.kho.KhoImage} for {@link KhoMutationTarget#IMAGE} and
 * {@link io.khotools.kho.memory.KhoState} for {@link KhoMutationTarget#STATE} and
 * {@link io.khotools.kho.memory.HandoverModel} for {@link KhoMutationTarget#MODEL}. Instances come from
 * {@link KhoMutators}; immutable and thread-safe. Inputs are never modified.
 *
 * <pre>{@code
 * byte[] root = KhoHandover.builder(KhoAbi.V4).preservedMemoryMap(0x1_0000_0000L)
 *         .subtree("memblock", 0x2_0000_0000L, memblock).build().encode(KhoOptions.DEFAULT).root();
 * KhoMutator<byte[]> m = KhoMutators.rootMutators().get(0);
 * if (m.appliesTo(root, KhoOptions.DEFAULT)) {
 *     byte[] broken = m.apply(root, KhoOptions.DEFAULT, 7);
 *     Report r = KhoValidator.of(KhoOptions.DEFAULT).validateRoot(broken);   // contains m.ruleId()
 * }
 * }</pre>
 *
 * @param <T> the input and output type
 */
public final class KhoMutator<T> {
    /** The edit: gets the valid input (never to be modified), the options and the seeded random. */
    @FunctionalInterface
    interface Edit<T> {
        T apply(T valid, KhoOptions options, Random random);
    }

    /** Whether the edit can break this input; may throw for unreadable input (then: does not apply). */
    @FunctionalInterface
    interface Precondition<T> {
        boolean test(T valid, KhoOptions options);
    }

    private final String name;
    private final String ruleId;
    private final String description;
    private final KhoMutationTarget target;
    private final SubBlobType blobType;
    private final Precondition<T> precondition;
    private final Edit<T> edit;

    KhoMutator(String name, String description, KhoMutationTarget target, SubBlobType blobType,
               Precondition<T> precondition, Edit<T> edit) {
        this.name = name;
        this.ruleId = name.substring(0, name.indexOf("--"));
        this.description = description;
        this.target = target;
        this.blobType = blobType;
        this.precondition = precondition;
        this.edit = edit;
    }

    /** {@code <rule-id>--<case>}, unique among {@link KhoMutators#all()}. */
    public String name() {
        return name;
    }

    /** The rule the mutated input triggers. */
    public String ruleId() {
        return ruleId;
    }

    /** One line saying what the mutation does. */
    public String description() {
        return description;
    }

    /** What the mutator takes and which validator judges it. */
    public KhoMutationTarget target() {
        return target;
    }

    /** For {@link KhoMutationTarget#SUB_BLOB}: the type of blob it takes (and validates the result as). */
    public Optional<SubBlobType> blobType() {
        return Optional.ofNullable(blobType);
    }

    /**
     * Whether this mutator can break {@code valid} (read with {@code options}: byte order, page size, kho-v1
     * bitmap). Never throws for any input.
     */
    public boolean appliesTo(T valid, KhoOptions options) {
        Objects.requireNonNull(valid, "valid");
        try {
            return precondition.test(valid, options);
        } catch (RuntimeException e) {
            return false; // unreadable or unexpected input: nothing this mutator can aim at
        }
    }

    /**
     * The broken input; deterministic for the same input, options and seed.
     *
     * @throws IllegalArgumentException if {@link #appliesTo} is false
     */
    public T apply(T valid, KhoOptions options, long seed) {
        if (!appliesTo(valid, options)) {
            throw new IllegalArgumentException(name + " does not apply to this input");
        }
        return edit.apply(valid, options, new Random(seed));
    }

    @Override
    public String toString() {
        return name;
    }
}
