package io.khotools.fdt.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable device tree node: a unit name ({@code memory@0}; "" for the root), properties and children in
 * order, all held in unmodifiable lists. Edits return new nodes that share every untouched part.
 *
 * <p>The model holds whatever a blob can hold, including duplicate property or child names; whether that is
 * valid is the validator's business. Lookups by name return the first match.
 *
 * <p>{@code equals}/{@code hashCode} are structural (name, properties, children, in order) and ignore
 * {@link #offset()}. Neither recurses: both walk with explicit stacks, so a 100,000-deep chain works. The
 * hash is computed once per node and cached.
 */
public final class Node {
    private final String name;
    private final List<Property> properties;
    private final List<Node> children;
    private final int offset;
    /** Cached structural hash; 0 = not computed yet (a computed hash is never 0). Benign race, as String. */
    private int hash;

    private Node(String name, List<Property> properties, List<Node> children, int offset) {
        this.name = name;
        // List.copyOf returns an already unmodifiable list as is, so sharing between edits costs nothing
        this.properties = List.copyOf(properties);
        this.children = List.copyOf(children);
        this.offset = offset;
    }

    /** For the reader: name already decoded from the blob, offset of its BEGIN_NODE token. */
    static Node fromBlob(String name, List<Property> properties, List<Node> children, int offset) {
        return new Node(name, properties, children, offset);
    }

    /**
     * A builder for a node called {@code name}.
     *
     * @throws IllegalArgumentException if the name contains NUL or a char above 0xFF
     */
    public static Builder builder(String name) {
        return new Builder(Names.check("node name", name));
    }

    /** A node with no properties and no children. */
    public static Node empty(String name) {
        return new Node(Names.check("node name", name), List.of(), List.of(), -1);
    }

    /** The unit name, e.g. {@code cpu@0}; "" for the root. */
    public String name() {
        return name;
    }

    /** The part of the name before '@' ({@code cpu} for {@code cpu@0}). */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The part after '@', or "" if the name has none. */
    public String unitAddress() {
        int at = name.indexOf('@');
        return at < 0 ? "" : name.substring(at + 1);
    }

    /** The properties in order; unmodifiable. */
    public List<Property> properties() {
        return properties;
    }

    /** The children in order; unmodifiable. */
    public List<Node> children() {
        return children;
    }

    /** Absolute offset of the node's BEGIN_NODE token in the blob it was read from, or -1 if built. */
    public int offset() {
        return offset;
    }

    /** The first property called {@code name}. */
    public Optional<Property> property(String name) {
        for (Property p : properties) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether a property called {@code name} exists. */
    public boolean hasProperty(String name) {
        return property(name).isPresent();
    }

    /** The first child whose name equals {@code name} exactly. */
    public Optional<Node> child(String name) {
        for (Node c : children) {
            if (c.name.equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * The first child matching a path component with libfdt's rule (fdt-format.md §8): equal names, or, when
     * {@code component} has no '@', a child named {@code component@…}.
     */
    public Optional<Node> childMatching(String component) {
        int i = indexOfMatching(component);
        return i < 0 ? Optional.empty() : Optional.of(children.get(i));
    }

    int indexOfMatching(String component) {
        boolean hasAt = component.indexOf('@') >= 0;
        for (int i = 0; i < children.size(); i++) {
            String n = children.get(i).name;
            if (n.equals(component)
                    || !hasAt && n.length() > component.length() && n.charAt(component.length()) == '@'
                    && n.startsWith(component)) {
                return i;
            }
        }
        return -1;
    }

    int indexOfChild(String exactName) {
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i).name.equals(exactName)) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ edits

    /** A copy with another name (checked as in {@link #builder}). */
    public Node withName(String newName) {
        return new Node(Names.check("node name", newName), properties, children, offset);
    }

    /** A copy where the first property with {@code p}'s name is replaced in place by {@code p}, or {@code p} is appended. */
    public Node withProperty(Property p) {
        Objects.requireNonNull(p, "property");
        List<Property> list = new ArrayList<>(properties);
        int i = 0;
        while (i < list.size() && !list.get(i).name().equals(p.name())) {
            i++;
        }
        if (i < list.size()) {
            list.set(i, p);
        } else {
            list.add(p);
        }
        return new Node(name, list, children, offset);
    }

    /** A copy without any property called {@code name}; this node if there is none. */
    public Node withoutProperty(String name) {
        List<Property> list = new ArrayList<>(properties.size());
        for (Property p : properties) {
            if (!p.name().equals(name)) {
                list.add(p);
            }
        }
        return list.size() == properties.size() ? this : new Node(this.name, list, children, offset);
    }

    /** A copy with these properties, in this order. */
    public Node withProperties(Collection<Property> newProperties) {
        return new Node(name, List.copyOf(newProperties), children, offset);
    }

    /** A copy where the first child with {@code child}'s exact name is replaced in place, or {@code child} is appended. */
    public Node withChild(Node child) {
        Objects.requireNonNull(child, "child");
        List<Node> list = new ArrayList<>(children);
        int i = indexOfChild(child.name);
        if (i >= 0) {
            list.set(i, child);
        } else {
            list.add(child);
        }
        return new Node(name, properties, list, offset);
    }

    /** A copy without any child named exactly {@code name}; this node if there is none. */
    public Node withoutChild(String name) {
        List<Node> list = new ArrayList<>(children.size());
        for (Node c : children) {
            if (!c.name.equals(name)) {
                list.add(c);
            }
        }
        return list.size() == children.size() ? this : new Node(this.name, properties, list, offset);
    }

    /** A copy with these children, in this order. */
    public Node withChildren(Collection<Node> newChildren) {
        return new Node(name, properties, List.copyOf(newChildren), offset);
    }

    /** A copy where the child at {@code index} is replaced. */
    Node withChildAt(int index, Node child) {
        List<Node> list = new ArrayList<>(children);
        list.set(index, child);
        return new Node(name, properties, list, offset);
    }

    // ------------------------------------------------------------------ identity

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Node other)) {
            return false;
        }
        ArrayDeque<Node> left = new ArrayDeque<>();
        ArrayDeque<Node> right = new ArrayDeque<>();
        left.push(this);
        right.push(other);
        while (!left.isEmpty()) {
            Node a = left.pop();
            Node b = right.pop();
            if (a == b) {
                continue; // shared subtree, common after edits
            }
            if (a.hash != 0 && b.hash != 0 && a.hash != b.hash) {
                return false;
            }
            if (!a.name.equals(b.name) || a.children.size() != b.children.size()
                    || !a.properties.equals(b.properties)) {
                return false;
            }
            for (int i = 0; i < a.children.size(); i++) {
                left.push(a.children.get(i));
                right.push(b.children.get(i));
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            computeHashes(this);
            h = hash;
        }
        return h;
    }

    /** Post-order with an explicit stack: a node's hash is computed once all its children have theirs. */
    private static void computeHashes(Node top) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(top);
        while (!stack.isEmpty()) {
            Node n = stack.peek();
            boolean ready = true;
            for (Node c : n.children) {
                if (c.hash == 0) {
                    stack.push(c);
                    ready = false;
                }
            }
            if (ready) {
                stack.pop();
                if (n.hash == 0) {
                    n.hash = n.ownHash();
                }
            }
        }
    }

    private int ownHash() {
        int h = name.hashCode();
        h = 31 * h + properties.hashCode();
        for (Node c : children) {
            h = 31 * h + c.hash;
        }
        return h == 0 ? 1 : h;
    }

    /** A one-line summary; does not print the subtree. */
    @Override
    public String toString() {
        return "Node[" + (name.isEmpty() ? "/" : name) + ", " + properties.size() + " properties, "
                + children.size() + " children]";
    }

    /** Collects properties and children for a new {@link Node}. Not thread-safe; build once. */
    public static final class Builder {
        private final String name;
        private final List<Property> properties = new ArrayList<>();
        private final List<Node> children = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Appends a property (duplicates are kept as given). */
        public Builder property(Property p) {
            properties.add(Objects.requireNonNull(p, "property"));
            return this;
        }

        /** Appends {@code Property.of(name, value)}. */
        public Builder property(String name, byte[] value) {
            return property(Property.of(name, value));
        }

        /** Appends properties. */
        public Builder properties(Collection<Property> ps) {
            ps.forEach(this::property);
            return this;
        }

        /** Appends a child (duplicates are kept as given). */
        public Builder child(Node child) {
            children.add(Objects.requireNonNull(child, "child"));
            return this;
        }

        /** Appends children. */
        public Builder children(Collection<Node> cs) {
            cs.forEach(this::child);
            return this;
        }

        /** The node. The builder may be reused; later changes do not affect built nodes. */
        public Node build() {
            return new Node(name, properties, children, -1);
        }
    }
}
