package io.khotools.fdt.tree;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An absolute node path such as {@code /cpus/cpu@0}: a list of exact unit names from the root. Unlike the
 * lookup strings of {@link FdtTree#node(String)}, a {@code NodePath} names nodes exactly (no unit-address
 * matching, no aliases), so it identifies a node in diagnostics and edits.
 *
 * <p>Immutable. Stored as a parent link plus the last name, so {@link #child} is O(1) and walking a deep tree
 * does not copy paths; equality and {@link #toString} are iterative.
 */
public final class NodePath {
    /** The root path {@code /}. */
    public static final NodePath ROOT = new NodePath(null, "", 0);

    private final NodePath parent;
    private final String name;
    private final int depth;
    private final int hash;

    private NodePath(NodePath parent, String name, int depth) {
        this.parent = parent;
        this.name = name;
        this.depth = depth;
        this.hash = parent == null ? 1 : 31 * parent.hash + name.hashCode();
    }

    /**
     * Parses {@code /a/b@1}: must start with '/', "/" is the root, components are non-empty and separated by
     * exactly one '/', no trailing '/'.
     *
     * @throws IllegalArgumentException for any other string
     */
    public static NodePath parse(String path) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("node path must start with '/': '" + path + "'");
        }
        NodePath p = ROOT;
        if (path.length() == 1) {
            return p;
        }
        int pos = 1;
        while (true) {
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = path.length();
            }
            if (end == pos) {
                throw new IllegalArgumentException("empty component at " + pos + " in node path '" + path + "'");
            }
            p = p.child(path.substring(pos, end));
            if (end == path.length()) {
                return p;
            }
            pos = end + 1;
        }
    }

    /** The path of the given components below the root. */
    public static NodePath of(String... components) {
        return of(Arrays.asList(components));
    }

    /** The path of the given components below the root. */
    public static NodePath of(List<String> components) {
        NodePath p = ROOT;
        for (String c : components) {
            p = p.child(c);
        }
        return p;
    }

    /**
     * The path of child {@code name} of this node. Any name a blob can carry is accepted, including the
     * empty name and names containing '/' (possible in v16+ blobs); such paths do not {@link #parse} back.
     *
     * @throws IllegalArgumentException if {@code name} contains NUL or a char above 0xFF
     */
    public NodePath child(String name) {
        return new NodePath(this, Names.check("node name", name), depth + 1);
    }

    /** True for {@code /}. */
    public boolean isRoot() {
        return parent == null;
    }

    /** The parent path. @throws IllegalStateException for the root */
    public NodePath parent() {
        if (parent == null) {
            throw new IllegalStateException("the root path has no parent");
        }
        return parent;
    }

    /** The last component; "" for the root. */
    public String name() {
        return name;
    }

    /** Number of components: 0 for the root. */
    public int depth() {
        return depth;
    }

    /** The components from the root down; unmodifiable. */
    public List<String> components() {
        String[] out = new String[depth];
        for (NodePath p = this; p.parent != null; p = p.parent) {
            out[p.depth - 1] = p.name;
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    /** Whether {@code prefix} is this path or one of its ancestors. */
    public boolean startsWith(NodePath prefix) {
        NodePath p = this;
        while (p.depth > prefix.depth) {
            p = p.parent;
        }
        return p.equals(prefix);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NodePath other) || other.depth != depth || other.hash != hash) {
            return this == o;
        }
        for (NodePath a = this, b = other; a != b; a = a.parent, b = b.parent) {
            if (!a.name.equals(b.name)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code /a/b}; {@code /} for the root. */
    @Override
    public String toString() {
        if (parent == null) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : components()) {
            sb.append('/').append(s);
        }
        return sb.toString();
    }
}
