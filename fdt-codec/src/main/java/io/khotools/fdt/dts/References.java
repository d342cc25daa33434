package io.khotools.fdt.dts;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels and phandle references that {@code dtc -I dtb -O dts} (1.7.1 and later) restores from a
 * blob's {@code /__symbols__}, {@code /__fixups__} and {@code /__local_fixups__} nodes (fdt-format.md §11
 * and §14), computed once over a {@link TreeWalk.Index} and looked up by token offset while printing.
 *
 * <p>dtc's steps, in its order (each looks a node up by name with "first child of that name" and a
 * property with "first property of that name"):
 * <ol>
 *   <li>Labels: each {@code __symbols__} property names a label; its value, read up to the first NUL, is
 *       a path resolved like dtc's {@code get_node_by_path} (leading slashes skipped at every level, exact
 *       unit names, an empty path is the node itself). A node's labels print newest first, because dtc
 *       prepends; a repeated label on the same node is kept once.</li>
 *   <li>{@code __fixups__}: each property is an external label; each NUL-terminated entry
 *       {@code path:property:offset} marks the cell at that byte offset as {@code &label}.</li>
 *   <li>{@code __local_fixups__}: mirrors the tree; each property lists big-endian u32 byte offsets into
 *       the same-named property of the mirrored node. The cell there holds a phandle; the node that owns it
 *       (by its {@code phandle}, else {@code linux,phandle}; the first in pre-order when two claim it, as
 *       dtc's explicit-phandle check decides) prints as {@code &label} (its newest label) or
 *       {@code &{/full/path}}.</li>
 * </ol>
 * A cell already marked keeps its first reference. {@code /plugin/} is printed when the root has a
 * {@code __fixups__} or {@code __local_fixups__} child.
 *
 * <p>Deliberate differences from dtc 1.8, all on blobs dtc never writes, so that the printed text always
 * compiles back to the same blob (each is listed in docs/dtc-1.6-differences.md): a label that is not
 * valid DTS label syntax, that is already on another node, or that names the root is not restored; a
 * fixup is restored only when its entry is exactly what dtc would generate for that cell
 * ({@code /full/path:property:decimal-offset}), the cell holds 0xffffffff and the label is not a local
 * one; a local fixup is restored only from the first {@code __local_fixups__} node and property of each
 * name, and a path reference only when the path can be lexed and leads back to the same node; references
 * overlapping an earlier one are dropped (dtc 1.8 crashes on those).
 *
 * <p>Work and memory are linear in the size of the blob: child lookups by name use a per-node hash map
 * once a node has many children, and paths are cached per node.
 */
final class References {
    static final String SYMBOLS = "__symbols__";
    static final String FIXUPS = "__fixups__";
    static final String LOCAL_FIXUPS = "__local_fixups__";

    /** No labels, no references, no {@code /plugin/}. */
    static final References NONE = new References(false, Map.of(), Map.of());

    private static final int CHILD_MAP_THRESHOLD = 8;

    private final boolean plugin;
    private final Map<Integer, List<String>> labelsByNode;
    private final Map<Integer, Refs> refsByProp;

    private References(boolean plugin, Map<Integer, List<String>> labelsByNode, Map<Integer, Refs> refsByProp) {
        this.plugin = plugin;
        this.labelsByNode = labelsByNode;
        this.refsByProp = refsByProp;
    }

    /** Whether dtc prints {@code /plugin/;}: the root has a {@code __fixups__} or {@code __local_fixups__} child. */
    boolean plugin() {
        return plugin;
    }

    /** Labels of the node whose BEGIN_NODE token is at {@code nodeOffset}, in print order; empty if none. */
    List<String> labels(int nodeOffset) {
        return labelsByNode.getOrDefault(nodeOffset, List.of());
    }

    /** References inside the value of the property whose PROP token is at {@code propOffset}, or null. */
    Refs refs(int propOffset) {
        return refsByProp.get(propOffset);
    }

    /**
     * References of one property value: byte offsets (ascending, at least 4 apart) and the text after the
     * {@code &} for each ({@code label} or {@code {/path}}).
     */
    record Refs(int[] offsets, String[] targets) {}

    /**
     * Resolves every label and reference of an indexed tree.
     *
     * @param ix the tree's index; its blob is borrowed
     * @return the restored labels and references, {@link #NONE} if the root has none of the three nodes
     */
    static References resolve(TreeWalk.Index ix) {
        return new Resolver(ix).run();
    }

    /** True for dtc's label syntax {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
    static boolean isLabel(String s) {
        if (s.isEmpty() || !(isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isLetter(c) || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** True if dtc's lexer reads {@code &{path}} whole: characters of node names plus {@code /}. */
    static boolean isLexablePath(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean ok = isLetter(c) || (c >= '0' && c <= '9') || ",._+*#?@-/".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** One resolution over an index; not reusable. */
    private static final class Resolver {
        private final TreeWalk.Index ix;
        private final Map<Integer, Map<String, Integer>> childMaps = new HashMap<>();
        private final Map<Integer, String> paths = new HashMap<>();
        // node index -> labels, newest first (dtc prepends)
        private final Map<Integer, List<String>> labels = new HashMap<>();
        private final Map<String, Integer> labelOwner = new HashMap<>();
        // property index -> (value offset -> target), insertion order kept: the first marker on a cell wins
        private final Map<Integer, Map<Integer, String>> marks = new LinkedHashMap<>();
        private Map<Integer, Integer> phandles;

        Resolver(TreeWalk.Index ix) {
            this.ix = ix;
        }

        References run() {
            if (ix.nodeCount() == 0) {
                return NONE;
            }
            int symbols = child(0, SYMBOLS);
            int fixups = child(0, FIXUPS);
            int localFixups = child(0, LOCAL_FIXUPS);
            if (symbols < 0 && fixups < 0 && localFixups < 0) {
                return NONE;
            }
            if (symbols >= 0) {
                restoreLabels(symbols);
            }
            if (fixups >= 0) {
                restoreFixups(fixups);
            }
            if (localFixups >= 0) {
                restoreLocalFixups(localFixups);
            }
            return new References(fixups >= 0 || localFixups >= 0, nodeLabels(), propRefs());
        }

        private void restoreLabels(int symbols) {
            for (int p = ix.firstProp(symbols); p >= 0; p = ix.nextProp(p)) {
                String label = ix.propName(p);
                if (isDeletedName(symbols, p, label)) {
                    continue;
                }
                String path = cString(ix.propValue(p));
                int node = path == null ? -1 : nodeByPath(path);
                // dtc would also print a label on the root, a label with odd characters or one label on two
                // nodes; no dtc can compile that text back, so those are left out
                if (node <= 0 || !isLabel(label)) {
                    continue;
                }
                Integer owner = labelOwner.putIfAbsent(label, node);
                if (owner != null) {
                    continue; // same node: dtc keeps it once; another node: see above
                }
                labels.computeIfAbsent(node, k -> new ArrayList<>()).add(0, label);
            }
        }

        private void restoreFixups(int fixups) {
            Set<String> seen = new HashSet<>();
            for (int fp = ix.firstProp(fixups); fp >= 0; fp = ix.nextProp(fp)) {
                String label = ix.propName(fp);
                if (isDeletedName(fixups, fp, label)) {
                    continue;
                }
                // a compiler appends regenerated entries to the first property of this name
                boolean first = seen.add(label);
                ByteBuf v = ix.propValue(fp);
                int start = v.readerIndex();
                int end = start + v.readableBytes();
                for (int e = start; e < end; ) {
                    int nul = v.indexOf(e, end, (byte) 0);
                    if (nul < 0) {
                        break; // dtc: malformed entry, rest of the property ignored
                    }
                    String entry = v.toString(e, nul - e, java.nio.charset.StandardCharsets.ISO_8859_1);
                    e = nul + 1;
                    fixup(label, entry, first);
                }
            }
        }

        private void fixup(String label, String entry, boolean firstOfName) {
            int c1 = entry.indexOf(':');
            int c2 = c1 < 0 ? -1 : entry.indexOf(':', c1 + 1);
            if (c2 < 0) {
                return; // dtc: malformed, skipped
            }
            int node = nodeByPath(entry.substring(0, c1));
            if (node < 0) {
                return;
            }
            int prop = property(node, entry.substring(c1 + 1, c2));
            if (prop < 0) {
                return;
            }
            String text = entry.substring(c2 + 1);
            long offset = strtol(text);
            ByteBuf value = ix.propValue(prop);
            if (offset < 0 || offset + 4 > value.readableBytes()) {
                return; // dtc: invalid offset, skipped
            }
            int off = (int) offset;
            // dtc 1.8 marks the cell whatever the spelling; a compiler regenerates the entry as
            // "/full/path:property:%u" and appends it unless present, so only that spelling round-trips
            boolean lossless = firstOfName && isLabel(label) && !labelOwner.containsKey(label)
                    && value.getInt(value.readerIndex() + off) == -1
                    && text.equals(Long.toString(offset))
                    && entry.substring(0, c1).equals(path(node));
            mark(prop, off, lossless ? label : null);
        }

        private void restoreLocalFixups(int localFixups) {
            // iterative pre-order over (local-fixups node, tree node) pairs; dtc recurses the same way
            Deque<int[]> stack = new ArrayDeque<>();
            stack.push(new int[] {localFixups, 0, 1});
            while (!stack.isEmpty()) {
                int[] pair = stack.pop();
                int lf = pair[0];
                int node = pair[1];
                boolean canonical = pair[2] == 1;
                Set<String> seen = new HashSet<>();
                for (int lp = ix.firstProp(lf); lp >= 0; lp = ix.nextProp(lp)) {
                    String name = ix.propName(lp);
                    if (isDeletedName(lf, lp, name)) {
                        continue;
                    }
                    boolean first = seen.add(name);
                    int prop = property(node, name);
                    ByteBuf offsets = ix.propValue(lp);
                    if (prop < 0 || (offsets.readableBytes() & 3) != 0) {
                        continue;
                    }
                    ByteBuf value = ix.propValue(prop);
                    for (int i = 0; i < offsets.readableBytes(); i += 4) {
                        long off = offsets.getUnsignedInt(offsets.readerIndex() + i);
                        if (off + 4 > value.readableBytes()) {
                            continue; // dtc: too short to contain a phandle
                        }
                        int target = nodeByPhandle(value.getInt(value.readerIndex() + (int) off));
                        if (target < 0) {
                            continue;
                        }
                        String ref = reference(target);
                        mark(prop, (int) off, canonical && first ? ref : null);
                    }
                }
                // children pushed in reverse so that they pop in order
                List<int[]> kids = new ArrayList<>();
                Set<String> seenKids = new HashSet<>();
                for (int c = ix.firstChild(lf); c >= 0; c = ix.nextSibling(c)) {
                    String name = ix.nodeName(c);
                    boolean firstKid = seenKids.add(name);
                    int sub = child(node, name);
                    if (sub >= 0) {
                        kids.add(new int[] {c, sub, canonical && firstKid ? 1 : 0});
                    }
                }
                for (int k = kids.size() - 1; k >= 0; k--) {
                    stack.push(kids.get(k));
                }
            }
        }

        /** {@code label} or {@code {/path}} for a referenced node, null if the text would not compile back. */
        private String reference(int node) {
            List<String> l = labels.get(node);
            if (l != null) {
                return l.get(0);
            }
            String path = path(node);
            return isLexablePath(path) && nodeByPath(path) == node ? "{" + path + "}" : null;
        }

        /** Records a reference at a cell; the first one on a cell wins, a null target claims it numerically. */
        private void mark(int prop, int offset, String target) {
            marks.computeIfAbsent(prop, k -> new LinkedHashMap<>()).putIfAbsent(offset, target == null ? "" : target);
        }

        private Map<Integer, List<String>> nodeLabels() {
            Map<Integer, List<String>> out = new HashMap<>();
            labels.forEach((node, l) -> out.put(ix.nodeOffset(node), List.copyOf(l)));
            return out;
        }

        private Map<Integer, Refs> propRefs() {
            Map<Integer, Refs> out = new HashMap<>();
            for (Map.Entry<Integer, Map<Integer, String>> e : marks.entrySet()) {
                int[] offs = e.getValue().keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
                int[] keep = new int[offs.length];
                String[] targets = new String[offs.length];
                int n = 0;
                long end = Long.MIN_VALUE;
                for (int off : offs) {
                    if (off < end) {
                        continue; // overlaps the previous reference's cell: dtc 1.8 crashes; dropped
                    }
                    end = off + 4L;
                    String t = e.getValue().get(off);
                    if (!t.isEmpty()) {
                        keep[n] = off;
                        targets[n++] = t;
                    }
                }
                if (n > 0) {
                    out.put(ix.propOffset(e.getKey()), new Refs(Arrays.copyOf(keep, n), Arrays.copyOf(targets, n)));
                }
            }
            return out;
        }

        /** dtc's get_node_by_path from the root; -1 if not found. */
        private int nodeByPath(String path) {
            int node = 0;
            int i = 0;
            while (i < path.length()) {
                while (i < path.length() && path.charAt(i) == '/') {
                    i++;
                }
                int slash = path.indexOf('/', i);
                if (slash < 0) {
                    return child(node, path.substring(i));
                }
                node = child(node, path.substring(i, slash));
                if (node < 0) {
                    return -1;
                }
                i = slash + 1;
            }
            return node;
        }

        /** The first child of {@code node} named {@code name}, -1 if none. */
        private int child(int node, String name) {
            Map<String, Integer> map = childMaps.get(node);
            if (map != null) {
                return map.getOrDefault(name, -1);
            }
            int count = 0;
            for (int c = ix.firstChild(node); c >= 0; c = ix.nextSibling(c)) {
                if (ix.nodeNameEquals(c, name)) {
                    return c;
                }
                count++;
            }
            if (count > CHILD_MAP_THRESHOLD) {
                // many children and this lookup missed: index them once, so lookups stay O(1) amortised
                map = new HashMap<>();
                for (int c = ix.firstChild(node); c >= 0; c = ix.nextSibling(c)) {
                    map.putIfAbsent(ix.nodeName(c), c);
                }
                childMaps.put(node, map);
            }
            return -1;
        }

        /** The first property of {@code node} named {@code name} that dtc keeps, -1 if none. */
        private int property(int node, String name) {
            for (int p = ix.firstProp(node); p >= 0; p = ix.nextProp(p)) {
                if (ix.propName(p).equals(name) && !isDeletedName(node, p, name)) {
                    return p;
                }
            }
            return -1;
        }

        /** dtc's name_properties fix-up deletes a {@code name} property equal to the base name before all this. */
        private boolean isDeletedName(int node, int prop, String propName) {
            return propName.equals("name") && DtsPrinter.isBaseName(ix.propValue(prop), ix.nodeName(node));
        }

        /** dtc's full path of a node: {@code /} for the root, else {@code /a/b}. */
        private String path(int node) {
            if (node == 0) {
                return "/";
            }
            String cached = paths.get(node);
            if (cached != null) {
                return cached;
            }
            // collect ancestors iteratively: depth is bounded by the read limits, not by recursion
            List<Integer> chain = new ArrayList<>();
            for (int n = node; n > 0; n = ix.parent(n)) {
                chain.add(n);
            }
            StringBuilder sb = new StringBuilder();
            for (int k = chain.size() - 1; k >= 0; k--) {
                sb.append('/').append(ix.nodeName(chain.get(k)));
            }
            String p = sb.toString();
            paths.put(node, p);
            return p;
        }

        /** The node that owns {@code phandle} by dtc's explicit-phandle rules, -1 if none or invalid. */
        private int nodeByPhandle(int phandle) {
            if (phandle == 0 || phandle == -1) {
                return -1;
            }
            if (phandles == null) {
                phandles = new HashMap<>();
                for (int n = 0; n < ix.nodeCount(); n++) { // nodes are numbered in pre-order
                    int ph = explicitPhandle(n);
                    if (ph != 0) {
                        phandles.putIfAbsent(ph, n);
                    }
                }
            }
            return phandles.getOrDefault(phandle, -1);
        }

        /** A node's phandle: a valid 4-byte {@code phandle}, else a valid {@code linux,phandle}, else 0. */
        private int explicitPhandle(int node) {
            int ph = cell(property(node, "phandle"));
            return ph != 0 ? ph : cell(property(node, "linux,phandle"));
        }

        private int cell(int prop) {
            if (prop < 0) {
                return 0;
            }
            ByteBuf v = ix.propValue(prop);
            if (v.readableBytes() != 4) {
                return 0;
            }
            int c = v.getInt(v.readerIndex());
            return c == -1 ? 0 : c;
        }

        /** The value up to its first NUL; "" for an empty value (dtc then resolves the root); null without NUL. */
        private static String cString(ByteBuf v) {
            if (v.readableBytes() == 0) {
                return "";
            }
            int nul = v.indexOf(v.readerIndex(), v.readerIndex() + v.readableBytes(), (byte) 0);
            return nul < 0 ? null : v.toString(v.readerIndex(), nul - v.readerIndex(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        /**
         * C's {@code strtol(s, NULL, 0)} as dtc reads a fixup offset: leading white space, a sign, then hex
         * after {@code 0x}, octal after {@code 0}, else decimal, up to the first other character. Returns
         * -1 on overflow (dtc's later bounds check would then misbehave; the entry is treated as invalid).
         */
        static long strtol(String s) {
            int i = 0;
            int n = s.length();
            while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
                i++;
            }
            boolean negative = false;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                negative = s.charAt(i) == '-';
                i++;
            }
            int radix = 10;
            if (i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                    && i + 2 < n && Character.digit(s.charAt(i + 2), 16) >= 0) {
                radix = 16;
                i += 2;
            } else if (i < n && s.charAt(i) == '0') {
                radix = 8;
            }
            long v = 0;
            for (; i < n; i++) {
                int d = Character.digit(s.charAt(i), radix);
                if (d < 0 || s.charAt(i) > 0x7f) {
                    break;
                }
                if (v > (Long.MAX_VALUE - d) / radix) {
                    return -1;
                }
                v = v * radix + d;
            }
            return negative ? -v : v;
        }
    }
}
