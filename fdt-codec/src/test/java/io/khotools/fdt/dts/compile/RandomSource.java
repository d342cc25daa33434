package io.khotools.fdt.dts.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random device-tree source from dtc's grammar, for differential tests: nested nodes with labels, every value
 * form (strings with escapes, cells of every width with expressions and references, byte strings, path
 * references, labels inside values), then later edits: root redefinitions that replace, revive and delete,
 * {@code &label { }} merges, top-level deletes and {@code /omit-if-no-ref/}. Mostly valid; some sources are
 * rejected by dtc (a reference to a deleted label, say), and then both compilers must refuse them.
 */
final class RandomSource {
    private static final String[] NODE_NAMES = {"a", "b", "cpu@0", "dev@1000", "bus", "x-y", "n,m"};
    private static final String[] PROP_NAMES = {"p", "q", "reg", "compatible", "#size-cells", "size-cells",
        "cells", "status", "name2", "x,y"};
    private static final String[] STRINGS = {"", "okay", "a\\tb", "\\x41\\101", "q\\\"uote", "line\\n",
        "caf\\xe9", "\\0mid"};

    private final Random r;
    private final StringBuilder out = new StringBuilder();
    /** Node labels that can be referenced, with their node's path. */
    private final List<String> labels = new ArrayList<>();
    private final List<String> labelPaths = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private int labelCount;
    final boolean plugin;
    final List<String> flags = new ArrayList<>();

    RandomSource(long seed) {
        r = new Random(seed);
        plugin = r.nextInt(8) == 0;
        if (r.nextInt(3) == 0) {
            flags.add("-@");
        }
        if (r.nextInt(4) == 0) {
            flags.add("-H");
            flags.add(r.nextBoolean() ? "both" : "legacy");
        }
    }

    String generate() {
        out.append("/dts-v1/;\n");
        if (plugin) {
            out.append("/plugin/;\n");
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            out.append("/memreserve/ ").append(number(64)).append(' ').append(number(64)).append(";\n");
        }
        out.append("/ {\n");
        body("", 1, 3);
        out.append("};\n");
        for (int i = r.nextInt(5); i > 0; i--) {
            edit();
        }
        return out.toString();
    }

    /** A fresh label for a property or value: not a reference target. */
    private String newLabel() {
        return "l" + labelCount++;
    }

    /** A fresh label for the node at {@code path}; null path = unknown (not referenced then). */
    private String nodeLabel(String path) {
        String l = newLabel();
        if (path != null) {
            labels.add(l);
            labelPaths.add(path);
        }
        return l;
    }

    private void addPath(String path) {
        if (path != null && !paths.contains(path)) {
            paths.add(path);
        }
    }

    /** Forgets the deleted subtree at {@code path}, so later references avoid it. */
    private void forget(String path) {
        paths.removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        for (int i = labels.size() - 1; i >= 0; i--) {
            String p = labelPaths.get(i);
            if (p.equals(path) || p.startsWith(path + "/")) {
                labels.remove(i);
                labelPaths.remove(i);
            }
        }
    }

    private String pick(String[] a) {
        return a[r.nextInt(a.length)];
    }

    private void indent(int depth) {
        out.append("\t".repeat(depth));
    }

    /** Properties, then children (each name once per body). */
    private void body(String path, int depth, int maxDepth) {
        List<String> names = new ArrayList<>(List.of(PROP_NAMES));
        for (int i = r.nextInt(4); i > 0; i--) {
            String name = names.remove(r.nextInt(names.size()));
            indent(depth);
            if (r.nextInt(6) == 0) {
                out.append(newLabel()).append(": ");
            }
            out.append(name);
            if (r.nextInt(6) != 0) {
                out.append(" = ");
                value();
            }
            out.append(";\n");
        }
        if (depth > maxDepth) {
            return;
        }
        List<String> nodes = new ArrayList<>(List.of(NODE_NAMES));
        for (int i = r.nextInt(4); i > 0; i--) {
            String name = nodes.remove(r.nextInt(nodes.size()));
            String child = path == null ? null : path + "/" + name;
            addPath(child);
            indent(depth);
            if (r.nextInt(10) == 0) {
                out.append("/omit-if-no-ref/ ");
            }
            for (int k = r.nextInt(3); k > 0; k--) {
                out.append(nodeLabel(child)).append(": ");
            }
            out.append(name).append(" {\n");
            body(child, depth + 1, maxDepth);
            indent(depth);
            out.append("};\n");
        }
    }

    private void value() {
        int items = 1 + r.nextInt(3);
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (r.nextInt(8) == 0) {
                out.append(newLabel()).append(": ");
            }
            switch (r.nextInt(6)) {
                case 0 -> out.append('"').append(pick(STRINGS)).append('"');
                case 1 -> bytes();
                case 2 -> out.append(ref(false));
                default -> cells();
            }
        }
    }

    private void bytes() {
        out.append('[');
        for (int i = r.nextInt(5); i > 0; i--) {
            out.append(String.format("%02x", r.nextInt(256))).append(' ');
        }
        out.append(']');
    }

    private String ref(boolean phandle) {
        if (plugin && r.nextInt(4) == 0) {
            return "&ext" + r.nextInt(3);
        }
        if (!paths.isEmpty() && r.nextInt(4) == 0) {
            return "&{" + paths.get(r.nextInt(paths.size())) + "}";
        }
        if (labels.isEmpty() || (phandle && r.nextInt(10) == 0)) {
            return "&{/}";
        }
        return "&" + labels.get(r.nextInt(labels.size()));
    }

    private void cells() {
        int bits = switch (r.nextInt(6)) {
            case 0 -> 8;
            case 1 -> 16;
            case 2 -> 64;
            default -> 32;
        };
        if (bits != 32 || r.nextInt(5) == 0) {
            out.append("/bits/ ").append(bits).append(' ');
        }
        out.append('<');
        for (int i = r.nextInt(5); i > 0; i--) {
            if (i < 4) {
                out.append(' ');
            }
            switch (r.nextInt(5)) {
                case 0 -> out.append(bits == 32 ? ref(true) : number(bits));
                case 1 -> out.append('(').append(expr(3)).append(bits == 64 ? "" : " & " + mask(bits)).append(')');
                case 2 -> out.append("'").append((char) ('a' + r.nextInt(26))).append("'");
                default -> out.append(number(bits));
            }
        }
        out.append('>');
    }

    private static String mask(int bits) {
        return "0x" + Long.toHexString((1L << bits) - 1);
    }

    private String number(int bits) {
        long v = r.nextLong();
        if (bits < 64) {
            v &= (1L << bits) - 1;
        }
        if (r.nextBoolean()) {
            v &= 0xff;
        }
        return switch (r.nextInt(3)) {
            case 0 -> Long.toUnsignedString(v);
            case 1 -> "0" + Long.toOctalString(v);
            default -> "0x" + Long.toHexString(v);
        };
    }

    private String expr(int depth) {
        if (depth == 0 || r.nextInt(3) == 0) {
            return r.nextInt(4) == 0 ? "'" + (char) ('A' + r.nextInt(26)) + "'" : Integer.toString(r.nextInt(300));
        }
        String a = expr(depth - 1);
        String b = expr(depth - 1);
        return switch (r.nextInt(20)) {
            case 0 -> "(" + a + " + " + b + ")";
            case 1 -> "(" + a + " - " + b + ")";
            case 2 -> "(" + a + " * " + b + ")";
            case 3 -> "(" + a + " / (" + b + " | 1))";
            case 4 -> "(" + a + " % (" + b + " | 1))";
            case 5 -> "(" + a + " << " + r.nextInt(70) + ")";
            case 6 -> "(" + a + " >> " + r.nextInt(70) + ")";
            case 7 -> "(" + a + " & " + b + ")";
            case 8 -> "(" + a + " | " + b + ")";
            case 9 -> "(" + a + " ^ " + b + ")";
            case 10 -> "(" + a + " && " + b + ")";
            case 11 -> "(" + a + " || " + b + ")";
            case 12 -> "(" + a + " < " + b + ")";
            case 13 -> "(" + a + " >= " + b + ")";
            case 14 -> "(" + a + " == " + b + ")";
            case 15 -> "(" + a + " != " + b + ")";
            case 16 -> "(" + a + " ? " + b + " : " + expr(depth - 1) + ")";
            case 17 -> "(-" + a + ")";
            case 18 -> "(~" + a + ")";
            default -> "(!" + a + " + " + a + " * " + b + " - " + b + " << 1)";
        };
    }

    private void edit() {
        switch (r.nextInt(8)) {
            case 0, 5, 6 -> {
                out.append("/ {\n");
                redefine("", 1);
                out.append("};\n");
            }
            case 1, 2 -> {
                if (labels.isEmpty()) {
                    return;
                }
                int k = r.nextInt(labels.size());
                String target = labelPaths.get(k);
                if (r.nextInt(4) == 0) {
                    out.append(nodeLabel(target)).append(": ");
                }
                out.append('&').append(labels.get(k)).append(" {\n");
                body(target, 1, 1);
                out.append("};\n");
            }
            case 3 -> {
                if (!paths.isEmpty()) {
                    String victim = paths.get(r.nextInt(paths.size()));
                    if (r.nextBoolean()) {
                        out.append("/delete-node/ &{" + victim + "};\n");
                        forget(victim);
                    } else {
                        out.append("/omit-if-no-ref/ &{" + victim + "};\n");
                    }
                }
            }
            default -> {
                if (!labels.isEmpty()) {
                    int k = r.nextInt(labels.size());
                    out.append("/delete-node/ &").append(labels.get(k)).append(";\n");
                    forget(labelPaths.get(k));
                }
            }
        }
    }

    /** A root-level redefinition: deletes, replaces and adds properties, then deletes and merges children. */
    private void redefine(String path, int depth) {
        for (int i = r.nextInt(4); i > 0; i--) {
            indent(depth);
            String name = pick(PROP_NAMES);
            if (r.nextInt(3) == 0) {
                out.append("/delete-property/ ").append(name).append(";\n");
            } else {
                out.append(name).append(" = ");
                value();
                out.append(";\n");
            }
        }
        List<String> nodes = new ArrayList<>(List.of(NODE_NAMES));
        for (int i = r.nextInt(3); i > 0; i--) {
            String name = nodes.remove(r.nextInt(nodes.size()));
            indent(depth);
            String child = path + "/" + name;
            if (r.nextInt(4) == 0) {
                out.append("/delete-node/ ").append(name).append(";\n");
                forget(child);
            } else {
                if (r.nextInt(4) == 0) {
                    out.append(nodeLabel(child)).append(": ");
                }
                addPath(child);
                out.append(name).append(" {\n");
                if (depth < 3) {
                    redefine(path + "/" + name, depth + 1);
                }
                indent(depth);
                out.append("};\n");
            }
        }
    }
}
