package io.khotools.fdt.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Random edit sequences build random trees; {@code equals}/{@code hashCode} must agree with an independent
 * structural comparison (a canonical text rendering written here, recursively, for small trees).
 */
class TreeEditsPropertiesTest {

    /** One edit, applied to the node at pre-order position {@code target % nodeCount}. */
    record Edit(int kind, int target, String name, byte[] value) {
        FdtTree apply(FdtTree t) {
            List<NodePath> paths = new ArrayList<>();
            t.forEachNode((p, n) -> paths.add(p));
            NodePath at = paths.get(Math.floorMod(target, paths.size()));
            return switch (kind) {
                case 0 -> t.withNode(at, n -> n.withProperty(io.khotools.fdt.tree.Property.of(name, value)));
                case 1 -> t.withNode(at, n -> n.withoutProperty(name));
                case 2 -> t.withNode(at, n -> n.withChild(Node.builder(name).build()));
                case 3 -> t.withNode(at, n -> n.withoutChild(name));
                default -> t.withBootCpuidPhys(value.length);
            };
        }
    }

    @Provide
    Arbitrary<Edit> edits() {
        Arbitrary<String> names = Arbitraries.of("a", "b", "a@1", "c@2", "reg", "x");
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(5);
        return Combinators.combine(Arbitraries.integers().between(0, 4).edgeCases(e -> e.includeOnly(0)),
                Arbitraries.integers().between(0, 1000), names, values).as(Edit::new);
    }

    private static FdtTree build(List<Edit> edits) {
        FdtTree t = FdtTree.of(Node.empty(""));
        for (Edit e : edits) {
            t = e.apply(t);
        }
        return t;
    }

    /** Independent structural rendering: equal strings iff equal trees (names cannot contain these markers). */
    private static String canonical(Node n) {
        StringBuilder sb = new StringBuilder("{").append(n.name()).append('|');
        for (io.khotools.fdt.tree.Property p : n.properties()) {
            sb.append(p.name()).append('=').append(java.util.HexFormat.of().formatHex(p.toByteArray())).append(';');
        }
        for (Node c : n.children()) {
            sb.append(canonical(c));
        }
        return sb.append('}').toString();
    }

    @Property
    void sameEditsGiveEqualTreesWithEqualHashes(@ForAll @Size(max = 30) List<@From("edits") Edit> edits) {
        FdtTree a = build(edits);
        FdtTree b = build(edits);
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        assertThat(a.root().hashCode()).isEqualTo(b.root().hashCode());
    }

    @Property
    void equalsAgreesWithStructureAndHashCodeFollowsEquals(@ForAll @Size(max = 20) List<@From("edits") Edit> left,
                                                            @ForAll @Size(max = 20) List<@From("edits") Edit> right) {
        Node a = build(left).root();
        Node b = build(right).root();
        boolean structurallyEqual = canonical(a).equals(canonical(b));
        assertThat(a.equals(b)).isEqualTo(structurallyEqual);
        assertThat(b.equals(a)).isEqualTo(structurallyEqual);
        if (structurallyEqual) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Property
    void addingThenRemovingAFreshPropertyRestoresEquality(@ForAll @Size(max = 25) List<@From("edits") Edit> edits,
                                                          @ForAll int target) {
        FdtTree t = build(edits);
        int h = t.hashCode(); // caches hashes in the shared nodes first
        Edit add = new Edit(0, target, "fresh", new byte[] {1});
        Edit remove = new Edit(1, target, "fresh", new byte[0]);
        FdtTree added = add.apply(t);
        assertThat(added).isNotEqualTo(t);
        FdtTree back = remove.apply(added);
        assertThat(back).isEqualTo(t);
        assertThat(back.hashCode()).isEqualTo(h);
    }

    @Property
    void changingOneValueBreaksEquality(@ForAll @Size(max = 25) List<@From("edits") Edit> edits, @ForAll int target) {
        FdtTree t = build(edits);
        FdtTree one = new Edit(0, target, "v", new byte[] {1}).apply(t);
        FdtTree two = new Edit(0, target, "v", new byte[] {2}).apply(t);
        assertThat(one).isNotEqualTo(two);
        assertThat(canonical(one.root())).isNotEqualTo(canonical(two.root()));
    }
}
