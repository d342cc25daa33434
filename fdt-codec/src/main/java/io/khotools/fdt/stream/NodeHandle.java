package io.khotools.fdt.stream;

/**
 * A node opened by {@link FdtWriter#beginNode(String)}; pass it back to {@link FdtWriter#endNode(NodeHandle)}
 * to close the node. The handle lets the writer catch nodes closed out of order, twice, or on another writer
 * (the rust-vmm vm-fdt idea). It holds no buffer and needs no release.
 */
public final class NodeHandle {
    private final FdtWriter owner;
    private final NodeHandle parent;
    private final String name;
    private final int depth;
    private boolean open = true;

    NodeHandle(FdtWriter owner, NodeHandle parent, String name) {
        this.owner = owner;
        this.parent = parent;
        this.name = name;
        this.depth = parent == null ? 1 : parent.depth + 1;
    }

    /** The node's name as given to {@code beginNode} ("" for the root). */
    public String name() {
        return name;
    }

    /** Nesting depth: 1 for the root, as {@link FdtReader#depth()} counts. */
    public int depth() {
        return depth;
    }

    /** Whether the node is still open (not yet passed to {@code endNode}). */
    public boolean isOpen() {
        return open;
    }

    /** The node's path, {@code /} for the root; allocates, meant for messages. */
    public String path() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        appendPath(sb);
        return sb.toString();
    }

    private void appendPath(StringBuilder sb) {
        // iterative: the writer allows any depth, so no recursion on it
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        for (NodeHandle h = this; h.parent != null; h = h.parent) {
            names.push(h.name);
        }
        for (String n : names) {
            sb.append('/').append(n);
        }
    }

    FdtWriter owner() {
        return owner;
    }

    NodeHandle parent() {
        return parent;
    }

    void close() {
        open = false;
    }

    @Override
    public String toString() {
        return "NodeHandle[" + path() + (open ? "" : ", ended") + "]";
    }
}
