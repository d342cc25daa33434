package io.khotools.fdt.tree;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.WriteOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * An immutable device tree detached from any buffer: the root {@link Node}, the memory reservation entries,
 * {@code boot_cpuid_phys} and the header version it was read with (17 for built trees).
 *
 * <p>{@link #read(ByteBuf)} copies everything it keeps, so the blob may be released right after. Edits return
 * new trees sharing every untouched node. Nothing here recurses on depth.
 *
 * @param root the root node (its name is "" in every valid blob)
 * @param reserveEntries memory reservation entries, without the terminator
 * @param bootCpuidPhys the header's {@code boot_cpuid_phys}
 * @param version the header's version (17 for built trees)
 */
public record FdtTree(Node root, List<ReserveEntry> reserveEntries, int bootCpuidPhys, int version) {

    /** Copies the reserve entries; requires a root. */
    public FdtTree {
        Objects.requireNonNull(root, "root");
        reserveEntries = List.copyOf(reserveEntries);
    }

    /** A version 17 tree with no reserve entries and boot_cpuid_phys 0. */
    public static FdtTree of(Node root) {
        return new FdtTree(root, List.of(), 0, FdtFormat.VERSION_LATEST);
    }

    /**
     * Reads a blob with {@link ReadLimits#DEFAULT} and {@link ReadMode#STRICT}.
     *
     * @param blob borrowed; not kept, not released, indices unchanged
     * @throws FdtException whatever {@link FdtReader} throws, or BADSTRUCTURE for a structure block with no
     *     root node (libfdt accepts one, dtc does not; a tree needs a root)
     */
    public static FdtTree read(ByteBuf blob) {
        return read(blob, ReadLimits.DEFAULT, ReadMode.STRICT);
    }

    /**
     * Reads a blob in one pass, copying names and values out of it. Reservation entries end at the first
     * entry of size 0 (libfdt's and dtc's rule, fdt-format.md §5).
     *
     * @param blob borrowed; not kept, not released, indices unchanged
     * @param limits bounds passed to the reader ({@link ReadLimits#NONE} for very deep trees)
     * @param mode the reader's bounds mode
     * @throws FdtException as {@link #read(ByteBuf)}
     */
    public static FdtTree read(ByteBuf blob, ReadLimits limits, ReadMode mode) {
        FdtReader r = FdtReader.open(blob, limits, mode);
        List<ReserveEntry> reserves = r.reserveEntries();
        ArrayDeque<Frame> open = new ArrayDeque<>();
        Node root = null;
        for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
            switch (t) {
                case BEGIN_NODE -> open.push(new Frame(r.nodeName(), r.offset()));
                case PROP -> open.peek().properties.add(
                        Property.fromBlob(r.propertyName(), r.propertyValueBytes(), r.offset()));
                case END_NODE -> {
                    Frame f = open.pop();
                    Node n = Node.fromBlob(f.name, f.properties, f.children, f.offset);
                    if (open.isEmpty()) {
                        root = n; // the reader rejects a second root, so this happens once
                    } else {
                        open.peek().children.add(n);
                    }
                }
                default -> throw new IllegalStateException("reader returned " + t);
            }
        }
        if (root == null) {
            throw new FdtException(FdtError.BADSTRUCTURE, r.header().offDtStruct(),
                    "structure block has no root node");
        }
        return new FdtTree(root, reserves, r.header().bootCpuidPhys(), r.header().version());
    }

    /** A node being read: its properties and finished children. */
    private static final class Frame {
        final String name;
        final int offset;
        final List<Property> properties = new ArrayList<>();
        final List<Node> children = new ArrayList<>();

        Frame(String name, int offset) {
            this.name = name;
            this.offset = offset;
        }
    }

    // ------------------------------------------------------------------ lookups

    /**
     * Finds a node with libfdt's path rules, like {@code FdtIndex.node}: components separated by one or more
     * '/', a component without '@' also matches {@code component@…} (first match wins), and a path not
     * starting with '/' begins with an alias from {@code /aliases} (alias cycles find nothing).
     */
    public Optional<Node> node(String path) {
        int[] chain = resolve(path);
        return chain == null ? Optional.empty() : Optional.of(follow(chain)[chain.length]);
    }

    /** The node at an exact path (names compared exactly, first match per level). */
    public Optional<Node> node(NodePath path) {
        int[] chain = resolveExact(path);
        return chain == null ? Optional.empty() : Optional.of(follow(chain)[chain.length]);
    }

    /**
     * Visits every node in pre-order (a node before its children, children in order) with its exact path.
     * Iterative.
     */
    public void forEachNode(BiConsumer<NodePath, Node> visitor) {
        ArrayDeque<Node> nodes = new ArrayDeque<>();
        ArrayDeque<NodePath> paths = new ArrayDeque<>();
        nodes.push(root);
        paths.push(NodePath.ROOT);
        while (!nodes.isEmpty()) {
            Node n = nodes.pop();
            NodePath p = paths.pop();
            visitor.accept(p, n);
            List<Node> cs = n.children();
            for (int i = cs.size() - 1; i >= 0; i--) {
                nodes.push(cs.get(i));
                paths.push(p.child(cs.get(i).name()));
            }
        }
    }

    // ------------------------------------------------------------------ edits

    /**
     * A tree where the node found by {@code path} (same rules as {@link #node(String)}) is replaced by
     * {@code edit.apply(node)}; its ancestors are rebuilt, everything else is shared.
     *
     * @throws IllegalArgumentException if no node matches {@code path}
     */
    public FdtTree withNode(String path, UnaryOperator<Node> edit) {
        int[] chain = resolve(path);
        if (chain == null) {
            throw new IllegalArgumentException("no node at '" + path + "'");
        }
        return replaceAlong(chain, edit);
    }

    /**
     * As {@link #withNode(String, UnaryOperator)} with an exact path.
     *
     * @throws IllegalArgumentException if no node has that path
     */
    public FdtTree withNode(NodePath path, UnaryOperator<Node> edit) {
        int[] chain = resolveExact(path);
        if (chain == null) {
            throw new IllegalArgumentException("no node at '" + path + "'");
        }
        return replaceAlong(chain, edit);
    }

    /** A tree with another root node. */
    public FdtTree withRoot(Node newRoot) {
        return new FdtTree(newRoot, reserveEntries, bootCpuidPhys, version);
    }

    /** A tree with these memory reservation entries. */
    public FdtTree withReserveEntries(List<ReserveEntry> entries) {
        return new FdtTree(root, entries, bootCpuidPhys, version);
    }

    /** A tree with another {@code boot_cpuid_phys}. */
    public FdtTree withBootCpuidPhys(int id) {
        return new FdtTree(root, reserveEntries, id, version);
    }

    /** A tree with another header version. */
    public FdtTree withVersion(int newVersion) {
        return new FdtTree(root, reserveEntries, bootCpuidPhys, newVersion);
    }

    private FdtTree replaceAlong(int[] chain, UnaryOperator<Node> edit) {
        Node[] nodes = follow(chain);
        Node replaced = Objects.requireNonNull(edit.apply(nodes[chain.length]), "edit returned null");
        // rebuild ancestors bottom-up: loop, not recursion
        for (int level = chain.length - 1; level >= 0; level--) {
            replaced = nodes[level].withChildAt(chain[level], replaced);
        }
        return withRoot(replaced);
    }

    /** nodes[0] = root, nodes[i + 1] = child chain[i] of nodes[i]. */
    private Node[] follow(int[] chain) {
        Node[] nodes = new Node[chain.length + 1];
        nodes[0] = root;
        for (int i = 0; i < chain.length; i++) {
            nodes[i + 1] = nodes[i].children().get(chain[i]);
        }
        return nodes;
    }

    // ------------------------------------------------------------------ path resolution

    /** Child indexes from the root to the node {@code path} names, or null. */
    private int[] resolve(String path) {
        if (path.isEmpty()) {
            return null;
        }
        String p = path;
        if (p.charAt(0) != '/') {
            int[] aliasesChain = resolveAbsolute("/aliases");
            Node aliases = aliasesChain == null ? null : follow(aliasesChain)[aliasesChain.length];
            // each hop replaces one alias; more hops than aliases means a cycle (libfdt 1.6.1 overflows its stack)
            int maxHops = aliases == null ? 0 : aliases.properties().size();
            for (int hops = 0; p.isEmpty() || p.charAt(0) != '/'; hops++) {
                if (p.isEmpty() || hops >= maxHops) {
                    return null;
                }
                int slash = p.indexOf('/');
                String target = aliasValue(aliases, slash < 0 ? p : p.substring(0, slash));
                if (target == null) {
                    return null;
                }
                p = slash < 0 ? target : target + p.substring(slash);
            }
        }
        return resolveAbsolute(p);
    }

    /** An alias value as libfdt reads it: the C string up to the first NUL; null if absent or unterminated. */
    private static String aliasValue(Node aliases, String alias) {
        Optional<Property> prop = aliases.property(alias);
        if (prop.isEmpty()) {
            return null;
        }
        byte[] v = prop.get().toByteArray();
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                return new String(v, 0, i, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private int[] resolveAbsolute(String path) {
        IntList chain = new IntList();
        Node cur = root;
        int len = path.length();
        int pos = 0;
        while (true) {
            while (pos < len && path.charAt(pos) == '/') {
                pos++;
            }
            if (pos == len) {
                return chain.toArray();
            }
            int end = path.indexOf('/', pos);
            if (end < 0) {
                end = len;
            }
            int i = cur.indexOfMatching(path.substring(pos, end));
            if (i < 0) {
                return null;
            }
            chain.add(i);
            cur = cur.children().get(i);
            pos = end;
        }
    }

    private int[] resolveExact(NodePath path) {
        List<String> names = path.components();
        int[] chain = new int[names.size()];
        Node cur = root;
        for (int level = 0; level < chain.length; level++) {
            int i = cur.indexOfChild(names.get(level));
            if (i < 0) {
                return null;
            }
            chain[level] = i;
            cur = cur.children().get(i);
        }
        return chain;
    }

    /** Growable int array for path chains. */
    private static final class IntList {
        private int[] a = new int[16];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }

    /**
     * Writes the tree as a blob. The boot CPU id is the tree's {@link #bootCpuidPhys()} unless
     * {@code options} set one; layout, version and free space come from {@code options}.
     *
     * @param alloc allocator for the result
     * @param options layout and padding ({@link WriteOptions#dtc()} gives dtc's bytes)
     * @return the blob; <b>the caller owns it</b> and must release it
     * @throws IllegalArgumentException or IllegalStateException if (strict options) a name, a duplicate or a
     *     reservation breaks the writer's rules; nothing is leaked
     */
    public ByteBuf write(ByteBufAllocator alloc, WriteOptions options) {
        WriteOptions effective = options.bootCpuId().isPresent() ? options : options.withBootCpuId(bootCpuidPhys);
        try (FdtWriter out = FdtWriter.create(alloc, effective)) {
            TreeWriter.write(this, out);
            return out.finish();
        }
    }
}
