package io.khotools.jqwik;

import io.khotools.fdt.gen.FdtGenOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Deliberately failing properties, run only by {@link FdtArbitrariesShrinkingTest} through the JUnit Platform
 * launcher (the class name does not end in {@code Test}, so Surefire does not pick it up). Each failing call
 * records its sample; the last one recorded is the shrunk counterexample, because shrinking only moves to a
 * smaller sample that still fails.
 */
class ShrinkingSubjects {
    static final List<FdtTree> FAILED_TREES = new CopyOnWriteArrayList<>();
    static final List<byte[]> FAILED_ROOTS = new CopyOnWriteArrayList<>();

    @Property(seed = "4242", tries = 300, afterFailure = AfterFailureMode.RANDOM_SEED)
    boolean treesHaveFewerThanSixNodes(@ForAll("trees") FdtTree tree) {
        boolean ok = nodes(tree) < 6;
        if (!ok) {
            FAILED_TREES.add(tree);
        }
        return ok;
    }

    @Provide
    Arbitrary<FdtTree> trees() {
        return FdtArbitraries.trees(FdtGenOptions.defaults().withNodes(1, 400).withMaxDepth(12).withMaxProperties(12));
    }

    @Property(seed = "4242", tries = 300, afterFailure = AfterFailureMode.RANDOM_SEED)
    boolean rootsHaveFewerThanTwoSubtrees(@ForAll("roots") byte[] root) {
        boolean ok = subtrees(root) < 2;
        if (!ok) {
            FAILED_ROOTS.add(root);
        }
        return ok;
    }

    @Provide
    Arbitrary<byte[]> roots() {
        return KhoArbitraries.roots();
    }

    static int subtrees(byte[] root) {
        ByteBuf buf = Unpooled.wrappedBuffer(root);
        try {
            return FdtTree.read(buf).root().children().size();
        } finally {
            buf.release();
        }
    }

    static int nodes(FdtTree t) {
        int n = 0;
        ArrayDeque<Node> stack = new ArrayDeque<>(List.of(t.root()));
        while (!stack.isEmpty()) {
            Node x = stack.pop();
            n++;
            x.children().forEach(stack::push);
        }
        return n;
    }

    static int properties(FdtTree t) {
        int n = 0;
        ArrayDeque<Node> stack = new ArrayDeque<>(List.of(t.root()));
        while (!stack.isEmpty()) {
            Node x = stack.pop();
            n += x.properties().size();
            x.children().forEach(stack::push);
        }
        return n;
    }
}
