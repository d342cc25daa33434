package io.khotools.fdt.gen;

import io.khotools.fdt.ReserveEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * Draws random device-tree source that both {@code dtc} and {@link io.khotools.fdt.dts.compile.DtsCompiler}
 * accept, from the same knobs as {@link FdtGenerator}: the drawn tree printed with {@code /memreserve/},
 * node labels, phandle references {@code <&label>} (dtc assigns the phandles), path references
 * {@code &label}, strings with escapes, byte strings {@code [..]}, {@code /bits/ 64} cells, cell expressions
 * such as {@code (0x10 + 0x2)}, then deletions ({@code /delete-property/}, {@code /delete-node/} inside a node
 * and {@code /delete-node/ &label;} at the top level) of extra properties and nodes added only to be deleted,
 * and {@code &label { … };} blocks that add properties to labelled nodes after the root.
 *
 * <p>Deterministic like {@link FdtGenerator}: same options and seed, same text. Printing uses an explicit
 * stack, so deep trees print without recursion (dtc's own parser has a nesting limit of a few thousand).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * String dts = DtsGenerator.of(FdtGenOptions.defaults()).source(7);
 * FdtTree tree = DtsCompiler.compile(dts, "gen.dts", CompileOptions.defaults());
 * }</pre>
 */
public final class DtsGenerator {
    private final FdtGenerator trees;

    private DtsGenerator(FdtGenOptions options) {
        this.trees = FdtGenerator.of(Objects.requireNonNull(options, "options"));
    }

    /** A source generator with these knobs; the version knob is not expressed in source (use dtc -V). */
    public static DtsGenerator of(FdtGenOptions options) {
        return new DtsGenerator(options);
    }

    /** The knobs. */
    public FdtGenOptions options() {
        return trees.options();
    }

    /** The source for {@code seed}: {@code /dts-v1/;} first, one statement or property per line, tab-indented. */
    public String source(long seed) {
        GenTree t = trees.draw(seed);
        // a second stream for the printing decisions, so the tree is the one FdtGenerator draws for this seed
        Random r = new Random(seed ^ 0x5DEECE66DL);
        return new Printer(t, r).print();
    }

    /** One printing run. */
    private static final class Printer {
        private final GenTree t;
        private final Random r;
        private final StringBuilder out = new StringBuilder();
        private final boolean[] labelled;
        private final List<String> deletableLabels = new ArrayList<>();
        private final List<Integer> labels = new ArrayList<>();
        /** Per node: the /delete-…/ lines of its later {@code &label { }} block, or null. */
        private final StringBuilder[] pendingDeletes;
        private int junk;

        Printer(GenTree t, Random r) {
            this.t = t;
            this.r = r;
            labelled = new boolean[t.nodes.size()];
            pendingDeletes = new StringBuilder[t.nodes.size()];
            for (int i = 0; i < labelled.length; i++) {
                labelled[i] = t.nodes.get(i).phandle != 0 || r.nextInt(4) == 0;
                if (labelled[i]) {
                    labels.add(i);
                }
            }
        }

        String print() {
            out.append("/dts-v1/;\n\n");
            for (ReserveEntry e : t.reservations) {
                out.append("/memreserve/ ").append(hex(e.address())).append(' ').append(hex(e.size())).append(";\n");
            }
            out.append('\n');
            printTree();
            for (String label : deletableLabels) {
                out.append("/delete-node/ &").append(label).append(";\n");
            }
            // dtc applies deletions when a later block is merged, so they go in &label { } blocks after the root
            for (int i = 0; i < labelled.length; i++) {
                boolean extra = labelled[i] && r.nextInt(3) == 0;
                if (!extra && pendingDeletes[i] == null) {
                    continue;
                }
                out.append('&').append(label(i)).append(" {\n");
                if (extra) {
                    out.append("\tgen-extra-").append(junk++).append(" = ");
                    printCells(new int[] {r.nextInt(1000)});
                    out.append(";\n");
                }
                if (pendingDeletes[i] != null) {
                    // property statements must precede node statements, as in any node body
                    String[] lines = pendingDeletes[i].toString().split("\n");
                    java.util.Arrays.sort(lines, java.util.Comparator.comparing(l -> l.contains("/delete-node/")));
                    out.append(String.join("\n", lines)).append('\n');
                }
                out.append("};\n");
            }
            return out.toString();
        }

        /** Pre-order with an explicit stack of (node, next child) frames. */
        private void printTree() {
            ArrayDeque<int[]> stack = new ArrayDeque<>();
            open(0, 0);
            stack.push(new int[] {0, 0});
            while (!stack.isEmpty()) {
                int[] top = stack.peek();
                GenTree.GenNode n = t.nodes.get(top[0]);
                if (top[1] < n.children.size()) {
                    int child = n.children.get(top[1]++);
                    open(child, stack.size());
                    stack.push(new int[] {child, 0});
                } else {
                    stack.pop();
                    close(top[0], stack.size());
                }
            }
        }

        private void open(int i, int depth) {
            GenTree.GenNode n = t.nodes.get(i);
            indent(depth);
            if (labelled[i] && i != 0) {
                out.append(label(i)).append(": ");
            }
            out.append(i == 0 ? "/" : n.name).append(" {\n");
            if (n.addressCells >= 0) {
                indent(depth + 1);
                out.append("#address-cells = <").append(n.addressCells).append(">;\n");
                indent(depth + 1);
                out.append("#size-cells = <").append(n.sizeCells).append(">;\n");
            }
            for (GenTree.GenProp p : n.props) {
                if (labelled[i] && r.nextInt(8) == 0) {
                    String name = "gen-junk-" + junk++;
                    indent(depth + 1);
                    out.append(name).append(" = \"deleted\";\n");
                    deleteLater(i, "/delete-property/ " + name);
                }
                indent(depth + 1);
                printProperty(p);
            }
            String target = anyLabel();
            if (r.nextInt(10) == 0 && target != null) {
                indent(depth + 1);
                out.append("gen-path-").append(junk++).append(" = &").append(target).append(";\n");
            }
            if (r.nextInt(12) == 0) {
                String name = "gen-junk-" + junk++;
                indent(depth + 1);
                if (labelled[i] && r.nextBoolean()) {
                    out.append(name).append(" { x = <1>; };\n");
                    deleteLater(i, "/delete-node/ " + name);
                } else {
                    String label = "del" + deletableLabels.size();
                    deletableLabels.add(label);
                    out.append(label).append(": ").append(name).append(" { };\n");
                }
            }
        }

        private void deleteLater(int i, String statement) {
            if (pendingDeletes[i] == null) {
                pendingDeletes[i] = new StringBuilder();
            }
            pendingDeletes[i].append('\t').append(statement).append(";\n");
        }

        private void close(int i, int depth) {
            indent(depth);
            out.append("};\n");
        }

        private void printProperty(GenTree.GenProp p) {
            out.append(p.name());
            byte[] v = p.value();
            switch (p.shape()) {
                case EMPTY -> { }
                case STRING, STRING_LIST -> {
                    out.append(" = ");
                    for (int k = 0; k < p.strings().size(); k++) {
                        out.append(k == 0 ? "" : ", ");
                        quoted(p.strings().get(k));
                    }
                }
                case U64 -> {
                    out.append(" = /bits/ 64 <");
                    long x = (long) FdtGenerator.readCell(v, 0) << 32 | (FdtGenerator.readCell(v, 1) & 0xffffffffL);
                    out.append(hex(x)).append('>');
                }
                case BYTES -> {
                    out.append(" = [");
                    for (int k = 0; k < v.length; k++) {
                        out.append(k == 0 ? "" : r.nextInt(4) == 0 ? "" : " ").append(String.format("%02x", v[k] & 0xff));
                    }
                    out.append(']');
                }
                case PHANDLE_REF -> {
                    out.append(" = <&").append(label(p.target()));
                    for (int k = 0; k < v.length / 4; k++) {
                        out.append(' ');
                        cell(FdtGenerator.readCell(v, k));
                    }
                    out.append('>');
                }
                default -> {
                    if (v.length == 0) {
                        break;
                    }
                    out.append(" = ");
                    int[] cells = new int[v.length / 4];
                    for (int k = 0; k < cells.length; k++) {
                        cells[k] = FdtGenerator.readCell(v, k);
                    }
                    printCells(cells);
                }
            }
            out.append(";\n");
        }

        private void printCells(int[] cells) {
            out.append('<');
            for (int k = 0; k < cells.length; k++) {
                if (k > 0) {
                    out.append(' ');
                }
                cell(cells[k]);
            }
            out.append('>');
        }

        /** One cell: hex, decimal, or an expression whose value (unsigned 32-bit) is the cell. */
        private void cell(int c) {
            long u = c & 0xffffffffL;
            switch (r.nextInt(6)) {
                case 0 -> out.append(u);
                case 1 -> {
                    long a = u == 0 ? 0 : (r.nextLong() >>> 1) % u;
                    out.append('(').append(hex(a)).append(" + ").append(hex(u - a)).append(')');
                }
                case 2 -> out.append("((").append(hex(u)).append(" << 4) >> 4)");
                default -> out.append(hex(u));
            }
        }

        private void quoted(String s) {
            out.append('"');
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append(r.nextBoolean() ? "\\t" : "\\x09");
                    default -> out.append(ch);
                }
            }
            out.append('"');
        }

        /** A random node label, or null if no node has one. */
        private String anyLabel() {
            // dtc resolves references after parsing: a label defined further down is fine
            return labels.isEmpty() ? null : label(labels.get(r.nextInt(labels.size())));
        }

        /** What follows '&' to reference node {@code i}: its label, or the path {@code {/}} for the root. */
        private static String label(int i) {
            // our compiler refuses a label on the root ("the root takes no label"), so the root is referenced by path
            return i == 0 ? "{/}" : "n" + i;
        }

        private void indent(int depth) {
            for (int k = 0; k < depth; k++) {
                out.append('\t');
            }
        }

        private static String hex(long v) {
            return "0x" + Long.toHexString(v);
        }
    }
}
