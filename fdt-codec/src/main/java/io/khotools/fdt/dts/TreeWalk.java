package io.khotools.fdt.dts;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Walks a blob's structure block in dtc's printing order (properties before subnodes) without copying
 * values.
 *
 * <p>{@link #scan} reads the whole structure block once, so every decoding error is thrown before a
 * printer writes its first byte. The blob almost always lists properties before subnodes (the DT spec
 * grammar, and what every writer produces); then {@link #emit} streams a second pass straight from an
 * {@link FdtReader}. Only when some property follows a subnode of the same node (accepted by libfdt and
 * dtc, fdt-format.md §9.4) does the scan keep an index of token offsets — ints per node and per property,
 * never value bytes — and {@link #emit} replays it in dtc's order, iteratively (no recursion, whatever the
 * depth).
 */
final class TreeWalk {
    private final ByteBuf blob;
    private final ReadLimits limits;
    private final ReadMode mode;
    private final Index index;

    private TreeWalk(ByteBuf blob, ReadLimits limits, ReadMode mode, Index index) {
        this.blob = blob;
        this.limits = limits;
        this.mode = mode;
        this.index = index;
    }

    /**
     * Reads and checks the whole structure block.
     *
     * @param blob the blob from its reader index; borrowed for the life of the returned walk
     * @param limits depth and count limits
     * @param mode structure-block bounds
     * @return a walk ready to {@link #emit}
     * @throws FdtException for anything {@link FdtReader} cannot decode, and BADSTRUCTURE for a
     *     structure block without a root node
     */
    static TreeWalk scan(ByteBuf blob, ReadLimits limits, ReadMode mode) {
        return scan(blob, limits, mode, false);
    }

    /**
     * Reads and checks the whole structure block; with {@code indexSymbolNodes}, also keeps the index
     * when the root has a {@code __symbols__}, {@code __fixups__} or {@code __local_fixups__} child, so
     * that {@link References} can resolve paths and phandles.
     *
     * @see #scan(ByteBuf, ReadLimits, ReadMode)
     */
    static TreeWalk scan(ByteBuf blob, ReadLimits limits, ReadMode mode, boolean indexSymbolNodes) {
        FdtReader r = FdtReader.open(blob, limits, mode);
        // hasChild[d]: the open node at depth d has had a subnode already
        boolean[] hasChild = new boolean[16];
        boolean reorder = false;
        boolean symbols = false;
        boolean sawRoot = false;
        for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
            sawRoot = true;
            int d = r.depth();
            if (t == FdtToken.BEGIN_NODE) {
                if (d >= hasChild.length) {
                    hasChild = Arrays.copyOf(hasChild, Math.max(d + 1, hasChild.length * 2));
                }
                hasChild[d] = false;
                hasChild[d - 1] = true;
                if (d == 2 && indexSymbolNodes && !symbols) {
                    symbols = r.nodeNameEquals(References.SYMBOLS) || r.nodeNameEquals(References.FIXUPS)
                            || r.nodeNameEquals(References.LOCAL_FIXUPS);
                }
            } else if (t == FdtToken.PROP && hasChild[d]) {
                reorder = true;
                break; // the index is built below anyway, and the Index pass checks the rest
            }
        }
        if (!sawRoot) {
            // libfdt accepts a lone FDT_END, but there is no tree to print (dtc refuses it too)
            throw new FdtException(FdtError.BADSTRUCTURE, r.offset(), "structure block has no root node");
        }
        Index index = reorder || symbols ? Index.build(FdtReader.open(blob, limits, mode)) : null;
        return new TreeWalk(blob, limits, mode, index);
    }

    /** True if {@link #emit} replays an index (a property after a subnode, or symbol nodes were asked for). */
    boolean reordered() {
        return index != null;
    }

    /** The index of the whole tree, or null when the walk streams without one. */
    Index index() {
        return index;
    }

    /**
     * Sends the tree to {@code visitor} in dtc's order.
     *
     * @throws IOException from the visitor
     */
    void emit(TreeVisitor visitor) throws IOException {
        if (index != null) {
            index.emit(blob, visitor, this);
            return;
        }
        FdtReader r = FdtReader.open(blob, limits, mode);
        for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
            switch (t) {
                case BEGIN_NODE -> visitor.beginNode(r.nodeName(), r.depth(), r.offset());
                case PROP -> visitor.property(r.propertyName(), r.propertyValue(), r.depth(), r.offset());
                case END_NODE -> visitor.endNode(r.depth() + 1);
                default -> { }
            }
        }
    }

    /**
     * Token offsets of a whole tree, as parallel int arrays: nodes in pre-order with first-child and
     * next-sibling links, properties chained per node. Size is linear in the token count, which the
     * blob's length bounds (a token needs at least 4 bytes).
     */
    static final class Index {
        private final FdtReader names; // resolves property name offsets (cached per offset)
        private ByteBuf blob;
        private int[] parent = new int[64];
        private int nodeCount;
        private int[] nodeOffset = new int[64];
        private int[] nodeNameOff = new int[64];
        private int[] nodeNameLen = new int[64];
        private int[] firstChild = new int[64];
        private int[] nextSibling = new int[64];
        private int[] firstProp = new int[64];
        private int[] lastProp = new int[64];
        private int[] lastChild = new int[64];

        private int propCount;
        private int[] propOffset = new int[64];
        private int[] propNameOff = new int[64];
        private int[] propValueOff = new int[64];
        private int[] propLen = new int[64];
        private int[] nextProp = new int[64];

        private Index(FdtReader names) {
            this.names = names;
        }

        static Index build(FdtReader r) {
            Index ix = new Index(r);
            ix.blob = r.blob();
            int[] open = new int[16]; // open[d] = node index at depth d
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                int d = r.depth();
                if (t == FdtToken.BEGIN_NODE) {
                    int n = ix.addNode(r.offset(), r.nodeNameOffset(), r.nodeNameLength());
                    if (d >= open.length) {
                        open = Arrays.copyOf(open, Math.max(d + 1, open.length * 2));
                    }
                    open[d] = n;
                    ix.parent[n] = d > 1 ? open[d - 1] : -1;
                    if (d > 1) {
                        ix.linkChild(open[d - 1], n);
                    }
                } else if (t == FdtToken.PROP) {
                    ix.addProp(open[d], r.offset(), r.propertyNameOffset(), r.propertyValueOffset(), r.propertyLength());
                }
            }
            return ix;
        }

        private int addNode(int offset, int nameOff, int nameLen) {
            if (nodeCount == nodeOffset.length) {
                int n = nodeCount * 2;
                nodeOffset = Arrays.copyOf(nodeOffset, n);
                nodeNameOff = Arrays.copyOf(nodeNameOff, n);
                nodeNameLen = Arrays.copyOf(nodeNameLen, n);
                firstChild = Arrays.copyOf(firstChild, n);
                nextSibling = Arrays.copyOf(nextSibling, n);
                firstProp = Arrays.copyOf(firstProp, n);
                lastProp = Arrays.copyOf(lastProp, n);
                lastChild = Arrays.copyOf(lastChild, n);
                parent = Arrays.copyOf(parent, n);
            }
            int i = nodeCount++;
            nodeOffset[i] = offset;
            nodeNameOff[i] = nameOff;
            nodeNameLen[i] = nameLen;
            firstChild[i] = nextSibling[i] = firstProp[i] = lastProp[i] = lastChild[i] = -1;
            return i;
        }

        private void linkChild(int parent, int child) {
            if (lastChild[parent] < 0) {
                firstChild[parent] = child;
            } else {
                nextSibling[lastChild[parent]] = child;
            }
            lastChild[parent] = child;
        }

        private void addProp(int node, int offset, int nameOff, int valueOff, int len) {
            if (propCount == propOffset.length) {
                int n = propCount * 2;
                propOffset = Arrays.copyOf(propOffset, n);
                propNameOff = Arrays.copyOf(propNameOff, n);
                propValueOff = Arrays.copyOf(propValueOff, n);
                propLen = Arrays.copyOf(propLen, n);
                nextProp = Arrays.copyOf(nextProp, n);
            }
            int p = propCount++;
            propOffset[p] = offset;
            propNameOff[p] = nameOff;
            propValueOff[p] = valueOff;
            propLen[p] = len;
            nextProp[p] = -1;
            if (lastProp[node] < 0) {
                firstProp[node] = p;
            } else {
                nextProp[lastProp[node]] = p;
            }
            lastProp[node] = p;
        }

        /** Number of nodes; node 0 is the root, nodes are numbered in pre-order. */
        int nodeCount() {
            return nodeCount;
        }

        /** The parent of node {@code n}, -1 for the root. */
        int parent(int n) {
            return parent[n];
        }

        /** The first child of node {@code n}, -1 if none. */
        int firstChild(int n) {
            return firstChild[n];
        }

        /** The next sibling of node {@code n}, -1 if none. */
        int nextSibling(int n) {
            return nextSibling[n];
        }

        /** Absolute offset of node {@code n}'s BEGIN_NODE token. */
        int nodeOffset(int n) {
            return nodeOffset[n];
        }

        /** Node {@code n}'s unit name (ISO-8859-1). */
        String nodeName(int n) {
            return blob.toString(blob.readerIndex() + nodeNameOff[n], nodeNameLen[n], StandardCharsets.ISO_8859_1);
        }

        /** Whether node {@code n}'s unit name is {@code name}, compared without allocating. */
        boolean nodeNameEquals(int n, String name) {
            if (nodeNameLen[n] != name.length()) {
                return false;
            }
            int start = blob.readerIndex() + nodeNameOff[n];
            for (int i = 0; i < name.length(); i++) {
                if ((blob.getByte(start + i) & 0xff) != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The first property of node {@code n}, -1 if none (in blob order). */
        int firstProp(int n) {
            return firstProp[n];
        }

        /** The property after {@code p} in its node, -1 if none. */
        int nextProp(int p) {
            return nextProp[p];
        }

        /** Property {@code p}'s name (cached per name offset). */
        String propName(int p) {
            return names.stringAt(propNameOff[p]);
        }

        /** Absolute offset of property {@code p}'s PROP token. */
        int propOffset(int p) {
            return propOffset[p];
        }

        /** Property {@code p}'s value: a borrowed slice of the blob. */
        ByteBuf propValue(int p) {
            return blob.slice(blob.readerIndex() + propValueOff[p], propLen[p]);
        }

        void emit(ByteBuf blob, TreeVisitor v, TreeWalk walk) throws IOException {
            if (nodeCount == 0) {
                return;
            }
            int base = blob.readerIndex();
            // explicit stack of open nodes; pending[d] = next child of open[d] still to visit
            int[] stack = new int[16];
            int depth = 0;
            int node = 0;
            while (true) {
                if (node >= 0) {
                    depth++;
                    v.beginNode(blob.toString(base + nodeNameOff[node], nodeNameLen[node],
                            StandardCharsets.ISO_8859_1), depth, nodeOffset[node]);
                    for (int p = firstProp[node]; p >= 0; p = nextProp[p]) {
                        v.property(names.stringAt(propNameOff[p]), blob.slice(base + propValueOff[p], propLen[p]),
                                depth, propOffset[p]);
                    }
                    if (depth >= stack.length) {
                        stack = Arrays.copyOf(stack, stack.length * 2);
                    }
                    stack[depth] = node;
                    node = firstChild[node];
                } else {
                    int closing = stack[depth];
                    v.endNode(depth);
                    depth--;
                    if (depth == 0) {
                        return;
                    }
                    node = nextSibling[closing];
                }
            }
        }
    }
}
