package io.khotools.kho.view;

import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.PreservationNeed;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.StateDecoding;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one subsystem's pointer chains lead to, as the view shows it: the {@code followed} member of a subtree
 * (structures reached, vmalloc areas, preservation needs and whether the preserved blocks cover each) and the
 * {@link MemoryRegion}s {@code kho map} draws for them. Built from one {@link StateDecoding}; stateless.
 */
final class FollowedView {
    private FollowedView() {}

    /**
     * The {@code followed} member: {@code structures} ({@code path}, {@code address}, {@code size}, {@code type}
     * in visiting order), {@code vmallocs} (per area: {@code path}, {@code descriptor}, {@code chunks},
     * {@code pieces}, {@code piece-size}, {@code pages}, {@code total-size}, {@code content}, {@code records}),
     * {@code coverage} (what the needs were judged against, as given), the counts {@code needs-preserved} and
     * {@code needs-not-preserved}, and {@code needs} (those not covered first, each group in visiting order).
     * The lists are {@link KhoView.Listing}s: text shows their first entries only.
     */
    static Map<String, Object> of(SubsystemModel s, StateDecoding d, KhoOptions options, String coverage) {
        Map<String, PhysRange> sizes = needRanges(s.name(), d);
        List<Object> structures = new ArrayList<>();
        for (LocatedBlob b : s.structures()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("path", b.path());
            o.put("address", new KhoView.Hex(b.address()));
            o.put("size", new KhoView.Hex(size(b, sizes, options)));
            o.put("type", label(b.blob().type()));
            o.put("decoded", KhoView.value(b.blob(), 1));
            structures.add(o);
        }
        List<Object> vmallocs = new ArrayList<>();
        for (VmallocArea v : s.vmallocs()) {
            vmallocs.add(vmalloc(v, options.pageShift()));
        }
        List<PhysRange> preserved = d.model().blocks().ranges();
        long[] starts = new long[preserved.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = preserved.get(i).start();
        }
        List<Object> uncovered = new ArrayList<>();
        List<Object> covered = new ArrayList<>();
        for (PreservationNeed n : d.needsOf(s.name())) {
            boolean ok = covered(n.range(), preserved, starts);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("what", n.what());
            o.put("kind", n.kind().name().toLowerCase(Locale.ROOT));
            o.put("address", new KhoView.Hex(n.range().start()));
            o.put("size", new KhoView.Hex(n.range().size()));
            o.put("preserved", ok);
            (ok ? covered : uncovered).add(o);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("structures", new KhoView.Listing(structures));
        m.put("vmallocs", new KhoView.Listing(vmallocs));
        m.put("coverage", coverage);
        m.put("needs-preserved", covered.size());
        m.put("needs-not-preserved", uncovered.size());
        List<Object> needs = new ArrayList<>(uncovered);
        needs.addAll(covered);
        m.put("needs", new KhoView.Listing(needs));
        return m;
    }

    private static Map<String, Object> vmalloc(VmallocArea v, int pageShift) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("path", v.path());
        o.put("descriptor", KhoView.value(v.descriptor(), 0));
        List<Object> chunks = new ArrayList<>(v.chunks().size());
        for (LocatedBlob c : v.chunks()) {
            chunks.add(new KhoView.Hex(c.address()));
        }
        o.put("chunks", new KhoView.Listing(chunks));
        int pieces = v.pieces().size();
        o.put("pieces", pieces);
        int order = v.descriptor().order();
        if (order >= 0 && order <= PreservedBlocks.maxOrder(pageShift) - 1) {
            long pages = (long) pieces << order;
            o.put("piece-size", new KhoView.Hex(v.pieceBytes(pageShift)));
            o.put("pages", pages <= Integer.MAX_VALUE ? (Object) (int) pages : new KhoView.Hex(pages));
            o.put("total-size", new KhoView.Hex(pages << pageShift));
        } else {
            // the descriptor's order is outside what a block can be: the pieces cannot be sized
            o.put("piece-size", null);
            o.put("pages", null);
            o.put("total-size", null);
        }
        SubBlob c = v.content();
        o.put("content", c == null ? null : label(c.type()));
        o.put("records", c instanceof MemfdFolioArray a ? (Object) a.folios().size()
                : c instanceof RawBlob r ? (Object) (r.bytes().length / 8) : null);
        return o;
    }

    /**
     * The structures and vmalloc chunk pages of one subsystem as {@link MemoryRegion.Kind#STRUCTURE} regions,
     * touching ones merged (named by the first, with how many more).
     */
    static List<MemoryRegion> structureRegions(SubsystemModel s, StateDecoding d, KhoOptions options) {
        Map<String, PhysRange> sizes = needRanges(s.name(), d);
        List<Named> parts = new ArrayList<>();
        for (LocatedBlob b : s.structures()) {
            parts.add(new Named(b.path(), PhysRange.of(b.address(), size(b, sizes, options))));
        }
        for (VmallocArea v : s.vmallocs()) {
            for (LocatedBlob c : v.chunks()) {
                parts.add(new Named(c.path(), PhysRange.of(c.address(), options.pageSize())));
            }
        }
        return merged(parts, MemoryRegion.Kind.STRUCTURE);
    }

    /** The pieces of a subsystem's vmalloc areas as {@link MemoryRegion.Kind#VMALLOC} regions, touching ones merged. */
    static List<MemoryRegion> pieceRegions(SubsystemModel s, int pageShift) {
        List<Named> parts = new ArrayList<>();
        for (VmallocArea v : s.vmallocs()) {
            int order = v.descriptor().order();
            if (order < 0 || order > PreservedBlocks.maxOrder(pageShift) - 1) {
                continue;
            }
            long bytes = v.pieceBytes(pageShift);
            List<Long> pieces = v.pieces();
            // pieces that follow each other in memory become one part here already: an area lists up to
            // millions of them, and the sort below then sees one entry per run
            int from = -1;
            long start = 0;
            long end = 0;
            for (int i = 0; i < pieces.size(); i++) {
                long p = pieces.get(i);
                if (p < 0 || p + bytes <= p) {
                    continue;
                }
                if (from >= 0 && p == end) {
                    end += bytes;
                    continue;
                }
                if (from >= 0) {
                    parts.add(new Named(v.path() + ".pieces[" + from + "]", new PhysRange(start, end)));
                }
                from = i;
                start = p;
                end = p + bytes;
            }
            if (from >= 0) {
                parts.add(new Named(v.path() + ".pieces[" + from + "]", new PhysRange(start, end)));
            }
        }
        return merged(parts, MemoryRegion.Kind.VMALLOC);
    }

    /** A range with the path that names it. */
    private record Named(String path, PhysRange range) {}

    private static List<MemoryRegion> merged(List<Named> parts, MemoryRegion.Kind kind) {
        List<Named> sorted = new ArrayList<>(parts);
        sorted.sort((x, y) -> Long.compare(x.range().start(), y.range().start()));
        List<MemoryRegion> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            Named first = sorted.get(i);
            long end = first.range().end();
            int j = i + 1;
            while (j < sorted.size() && sorted.get(j).range().start() <= end) {
                end = Math.max(end, sorted.get(j).range().end());
                j++;
            }
            int more = j - i - 1;
            String name = more == 0 ? first.path() : first.path() + " +" + more + " more";
            out.add(new MemoryRegion(kind, name, first.range().start(), end - first.range().start()));
            i = j;
        }
        return out;
    }

    /** The first need of each path of subsystem {@code name}: the bytes the walk read for that structure. */
    private static Map<String, PhysRange> needRanges(String name, StateDecoding d) {
        Map<String, PhysRange> m = new HashMap<>();
        for (PreservationNeed n : d.needsOf(name)) {
            m.putIfAbsent(n.what(), n.range());
        }
        return m;
    }

    /** A structure's size: what the walk read for it, else its encoded length (page-sized ones a page). */
    private static long size(LocatedBlob b, Map<String, PhysRange> sizes, KhoOptions options) {
        PhysRange r = sizes.get(b.path());
        if (r != null && r.start() == b.address()) {
            return r.size();
        }
        return SubBlobCodec.encode(b.blob(), options).length;
    }

    /** Whether {@code r} lies inside one merged preserved range. */
    private static boolean covered(PhysRange r, List<PhysRange> preserved, long[] starts) {
        int i = Arrays.binarySearch(starts, r.start());
        i = i >= 0 ? i : -i - 2; // the last range starting at or before r
        return i >= 0 && preserved.get(i).contains(r);
    }

    private static String label(SubBlobType t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
