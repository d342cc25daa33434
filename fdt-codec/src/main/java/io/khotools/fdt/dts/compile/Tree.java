package io.khotools.fdt.dts.compile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The working tree with dtc's edit operations: merging a repeated definition into an existing node,
 * deleting nodes and properties, label and path lookup. Labels are indexed when their node joins the tree,
 * so a lookup costs O(1) instead of dtc's walk of the whole tree (which makes dtc quadratic in labels).
 * Nothing here recurses: deep trees use explicit stacks.
 */
final class Tree {
    DNode root;
    boolean plugin;
    int nextFragment;
    private final Map<String, List<Label>> nodeLabels = new HashMap<>();

    /** Makes {@code n} the root (the first {@code / { … }}). */
    void setRoot(DNode n) {
        n.name = "";
        root = n;
        registerSubtree(n);
    }

    /** Appends {@code child} (with its subtree) to {@code parent} and indexes its labels. */
    void attach(DNode parent, DNode child) {
        parent.appendChild(child);
        registerSubtree(child);
    }

    private void registerSubtree(DNode top) {
        ArrayDeque<DNode> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            DNode n = todo.pop();
            for (Label l : n.labels) {
                nodeLabels.computeIfAbsent(l.name, k -> new ArrayList<>(1)).add(l);
            }
            for (DNode c : n.children) {
                todo.push(c);
            }
        }
    }

    /** dtc's add_label on a node of the tree: revive if present, else add (printed first). */
    void addNodeLabel(DNode n, String name, Pos pos) {
        Label l = n.label(name);
        if (l != null) {
            l.deleted = false;
            return;
        }
        l = new Label(name, n, pos);
        n.labels.add(l);
        nodeLabels.computeIfAbsent(name, k -> new ArrayList<>(1)).add(l);
    }

    /**
     * Merges a new definition into an existing node, as dtc does: the old node is revived; new labels are
     * added; each new property replaces the value of the first entry of that name (reviving it in its slot)
     * or is appended; a deleted entry deletes by name; children merge by name depth-first, in source order,
     * or are appended.
     */
    void merge(DNode old, DNode neu) {
        ArrayDeque<DNode[]> stack = new ArrayDeque<>();
        ArrayDeque<int[]> index = new ArrayDeque<>();
        enter(old, neu);
        stack.push(new DNode[] {old, neu});
        index.push(new int[1]);
        while (!stack.isEmpty()) {
            DNode[] f = stack.peek();
            int[] i = index.peek();
            if (i[0] == f[1].children.size()) {
                stack.pop();
                index.pop();
                continue;
            }
            DNode c = f[1].children.get(i[0]++);
            DNode oc = f[0].firstChild(c.name);
            if (c.deleted) {
                if (oc != null) {
                    deleteNode(oc);
                }
            } else if (oc != null) {
                enter(oc, c);
                stack.push(new DNode[] {oc, c});
                index.push(new int[1]);
            } else {
                attach(f[0], c);
            }
        }
    }

    private void enter(DNode old, DNode neu) {
        old.deleted = false;
        for (int k = neu.labels.size() - 1; k >= 0; k--) {
            addNodeLabel(old, neu.labels.get(k).name, neu.labels.get(k).pos);
        }
        for (DProp p : neu.props) {
            DProp op = old.firstProp(p.name);
            if (p.deleted) {
                if (op != null) {
                    deleteProp(op);
                }
            } else if (op != null) {
                for (int k = p.labels.size() - 1; k >= 0; k--) {
                    op.addLabel(p.labels.get(k).name, p.labels.get(k).pos);
                }
                op.value = p.value;
                op.deleted = false;
            } else {
                old.appendProp(p);
            }
        }
    }

    /** Deletes a property and its labels (the entry stays, flagged). */
    static void deleteProp(DProp p) {
        p.deleted = true;
        for (Label l : p.labels) {
            l.deleted = true;
        }
    }

    /** Deletes a node, its properties, its whole subtree and all their labels. */
    static void deleteNode(DNode top) {
        ArrayDeque<DNode> todo = new ArrayDeque<>();
        todo.push(top);
        while (!todo.isEmpty()) {
            DNode n = todo.pop();
            n.deleted = true;
            for (Label l : n.labels) {
                l.deleted = true;
            }
            for (DProp p : n.props) {
                deleteProp(p);
            }
            for (DNode c : n.children) {
                todo.push(c);
            }
        }
    }

    /** The live node carrying live label {@code name}, or null. */
    DNode byLabel(String name) {
        List<Label> list = nodeLabels.get(name);
        if (list == null) {
            return null;
        }
        for (Label l : list) {
            DNode n = (DNode) l.owner;
            if (!l.deleted && !n.deleted) {
                return n;
            }
        }
        return null;
    }

    /** The live node at {@code path} (exact unit names; repeated and trailing slashes ignored), or null. */
    DNode byPath(String path) {
        DNode n = root;
        int i = 0;
        while (n != null) {
            while (i < path.length() && path.charAt(i) == '/') {
                i++;
            }
            if (i >= path.length()) {
                return n.deleted ? null : n;
            }
            int end = path.indexOf('/', i);
            if (end < 0) {
                end = path.length();
            }
            n = n.liveChild(path.substring(i, end));
            i = end;
        }
        return null;
    }

    /** dtc's get_node_by_ref: {@code /…} is a path, anything else a label. */
    DNode resolve(String ref) {
        if (root == null) {
            return null;
        }
        return ref.startsWith("/") ? byPath(ref) : byLabel(ref);
    }
}
