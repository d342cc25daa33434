package io.khotools.fdt.gen;

import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Draws random valid device trees from a seed: node shape, names (dtc's charset, unique among siblings, unit
 * addresses matching {@code reg}), {@code #address-cells}/{@code #size-cells} on every node with children,
 * values of every {@link ValueShape} ({@code reg}/{@code ranges} sized by the cells in force, phandle
 * references to nodes that carry a {@code phandle}), memory reservations and the boot CPU.
 *
 * <p><b>Determinism:</b> the same options and seed give an equal tree and byte-identical blob, on any JVM, for
 * a given khotools version ({@link java.util.Random} is specified exactly; no hash order or clock is used).
 * Different versions of the library may draw differently.
 *
 * <p>Every generated blob validates with no error or warning ({@code Validator.defaults()}; no error implies
 * libfdt's {@code fdt_check_full} accepts it, docs/validation-rules.md) and is written in dtc's layout;
 * {@code dtc -I dtb} reads it (content checks such as {@code model_is_string} may warn: values are random). Nothing recurses on depth: a 10,000-level chain works
 * ({@code withNodes(10_000, 10_000).withMaxDepth(10_000).withChainPercent(100)}). Immutable and thread-safe.
 *
 * <pre>{@code
 * FdtGenerator gen = FdtGenerator.of(FdtGenOptions.defaults().withNodes(5, 50));
 * FdtTree tree = gen.tree(42);
 * byte[] blob = gen.blob(42);            // == tree written with WriteOptions.dtc()
 * }</pre>
 */
public final class FdtGenerator {
    private static final String[] NODE_BASES = {"cpu", "memory", "serial", "bus", "i2c", "gpio", "clock", "soc",
        "uart", "timer", "pci", "usb", "ethernet", "node", "dev", "reserved-memory", "chosen", "aliases"};
    private static final String[] PROP_NAMES = {"compatible", "model", "status", "label", "device_type",
        "clock-frequency", "vendor,id", "gen,value", "bootargs", "stdout-path", "data", "x", "linux,code"};
    private static final String NAME_TAIL = "abcdefghijklmnopqrstuvwxyz0123456789,._+-";
    private static final String PROP_TAIL = NAME_TAIL + "#?";

    private final FdtGenOptions options;

    private FdtGenerator(FdtGenOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A generator with these knobs. */
    public static FdtGenerator of(FdtGenOptions options) {
        return new FdtGenerator(options);
    }

    /** The knobs. */
    public FdtGenOptions options() {
        return options;
    }

    /** The tree for {@code seed}: version and boot CPU id as the options say; phandles count from 1. */
    public FdtTree tree(long seed) {
        return toTree(draw(seed));
    }

    /**
     * The tree for {@code seed} written with {@link WriteOptions#dtc()} at the options' version.
     *
     * @return a new array
     */
    public byte[] blob(long seed) {
        ByteBuf buf = blob(seed, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * As {@link #blob(long)} into a buffer from {@code alloc}.
     *
     * @return the blob; <b>the caller owns it</b> and must release it
     */
    public ByteBuf blob(long seed, ByteBufAllocator alloc) {
        return tree(seed).write(alloc, WriteOptions.dtc().withVersion(options.version()));
    }

    // ---------------------------------------------------------------- drawing

    /** Draws the model; every random draw happens here, in a fixed order. */
    GenTree draw(long seed) {
        Random r = new Random(seed);
        GenTree t = new GenTree();
        t.version = options.version();
        t.bootCpuId = options.bootCpuId().isPresent() ? options.bootCpuId().getAsInt() : r.nextInt(8);
        drawReservations(t, r);
        int count = options.minNodes() + r.nextInt(options.maxNodes() - options.minNodes() + 1);
        if (options.maxDepth() == 1) {
            count = 1;
        }
        t.nodes.add(new GenTree.GenNode(-1, 1));
        for (int i = 1; i < count; i++) {
            int parent = parentFor(t, i, r);
            GenTree.GenNode n = new GenTree.GenNode(parent, t.nodes.get(parent).depth + 1);
            t.nodes.get(parent).children.add(i);
            t.nodes.add(n);
        }
        boolean cells = options.weight(ValueShape.REG) > 0 || options.weight(ValueShape.RANGES) > 0;
        for (GenTree.GenNode n : t.nodes) {
            if (cells && !n.children.isEmpty()) {
                n.addressCells = 1 + r.nextInt(2);
                n.sizeCells = r.nextInt(3);
            }
        }
        for (GenTree.GenNode n : t.nodes) {
            drawProperties(t, n, r);
        }
        int next = 1;
        for (GenTree.GenNode n : t.nodes) {
            if (n.phandle != 0) {
                n.phandle = next++;
            }
        }
        drawNames(t, r);
        return t;
    }

    private int parentFor(GenTree t, int i, Random r) {
        int max = options.maxDepth();
        if (r.nextInt(100) < options.chainPercent() && t.nodes.get(i - 1).depth < max) {
            return i - 1;
        }
        for (int tries = 0; tries < 16; tries++) {
            int p = r.nextInt(i);
            if (t.nodes.get(p).depth < max) {
                return p;
            }
        }
        return 0; // maxDepth >= 2 here, so the root can always take a child
    }

    private void drawReservations(GenTree t, Random r) {
        int n = r.nextInt(options.maxReservations() + 1);
        long at = 0;
        for (int i = 0; i < n; i++) {
            // cannot overflow: at most 1024 entries, each step < 2^41
            at += 0x1000L * (1 + r.nextInt(1 << 20));
            long size = 0x1000L * (1 + r.nextInt(1 << 16));
            t.reservations.add(new ReserveEntry(at, size));
            at += size;
        }
    }

    private void drawProperties(GenTree t, GenTree.GenNode n, Random r) {
        int count = r.nextInt(options.maxProperties() + 1);
        Set<String> used = new HashSet<>(Set.of("name", "phandle", "linux,phandle", "#address-cells", "#size-cells"));
        for (int i = 0; i < count; i++) {
            ValueShape shape = shape(r);
            GenTree.GenProp p = drawValue(t, n, shape, r);
            String name = p.name();
            for (int k = 2; !used.add(name); k++) {
                name = p.name() + "-" + k;
            }
            n.props.add(new GenTree.GenProp(name, p.shape(), p.value(), p.target(), p.strings()));
        }
    }

    private ValueShape shape(Random r) {
        int total = 0;
        for (int w : options.shapeWeights().values()) {
            total += w;
        }
        int x = r.nextInt(total);
        for (Map.Entry<ValueShape, Integer> e : options.shapeWeights().entrySet()) {
            x -= e.getValue();
            if (x < 0) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("weights changed");
    }

    /** One value; REG and RANGES fall back to CELLS where no cells are in force or they cannot fit. */
    private GenTree.GenProp drawValue(GenTree t, GenTree.GenNode n, ValueShape shape, Random r) {
        int maxCells = options.maxValueBytes() / 4;
        switch (shape) {
            case EMPTY:
                return prop(randomName(r), shape, new byte[0]);
            case U32:
                return prop(randomName(r), shape, cells(cell(r)));
            case U64: {
                long v = r.nextBoolean() ? r.nextLong() : r.nextInt(1 << 16);
                return prop(randomName(r), shape, cells((int) (v >>> 32), (int) v));
            }
            case STRING: {
                String s = text(r, options.maxValueBytes() - 1);
                return new GenTree.GenProp(stringName(r), shape, strings(List.of(s)), -1, List.of(s));
            }
            case STRING_LIST: {
                List<String> list = new ArrayList<>();
                int room = options.maxValueBytes();
                for (int i = 2 + r.nextInt(3); i > 0 && room > 1; i--) {
                    String s = text(r, Math.min(room - 1, 12));
                    list.add(s);
                    room -= s.length() + 1;
                }
                return new GenTree.GenProp(stringName(r), shape, strings(list), -1, List.copyOf(list));
            }
            case BYTES: {
                byte[] b = new byte[1 + r.nextInt(Math.min(options.maxValueBytes(), 24))];
                r.nextBytes(b);
                return prop(randomName(r), shape, b);
            }
            case REG: {
                GenTree.GenNode parent = n.parent < 0 ? null : t.nodes.get(n.parent);
                int per = parent == null ? 0 : parent.addressCells + parent.sizeCells;
                if (per <= 0 || per > maxCells) {
                    break;
                }
                int[] v = new int[per * (1 + r.nextInt(Math.min(3, maxCells / per)))];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextInt(1 << 20) << 12;
                }
                return prop("reg", shape, cells(v));
            }
            case RANGES: {
                GenTree.GenNode parent = n.parent < 0 ? null : t.nodes.get(n.parent);
                if (parent == null || n.addressCells < 0 || parent.addressCells < 0) {
                    break;
                }
                int per = n.addressCells + parent.addressCells + n.sizeCells;
                if (r.nextInt(3) == 0 || per > maxCells) {
                    return prop("ranges", shape, new byte[0]);
                }
                int[] v = new int[per * (1 + r.nextInt(Math.min(2, maxCells / per)))];
                for (int i = 0; i < v.length; i++) {
                    v[i] = r.nextInt(1 << 20) << 12;
                }
                return prop("ranges", shape, cells(v));
            }
            case PHANDLE_REF: {
                int target = r.nextInt(t.nodes.size());
                t.nodes.get(target).phandle = -1; // numbered once every reference is drawn
                int[] args = new int[Math.min(r.nextInt(3), maxCells - 1)];
                for (int i = 0; i < args.length; i++) {
                    args[i] = r.nextInt(256);
                }
                return new GenTree.GenProp("gen,ref", shape, cells(args), target, List.of());
            }
            default:
                break;
        }
        int[] v = new int[1 + r.nextInt(Math.min(6, maxCells))];
        for (int i = 0; i < v.length; i++) {
            v[i] = cell(r);
        }
        return prop(randomName(r), ValueShape.CELLS, cells(v));
    }

    /** Names every non-root node: a base, a unit address from {@code reg} when present, unique among siblings. */
    private void drawNames(GenTree t, Random r) {
        t.nodes.get(0).name = "";
        for (GenTree.GenNode parent : t.nodes) {
            Set<String> used = new HashSet<>();
            for (int c : parent.children) {
                GenTree.GenNode n = t.nodes.get(c);
                String base = r.nextInt(4) == 0 ? randomBase(r) : NODE_BASES[r.nextInt(NODE_BASES.length)];
                String unit = unitAddress(t, n, r);
                String name = unit == null ? base : base + "@" + unit;
                for (int k = 2; !used.add(name); k++) {
                    name = base + k + (unit == null ? "" : "@" + unit);
                }
                n.name = name;
            }
        }
    }

    private static String unitAddress(GenTree t, GenTree.GenNode n, Random r) {
        for (GenTree.GenProp p : n.props) {
            if (p.shape() == ValueShape.REG) {
                GenTree.GenNode parent = t.nodes.get(n.parent);
                // dtc's convention: the first address, its cells joined, in hex without leading zeros
                long addr = 0;
                for (int i = 0; i < parent.addressCells; i++) {
                    addr = addr << 32 | (readCell(p.value(), i) & 0xffffffffL);
                }
                return Long.toHexString(addr);
            }
        }
        return r.nextInt(3) == 0 ? Integer.toHexString(r.nextInt(1 << 16)) : null;
    }

    // ---------------------------------------------------------------- to the tree model

    /** Builds the immutable tree bottom-up (children have larger indices than parents): no recursion. */
    static FdtTree toTree(GenTree t) {
        Node[] built = new Node[t.nodes.size()];
        for (int i = t.nodes.size() - 1; i >= 0; i--) {
            GenTree.GenNode n = t.nodes.get(i);
            Node.Builder b = Node.builder(n.name);
            if (n.addressCells >= 0) {
                b.property(Property.u32("#address-cells", n.addressCells));
                b.property(Property.u32("#size-cells", n.sizeCells));
            }
            for (GenTree.GenProp p : n.props) {
                b.property(p.name(), p.target() < 0 ? p.value() : withPhandle(t.nodes.get(p.target()).phandle, p.value()));
            }
            if (n.phandle != 0) {
                b.property(Property.u32("phandle", n.phandle));
            }
            for (int c : n.children) {
                b.child(built[c]);
                built[c] = null;
            }
            built[i] = b.build();
        }
        return new FdtTree(built[0], t.reservations, t.bootCpuId, t.version);
    }

    private static byte[] withPhandle(int phandle, byte[] args) {
        byte[] out = new byte[4 + args.length];
        out[0] = (byte) (phandle >>> 24);
        out[1] = (byte) (phandle >>> 16);
        out[2] = (byte) (phandle >>> 8);
        out[3] = (byte) phandle;
        System.arraycopy(args, 0, out, 4, args.length);
        return out;
    }

    // ---------------------------------------------------------------- small draws

    private static GenTree.GenProp prop(String name, ValueShape shape, byte[] value) {
        return new GenTree.GenProp(name, shape, value, -1, List.of());
    }

    private static int cell(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> r.nextInt(16);
            case 1 -> r.nextInt(1 << 16);
            default -> r.nextInt();
        };
    }

    static byte[] cells(int... v) {
        byte[] out = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            out[4 * i] = (byte) (v[i] >>> 24);
            out[4 * i + 1] = (byte) (v[i] >>> 16);
            out[4 * i + 2] = (byte) (v[i] >>> 8);
            out[4 * i + 3] = (byte) v[i];
        }
        return out;
    }

    static int readCell(byte[] b, int i) {
        return (b[4 * i] & 0xff) << 24 | (b[4 * i + 1] & 0xff) << 16 | (b[4 * i + 2] & 0xff) << 8 | (b[4 * i + 3] & 0xff);
    }

    private static byte[] strings(List<String> list) {
        StringBuilder s = new StringBuilder();
        for (String x : list) {
            s.append(x).append('\0');
        }
        return s.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Printable ASCII (with the odd tab or newline), at most {@code max} chars. */
    private static String text(Random r, int max) {
        int n = r.nextInt(Math.min(max, 20) + 1);
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(100);
            s.append(k == 0 ? '\n' : k == 1 ? '\t' : (char) (' ' + r.nextInt(95)));
        }
        return s.toString();
    }

    private static String randomName(Random r) {
        return r.nextInt(3) == 0 ? PROP_NAMES[r.nextInt(PROP_NAMES.length)] : randomPropName(r);
    }

    private static String stringName(Random r) {
        return r.nextBoolean() ? PROP_NAMES[r.nextInt(PROP_NAMES.length)] : randomPropName(r);
    }

    private static String randomPropName(Random r) {
        StringBuilder s = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        for (int i = r.nextInt(10); i > 0; i--) {
            s.append(PROP_TAIL.charAt(r.nextInt(PROP_TAIL.length())));
        }
        return s.toString();
    }

    private static String randomBase(Random r) {
        StringBuilder s = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        for (int i = r.nextInt(8); i > 0; i--) {
            s.append(NAME_TAIL.charAt(r.nextInt(NAME_TAIL.length())));
        }
        return s.toString();
    }
}
