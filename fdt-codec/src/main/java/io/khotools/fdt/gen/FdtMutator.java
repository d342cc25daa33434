package io.khotools.fdt.gen;

import io.khotools.fdt.FdtException;
import java.util.Objects;
import java.util.Random;

/**
 * One named way to break a valid FDT blob so that {@link io.khotools.fdt.check.Validator} reports a given
 * rule ({@link #ruleId()}, an {@link io.khotools.fdt.check.FdtRules} id), possibly among other findings.
 * Instances come from {@link FdtMutators}; they are immutable and thread-safe.
 *
 * <pre>{@code
 * byte[] valid = FdtGenerator.of(FdtGenOptions.defaults()).blob(42);
 * for (FdtMutator m : FdtMutators.forRule(FdtRules.STRUCT_TWO_ROOTS)) {
 *     if (m.appliesTo(valid)) {
 *         byte[] broken = m.apply(valid, 7);   // same input and seed: same bytes
 *         assert Validator.defaults().validate(broken).diagnostics().stream()
 *                 .anyMatch(d -> d.ruleId().equals(m.ruleId()));
 *     }
 * }
 * }</pre>
 */
public final class FdtMutator {
    /** The edit: gets a private copy of the blob, its map and the seeded random; returns the broken blob. */
    @FunctionalInterface
    interface Edit {
        byte[] apply(byte[] copy, StructMap map, Random random);
    }

    /** Extra precondition beyond "a strict reader can walk it, version 16 or later". */
    @FunctionalInterface
    interface Precondition {
        boolean test(byte[] blob, StructMap map);
    }

    private final String name;
    private final String ruleId;
    private final String description;
    private final Precondition precondition;
    private final Edit edit;

    FdtMutator(String name, String description, Precondition precondition, Edit edit) {
        this.name = name;
        this.ruleId = name.substring(0, name.indexOf("--"));
        this.description = description;
        this.precondition = precondition;
        this.edit = edit;
    }

    /** {@code <rule-id>--<case>}, unique among {@link FdtMutators#all()}. */
    public String name() {
        return name;
    }

    /** The rule the mutated blob triggers. */
    public String ruleId() {
        return ruleId;
    }

    /** One line saying what the mutation does. */
    public String description() {
        return description;
    }

    /**
     * Whether this mutator can break {@code validBlob}: a strict {@link io.khotools.fdt.stream.FdtReader} must
     * walk it, its version must be 16 or 17, and the mutation's own needs (a property, a subnode, padding ...)
     * must be met. Never throws for any bytes.
     *
     * @param validBlob borrowed, not modified
     */
    public boolean appliesTo(byte[] validBlob) {
        Objects.requireNonNull(validBlob, "validBlob");
        StructMap map = mapOrNull(validBlob);
        return map != null && precondition.test(validBlob, map);
    }

    /**
     * The broken blob. Deterministic: the same input and seed give the same bytes.
     *
     * @param validBlob borrowed, not modified
     * @param seed picks the variant, the target node/property and the values written
     * @return a new array
     * @throws IllegalArgumentException if {@link #appliesTo(byte[])} is false for {@code validBlob}
     */
    public byte[] apply(byte[] validBlob, long seed) {
        StructMap map = mapOrNull(validBlob);
        if (map == null || !precondition.test(validBlob, map)) {
            throw new IllegalArgumentException(name + " does not apply to this blob");
        }
        return edit.apply(validBlob.clone(), map, new Random(seed));
    }

    private static StructMap mapOrNull(byte[] blob) {
        if (blob.length < io.khotools.fdt.FdtFormat.HEADER_SIZE_V16) {
            return null;
        }
        int version = FdtBlobEdits.version(blob);
        if (version != 16 && version != 17) {
            return null;
        }
        try {
            return StructMap.of(blob);
        } catch (FdtException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
