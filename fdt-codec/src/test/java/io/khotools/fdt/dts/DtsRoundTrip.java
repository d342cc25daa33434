package io.khotools.fdt.dts;

import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks shared by the lossless and corpus tests: our text compiled by dtc must give dtc's own
 * dtb→dtb bytes, and our text must equal dtc's dtb→dts text apart from the documented differences
 * (docs/dtc-1.6-differences.md).
 */
final class DtsRoundTrip {
    private static final Pattern LABELS = Pattern.compile("^(\t*)((?:[A-Za-z_][A-Za-z0-9_]*: )+)(.*)$");

    private DtsRoundTrip() {}

    /** Our text with labels and references restored (the default). */
    static String print(byte[] dtb) {
        return print(dtb, DtsPrinter.Symbols.RESTORE);
    }

    static String print(byte[] dtb, DtsPrinter.Symbols symbols) {
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            StringBuilder sb = new StringBuilder();
            DtsPrinter.print(blob, sb, io.khotools.fdt.stream.ReadLimits.DEFAULT, symbols);
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            blob.release();
        }
    }

    /** The raw boot_cpuid_phys word, as dtc's DTB reader takes it whatever the version. */
    static long bootCpuId(byte[] dtb) {
        return dtb.length >= 32 ? Integer.toUnsignedLong(ByteBuffer.wrap(dtb, 28, 4).getInt()) : 0;
    }

    /**
     * Whether {@code compiled} (dtc's compile of our text) equals {@code reference} (dtc's dtb→dtb).
     *
     * @return null when they are identical, "dedup" when they are equal only once repeated overlay fixup
     *     entries are removed (dtc older than 1.7 appends the entries it regenerates for our references
     *     even when present; 1.7+ appends only missing ones), else a description of the difference
     */
    static String losslessVerdict(byte[] reference, byte[] compiled, String ourText, boolean dtc17) {
        if (compiled == null) {
            return "dtc could not compile our text";
        }
        if (Arrays.equals(reference, compiled)) {
            return null;
        }
        if (!dtc17 && ourText.contains("/plugin/;") && ourText.contains("<&")) {
            FdtTree a = dedupFixups(read(reference));
            FdtTree b = dedupFixups(read(compiled));
            if (a.root().equals(b.root()) && a.reserveEntries().equals(b.reserveEntries())
                    && a.bootCpuidPhys() == b.bootCpuidPhys()) {
                return "dedup";
            }
        }
        return "compiled bytes differ (" + compiled.length + " vs " + reference.length + " bytes)";
    }

    /**
     * Whether our texts match dtc 1.6's: {@code plain} (no symbols) must equal it once string lists are
     * joined ({@link Dtc16}); {@code restored} may differ from {@code plain} only by the {@code /plugin/;}
     * line, labels in front of node names and property lines that hold references.
     *
     * @return null if they match, else the first difference
     */
    static String textVerdict(String restored, String plain, String dtcText) {
        if (dtcText == null) {
            return "dtc printed nothing";
        }
        if (!Dtc16.normalize(plain).equals(dtcText)) {
            return "plain text differs from dtc: " + firstDifference(Dtc16.normalize(plain), dtcText);
        }
        List<String> r = new ArrayList<>(List.of(restored.split("\n", -1)));
        List<String> p = List.of(plain.split("\n", -1));
        if (r.size() == p.size() + 1 && r.get(1).equals("/plugin/;")) {
            r.remove(1);
        }
        if (r.size() != p.size()) {
            return "restored text has " + r.size() + " lines, plain " + p.size();
        }
        for (int i = 0; i < r.size(); i++) {
            String a = r.get(i);
            String b = p.get(i);
            if (a.equals(b)) {
                continue;
            }
            var m = LABELS.matcher(a);
            if (m.matches() && (m.group(1) + m.group(3)).equals(b) && b.endsWith(" {")) {
                continue;
            }
            int eq = b.indexOf(" = ");
            if (a.contains("<&") && eq > 0 && a.startsWith(b.substring(0, eq + 3))) {
                continue;
            }
            return "line " + (i + 1) + ": restored '" + a + "' vs plain '" + b + "'";
        }
        return null;
    }

    static String firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return "line " + (i + 1) + ": ours '" + x[i] + "' dtc '" + y[i] + "'";
            }
        }
        return "line counts " + x.length + " vs " + y.length;
    }

    private static FdtTree read(byte[] dtb) {
        ByteBuf b = Unpooled.wrappedBuffer(dtb);
        try {
            return FdtTree.read(b);
        } finally {
            b.release();
        }
    }

    /** Drops repeated strings in /__fixups__ properties and repeated cells under /__local_fixups__. */
    static FdtTree dedupFixups(FdtTree t) {
        List<Node> kids = new ArrayList<>();
        for (Node c : t.root().children()) {
            if (c.name().equals(References.FIXUPS)) {
                kids.add(mapProps(c, false, false));
            } else if (c.name().equals(References.LOCAL_FIXUPS)) {
                kids.add(mapProps(c, true, true));
            } else {
                kids.add(c);
            }
        }
        return t.withRoot(t.root().withChildren(kids));
    }

    private static Node mapProps(Node n, boolean cells, boolean recurse) {
        List<Property> props = new ArrayList<>();
        for (Property p : n.properties()) {
            props.add(Property.of(p.name(), cells ? dedupCells(p.toByteArray()) : dedupStrings(p.toByteArray())));
        }
        Node out = n.withProperties(props);
        if (recurse) {
            List<Node> kids = new ArrayList<>();
            for (Node c : n.children()) {
                kids.add(mapProps(c, cells, true));
            }
            out = out.withChildren(kids);
        }
        return out;
    }

    private static byte[] dedupStrings(byte[] v) {
        if (v.length == 0 || v[v.length - 1] != 0) {
            return v;
        }
        Set<String> seen = new LinkedHashSet<>(List.of(new String(v, 0, v.length - 1,
                java.nio.charset.StandardCharsets.ISO_8859_1).split("\0", -1)));
        return (String.join("\0", seen) + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] dedupCells(byte[] v) {
        if (v.length % 4 != 0) {
            return v;
        }
        Set<Integer> seen = new LinkedHashSet<>();
        ByteBuffer bb = ByteBuffer.wrap(v);
        while (bb.hasRemaining()) {
            seen.add(bb.getInt());
        }
        ByteBuffer out = ByteBuffer.allocate(seen.size() * 4);
        seen.forEach(out::putInt);
        return out.array();
    }
}
