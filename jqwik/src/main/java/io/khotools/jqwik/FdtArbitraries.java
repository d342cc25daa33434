package io.khotools.jqwik;

import io.khotools.fdt.gen.DtsGenerator;
import io.khotools.fdt.gen.FdtGenOptions;
import io.khotools.fdt.gen.FdtGenerator;
import io.khotools.fdt.gen.FdtMutator;
import io.khotools.fdt.gen.FdtMutators;
import io.khotools.fdt.tree.FdtTree;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik {@link Arbitrary} providers for device trees, built on {@link FdtGenerator}, {@link DtsGenerator} and
 * {@link FdtMutators}.
 *
 * <p><b>Shrinking.</b> Each value is drawn from shrinkable knobs, not from an opaque seed alone: the exact node
 * count, the depth bound, the properties-per-node bound and the reservation count are integer arbitraries
 * (shrinking toward 1, 1, 0 and 0), combined with a seed that shrinks toward 0. A failing property therefore
 * shrinks to the smallest tree that still fails: fewest nodes, shallowest, fewest properties.
 *
 * <pre>{@code
 * class MyCodecPropertiesTest {
 *     @Property
 *     void readsEveryValidBlob(@ForAll("blobs") byte[] blob) {
 *         assertThat(Validator.defaults().validate(blob).hasErrors()).isFalse();
 *         MyCodec.read(blob);                               // must not throw
 *     }
 *
 *     @Property
 *     void rejectsTwoRoots(@ForAll("twoRoots") byte[] blob) {
 *         assertThatThrownBy(() -> MyCodec.read(blob)).isInstanceOf(MyException.class);
 *     }
 *
 *     @Provide
 *     Arbitrary<byte[]> blobs() {
 *         return FdtArbitraries.blobs(FdtGenOptions.defaults().withNodes(1, 100));
 *     }
 *
 *     @Provide
 *     Arbitrary<byte[]> twoRoots() {
 *         return FdtArbitraries.invalidBlobs(FdtRules.STRUCT_TWO_ROOTS);
 *     }
 * }
 * }</pre>
 *
 * <p>Generation is deterministic for a given knob set and seed (see {@link FdtGenerator}), so jqwik's
 * reported seed reproduces a failure.
 */
public final class FdtArbitraries {
    private FdtArbitraries() {}

    /**
     * Generator knobs drawn within {@code bounds}: node count in [bounds.minNodes, bounds.maxNodes] (exact per
     * value), depth in [1, bounds.maxDepth], properties per node in [0, bounds.maxProperties], reservations
     * in [0, bounds.maxReservations]; the value shapes, value size, chain percentage, version and boot CPU come
     * from {@code bounds}. Shrinks each knob toward its minimum.
     */
    public static Arbitrary<FdtGenOptions> options(FdtGenOptions bounds) {
        Arbitrary<Integer> nodes = Arbitraries.integers().between(bounds.minNodes(), bounds.maxNodes());
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, bounds.maxDepth());
        Arbitrary<Integer> props = Arbitraries.integers().between(0, bounds.maxProperties());
        Arbitrary<Integer> reservations = Arbitraries.integers().between(0, bounds.maxReservations());
        return Combinators.combine(nodes, depth, props, reservations).as((n, d, p, res) -> bounds.withNodes(n, n)
                .withMaxDepth(d).withMaxProperties(p).withMaxReservations(res));
    }

    /** Trees within {@link FdtGenOptions#defaults()}. */
    public static Arbitrary<FdtTree> trees() {
        return trees(FdtGenOptions.defaults());
    }

    /** Valid trees whose knobs are drawn within {@code bounds} (see {@link #options}). */
    public static Arbitrary<FdtTree> trees(FdtGenOptions bounds) {
        return Combinators.combine(options(bounds), seeds()).as((o, s) -> FdtGenerator.of(o).tree(s));
    }

    /** Blobs within {@link FdtGenOptions#defaults()}. */
    public static Arbitrary<byte[]> blobs() {
        return blobs(FdtGenOptions.defaults());
    }

    /**
     * Valid blobs (dtc layout, header version from {@code bounds}) whose knobs are drawn within {@code bounds}.
     * Each value is a fresh array.
     */
    public static Arbitrary<byte[]> blobs(FdtGenOptions bounds) {
        return Combinators.combine(options(bounds), seeds()).as((o, s) -> FdtGenerator.of(o).blob(s));
    }

    /** DTS sources within {@link FdtGenOptions#defaults()}. */
    public static Arbitrary<String> dtsSources() {
        return dtsSources(FdtGenOptions.defaults());
    }

    /** DTS sources that dtc and {@code DtsCompiler} accept, knobs drawn within {@code bounds}. */
    public static Arbitrary<String> dtsSources(FdtGenOptions bounds) {
        return Combinators.combine(options(bounds), seeds()).as((o, s) -> DtsGenerator.of(o).source(s));
    }

    /** Invalid blobs for {@code ruleId}, from valid blobs within {@link FdtGenOptions#defaults()}. */
    public static Arbitrary<byte[]> invalidBlobs(String ruleId) {
        return invalidBlobs(ruleId, FdtGenOptions.defaults());
    }

    /**
     * Blobs that {@code Validator.defaults()} reports {@code ruleId} for: a valid blob within {@code bounds},
     * one of the rule's {@link FdtMutators} that applies to it, and a mutation seed. Shrinks the blob's knobs
     * as {@link #blobs(FdtGenOptions)} does, and toward the rule's first mutator.
     *
     * @throws IllegalArgumentException if no mutator triggers {@code ruleId} ({@link FdtMutators#unreachable()})
     */
    public static Arbitrary<byte[]> invalidBlobs(String ruleId, FdtGenOptions bounds) {
        List<FdtMutator> mutators = FdtMutators.forRule(ruleId);
        if (mutators.isEmpty()) {
            throw new IllegalArgumentException("no FDT mutator triggers " + ruleId);
        }
        return mutated(blobs(bounds), mutators);
    }

    /** Invalid blobs for any rule a mutator reaches, from valid blobs within {@code bounds}. */
    public static Arbitrary<byte[]> invalidBlobs(FdtGenOptions bounds) {
        return mutated(blobs(bounds), FdtMutators.all());
    }

    private static Arbitrary<byte[]> mutated(Arbitrary<byte[]> valid, List<FdtMutator> mutators) {
        return Combinators.combine(valid, Arbitraries.of(mutators), seeds()).as(Candidate::new)
                .filter(c -> c.mutator.appliesTo(c.blob))
                .map(c -> c.mutator.apply(c.blob, c.seed));
    }

    /** A valid blob and the mutation chosen for it. */
    private record Candidate(byte[] blob, FdtMutator mutator, long seed) {}

    /** Seeds: any long, shrinking toward 0. */
    static Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }
}
