package io.khotools.kho.view;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.KhoDebugfs;
import io.khotools.kho.KhoDecodeException;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.MapDecoding;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.StateDecoder;
import io.khotools.kho.memory.StateDecoding;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A handover read through physical memory (a {@link KhoState} from an ELF core or raw memory image): the root
 * decoded, each subtree's blob read from memory where the image holds it, the memory map decoded, and the
 * summary {@code kho dump} shows under {@code memory-map} and {@code kho map} draws. Memory the image lacks is
 * an answer per pointer ({@link #blobProblems()}, the map's {@code kho.state.absent} findings), never an
 * exception. The state's arrays are borrowed.
 *
 * <p>The memory map and every pointer chain the sub-blobs lead to (LUO arrays and KHO blocks, memfd structs,
 * vmalloc areas) are decoded by one {@link StateDecoder} walk, done on first need ({@link #decoding()}) and kept:
 * a command that only wants the root FDT or the blobs never pays for it. Thread-safe.
 */
public final class HandoverMemory {
    /** Most findings of the map decoding listed in the summary; the rest are counted. */
    static final int MAX_LISTED = 16;
    /** The diagnostic path the map decoders give their findings. */
    private static final String MAP_PATH = "[memory-map]";

    private final KhoState state;
    private final KhoTree tree;
    private final Map<String, byte[]> blobs;
    private final Map<String, SubBlob> decoded;
    private final Map<String, String> problems;
    private final Map<String, PhysRange> blobRanges;
    private final List<ScratchArea> scratch;
    private final KhoOptions options;
    private final int pageShift;
    private final Map<String, Object> source;
    /** The walk's result and the map taken from it; computed once, on first need. */
    private StateDecoding decoding;
    private MapDecoding map;

    private HandoverMemory(KhoState state, KhoTree tree, Map<String, byte[]> blobs, Map<String, SubBlob> decoded,
            Map<String, String> problems, Map<String, PhysRange> blobRanges, List<ScratchArea> scratch,
            KhoOptions options, Map<String, Object> source) {
        this.state = state;
        this.tree = tree;
        this.blobs = Collections.unmodifiableMap(blobs);
        this.decoded = Collections.unmodifiableMap(decoded);
        this.problems = Collections.unmodifiableMap(problems);
        this.blobRanges = Collections.unmodifiableMap(blobRanges);
        this.scratch = List.copyOf(scratch);
        this.options = options;
        this.pageShift = options.pageShift();
        this.source = Collections.unmodifiableMap(new LinkedHashMap<>(source));
    }

    /**
     * Reads a state: decodes the root, reads each subtree's blob ({@code blob-size} bytes, or an FDT's
     * totalsize, at most {@link KhoDebugfs#MAX_FILE}) and decodes it by its subtree name. The map and the
     * pointer chains are decoded later, on first need ({@link #decoding()}).
     *
     * @param state the root FDT, scratch array (or null) and memory
     * @param options byte order, page size and kho-v1 bitmap size of the producing kernel
     * @param source where the state came from (e.g. {@code image}, {@code root-address}, {@code found-by}),
     *     shown first in the summary; values are strings or {@link Long}s (shown in hex)
     * @throws KhoDecodeException if the root FDT is not a decodable KHO root
     */
    public static HandoverMemory read(KhoState state, KhoOptions options, Map<String, Object> source) {
        Objects.requireNonNull(options, "options");
        KhoTree tree = KhoRootCodec.decode(state.root(), options);
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        Map<String, SubBlob> decoded = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        Map<String, PhysRange> ranges = new LinkedHashMap<>();
        for (KhoSubtree s : tree.subtrees()) {
            if (s.address().isEmpty() || s.address().getAsLong() == 0 || blobs.containsKey(s.name())) {
                continue; // no pointer to follow (the root rules say why), or a duplicate name
            }
            readBlob(state, s, options, blobs, decoded, problems, ranges);
        }
        List<ScratchArea> scratch = state.scratch() == null || state.scratch().length % ScratchArea.SIZE != 0
                ? List.of() : ScratchCodec.decode(state.scratch(), options.byteOrder());
        return new HandoverMemory(state, tree, blobs, decoded, problems, ranges, scratch, options, source);
    }

    private static void readBlob(KhoState state, KhoSubtree s, KhoOptions options, Map<String, byte[]> blobs,
            Map<String, SubBlob> decoded, Map<String, String> problems, Map<String, PhysRange> ranges) {
        long addr = s.address().getAsLong();
        long len;
        if (s.blobSize().isPresent()) {
            len = s.blobSize().getAsLong();
        } else {
            byte[] h = new byte[8];
            if (!state.memory().read(addr, h, 0, h.length)) {
                problems.put(s.name(), "not in the image: missing " + PhysRange.format(state.memory().absent(addr, 8)));
                return;
            }
            if (NativeBytes.u32(h, 0, ByteOrder.BIG_ENDIAN) != FdtFormat.MAGIC) {
                problems.put(s.name(), "no blob-size and no FDT at 0x" + Long.toHexString(addr)
                        + ": the length is unknown");
                return;
            }
            len = NativeBytes.u32(h, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
        }
        if (len <= 0 || len > KhoDebugfs.MAX_FILE || addr < 0 || addr + len < addr) {
            problems.put(s.name(), "length 0x" + Long.toHexString(len) + " at 0x" + Long.toHexString(addr)
                    + " is not a readable blob (at most " + KhoDebugfs.MAX_FILE + " bytes)");
            return;
        }
        PhysRange r = PhysRange.of(addr, len);
        ranges.put(s.name(), r);
        byte[] bytes = new byte[(int) len];
        if (!state.memory().read(addr, bytes, 0, bytes.length)) {
            problems.put(s.name(), "not in the image: missing " + PhysRange.format(state.memory().absent(addr, len)));
            return;
        }
        blobs.put(s.name(), bytes);
        try {
            decoded.put(s.name(), SubBlobCodec.decode(SubBlobType.forSubtree(s.name()), bytes, options));
        } catch (KhoDecodeException e) {
            problems.put(s.name(), "cannot be decoded: " + e.getMessage());
        }
    }

    /** The decoded root. */
    public KhoTree tree() {
        return tree;
    }

    /** The handover as far as the image holds it: the root, every blob that decoded, the scratch areas. */
    public KhoHandover handover() {
        return new KhoHandover(tree, decoded, scratch);
    }

    /** The bytes as debugfs would show them: root, every blob read wholly, the scratch array (or null). */
    public KhoImage image() {
        return new KhoImage(state.root(), blobs, state.scratch());
    }

    /** The blobs read wholly, by subtree name, in root order; the arrays are shared: do not modify them. */
    public Map<String, byte[]> blobs() {
        return blobs;
    }

    /** Where the state came from, as given to {@link #read}; unmodifiable. */
    public Map<String, Object> source() {
        return source;
    }

    /** The state this was read from. */
    public KhoState state() {
        return state;
    }

    /** Why a subtree has no decoded blob, by subtree name (absent memory, unknown length, undecodable). */
    public Map<String, String> blobProblems() {
        return problems;
    }

    /** The options the state is read with (byte order, page size, kho-v1 bitmap size). */
    public KhoOptions options() {
        return options;
    }

    /**
     * The whole-state walk ({@link StateDecoder} with the default {@link io.khotools.kho.memory.WalkLimits}): the
     * model with every structure and vmalloc area reached, the map's pieces, the preservation needs and all the
     * walk's findings. Done once, on the first call (of this or {@link #map()}, {@link #regions()},
     * {@link #summary()}, {@link #followed(String)}).
     */
    public synchronized StateDecoding decoding() {
        if (decoding == null) {
            decoding = StateDecoder.of(options).decode(state);
            long mapAt = tree.preservedMemoryMap().orElse(0);
            if (mapAt != 0 && decoding.model() != null) {
                // the map decoder's own findings are the ones it names [memory-map]; the rest are the walk's
                List<Diagnostic> mapFindings = decoding.findings().stream()
                        .filter(d -> MAP_PATH.equals(d.path())).toList();
                map = new MapDecoding(decoding.model().blocks(), decoding.mapPieces(), mapFindings);
            }
        }
        return decoding;
    }

    /** The decoded memory map (from {@link #decoding()}), or null when the root has no map pointer. */
    public synchronized MapDecoding map() {
        decoding();
        return map;
    }

    /** The scratch areas (empty when the state has no scratch array). */
    public List<ScratchArea> scratch() {
        return scratch;
    }

    /**
     * Every region of physical memory this handover names, ascending by start address (then kind): scratch
     * areas, merged preserved ranges, map pages, sub-blobs, and per subsystem the structures and vmalloc chunk
     * pages the walk reached ({@link MemoryRegion.Kind#STRUCTURE}) and its vmalloc pieces
     * ({@link MemoryRegion.Kind#VMALLOC}), touching ones merged.
     */
    public List<MemoryRegion> regions() {
        List<MemoryRegion> out = new ArrayList<>();
        MemoryRegion.addScratch(scratch, out);
        MapDecoding map = map();
        if (map != null) {
            for (PhysRange r : map.blocks().ranges()) {
                out.add(new MemoryRegion(MemoryRegion.Kind.PRESERVED, "preserved", r.start(), r.size()));
            }
            for (PhysRange r : merge(map.mapPieces())) {
                out.add(new MemoryRegion(MemoryRegion.Kind.MAP, "map pages", r.start(), r.size()));
            }
        }
        blobRanges.forEach((name, r) -> out.add(new MemoryRegion(MemoryRegion.Kind.SUB_BLOB, name, r.start(), r.size())));
        StateDecoding d = decoding();
        if (d.model() != null) {
            for (SubsystemModel s : d.model().subsystems()) {
                out.addAll(FollowedView.structureRegions(s, d, options));
                out.addAll(FollowedView.pieceRegions(s, pageShift));
            }
        }
        out.sort(MemoryRegion.ORDER);
        return out;
    }

    /**
     * What the walk followed from subtree {@code name}'s blob, as the {@code followed} member of the view
     * (structures, vmalloc areas, preservation needs with their coverage, and {@code coverage}: whether the
     * blocks they were judged against are the whole map ({@code whole-map}), what the image held of it
     * ({@code partial-map}) or none ({@code no-map})); null when the walk has no such subsystem (no data
     * pointer).
     */
    public Map<String, Object> followed(String name) {
        StateDecoding d = decoding();
        SubsystemModel s = d.model() == null ? null : d.model().subsystem(name);
        if (s == null) {
            return null;
        }
        MapDecoding map = map();
        String coverage = map == null ? "no-map"
                : map.findings().stream().anyMatch(x -> KhoRules.STATE_ABSENT.equals(x.ruleId())) ? "partial-map"
                : "whole-map";
        return FollowedView.of(s, d, options, coverage);
    }

    /**
     * The {@code memory-map} member of the KHO view: where the state came from, then blocks per order, merged
     * preserved ranges and their total, the map's own pages, the sub-blobs read, and the map's findings.
     */
    public Map<String, Object> summary() {
        MapDecoding map = map();
        Map<String, Object> m = new LinkedHashMap<>();
        source.forEach((k, v) -> m.put(k, v instanceof Long l ? new KhoView.Hex(l) : v));
        m.put("page-size", 1 << pageShift);
        if (map == null) {
            m.put("map", "the root has no preserved-memory-map pointer");
        } else {
            PreservedBlocks b = map.blocks();
            TreeMap<Integer, long[]> perOrder = new TreeMap<>();
            for (int i = 0; i < b.count(); i++) {
                long[] c = perOrder.computeIfAbsent(b.order(i), o -> new long[2]);
                c[0]++;
                c[1] += b.size(i);
            }
            m.put("blocks", b.count());
            List<Object> orders = new ArrayList<>();
            perOrder.forEach((order, c) -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("order", order);
                o.put("count", (int) c[0]);
                o.put("bytes", new KhoView.Hex(c[1]));
                orders.add(o);
            });
            m.put("blocks-per-order", orders);
            List<PhysRange> preserved = b.ranges();
            m.put("preserved", ranges(preserved));
            m.put("preserved-bytes", new KhoView.Hex(total(preserved)));
            List<PhysRange> pages = merge(map.mapPieces());
            m.put("map-pages", ranges(pages));
            m.put("map-bytes", new KhoView.Hex(total(pages)));
        }
        List<Object> subs = new ArrayList<>();
        for (KhoSubtree s : tree.subtrees()) {
            PhysRange r = blobRanges.get(s.name());
            if (r == null && !problems.containsKey(s.name())) {
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", s.name());
            o.put("address", r == null ? new KhoView.Hex(s.address().orElse(0)) : new KhoView.Hex(r.start()));
            o.put("size", r == null ? null : new KhoView.Hex(r.size()));
            o.put("status", problems.getOrDefault(s.name(), "read"));
            subs.add(o);
        }
        m.put("sub-blobs", subs);
        if (map != null) {
            List<Object> findings = new ArrayList<>();
            List<Diagnostic> all = map.findings();
            for (int i = 0; i < Math.min(all.size(), MAX_LISTED); i++) {
                findings.add(all.get(i).ruleId() + ": " + all.get(i).message());
            }
            if (all.size() > MAX_LISTED) {
                findings.add((all.size() - MAX_LISTED) + " more");
            }
            m.put("findings", findings);
        }
        return m;
    }

    private static List<Object> ranges(List<PhysRange> rs) {
        List<Object> out = new ArrayList<>(rs.size());
        for (PhysRange r : rs) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("address", new KhoView.Hex(r.start()));
            o.put("size", new KhoView.Hex(r.size()));
            out.add(o);
        }
        return out;
    }

    /** Ranges as {@code [0x1000, 0x2000) [0x5000, 0x6000)}. */
    private static long total(List<PhysRange> rs) {
        long t = 0;
        for (PhysRange r : rs) {
            t += r.size();
        }
        return t;
    }

    /** Ranges sorted and merged where they touch or overlap. */
    static List<PhysRange> merge(List<PhysRange> in) {
        List<PhysRange> sorted = new ArrayList<>(in);
        sorted.sort((x, y) -> x.start() != y.start() ? Long.compare(x.start(), y.start()) : Long.compare(x.end(), y.end()));
        List<PhysRange> out = new ArrayList<>();
        for (PhysRange r : sorted) {
            PhysRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r.start() <= last.end()) {
                out.set(out.size() - 1, new PhysRange(last.start(), Math.max(last.end(), r.end())));
            } else {
                out.add(r);
            }
        }
        return out;
    }
}
