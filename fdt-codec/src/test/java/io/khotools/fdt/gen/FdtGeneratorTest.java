package io.khotools.fdt.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FdtGeneratorTest {
    private static final FdtGenOptions OPT = FdtGenOptions.defaults();

    @Test
    void sameSeedAndOptionsGiveTheSameBytesAndDifferentSeedsDiffer() {
        FdtGenerator a = FdtGenerator.of(OPT);
        FdtGenerator b = FdtGenerator.of(FdtGenOptions.defaults());
        Set<String> distinct = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            byte[] blob = a.blob(seed);
            assertThat(b.blob(seed)).isEqualTo(blob);
            assertThat(a.tree(seed)).isEqualTo(b.tree(seed));
            distinct.add(java.util.HexFormat.of().formatHex(blob));
        }
        assertThat(distinct).hasSizeGreaterThan(45);
    }

    @Test
    void blobIsTheTreeWrittenAndReadsBackEqual() {
        FdtGenerator g = FdtGenerator.of(OPT.withVersion(16));
        for (long seed = 0; seed < 100; seed++) {
            FdtTree tree = g.tree(seed);
            ByteBuf buf = g.blob(seed, PooledByteBufAllocator.DEFAULT);
            try {
                FdtTree back = FdtTree.read(buf);
                assertThat(back).isEqualTo(tree);
                assertThat(back.version()).isEqualTo(16);
            } finally {
                assertThat(buf.release()).isTrue();
            }
        }
    }

    @Test
    void everyGeneratedBlobValidatesWithoutErrorsOrWarnings() {
        for (FdtGenOptions o : new FdtGenOptions[] {OPT, OPT.withNodes(50, 300).withMaxDepth(12).withMaxProperties(10),
            OPT.withVersion(16).withMaxReservations(20), OPT.withOnlyShapes(ValueShape.REG, ValueShape.RANGES),
            OPT.withOnlyShapes(ValueShape.PHANDLE_REF).withNodes(1, 5)}) {
            FdtGenerator g = FdtGenerator.of(o);
            for (long seed = 0; seed < 200; seed++) {
                Report r = Validator.defaults().validate(g.blob(seed));
                assertThat(r.errors()).as("%s seed %d", o, seed).isEmpty();
                assertThat(r.warnings()).as("%s seed %d", o, seed).isEmpty();
            }
        }
    }

    @Test
    void knobsBoundTheTree() {
        FdtGenOptions o = OPT.withNodes(10, 30).withMaxDepth(3).withMaxProperties(2).withMaxReservations(0)
                .withBootCpuId(5);
        FdtGenerator g = FdtGenerator.of(o);
        for (long seed = 0; seed < 100; seed++) {
            FdtTree t = g.tree(seed);
            int[] count = {0};
            int[] maxDepth = {0};
            walk(t.root(), (n, depth) -> {
                count[0]++;
                maxDepth[0] = Math.max(maxDepth[0], depth);
                long drawn = n.properties().stream().map(p -> p.name())
                        .filter(x -> !x.equals("#address-cells") && !x.equals("#size-cells") && !x.equals("phandle"))
                        .count();
                assertThat(drawn).isLessThanOrEqualTo(2);
            });
            assertThat(count[0]).isBetween(10, 30);
            assertThat(maxDepth[0]).isLessThanOrEqualTo(3);
            assertThat(t.reserveEntries()).isEmpty();
            assertThat(t.bootCpuidPhys()).isEqualTo(5);
        }
    }

    @Test
    void regAndRangesFollowTheCellsInForce() {
        FdtGenerator g = FdtGenerator.of(OPT.withOnlyShapes(ValueShape.REG, ValueShape.RANGES).withNodes(20, 60));
        int regs = 0;
        for (long seed = 0; seed < 50; seed++) {
            FdtTree t = g.tree(seed);
            ArrayDeque<Node[]> stack = new ArrayDeque<>();
            stack.push(new Node[] {t.root(), null});
            while (!stack.isEmpty()) {
                Node[] f = stack.pop();
                Node n = f[0];
                Node parent = f[1];
                if (parent != null && n.property("reg").isPresent()) {
                    int ac = parent.property("#address-cells").orElseThrow().asU32();
                    int sc = parent.property("#size-cells").orElseThrow().asU32();
                    assertThat(n.property("reg").get().length() % (4 * (ac + sc))).isZero();
                    regs++;
                }
                if (parent != null && n.property("ranges").isPresent() && n.property("ranges").get().length() > 0) {
                    int per = n.property("#address-cells").orElseThrow().asU32()
                            + parent.property("#address-cells").orElseThrow().asU32()
                            + n.property("#size-cells").orElseThrow().asU32();
                    assertThat(n.property("ranges").get().length() % (4 * per)).isZero();
                }
                for (Node c : n.children()) {
                    stack.push(new Node[] {c, n});
                }
            }
        }
        assertThat(regs).isGreaterThan(100);
    }

    @Test
    void phandleReferencesPointAtNodesWithThatPhandle() {
        FdtGenerator g = FdtGenerator.of(OPT.withOnlyShapes(ValueShape.PHANDLE_REF, ValueShape.STRING));
        int refs = 0;
        for (long seed = 0; seed < 50; seed++) {
            FdtTree t = g.tree(seed);
            Set<Integer> phandles = new HashSet<>();
            walk(t.root(), (n, d) -> n.property("phandle").ifPresent(p -> assertThat(phandles.add(p.asU32())).isTrue()));
            int[] found = {0};
            walk(t.root(), (n, d) -> n.properties().stream().filter(p -> p.name().startsWith("gen,ref")).forEach(p -> {
                assertThat(phandles).contains(p.asCells()[0]);
                found[0]++;
            }));
            refs += found[0];
        }
        assertThat(refs).isGreaterThan(50);
    }

    @Test
    void tenThousandLevelChainWithoutRecursion() {
        FdtGenerator g = FdtGenerator.of(OPT.withNodes(10_000, 10_000).withMaxDepth(10_000).withChainPercent(100)
                .withMaxProperties(1));
        byte[] blob = g.blob(3);
        assertThat(g.blob(3)).isEqualTo(blob);
        ByteBuf buf = Unpooled.wrappedBuffer(blob);
        try {
            FdtTree t = FdtTree.read(buf, ReadLimits.NONE, ReadMode.STRICT);
            int depth = 0;
            for (Node n = t.root(); n != null; n = n.children().isEmpty() ? null : n.children().get(0)) {
                depth++;
            }
            assertThat(depth).isEqualTo(10_000);
        } finally {
            assertThat(buf.release()).isTrue();
        }
        assertThat(Validator.defaults().validate(blob).errors()).isEmpty();
    }

    @Test
    void rejectsKnobsOutOfRange() {
        assertThatThrownBy(() -> OPT.withNodes(0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPT.withNodes(5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPT.withMaxDepth(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPT.withVersion(15)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OPT.withOnlyShapes()).isInstanceOf(IllegalArgumentException.class);
        assertThat(OPT.withMaxProperties(0).withOnlyShapes().maxProperties()).isZero();
    }

    @Test
    void singleNodeWhenDepthIsOne() {
        FdtTree t = FdtGenerator.of(OPT.withNodes(5, 9).withMaxDepth(1)).tree(1);
        assertThat(t.root().children()).isEmpty();
        assertThat(t.version()).isEqualTo(FdtFormat.VERSION_LATEST);
    }

    private interface Visitor {
        void visit(Node n, int depth);
    }

    private static void walk(Node root, Visitor v) {
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 1});
        while (!stack.isEmpty()) {
            Object[] f = stack.pop();
            Node n = (Node) f[0];
            int d = (Integer) f[1];
            v.visit(n, d);
            for (Node c : n.children()) {
                stack.push(new Object[] {c, d + 1});
            }
        }
    }
}
