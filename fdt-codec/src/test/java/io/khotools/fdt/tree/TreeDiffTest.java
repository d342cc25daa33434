package io.khotools.fdt.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.tree.TreeChange.Kind;
import java.util.List;
import net.jqwik.api.ForAll;

import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TreeDiffTest {

    private static final FdtTree BASE = FdtTree.of(Node.builder("")
            .property(Property.u32("#address-cells", 1))
            .child(Node.builder("chosen").property(Property.string("bootargs", "console=ttyS0")).build())
            .child(Node.builder("intc").property(Property.u32("phandle", 1)).build())
            .child(Node.builder("uart").property(Property.u32("interrupt-parent", 1)).property(Property.cells("interrupts", 1, 5)).build())
            .build());

    @Test
    void equalTreesHaveNoChanges() {
        assertThat(TreeDiff.diff(BASE, BASE)).isEmpty();
    }

    @Test
    void reportsEveryKindInPreOrder() {
        FdtTree after = BASE
                .withNode("/chosen", n -> n.withProperty(Property.string("bootargs", "quiet")).withProperty(Property.string("stdout-path", "serial0")))
                .withNode("/", n -> n.withoutChild("intc").withoutProperty("#address-cells")
                        .withChild(Node.builder("memory@0").property(Property.cells("reg", 0, 0x1000)).build()))
                .withReserveEntries(List.of(new ReserveEntry(0x1000, 0x2000)))
                .withBootCpuidPhys(3);
        assertThat(TreeDiff.diff(BASE, after)).extracting(TreeChange::toString).containsExactly(
                "BOOT_CPU /",
                "RESERVATIONS /",
                "PROPERTY_REMOVED /:#address-cells",
                "NODE_REMOVED /intc",
                "NODE_ADDED /memory@0",
                "PROPERTY_CHANGED /chosen:bootargs",
                "PROPERTY_ADDED /chosen:stdout-path");
        TreeChange changed = TreeDiff.diff(BASE, after).get(5);
        assertThat(new String(changed.oldValue())).isEqualTo("console=ttyS0\0");
        assertThat(new String(changed.newValue())).isEqualTo("quiet\0");
    }

    @Test
    void childOrderIsNotADifference() {
        Node root = BASE.root();
        FdtTree reversed = BASE.withRoot(root.withChildren(List.of(root.children().get(2), root.children().get(1), root.children().get(0))));
        assertThat(TreeDiff.diff(BASE, reversed)).isEmpty();
    }

    @Test
    void renumberedPhandlesAreIgnoredOnlyWhenAsked() {
        FdtTree renumbered = BASE
                .withNode("/intc", n -> n.withProperty(Property.u32("phandle", 7)))
                .withNode("/uart", n -> n.withProperty(Property.u32("interrupt-parent", 7)));
        assertThat(TreeDiff.diff(BASE, renumbered)).extracting(TreeChange::toString)
                .containsExactly("PROPERTY_CHANGED /intc:phandle", "PROPERTY_CHANGED /uart:interrupt-parent");
        assertThat(TreeDiff.diff(BASE, renumbered, new TreeDiff.Options(true))).isEmpty();
        // a cell that points at another node is still a change
        FdtTree retargeted = renumbered.withNode("/uart", n -> n.withProperty(Property.u32("interrupt-parent", 9)));
        assertThat(TreeDiff.diff(BASE, retargeted, new TreeDiff.Options(true))).extracting(TreeChange::toString)
                .containsExactly("PROPERTY_CHANGED /uart:interrupt-parent");
    }

    @Test
    void deepTreesDoNotOverflowTheStack() {
        Node a = Node.empty("leaf");
        Node b = Node.builder("leaf").property(Property.empty("x")).build();
        for (int i = 0; i < 100_000; i++) {
            a = Node.builder("n").child(a).build();
            b = Node.builder("n").child(b).build();
        }
        List<TreeChange> changes = TreeDiff.diff(FdtTree.of(Node.builder("").child(a).build()), FdtTree.of(Node.builder("").child(b).build()));
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).kind()).isEqualTo(Kind.PROPERTY_ADDED);
        assertThat(changes.get(0).path()).endsWith("/n/leaf");
    }

    @net.jqwik.api.Property(tries = 200)
    void aChangeIsFoundWhereverItIsMade(@ForAll @IntRange(min = 0, max = 2) int child, @ForAll @IntRange(min = 0, max = 0xffff) int value) {
        String name = BASE.root().children().get(child).name();
        FdtTree after = BASE.withNode("/" + name, n -> n.withProperty(Property.u32("x-test", value)));
        assertThat(TreeDiff.diff(BASE, after)).extracting(TreeChange::toString).containsExactly("PROPERTY_ADDED /" + name + ":x-test");
        assertThat(TreeDiff.diff(after, BASE)).extracting(TreeChange::toString).containsExactly("PROPERTY_REMOVED /" + name + ":x-test");
    }
}
