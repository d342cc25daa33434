package io.khotools.fdt.tree;

import io.khotools.fdt.ReserveEntry;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural difference of two trees: nodes matched by unit name under matching parents, properties by name.
 * Order is not a difference (two blobs with the same nodes in another order compare equal); a node present
 * on one side only is one change for its whole subtree. Changes come in pre-order of the first tree, with
 * additions after what both trees share. Iterative: no recursion on depth.
 *
 * <pre>{@code
 * List<TreeChange> changes = TreeDiff.diff(before, after, TreeDiff.Options.DEFAULT);
 * }</pre>
 */
public final class TreeDiff {
    private TreeDiff() {}

    /**
     * What to ignore.
     *
     * @param ignorePhandles ignore {@code phandle}/{@code linux,phandle} values, and, in other properties,
     *     32-bit cells that are phandles of the same node path on both sides. A heuristic: a plain number that
     *     happens to equal such phandles is ignored too
     */
    public record Options(boolean ignorePhandles) {
        /** Everything counts. */
        public static final Options DEFAULT = new Options(false);
    }

    /** One pair of matched nodes still to compare. */
    private record Pair(Node a, Node b, String path) {}

    /** Differences from {@code a} to {@code b}, everything counted. */
    public static List<TreeChange> diff(FdtTree a, FdtTree b) {
        return diff(a, b, Options.DEFAULT);
    }

    /**
     * Differences from {@code a} to {@code b}.
     *
     * @return the changes, empty when the trees are equivalent under {@code options}
     */
    public static List<TreeChange> diff(FdtTree a, FdtTree b, Options options) {
        List<TreeChange> out = new ArrayList<>();
        if (a.bootCpuidPhys() != b.bootCpuidPhys()) {
            out.add(new TreeChange(TreeChange.Kind.BOOT_CPU, "/", null, int32(a.bootCpuidPhys()), int32(b.bootCpuidPhys())));
        }
        if (!a.reserveEntries().equals(b.reserveEntries())) {
            out.add(new TreeChange(TreeChange.Kind.RESERVATIONS, "/", null, entries(a.reserveEntries()), entries(b.reserveEntries())));
        }
        PhandleMatcher phandles = options.ignorePhandles() ? new PhandleMatcher(a, b) : null;
        ArrayDeque<Pair> work = new ArrayDeque<>();
        work.push(new Pair(a.root(), b.root(), "/"));
        while (!work.isEmpty()) {
            Pair p = work.pop();
            compareProperties(p, phandles, out);
            Map<String, Node> bChildren = byName(p.b.children());
            List<Pair> both = new ArrayList<>();
            for (Node ca : p.a.children()) {
                Node cb = bChildren.remove(ca.name());
                String path = child(p.path, ca.name());
                if (cb == null) {
                    out.add(new TreeChange(TreeChange.Kind.NODE_REMOVED, path, null, null, null));
                } else {
                    both.add(new Pair(ca, cb, path));
                }
            }
            // this node's additions are reported with it; the shared children follow in pre-order
            for (Node cb : bChildren.values()) {
                out.add(new TreeChange(TreeChange.Kind.NODE_ADDED, child(p.path, cb.name()), null, null, null));
            }
            for (int i = both.size() - 1; i >= 0; i--) {
                work.push(both.get(i));
            }
        }
        return out;
    }

    private static void compareProperties(Pair p, PhandleMatcher phandles, List<TreeChange> out) {
        Map<String, Property> bProps = new LinkedHashMap<>();
        for (Property q : p.b.properties()) {
            bProps.putIfAbsent(q.name(), q);
        }
        Set<String> seen = new HashSet<>();
        for (Property pa : p.a.properties()) {
            if (!seen.add(pa.name())) {
                continue; // a duplicate name (invalid blob): the first occurrence stands for it
            }
            Property pb = bProps.remove(pa.name());
            if (pb == null) {
                out.add(new TreeChange(TreeChange.Kind.PROPERTY_REMOVED, p.path, pa.name(), pa.rawValue(), null));
            } else if (!Arrays.equals(pa.rawValue(), pb.rawValue())
                    && (phandles == null || !phandles.equivalent(pa.name(), pa.rawValue(), pb.rawValue()))) {
                out.add(new TreeChange(TreeChange.Kind.PROPERTY_CHANGED, p.path, pa.name(), pa.rawValue(), pb.rawValue()));
            }
        }
        for (Property pb : bProps.values()) {
            out.add(new TreeChange(TreeChange.Kind.PROPERTY_ADDED, p.path, pb.name(), null, pb.rawValue()));
        }
    }

    private static Map<String, Node> byName(List<Node> nodes) {
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.putIfAbsent(n.name(), n);
        }
        return m;
    }

    private static String child(String parent, String name) {
        return parent.equals("/") ? "/" + name : parent + "/" + name;
    }

    private static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static byte[] entries(List<ReserveEntry> es) {
        ByteBuffer b = ByteBuffer.allocate(es.size() * 16);
        for (ReserveEntry e : es) {
            b.putLong(e.address()).putLong(e.size());
        }
        return b.array();
    }

    /** Decides whether two values differ only in phandles that name the same node path on both sides. */
    private static final class PhandleMatcher {
        private final Map<Integer, String> aPaths;
        private final Map<Integer, String> bPaths;

        PhandleMatcher(FdtTree a, FdtTree b) {
            this.aPaths = phandlePaths(a);
            this.bPaths = phandlePaths(b);
        }

        boolean equivalent(String name, byte[] va, byte[] vb) {
            if (name.equals("phandle") || name.equals("linux,phandle")) {
                return true;
            }
            if (va.length != vb.length || va.length % 4 != 0) {
                return false;
            }
            ByteBuffer ba = ByteBuffer.wrap(va);
            ByteBuffer bb = ByteBuffer.wrap(vb);
            for (int i = 0; i < va.length; i += 4) {
                int ca = ba.getInt(i);
                int cb = bb.getInt(i);
                if (ca != cb) {
                    String pa = aPaths.get(ca);
                    if (pa == null || !pa.equals(bPaths.get(cb))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static Map<Integer, String> phandlePaths(FdtTree t) {
            Map<Integer, String> m = new HashMap<>();
            t.forEachNode((path, node) -> {
                for (Property p : node.properties()) {
                    if ((p.name().equals("phandle") || p.name().equals("linux,phandle")) && p.length() == 4) {
                        m.putIfAbsent(p.asU32(), path.toString());
                    }
                }
            });
            return m;
        }
    }
}
