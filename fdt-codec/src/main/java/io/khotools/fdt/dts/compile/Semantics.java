package io.khotools.fdt.dts.compile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edits and checks dtc makes between parsing and flattening (fdt-format.md §10.4, §10.5, §14), in dtc's
 * order: name and duplicate checks, {@code name} property removal, duplicate labels, explicit phandles,
 * phandle references (assigning phandles on first use), path references, {@code /omit-if-no-ref/},
 * {@code __symbols__} ({@code -@}), and for plugins {@code __fixups__} and {@code __local_fixups__}. Only the
 * dtc checks that stop output are made; dtc's warnings are not reproduced.
 */
final class Semantics {
    private final Tree tree;
    private final Diagnostics diags;
    private final PhandleFormat format;
    private final boolean symbols;
    /** Phandle → node holding it; a deleted holder (an omitted node) frees the number, as in dtc. */
    private final Map<Integer, DNode> phandleHolders = new HashMap<>();
    private int nextPhandle = 1;

    Semantics(Tree tree, PhandleFormat format, boolean symbols, Diagnostics diags) {
        this.tree = tree;
        this.format = format;
        this.symbols = symbols;
        this.diags = diags;
    }

    /** dtc's boot CPU guess: the first child of /cpus, even a deleted one, if its reg is one cell. */
    static int guessBootCpu(Tree tree) {
        DNode cpus = tree.root == null ? null : tree.root.liveChild("cpus");
        if (cpus == null || cpus.children.isEmpty()) {
            return 0;
        }
        DProp reg = cpus.children.get(0).liveProp("reg");
        return reg != null && reg.value.length() == 4 ? reg.value.cellAt(0) : 0;
    }

    /** Live nodes in pre-order (children in list order). */
    List<DNode> liveNodes() {
        List<DNode> out = new ArrayList<>();
        ArrayDeque<DNode> todo = new ArrayDeque<>();
        todo.push(tree.root);
        while (!todo.isEmpty()) {
            DNode n = todo.pop();
            out.add(n);
            for (int i = n.children.size() - 1; i >= 0; i--) {
                if (!n.children.get(i).deleted) {
                    todo.push(n.children.get(i));
                }
            }
        }
        return out;
    }

    /** Runs the checks and edits up to omitting unreferenced nodes; errors go to the diagnostics. */
    void checkAndResolve() {
        List<DNode> nodes = liveNodes();
        checkNames(nodes);
        checkLabels(nodes);
        explicitPhandles(nodes);
        phandleReferences(nodes);
        pathReferences(nodes);
        if (diags.hasErrors()) {
            return;
        }
        for (DNode n : nodes) {
            // dtc keeps every node that has (or had) a label when it generates __symbols__
            boolean keptForSymbols = symbols && !n.labels.isEmpty();
            if (!n.deleted && n.omitIfUnused && !n.referenced && !keptForSymbols) {
                Tree.deleteNode(n);
            }
        }
    }

    // ---------------------------------------------------------------- names

    private static boolean nodeNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ',' || c == '.' || c == '_' || c == '+' || c == '-' || c == '@';
    }

    private static boolean propNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ',' || c == '.' || c == '_' || c == '+' || c == '-' || c == '*' || c == '#' || c == '?';
    }

    private void checkNames(List<DNode> nodes) {
        for (DNode n : nodes) {
            if (n.parent != null) {
                for (int i = 0; i < n.name.length(); i++) {
                    if (!nodeNameChar(n.name.charAt(i))) {
                        diags.error(n.pos, "bad character '" + n.name.charAt(i) + "' in node name " + n.path());
                        break;
                    }
                }
                if (n.name.indexOf('@') != n.name.lastIndexOf('@')) {
                    diags.error(n.pos, "multiple '@' characters in node name " + n.path());
                }
            }
            if (n.children.size() > 1) {
                Set<String> seen = new HashSet<>();
                for (DNode c : n.children) {
                    // dtc compares deleted entries too: "b {}; /delete-node/ b;" in one body is an error
                    if (!seen.add(c.name)) {
                        diags.error(c.pos, "duplicate node name " + c.name + " in " + n.path());
                    }
                }
            }
            Set<String> props = n.props.size() > 1 ? new HashSet<>() : null;
            for (DProp p : n.props) {
                if (p.deleted) {
                    continue;
                }
                if (props != null && !props.add(p.name)) {
                    diags.error(p.pos, "duplicate property name " + p.name + " in " + n.path());
                }
                for (int i = 0; i < p.name.length(); i++) {
                    if (!propNameChar(p.name.charAt(i))) {
                        diags.error(p.pos, "bad character '" + p.name.charAt(i) + "' in property name "
                                + p.name + " in " + n.path());
                        break;
                    }
                }
            }
            DProp name = n.liveProp("name");
            if (name != null) {
                if (!name.value.isOneString()) {
                    diags.error(name.pos, "\"name\" property in " + n.path() + " is not a string");
                } else if (name.value.bytesEqual(
                        (n.name.substring(0, n.baseNameLength()) + "\0").getBytes(StandardCharsets.ISO_8859_1),
                        n.baseNameLength() + 1)) {
                    // dtc drops a name property that repeats the node's base name
                    Tree.deleteProp(name);
                } else {
                    diags.error(name.pos, "\"name\" property in " + n.path()
                            + " is incorrect (not the base node name \"" + n.name.substring(0, n.baseNameLength())
                            + "\")");
                }
            }
        }
    }

    // ---------------------------------------------------------------- labels

    private void checkLabels(List<DNode> nodes) {
        Map<String, Object> owner = new HashMap<>();
        Map<Object, String> where = new HashMap<>();
        for (DNode n : nodes) {
            for (Label l : n.labels) {
                if (!l.deleted) {
                    label(owner, where, l.name, n, l.pos, "node " + n.path());
                }
            }
            for (DProp p : n.props) {
                if (p.deleted) {
                    continue;
                }
                for (Label l : p.labels) {
                    if (!l.deleted) {
                        label(owner, where, l.name, p, l.pos, "property " + n.path() + ":" + p.name);
                    }
                }
                for (Marker m : p.value.markers) {
                    if (m.type == Marker.Type.LABEL) {
                        label(owner, where, m.ref, m, m.pos, "value of " + n.path() + ":" + p.name);
                    }
                }
            }
        }
    }

    private void label(Map<String, Object> owner, Map<Object, String> where, String name, Object o, Pos pos,
            String desc) {
        Object first = owner.putIfAbsent(name, o);
        where.putIfAbsent(o, desc);
        if (first != null && first != o) {
            diags.error(pos, "duplicate label '" + name + "' on " + where.get(first) + " and " + desc);
        }
    }

    // ---------------------------------------------------------------- phandles

    private void explicitPhandles(List<DNode> nodes) {
        Map<Integer, DNode> byPhandle = new HashMap<>();
        for (DNode n : nodes) {
            for (String pname : new String[] {"phandle", "linux,phandle"}) {
                DProp p = n.liveProp(pname);
                if (p == null) {
                    continue;
                }
                if (p.value.length() != 4) {
                    diags.error(p.pos, "bad length (" + p.value.length() + ") " + pname + " property in " + n.path());
                    continue;
                }
                Marker ref = null;
                for (Marker m : p.value.markers) {
                    if (m.type == Marker.Type.PHANDLE && m.offset == 0) {
                        ref = m;
                    }
                }
                if (ref != null) {
                    // "phandle = <&self>" asks for an assigned phandle; dtc refuses any other reference here
                    if (tree.resolve(ref.ref) != n) {
                        diags.error(p.pos, pname + " property in " + n.path() + " refers to another node (&"
                                + ref.ref + ")");
                    }
                    continue;
                }
                int v = p.value.cellAt(0);
                if (v == 0 || v == -1) {
                    diags.error(p.pos, "bad value (0x" + Integer.toHexString(v) + ") in " + pname + " property of "
                            + n.path());
                    continue;
                }
                if (n.phandle != 0 && n.phandle != v) {
                    diags.error(p.pos, pname + " value 0x" + Integer.toHexString(v) + " in " + n.path()
                            + " does not match the other phandle property 0x" + Integer.toHexString(n.phandle));
                    continue;
                }
                DNode other = byPhandle.putIfAbsent(v, n);
                if (other != null && other != n) {
                    diags.error(p.pos, "duplicated phandle 0x" + Integer.toHexString(v) + " in " + n.path()
                            + " (seen before at " + other.path() + ")");
                    continue;
                }
                n.phandle = v;
                phandleHolders.put(v, n);
            }
        }
    }

    /** dtc's get_node_phandle: the node's phandle, assigning the next free one (and its properties) if none. */
    int phandleOf(DNode n) {
        if (n.phandle != 0 && n.phandle != -1) {
            return n.phandle;
        }
        // dtc searches the live tree for each candidate, so numbers of deleted nodes are free again
        while (isUsed(nextPhandle)) {
            nextPhandle++;
        }
        int ph = nextPhandle;
        phandleHolders.put(ph, n);
        n.phandle = ph;
        if (format.addsLegacy() && n.liveProp("linux,phandle") == null) {
            n.appendProp(cellProp("linux,phandle", ph, n.pos));
        }
        if (format.addsEpapr() && n.liveProp("phandle") == null) {
            n.appendProp(cellProp("phandle", ph, n.pos));
        }
        return ph;
    }

    private boolean isUsed(int ph) {
        DNode holder = phandleHolders.get(ph);
        return holder != null && !holder.deleted;
    }

    private static DProp cellProp(String name, int v, Pos pos) {
        Value value = new Value();
        value.appendInt(v & 0xffffffffL, 32);
        return new DProp(name, value, pos);
    }

    private void phandleReferences(List<DNode> nodes) {
        for (DNode n : nodes) {
            // by index: a reference to the node itself appends its phandle property during the loop
            for (int i = 0; i < n.props.size(); i++) {
                DProp p = n.props.get(i);
                if (p.deleted) {
                    continue;
                }
                for (Marker m : p.value.markers) {
                    if (m.type != Marker.Type.PHANDLE) {
                        continue;
                    }
                    DNode target = tree.resolve(m.ref);
                    if (target == null) {
                        if (tree.plugin) {
                            m.unresolved = true;
                            p.value.setCell(m.offset, -1);
                        } else {
                            diags.error(m.pos, "reference to non-existent node or label \"" + m.ref + "\"");
                        }
                        continue;
                    }
                    target.referenced = true;
                    p.value.setCell(m.offset, phandleOf(target));
                }
            }
        }
    }

    private void pathReferences(List<DNode> nodes) {
        for (DNode n : nodes) {
            for (DProp p : n.props) {
                if (p.deleted) {
                    continue;
                }
                for (Marker m : p.value.markers) {
                    if (m.type != Marker.Type.PATH) {
                        continue;
                    }
                    DNode target = tree.resolve(m.ref);
                    if (target == null) {
                        diags.error(m.pos, "reference to non-existent node or label \"" + m.ref + "\"");
                        continue;
                    }
                    target.referenced = true;
                    p.value.insertAt(m, (target.path() + "\0").getBytes(StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    // ---------------------------------------------------------------- generated nodes

    /**
     * {@code -@}: a {@code __symbols__} child of the root with label = path for every live node label. As in
     * dtc, a node counts as labelled when it ever had a label, even if all were deleted with an earlier
     * definition: it gets a phandle, and such a node alone makes an empty {@code __symbols__}.
     */
    void symbols() {
        List<DNode> nodes = liveNodes();
        boolean any = false;
        for (DNode n : nodes) {
            any |= !n.labels.isEmpty();
        }
        if (!any) {
            return;
        }
        DNode sym = generated("__symbols__");
        for (DNode n : nodes) {
            if (n.labels.isEmpty()) {
                continue;
            }
            for (int k = n.labels.size() - 1; k >= 0; k--) {
                Label l = n.labels.get(k);
                if (l.deleted || sym.liveProp(l.name) != null) {
                    continue;
                }
                Value v = new Value();
                v.append((n.path() + "\0").getBytes(StandardCharsets.ISO_8859_1));
                sym.appendProp(new DProp(l.name, v, l.pos));
            }
            phandleOf(n);
        }
    }

    private DNode generated(String name) {
        DNode n = tree.root.liveChild(name);
        if (n == null) {
            n = new DNode(name, tree.root.pos);
            tree.attach(tree.root, n);
        }
        return n;
    }

    /** Plugins: {@code __fixups__} for unresolved references, {@code __local_fixups__} for resolved ones. */
    void overlayFixups() {
        List<DNode> nodes = liveNodes();
        boolean anyUnresolved = false;
        boolean anyLocal = false;
        for (DNode n : nodes) {
            for (DProp p : n.props) {
                if (p.deleted) {
                    continue;
                }
                for (Marker m : p.value.markers) {
                    if (m.type == Marker.Type.PHANDLE) {
                        // dtc looks each reference up again here: a target deleted since (an omitted
                        // ancestor) now counts as external, although its number is already in the cell
                        m.unresolved |= tree.resolve(m.ref) == null;
                        anyUnresolved |= m.unresolved;
                        anyLocal |= !m.unresolved;
                    }
                }
            }
        }
        if (anyUnresolved) {
            DNode fix = generated("__fixups__");
            forEachPhandleMarker(nodes, true, (n, p, m) -> {
                String entry = n.path() + ":" + p.name + ":" + m.offset + "\0";
                appendTo(fix, m.ref, entry.getBytes(StandardCharsets.ISO_8859_1), m.pos);
            });
        }
        if (anyLocal) {
            DNode local = generated("__local_fixups__");
            forEachPhandleMarker(nodes, false, (n, p, m) -> {
                ArrayList<DNode> chain = new ArrayList<>();
                for (DNode a = n; a.parent != null; a = a.parent) {
                    chain.add(a);
                }
                DNode w = local;
                for (int i = chain.size() - 1; i >= 0; i--) {
                    DNode next = w.liveChild(chain.get(i).name);
                    if (next == null) {
                        next = new DNode(chain.get(i).name, m.pos);
                        tree.attach(w, next);
                    }
                    w = next;
                }
                Value cell = new Value();
                cell.appendInt(m.offset, 32);
                appendTo(w, p.name, cell.toByteArray(), m.pos);
            });
        }
    }

    private interface MarkerVisitor {
        void visit(DNode n, DProp p, Marker m);
    }

    private static void forEachPhandleMarker(List<DNode> nodes, boolean unresolved, MarkerVisitor v) {
        for (DNode n : nodes) {
            for (DProp p : List.copyOf(n.props)) {
                if (p.deleted) {
                    continue;
                }
                for (Marker m : p.value.markers) {
                    if (m.type == Marker.Type.PHANDLE && m.unresolved == unresolved) {
                        v.visit(n, p, m);
                    }
                }
            }
        }
    }

    private static void appendTo(DNode n, String prop, byte[] bytes, Pos pos) {
        DProp p = n.liveProp(prop);
        if (p == null) {
            p = new DProp(prop, new Value(), pos);
            n.appendProp(p);
        }
        p.value.append(bytes);
    }
}
