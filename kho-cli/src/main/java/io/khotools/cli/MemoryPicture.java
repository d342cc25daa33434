package io.khotools.cli;

import io.khotools.kho.view.MemoryRegion;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pictures {@code kho map} draws from a list of {@link MemoryRegion}s: text (one line per region, then one
 * bar of cells per kind, all scaled linearly over the span the regions cover, a legend; ANSI colour on request) and SVG (one lane
 * per kind, the same scale, a title per region for tooltips, the region table below). Both are deterministic:
 * the same regions give the same characters. Names come from the input, so every char outside printable
 * ASCII is shown as {@code \xNN} (no terminal escape or XML markup passes through).
 */
final class MemoryPicture {
    /** Letter of each kind in the bar, by {@link MemoryRegion.Kind} ordinal. */
    private static final char[] LETTER = {'S', 'P', 'M', 'B', 'T', 'V'};
    /** ANSI colour of each kind: green, blue, yellow, magenta, cyan, red. */
    private static final String[] ANSI = {"\u001b[32m", "\u001b[34m", "\u001b[33m", "\u001b[35m", "\u001b[36m",
        "\u001b[31m"};
    /** SVG fill of each kind. */
    private static final String[] FILL = {"#4caf50", "#1e88e5", "#fbc02d", "#8e24aa", "#00897b", "#e53935"};
    private static final String RESET = "\u001b[0m";
    private static final String[] LEGEND = {"scratch", "preserved", "map pages", "sub-blob", "structures", "vmalloc"};
    private static final int SVG_WIDTH = 960;
    private static final int SVG_LABEL = 110;
    private static final int SVG_LANE = 22;
    /** Width of the kind labels before each terminal lane. */
    private static final int LANE_LABEL = 11;

    private final List<MemoryRegion> regions;
    private final long lo;
    private final long hi;

    /** A picture of {@code regions} (any order; sorted by {@link MemoryRegion#ORDER} here). */
    MemoryPicture(List<MemoryRegion> regions) {
        List<MemoryRegion> sorted = new ArrayList<>(regions);
        sorted.sort(MemoryRegion.ORDER);
        this.regions = List.copyOf(sorted);
        long l = Long.MAX_VALUE;
        long h = 0;
        for (MemoryRegion r : sorted) {
            l = Math.min(l, r.start());
            h = Math.max(h, Math.max(r.end(), r.start() + 1)); // an unknown size still takes a byte
        }
        this.lo = sorted.isEmpty() ? 0 : l;
        this.hi = sorted.isEmpty() ? 0 : h;
    }

    /**
     * The region table, then the axis and one bar of at most {@code width} cells per kind present, and the legend.
     *
     * @param color whether to add ANSI colour sequences
     */
    String text(int width, boolean color) {
        StringBuilder sb = new StringBuilder();
        if (regions.isEmpty()) {
            return sb.append("no regions to draw\n").toString();
        }
        sb.append(String.format(Locale.ROOT, "%-18s  %-18s  %10s  %-9s  %s%n", "start", "end", "size", "kind", "name"));
        for (MemoryRegion r : regions) {
            String kind = String.format(Locale.ROOT, "%-9s", r.kind().label());
            sb.append(String.format(Locale.ROOT, "0x%016x  %-18s  %10s  ", r.start(),
                    r.size() == 0 ? "?" : String.format(Locale.ROOT, "0x%016x", r.end()),
                    r.size() == 0 ? "?" : size(r.size())));
            sb.append(color ? ANSI[r.kind().ordinal()] + kind + RESET : kind).append("  ").append(safe(r.name()))
                    .append('\n');
        }
        long span = hi - lo;
        long cell = Math.max(1, span / width + (span % width == 0 ? 0 : 1));
        int cells = (int) ((span + cell - 1) / cell);
        String left = "0x" + Long.toHexString(lo);
        String right = "0x" + Long.toHexString(hi);
        int gap = Math.max(1, cells + 2 - left.length() - right.length());
        sb.append('\n').append(" ".repeat(LANE_LABEL)).append(left).append(" ".repeat(gap)).append(right).append('\n');
        // one lane per kind: a sub-blob inside a preserved range, or scratch over it, stays visible
        for (MemoryRegion.Kind k : present()) {
            boolean[] on = new boolean[cells];
            for (MemoryRegion r : regions) {
                if (r.kind() == k) {
                    int from = (int) ((r.start() - lo) / cell);
                    int to = (int) ((Math.max(r.end(), r.start() + 1) - lo - 1) / cell);
                    for (int i = from; i <= to && i < cells; i++) {
                        on[i] = true;
                    }
                }
            }
            sb.append(String.format(Locale.ROOT, "%-" + LANE_LABEL + "s", LEGEND[k.ordinal()])).append('[');
            for (int i = 0; i < cells;) {
                int j = i;
                while (j < cells && on[j] == on[i]) {
                    j++;
                }
                String run = String.valueOf(on[i] ? LETTER[k.ordinal()] : '.').repeat(j - i);
                sb.append(color && on[i] ? ANSI[k.ordinal()] + run + RESET : run); // one colour sequence per run
                i = j;
            }
            sb.append("]\n");
        }
        sb.append("one cell = ").append(size(cell)).append(" (0x").append(Long.toHexString(cell)).append(" bytes);")
                .append(" legend:");
        for (MemoryRegion.Kind k : present()) {
            String letter = String.valueOf(LETTER[k.ordinal()]);
            sb.append("  ").append(color ? ANSI[k.ordinal()] + letter + RESET : letter).append(' ')
                    .append(LEGEND[k.ordinal()]);
        }
        sb.append("  . none\n");
        return sb.toString();
    }

    private Set<MemoryRegion.Kind> present() {
        Set<MemoryRegion.Kind> s = EnumSet.noneOf(MemoryRegion.Kind.class);
        regions.forEach(r -> s.add(r.kind()));
        return s;
    }

    /**
     * The picture as a standalone SVG document.
     *
     * @param title the document's title (escaped here)
     * @param notes lines shown under the title (escaped here)
     */
    String svg(String title, List<String> notes) {
        List<MemoryRegion.Kind> lanes = new ArrayList<>(present());
        int top = 40 + 16 * notes.size();
        int barWidth = SVG_WIDTH - SVG_LABEL - 20;
        int height = top + SVG_LANE * lanes.size() + 40 + 16 * (regions.size() + 1) + 10;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(SVG_WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(SVG_WIDTH).append(' ').append(height)
                .append("\" font-family=\"monospace\" font-size=\"12\">\n");
        sb.append("<title>").append(xml(title)).append("</title>\n");
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        sb.append("<text x=\"10\" y=\"20\" font-size=\"14\">").append(xml(title)).append("</text>\n");
        for (int i = 0; i < notes.size(); i++) {
            sb.append("<text x=\"10\" y=\"").append(36 + 16 * i).append("\">").append(xml(notes.get(i))).append("</text>\n");
        }
        double span = Math.max(1, hi - lo);
        for (int lane = 0; lane < lanes.size(); lane++) {
            MemoryRegion.Kind k = lanes.get(lane);
            int y = top + SVG_LANE * lane;
            sb.append("<text x=\"10\" y=\"").append(y + 15).append("\">").append(LEGEND[k.ordinal()]).append("</text>\n");
            sb.append("<rect x=\"").append(SVG_LABEL).append("\" y=\"").append(y + 2).append("\" width=\"")
                    .append(barWidth).append("\" height=\"").append(SVG_LANE - 4).append("\" fill=\"#f0f0f0\"/>\n");
            for (MemoryRegion r : regions) {
                if (r.kind() != k) {
                    continue;
                }
                double x = SVG_LABEL + (r.start() - lo) / span * barWidth;
                double w = Math.max(1.0, Math.max(r.size(), 1) / span * barWidth); // at least a pixel: visible
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\">",
                        x, y + 2, w, SVG_LANE - 4, FILL[k.ordinal()]));
                sb.append("<title>").append(xml(line(r))).append("</title></rect>\n");
            }
        }
        int axis = top + SVG_LANE * lanes.size() + 14;
        sb.append("<text x=\"").append(SVG_LABEL).append("\" y=\"").append(axis).append("\">0x")
                .append(Long.toHexString(lo)).append("</text>\n");
        sb.append("<text x=\"").append(SVG_LABEL + barWidth).append("\" y=\"").append(axis)
                .append("\" text-anchor=\"end\">0x").append(Long.toHexString(hi)).append("</text>\n");
        int table = axis + 26;
        sb.append("<text x=\"10\" y=\"").append(table).append("\" xml:space=\"preserve\">")
                .append(xml(String.format(Locale.ROOT, "%-18s  %-18s  %10s  %-9s  %s", "start", "end", "size", "kind", "name")))
                .append("</text>\n");
        for (int i = 0; i < regions.size(); i++) {
            MemoryRegion r = regions.get(i);
            sb.append("<text x=\"10\" y=\"").append(table + 16 * (i + 1)).append("\" xml:space=\"preserve\" fill=\"")
                    .append(FILL[r.kind().ordinal()].equals("#fbc02d") ? "#8d6e00" : FILL[r.kind().ordinal()]).append("\">")
                    .append(xml(line(r))).append("</text>\n");
        }
        return sb.append("</svg>\n").toString();
    }

    /** One region as a table row: start, end, size, kind, name. */
    private static String line(MemoryRegion r) {
        return String.format(Locale.ROOT, "0x%016x  %-18s  %10s  %-9s  %s", r.start(),
                r.size() == 0 ? "?" : String.format(Locale.ROOT, "0x%016x", r.end()),
                r.size() == 0 ? "?" : size(r.size()), r.kind().label(), safe(r.name()));
    }

    /** A byte count for people: {@code 4 KiB}, {@code 1.5 MiB}, {@code 210 B}. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int u = 0;
        while (u < units.length - 1 && bytes >= 1L << (10 * (u + 1))) {
            u++;
        }
        if (u == 0) {
            return bytes + " B";
        }
        long unit = 1L << (10 * u);
        if (bytes % unit == 0) {
            return bytes / unit + " " + units[u];
        }
        return String.format(Locale.ROOT, "%.1f %s", (double) bytes / unit, units[u]);
    }

    /** {@code s} with every char outside printable ASCII as {@code \xNN} (low byte; names are raw bytes). */
    static String safe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                sb.append(c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c & 0xff));
            }
        }
        return sb.toString();
    }

    /** {@link #safe} text with the XML specials escaped. */
    static String xml(String s) {
        return safe(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
