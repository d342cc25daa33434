package io.khotools.cli;

import io.khotools.fdt.gen.FdtMutator;
import io.khotools.fdt.gen.FdtMutators;
import io.khotools.kho.KhoImage;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.gen.KhoMutationTarget;
import io.khotools.kho.gen.KhoMutator;
import io.khotools.kho.gen.KhoMutators;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import java.util.List;
import java.util.stream.Stream;

/**
 * The mutations {@code kho gen --invalid} may use for one kind, optionally only those of one rule id: FDT
 * mutators for {@code fdt}; root, scratch, sub-blob and image mutators for {@code kho} (a debugfs directory
 * holds exactly those bytes); state and model mutators for {@code image} (they need physical memory).
 *
 * @param fdt mutators of DTBs
 * @param kho mutators of the bytes a debugfs directory holds
 * @param state mutators of whole states with memory ({@link KhoMutationTarget#STATE}) and of their models
 *     ({@link KhoMutationTarget#MODEL}), state mutators first
 */
record MutationFilter(List<FdtMutator> fdt, List<KhoMutator<?>> kho, List<KhoMutator<?>> state) {
    static MutationFilter of(GenCommand.Kind kind, String ruleOrNull) {
        return switch (kind) {
            case fdt -> new MutationFilter(FdtMutators.all().stream().filter(m -> matches(m.ruleId(), ruleOrNull))
                    .toList(), List.of(), List.of());
            case kho -> new MutationFilter(List.of(), KhoMutators.all().stream()
                    .filter(m -> m.target() != KhoMutationTarget.STATE && m.target() != KhoMutationTarget.MODEL
                            && representableInDebugfs(m)
                            && matches(m.ruleId(), ruleOrNull))
                    .toList(), List.of());
            case image -> new MutationFilter(List.of(), List.of(), Stream.concat(
                    KhoMutators.stateMutators().stream(), KhoMutators.modelMutators().stream())
                    .filter(m -> matches(m.ruleId(), ruleOrNull)).<KhoMutator<?>>map(m -> m).toList());
            case dts -> new MutationFilter(List.of(), List.of(), List.of());
        };
    }

    /**
     * Whether the broken bytes survive being written as a debugfs directory: debugfs shows the scratch array
     * as address and length lists, so a binary array of a ragged length cannot be written there.
     */
    private static boolean representableInDebugfs(KhoMutator<?> m) {
        return !(m.target() == KhoMutationTarget.SCRATCH && m.ruleId().equals(KhoRules.SCRATCH_LENGTH));
    }

    boolean isEmpty() {
        return fdt.isEmpty() && kho.isEmpty() && state.isEmpty();
    }

    private static boolean matches(String ruleId, String ruleOrNull) {
        return ruleOrNull == null || ruleOrNull.equals(ruleId);
    }

    /** Mutators of a {@link KhoImage} as a whole: used by {@link GenItems} to apply a {@code kho} mutation. */
    @SuppressWarnings("unchecked")
    static KhoMutator<KhoImage> asImageMutator(KhoMutator<?> m) {
        return (KhoMutator<KhoImage>) m;
    }

    /** Mutators of a whole state with memory. */
    @SuppressWarnings("unchecked")
    static KhoMutator<KhoState> asStateMutator(KhoMutator<?> m) {
        return (KhoMutator<KhoState>) m;
    }

    /** Mutators of a whole state's model. */
    @SuppressWarnings("unchecked")
    static KhoMutator<HandoverModel> asModelMutator(KhoMutator<?> m) {
        return (KhoMutator<HandoverModel>) m;
    }

    /** Mutators of raw bytes (root, scratch or one sub-blob). */
    @SuppressWarnings("unchecked")
    static KhoMutator<byte[]> asBytesMutator(KhoMutator<?> m) {
        return (KhoMutator<byte[]>) m;
    }
}
