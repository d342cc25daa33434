package io.khotools.fdt.dts.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the compiler's working tree, mutable like dtc's: deleted properties and children stay in their
 * lists, flagged, because dtc revives them in their old slot when they are defined again. Lookups by name
 * find the first entry of that name, deleted or not (dtc's merge and delete-by-name do the same); the maps
 * make that constant time for nodes with many properties or children.
 */
final class DNode {
    private static final int INDEX_FROM = 8;

    String name;
    DNode parent;
    final Pos pos;
    boolean deleted;
    boolean omitIfUnused;
    boolean referenced;
    /** 0 = none yet; explicit or assigned. */
    int phandle;
    final List<DProp> props = new ArrayList<>(2);
    final List<DNode> children = new ArrayList<>(0);
    /** In reverse source order (dtc prepends). */
    final List<Label> labels = new ArrayList<>(0);
    private Map<String, DProp> propIndex;
    private Map<String, DNode> childIndex;

    DNode(String name, Pos pos) {
        this.name = name;
        this.pos = pos;
    }

    void appendProp(DProp p) {
        props.add(p);
        if (propIndex != null) {
            propIndex.putIfAbsent(p.name, p);
        } else if (props.size() >= INDEX_FROM) {
            propIndex = new HashMap<>();
            for (DProp q : props) {
                propIndex.putIfAbsent(q.name, q);
            }
        }
    }

    void appendChild(DNode c) {
        c.parent = this;
        children.add(c);
        if (childIndex != null) {
            childIndex.putIfAbsent(c.name, c);
        } else if (children.size() >= INDEX_FROM) {
            childIndex = new HashMap<>();
            for (DNode d : children) {
                childIndex.putIfAbsent(d.name, d);
            }
        }
    }

    /** First property entry called {@code n}, deleted or not. */
    DProp firstProp(String n) {
        if (propIndex != null) {
            return propIndex.get(n);
        }
        for (DProp p : props) {
            if (p.name.equals(n)) {
                return p;
            }
        }
        return null;
    }

    /** First live property called {@code n} (dtc's get_property). */
    DProp liveProp(String n) {
        DProp first = firstProp(n);
        if (first == null || !first.deleted) {
            return first;
        }
        for (DProp p : props) {
            if (!p.deleted && p.name.equals(n)) {
                return p;
            }
        }
        return null;
    }

    /** First child entry called {@code n}, deleted or not. */
    DNode firstChild(String n) {
        if (childIndex != null) {
            return childIndex.get(n);
        }
        for (DNode c : children) {
            if (c.name.equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** First live child called {@code n}. */
    DNode liveChild(String n) {
        DNode first = firstChild(n);
        if (first == null || !first.deleted) {
            return first;
        }
        for (DNode c : children) {
            if (!c.deleted && c.name.equals(n)) {
                return c;
            }
        }
        return null;
    }

    /** The label entry called {@code n}, or null. */
    Label label(String n) {
        for (Label l : labels) {
            if (l.name.equals(n)) {
                return l;
            }
        }
        return null;
    }

    /** Length of the name before any {@code @}. */
    int baseNameLength() {
        int at = name.indexOf('@');
        return at < 0 ? name.length() : at;
    }

    /** Cached full path; names do not change once parsing is done, which is when paths are asked for. */
    private String path;

    /** The full path ("/" for the root), cached along the way up so a walk of the tree costs O(size of paths). */
    String path() {
        if (path != null) {
            return path;
        }
        ArrayList<DNode> missing = new ArrayList<>();
        DNode n = this;
        while (n != null && n.path == null) {
            missing.add(n);
            n = n.parent;
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            DNode m = missing.get(i);
            if (m.parent == null) {
                m.path = "/";
            } else {
                String up = m.parent.path;
                m.path = (up.equals("/") ? "" : up) + "/" + m.name;
            }
        }
        return path;
    }
}
