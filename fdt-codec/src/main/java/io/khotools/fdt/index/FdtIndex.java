package io.khotools.fdt.index;

import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.khotools.fdt.value.PropertyValues;
import io.khotools.fdt.value.RangeEntry;
import io.khotools.fdt.value.RegEntry;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A random-access index over a flattened device tree blob, built in one pass of {@link FdtReader}.
 *
 * <p>Nodes are int ids in pre-order (0 = the root), properties are int indexes; node ids and property
 * indexes are dense ({@code 0..nodeCount()-1}, {@code 0..propertyCount()-1}) and a node's properties have
 * consecutive indexes in blob order. Everything is kept in int arrays: parent, first child, next sibling and
 * depth make navigation O(1), and names and values stay in the blob and are read on demand.
 *
 * <p><b>Ownership:</b> the index <em>borrows</em> the blob and keeps a reference to it. The blob must stay
 * alive (not released) for as long as the index is used; the index never retains or releases it and never
 * moves its indices. Values it returns ({@link #value(int)}) are slices of the blob, valid while the blob
 * lives; do not release them.
 *
 * <p>Immutable after construction and safe to share between threads (as long as the blob's contents do not
 * change). No method recurses: a 100,000-deep tree is handled like a flat one.
 *
 * <p>Offsets are absolute, like {@link FdtReader#offset()}: 0 is the first header byte.
 */
public final class FdtIndex {
    private static final int NONE = -1;

    private final ByteBuf blob;
    private final int base;
    private final FdtHeader header;

    private final int nodeCount;
    private final int[] nodeOffset;
    private final int[] nodeNameOffset;
    private final int[] nodeNameLength;
    private final int[] nodeParent;
    private final int[] nodeFirstChild;
    private final int[] nodeNextSibling;
    private final int[] nodeFirstProp;
    private final int[] nodePropCount;
    private final int[] nodeDepth;

    private final int propCount;
    private final int[] propOffset;
    private final int[] propNameOffset;
    private final int[] propValueOffset;
    private final int[] propLength;
    private final int[] propNode;
    /** One String per property, shared per distinct name offset (the reader caches them). */
    private final String[] propName;

    private final IntIntMap phandles;
    private final int aliasesNode;

    private FdtIndex(Builder b) {
        this.blob = b.blob;
        this.base = blob.readerIndex();
        this.header = b.header;
        this.nodeCount = b.nodes;
        this.nodeOffset = Arrays.copyOf(b.nodeOffset, nodeCount);
        this.nodeNameOffset = Arrays.copyOf(b.nodeNameOffset, nodeCount);
        this.nodeNameLength = Arrays.copyOf(b.nodeNameLength, nodeCount);
        this.nodeParent = Arrays.copyOf(b.nodeParent, nodeCount);
        this.nodeFirstChild = Arrays.copyOf(b.nodeFirstChild, nodeCount);
        this.nodeNextSibling = Arrays.copyOf(b.nodeNextSibling, nodeCount);
        this.nodeDepth = Arrays.copyOf(b.nodeDepth, nodeCount);
        this.propCount = b.props;
        this.propOffset = Arrays.copyOf(b.propOffset, propCount);
        this.propNameOffset = Arrays.copyOf(b.propNameOffset, propCount);
        this.propValueOffset = Arrays.copyOf(b.propValueOffset, propCount);
        this.propLength = Arrays.copyOf(b.propLength, propCount);
        this.propNode = Arrays.copyOf(b.propNode, propCount);
        this.propName = Arrays.copyOf(b.propName, propCount);
        if (b.propsOutOfOrder) {
            sortPropertiesByNode();
        }
        this.nodeFirstProp = new int[nodeCount];
        this.nodePropCount = new int[nodeCount];
        Arrays.fill(nodeFirstProp, NONE);
        for (int p = 0; p < propCount; p++) {
            int n = propNode[p];
            if (nodePropCount[n]++ == 0) {
                nodeFirstProp[n] = p;
            }
        }
        this.phandles = collectPhandles();
        this.aliasesNode = nodeCount == 0 ? NONE : resolveAbsolute("/aliases");
    }

    /**
     * Indexes a blob with {@link ReadLimits#DEFAULT} and {@link ReadMode#STRICT}.
     *
     * @param blob the blob from its reader index; borrowed and <em>kept</em>: it must outlive the index
     * @throws io.khotools.fdt.FdtException whatever {@link FdtReader} throws for malformed input
     */
    public static FdtIndex build(ByteBuf blob) {
        return build(blob, ReadLimits.DEFAULT, ReadMode.STRICT);
    }

    /**
     * Indexes a blob in one pass.
     *
     * @param blob the blob from its reader index; borrowed and <em>kept</em>: it must outlive the index
     * @param limits bounds passed to the reader (use {@link ReadLimits#NONE} for very deep trees)
     * @param mode the reader's bounds mode
     * @throws io.khotools.fdt.FdtException whatever {@link FdtReader} throws for malformed input
     */
    public static FdtIndex build(ByteBuf blob, ReadLimits limits, ReadMode mode) {
        FdtReader r = FdtReader.open(blob, limits, mode);
        Builder b = new Builder(blob, r.header());
        for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
            if (t == FdtToken.BEGIN_NODE) {
                b.beginNode(r);
            } else if (t == FdtToken.PROP) {
                b.property(r);
            }
        }
        return new FdtIndex(b);
    }

    // ------------------------------------------------------------------ blob

    /** The blob this index borrows (not retained; the caller still owns it). */
    public ByteBuf blob() {
        return blob;
    }

    /** The blob's checked header. */
    public FdtHeader header() {
        return header;
    }

    // ------------------------------------------------------------------ nodes

    /** Number of nodes; 0 only for a structure block without a root (libfdt accepts one, §9.4). */
    public int nodeCount() {
        return nodeCount;
    }

    /** Number of properties in the whole tree. */
    public int propertyCount() {
        return propCount;
    }

    /** The parent's id, or -1 for the root. O(1). @throws IndexOutOfBoundsException for a bad id */
    public int parent(int id) {
        return nodeParent[checkNode(id)];
    }

    /** The first child's id, or -1 for a leaf. */
    public int firstChild(int id) {
        return nodeFirstChild[checkNode(id)];
    }

    /** The next sibling's id, or -1 for the last child (and for the root). */
    public int nextSibling(int id) {
        return nodeNextSibling[checkNode(id)];
    }

    /** The children's ids in blob order (a new array). */
    public int[] children(int id) {
        int n = 0;
        for (int c = firstChild(id); c != NONE; c = nodeNextSibling[c]) {
            n++;
        }
        int[] out = new int[n];
        int i = 0;
        for (int c = nodeFirstChild[id]; c != NONE; c = nodeNextSibling[c]) {
            out[i++] = c;
        }
        return out;
    }

    /** Number of ancestors: 0 for the root (the reader's {@code depth()} minus one). */
    public int depth(int id) {
        return nodeDepth[checkNode(id)];
    }

    /** Absolute offset of the node's BEGIN_NODE token. */
    public int offset(int id) {
        return nodeOffset[checkNode(id)];
    }

    /** The node's unit name ({@code memory@0}; "" for the root), decoded one byte per char. Allocates. */
    public String name(int id) {
        checkNode(id);
        return blob.toString(base + nodeNameOffset[id], nodeNameLength[id], StandardCharsets.ISO_8859_1);
    }

    /** Whether the node's unit name equals {@code name}, compared in place without allocating. */
    public boolean nameEquals(int id, CharSequence name) {
        checkNode(id);
        return nodeNameLength[id] == name.length() && regionMatches(id, name, 0, name.length());
    }

    /** The node's full path ({@code /cpus/cpu@0}; "/" for the root). Built iteratively; allocates. */
    public String path(int id) {
        checkNode(id);
        if (id == 0) {
            return "/";
        }
        int depth = nodeDepth[id];
        String[] parts = new String[depth];
        for (int n = id, i = depth - 1; i >= 0; n = nodeParent[n], i--) {
            parts[i] = name(n);
        }
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            sb.append('/').append(p);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ properties

    /** Number of properties of the node. */
    public int propertyCount(int id) {
        return nodePropCount[checkNode(id)];
    }

    /** Index of the node's first property, or -1 if it has none; its others follow consecutively. */
    public int firstProperty(int id) {
        return nodeFirstProp[checkNode(id)];
    }

    /** The node's property indexes in blob order (a new array). */
    public int[] properties(int id) {
        int n = propertyCount(id);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = nodeFirstProp[id] + i;
        }
        return out;
    }

    /** The index of the node's first property named {@code name}, or -1. Does not allocate. */
    public int property(int id, String name) {
        int first = nodeFirstProp[checkNode(id)];
        for (int p = first, end = first + nodePropCount[id]; p < end; p++) {
            if (propName[p].equals(name)) {
                return p;
            }
        }
        return NONE;
    }

    /** The property's name (a shared String per distinct name). */
    public String propertyName(int prop) {
        return propName[checkProp(prop)];
    }

    /** The property's name offset, relative to the strings block. */
    public int propertyNameOffset(int prop) {
        return propNameOffset[checkProp(prop)];
    }

    /** The id of the node that holds the property. */
    public int propertyNode(int prop) {
        return propNode[checkProp(prop)];
    }

    /** Absolute offset of the property's PROP token. */
    public int propertyOffset(int prop) {
        return propOffset[checkProp(prop)];
    }

    /** Absolute offset of the property value's first byte. */
    public int valueOffset(int prop) {
        return propValueOffset[checkProp(prop)];
    }

    /** Length of the property's value in bytes. */
    public int valueLength(int prop) {
        return propLength[checkProp(prop)];
    }

    /**
     * The property's value as a slice of the blob. Borrowed: valid while the blob lives; do not release it.
     * Each call returns a fresh slice with its own indices.
     */
    public ByteBuf value(int prop) {
        checkProp(prop);
        return blob.slice(base + propValueOffset[prop], propLength[prop]);
    }

    /** A copy of the property's value. */
    public byte[] valueBytes(int prop) {
        checkProp(prop);
        byte[] out = new byte[propLength[prop]];
        blob.getBytes(base + propValueOffset[prop], out);
        return out;
    }

    // ------------------------------------------------------------------ addressing

    /**
     * The node's own {@code #address-cells} (which applies to its children's {@code reg}), or
     * {@value PropertyValues#DEFAULT_ADDRESS_CELLS} when absent (DT spec v0.4 §2.3.5).
     *
     * @throws io.khotools.fdt.FdtException BADNCELLS if the property is not exactly 4 bytes
     */
    public int addressCells(int id) {
        return cells(id, "#address-cells", PropertyValues.DEFAULT_ADDRESS_CELLS);
    }

    /**
     * The node's own {@code #size-cells}, or {@value PropertyValues#DEFAULT_SIZE_CELLS} when absent.
     *
     * @throws io.khotools.fdt.FdtException BADNCELLS if the property is not exactly 4 bytes
     */
    public int sizeCells(int id) {
        return cells(id, "#size-cells", PropertyValues.DEFAULT_SIZE_CELLS);
    }

    private int cells(int id, String name, int dflt) {
        int p = property(id, name);
        return p == NONE ? dflt : PropertyValues.cellCount(value(p), propOffset[p]);
    }

    /**
     * The node's {@code reg}, decoded with its <em>parent's</em> {@code #address-cells}/{@code #size-cells}
     * (the root, having no parent, uses the defaults 2/1).
     *
     * @return the entries; empty if the node has no {@code reg} (a present {@code reg} is never empty)
     * @throws io.khotools.fdt.FdtException BADNCELLS or BADVALUE from {@link PropertyValues#reg}, with the
     *     PROP token's offset
     */
    public List<RegEntry> reg(int id) {
        int p = property(id, "reg");
        if (p == NONE) {
            return List.of();
        }
        int parent = nodeParent[id];
        int ac = parent == NONE ? PropertyValues.DEFAULT_ADDRESS_CELLS : addressCells(parent);
        int sc = parent == NONE ? PropertyValues.DEFAULT_SIZE_CELLS : sizeCells(parent);
        return PropertyValues.reg(value(p), ac, sc, propOffset[p]);
    }

    /**
     * The node's {@code ranges}: child addresses use the node's own {@code #address-cells}, parent addresses
     * the parent's, sizes the node's {@code #size-cells} (DT spec v0.4 §2.3.8).
     *
     * @return the entries; empty if {@code ranges} is absent or empty (identity mapping)
     * @throws io.khotools.fdt.FdtException BADNCELLS or BADVALUE from {@link PropertyValues#ranges}
     */
    public List<RangeEntry> ranges(int id) {
        int p = property(id, "ranges");
        if (p == NONE) {
            return List.of();
        }
        int parent = nodeParent[id];
        int pac = parent == NONE ? PropertyValues.DEFAULT_ADDRESS_CELLS : addressCells(parent);
        return PropertyValues.ranges(value(p), addressCells(id), pac, sizeCells(id), propOffset[p]);
    }

    // ------------------------------------------------------------------ lookups

    /**
     * The node with the given phandle, from its {@code phandle} property or, failing that,
     * {@code linux,phandle} (each counted only when exactly 4 bytes, as libfdt's {@code fdt_get_phandle}).
     * If several nodes claim a phandle the first in blob order wins. O(1), no boxing.
     *
     * @return the node id, or -1 (always for 0 and 0xffffffff, which are never valid)
     */
    public int nodeByPhandle(int phandle) {
        return PropertyValues.isValidPhandle(phandle) ? phandles.get(phandle, NONE) : NONE;
    }

    /**
     * Finds a node by path with libfdt's rules (fdt-format.md §8): components are separated by one or more
     * '/'; a component matches a child whose name equals it or, when the component has no '@', a child
     * named {@code component@…}; the first matching child in blob order wins. A path not starting with '/'
     * starts with an alias: its first component is looked up in {@code /aliases} and replaced by the alias
     * value (repeatedly, if that value is itself relative).
     *
     * <p>Unlike libfdt 1.6.1, whose recursion crashes on an alias cycle ({@code a = "a"}), a cycle or an
     * alias value without NUL simply finds nothing.
     *
     * @return the node id, or -1 if there is no such node (or the path is empty)
     */
    public int node(String path) {
        if (nodeCount == 0 || path.isEmpty()) {
            return NONE;
        }
        String p = path;
        // each hop replaces one alias; a chain longer than the number of aliases must revisit one (a cycle)
        int maxHops = aliasesNode == NONE ? 0 : nodePropCount[aliasesNode];
        for (int hops = 0; p.isEmpty() || p.charAt(0) != '/'; hops++) {
            if (p.isEmpty() || hops >= maxHops) {
                return NONE;
            }
            int slash = p.indexOf('/');
            String alias = slash < 0 ? p : p.substring(0, slash);
            String target = aliasValue(alias);
            if (target == null) {
                return NONE;
            }
            p = slash < 0 ? target : target + p.substring(slash);
        }
        return resolveAbsolute(p);
    }

    private String aliasValue(String alias) {
        int prop = property(aliasesNode, alias);
        if (prop == NONE) {
            return null;
        }
        int start = base + propValueOffset[prop];
        int len = propLength[prop];
        int nul = len == 0 ? -1 : blob.indexOf(start, start + len, (byte) 0);
        // libfdt uses the value as a C string: up to its first NUL
        return nul < 0 ? null : blob.toString(start, nul - start, StandardCharsets.ISO_8859_1);
    }

    /** Resolves a path starting with '/' without alias expansion. */
    private int resolveAbsolute(String path) {
        int cur = 0;
        int len = path.length();
        int pos = 0;
        while (true) {
            while (pos < len && path.charAt(pos) == '/') {
                pos++;
            }
            if (pos == len) {
                return cur;
            }
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = len;
            }
            cur = findChild(cur, path, pos, end);
            if (cur == NONE) {
                return NONE;
            }
            pos = end;
        }
    }

    private int findChild(int parent, String path, int from, int to) {
        int n = to - from;
        boolean hasAt = false;
        for (int i = from; i < to && !hasAt; i++) {
            hasAt = path.charAt(i) == '@'; // bounded scan: indexOf would run to the end of a long path
        }
        for (int c = nodeFirstChild[parent]; c != NONE; c = nodeNextSibling[c]) {
            int len = nodeNameLength[c];
            if (len == n) {
                if (regionMatches(c, path, from, n)) {
                    return c;
                }
            } else if (!hasAt && len > n && blob.getByte(base + nodeNameOffset[c] + n) == '@'
                    && regionMatches(c, path, from, n)) {
                return c;
            }
        }
        return NONE;
    }

    /** Whether the first {@code n} bytes of node {@code id}'s name equal {@code s[from, from+n)}. */
    private boolean regionMatches(int id, CharSequence s, int from, int n) {
        int at = base + nodeNameOffset[id];
        for (int i = 0; i < n; i++) {
            if ((blob.getByte(at + i) & 0xff) != s.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ construction helpers

    private IntIntMap collectPhandles() {
        IntIntMap map = new IntIntMap(16);
        for (int id = 0; id < nodeCount; id++) {
            int ph = phandleOf(id, "phandle");
            if (ph == 0) {
                ph = phandleOf(id, "linux,phandle");
            }
            if (PropertyValues.isValidPhandle(ph)) {
                map.putIfAbsent(ph, id);
            }
        }
        return map;
    }

    /** The 4-byte value of the named property, or 0 if absent or of another length. */
    private int phandleOf(int id, String name) {
        int p = property(id, name);
        return p == NONE || propLength[p] != 4 ? 0 : blob.getInt(base + propValueOffset[p]);
    }

    /**
     * Puts the property arrays in node order (stable), needed only when a node has properties after its
     * children, which dtc warns about but libfdt accepts (fdt-format.md §9.4). Counting sort: O(n), no
     * recursion.
     */
    private void sortPropertiesByNode() {
        int[] start = new int[nodeCount + 1];
        for (int p = 0; p < propCount; p++) {
            start[propNode[p] + 1]++;
        }
        for (int i = 0; i < nodeCount; i++) {
            start[i + 1] += start[i];
        }
        int[] order = new int[propCount];
        for (int p = 0; p < propCount; p++) {
            order[start[propNode[p]]++] = p;
        }
        permute(propOffset, order);
        permute(propNameOffset, order);
        permute(propValueOffset, order);
        permute(propLength, order);
        permute(propNode, order);
        String[] names = propName.clone();
        for (int i = 0; i < propCount; i++) {
            propName[i] = names[order[i]];
        }
    }

    private static void permute(int[] a, int[] order) {
        int[] copy = a.clone();
        for (int i = 0; i < order.length; i++) {
            a[i] = copy[order[i]];
        }
    }

    private int checkNode(int id) {
        if (id < 0 || id >= nodeCount) {
            throw new IndexOutOfBoundsException("node id " + id + " outside [0, " + nodeCount + ")");
        }
        return id;
    }

    private int checkProp(int prop) {
        if (prop < 0 || prop >= propCount) {
            throw new IndexOutOfBoundsException("property index " + prop + " outside [0, " + propCount + ")");
        }
        return prop;
    }

    @Override
    public String toString() {
        return "FdtIndex[" + nodeCount + " nodes, " + propCount + " properties, " + phandles.size() + " phandles]";
    }

    /** Growable arrays filled during the single reader pass. */
    private static final class Builder {
        final ByteBuf blob;
        final FdtHeader header;
        int nodes;
        int[] nodeOffset = new int[64];
        int[] nodeNameOffset = new int[64];
        int[] nodeNameLength = new int[64];
        int[] nodeParent = new int[64];
        int[] nodeFirstChild = new int[64];
        int[] nodeNextSibling = new int[64];
        int[] nodeDepth = new int[64];
        int props;
        int[] propOffset = new int[128];
        int[] propNameOffset = new int[128];
        int[] propValueOffset = new int[128];
        int[] propLength = new int[128];
        int[] propNode = new int[128];
        String[] propName = new String[128];
        boolean propsOutOfOrder;
        int lastPropNode;
        /** open[d] = id of the open node at depth d; lastChild[d] = its most recent child, or -1. */
        int[] open = new int[16];
        int[] lastChild = new int[16];

        Builder(ByteBuf blob, FdtHeader header) {
            this.blob = blob;
            this.header = header;
        }

        void beginNode(FdtReader r) {
            int id = nodes;
            if (id == nodeOffset.length) {
                // bounded by the input: every node takes at least 8 bytes of the structure block
                int cap = id * 2;
                nodeOffset = Arrays.copyOf(nodeOffset, cap);
                nodeNameOffset = Arrays.copyOf(nodeNameOffset, cap);
                nodeNameLength = Arrays.copyOf(nodeNameLength, cap);
                nodeParent = Arrays.copyOf(nodeParent, cap);
                nodeFirstChild = Arrays.copyOf(nodeFirstChild, cap);
                nodeNextSibling = Arrays.copyOf(nodeNextSibling, cap);
                nodeDepth = Arrays.copyOf(nodeDepth, cap);
            }
            int depth = r.depth() - 1; // the reader counts the root as 1
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
                lastChild = Arrays.copyOf(lastChild, depth * 2);
            }
            int parent = depth == 0 ? NONE : open[depth - 1];
            nodeOffset[id] = r.offset();
            nodeNameOffset[id] = r.nodeNameOffset();
            nodeNameLength[id] = r.nodeNameLength();
            nodeParent[id] = parent;
            nodeFirstChild[id] = NONE;
            nodeNextSibling[id] = NONE;
            nodeDepth[id] = depth;
            if (parent != NONE) {
                int prev = lastChild[depth - 1];
                if (prev == NONE) {
                    nodeFirstChild[parent] = id;
                } else {
                    nodeNextSibling[prev] = id;
                }
                lastChild[depth - 1] = id;
            }
            open[depth] = id;
            lastChild[depth] = NONE;
            nodes++;
        }

        void property(FdtReader r) {
            int p = props;
            if (p == propOffset.length) {
                // bounded by the input: every property takes at least 12 bytes of the structure block
                int cap = p * 2;
                propOffset = Arrays.copyOf(propOffset, cap);
                propNameOffset = Arrays.copyOf(propNameOffset, cap);
                propValueOffset = Arrays.copyOf(propValueOffset, cap);
                propLength = Arrays.copyOf(propLength, cap);
                propNode = Arrays.copyOf(propNode, cap);
                propName = Arrays.copyOf(propName, cap);
            }
            int owner = open[r.depth() - 1];
            propOffset[p] = r.offset();
            propNameOffset[p] = r.propertyNameOffset();
            propValueOffset[p] = r.propertyValueOffset();
            propLength[p] = r.propertyLength();
            propNode[p] = owner;
            propName[p] = r.propertyName();
            if (owner < lastPropNode) {
                propsOutOfOrder = true; // a property after a child subtree (pre-order ids only grow otherwise)
            }
            lastPropNode = owner;
            props++;
        }
    }
}
