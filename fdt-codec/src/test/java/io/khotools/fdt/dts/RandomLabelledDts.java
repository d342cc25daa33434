package io.khotools.fdt.dts;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random DTS with labels and references, for the lossless tests: labelled nodes, {@code <&label>} and
 * {@code <&{/path}>} cells mixed with numbers, strings and bytes in one value, and (for overlays)
 * {@code /plugin/} with unresolved {@code &ext_N} references. Compiled with {@code -@} half of the time,
 * so blobs carry {@code __symbols__}, {@code __fixups__} and {@code __local_fixups__} in every
 * combination. Deterministic per seed.
 */
final class RandomLabelledDts {
    private final Random r;
    private final boolean plugin;
    private final List<String> labels = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    private int nodes;

    private RandomLabelledDts(long seed) {
        this.r = new Random(seed);
        this.plugin = r.nextInt(3) == 0;
    }

    /** The source for {@code seed} and the dtc flags to compile it with. */
    record Source(String text, List<String> flags) {}

    static Source generate(long seed) {
        return new RandomLabelledDts(seed).document();
    }

    private Source document() {
        // first pass decides the tree shape (names, labels), second writes values that refer to it
        shape("", 1);
        StringBuilder sb = new StringBuilder("/dts-v1/;\n");
        if (plugin) {
            sb.append("/plugin/;\n");
        }
        sb.append("\n/ {\n");
        nodes = 0;
        write(sb, "", 1);
        sb.append("};\n");
        List<String> flags = r.nextBoolean() ? List.of("-@") : List.of();
        return new Source(sb.toString(), flags);
    }

    private final List<String[]> shape = new ArrayList<>(); // per node: name, label or null

    private void shape(String path, int depth) {
        int children = depth >= 4 ? 0 : r.nextInt(depth == 1 ? 5 : 3);
        for (int i = 0; i < children; i++) {
            String name = "n" + shape.size() + (r.nextBoolean() ? "@" + Integer.toHexString(r.nextInt(256)) : "");
            String label = r.nextInt(3) != 0 ? "l" + shape.size() : null;
            shape.add(new String[] {name, label, String.valueOf(depth)});
            if (label != null) {
                labels.add(label);
            }
            paths.add(path + "/" + name);
            shape(path + "/" + name, depth + 1);
        }
    }

    private void write(StringBuilder sb, String path, int depth) {
        int props = r.nextInt(4);
        for (int i = 0; i < props; i++) {
            sb.append("\t".repeat(depth)).append("p").append(i).append(" = ").append(value()).append(";\n");
        }
        while (nodes < shape.size() && Integer.parseInt(shape.get(nodes)[2]) == depth) {
            String[] n = shape.get(nodes++);
            sb.append("\t".repeat(depth));
            if (n[1] != null) {
                sb.append(n[1]).append(": ");
            }
            sb.append(n[0]).append(" {\n");
            write(sb, path + "/" + n[0], depth + 1);
            sb.append("\t".repeat(depth)).append("};\n");
        }
    }

    private String value() {
        int parts = 1 + r.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            switch (r.nextInt(6)) {
                case 0 -> sb.append('"').append(new String[] {"a", "okay", "x,y", ""}[r.nextInt(4)]).append('"');
                case 1 -> sb.append("[01 02 03]");
                default -> cells(sb);
            }
        }
        return sb.toString();
    }

    private void cells(StringBuilder sb) {
        sb.append('<');
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            int k = r.nextInt(6);
            if (k == 0 && !labels.isEmpty()) {
                sb.append('&').append(labels.get(r.nextInt(labels.size())));
            } else if (k == 1 && !paths.isEmpty()) {
                sb.append("&{").append(paths.get(r.nextInt(paths.size()))).append('}');
            } else if (k == 2 && plugin) {
                sb.append("&ext_").append(r.nextInt(3));
            } else {
                sb.append("0x").append(Integer.toHexString(r.nextInt(5) == 0 ? -1 : r.nextInt(100)));
            }
        }
        sb.append('>');
    }
}
