package io.khotools.fdt.tree;

import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.NodeHandle;
import java.util.ArrayDeque;
import java.util.List;

/** Feeds a tree to a sequential writer in pre-order, with an explicit stack (no recursion on depth). */
final class TreeWriter {
    private TreeWriter() {}

    /** One open node: the writer's handle and the index of the next child to visit. */
    private static final class Frame {
        final Node node;
        final NodeHandle handle;
        int nextChild;

        Frame(Node node, NodeHandle handle) {
            this.node = node;
            this.handle = handle;
        }
    }

    /**
     * Writes reservations and structure; leaves {@code out} with the root closed, ready for {@code finish()}.
     */
    static void write(FdtTree tree, FdtWriter out) {
        for (ReserveEntry e : tree.reserveEntries()) {
            out.addReserveEntry(e.address(), e.size());
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(open(tree.root(), out));
        while (!stack.isEmpty()) {
            Frame top = stack.peek();
            List<Node> children = top.node.children();
            if (top.nextChild < children.size()) {
                stack.push(open(children.get(top.nextChild++), out));
            } else {
                out.endNode(top.handle);
                stack.pop();
            }
        }
    }

    private static Frame open(Node node, FdtWriter out) {
        NodeHandle handle = out.beginNode(node.name());
        for (Property p : node.properties()) {
            out.property(p.name(), p.rawValue());
        }
        return new Frame(node, handle);
    }
}
