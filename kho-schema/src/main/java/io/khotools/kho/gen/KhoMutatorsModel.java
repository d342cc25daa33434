package io.khotools.kho.gen;

import static io.khotools.kho.gen.KhoMutationModels.change;
import static io.khotools.kho.gen.KhoMutationModels.withArea;
import static io.khotools.kho.gen.KhoMutationModels.withBlob;
import static io.khotools.kho.gen.KhoMutationModels.withDescriptor;
import static io.khotools.kho.gen.KhoMutationModels.withStructure;
import static io.khotools.kho.gen.KhoMutationModels.withoutBlocksCovering;

import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFileArray;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.VmallocChunk;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import io.khotools.kho.memory.WalkLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The model mutators of {@link KhoMutators} ({@link KhoMutationTarget#MODEL}): edits of a
 * {@link HandoverModel} (blocks dropped or added, chain links, pointers, descriptors and counts changed)
 * that {@link io.khotools.kho.memory.StateEncoder} lays out faithfully, so the encoded state breaks one
 * {@code kho.state.*} or {@code kho.map.*} rule. Edits go through {@link KhoMutationModels}.
 */
final class KhoMutatorsModel {
    /**
     * Where the chain-length mutator puts its large vmalloc piece: 992 GiB, in the gap {@link HandoverGenerator}
     * leaves between node 0's scratch area (960 GiB + 512 MiB) and node 1 (1 TiB).
     */
    static final long FAR = 992L << 30;
    /** Bytes of that piece: room for twice the default record limit (1 048 576) of 8-byte folio words. */
    static final long BIG_PIECE = 16L << 20;

    private KhoMutatorsModel() {
    }

    /** A page of a chain (a vmalloc chunk or a KHO block) and where the model holds it. */
    private record ChainPage(String subsystem, String chain, int index, long address, String areaPath,
            String structurePath) {}

    /** A memfd file record: structure {@code structure} of {@code subsystem}, entry {@code entry}. */
    private record FileRef(String subsystem, String structure, int entry, long data) {}

    static List<KhoMutator<HandoverModel>> models() {
        List<KhoMutator<HandoverModel>> c = new ArrayList<>();
        c.add(model("kho.state.cycle--chain-back-edge", "points a vmalloc chunk or KHO block at a page of its own "
                + "chain at or before it", (m, o) -> !chainPages(m).isEmpty(), (m, o, r) -> {
                    ChainPage p = pick(chainPages(m), r);
                    List<ChainPage> chain = chainPages(m).stream().filter(x -> x.chain().equals(p.chain())).toList();
                    return withNext(m, p, chain.get(r.nextInt(p.index() + 1)).address());
                }));
        c.add(model("kho.state.reached-twice--files-share-memfd", "points a memfd file record at another file's "
                + "memfd_luo_ser", (m, o) -> fileRefs(m).size() >= 2, (m, o, r) -> {
                    List<FileRef> f = fileRefs(m);
                    int i = r.nextInt(f.size());
                    int j = (i + 1 + r.nextInt(f.size() - 1)) % f.size();
                    return withFileData(m, f.get(j), f.get(i).data());
                }));
        c.add(model("kho.state.chain-length--kho-test-records", "gives kho_test one 16 MiB vmalloc piece and more "
                + "folio records than an array may hold (1 048 576)", (m, o) -> khoTest(m) != null, (m, o, r) -> {
                    int order = Math.max(0, Long.numberOfTrailingZeros(BIG_PIECE) - o.pageShift());
                    long piece = FAR + BIG_PIECE * r.nextInt(64);
                    SubsystemModel s = khoTest(m);
                    KhoTestBlob t = (KhoTestBlob) s.blob();
                    VmallocArea v = s.vmallocs().get(0);
                    long chunk = v.chunks().get(0).address();
                    KhoVmalloc d = new KhoVmalloc(chunk, 1 << order, t.foliosInfo().flags(), order);
                    // over the default record limit, and within what the piece holds (2 097 152 words)
                    int count = WalkLimits.DEFAULT.maxRecords() + 1 + r.nextInt(1000);
                    SubsystemModel big = new SubsystemModel(s.name(), s.address(),
                            new KhoTestBlob(t.magic(), count, d, t.csum()), s.structures(),
                            List.of(new VmallocArea(v.path(), d,
                                    List.of(new LocatedBlob(v.chunks().get(0).path(), chunk,
                                            new VmallocChunk(0, List.of(piece)))), v.content())));
                    HandoverModel out = change(m, s.name(), x -> big);
                    return KhoMutationModels.withBlock(out, piece, order);
                }));
        c.add(model("kho.state.pointer-alignment--head-off-page", "moves a LUO array or chain head, or a kho_test "
                + "or memfd first vmalloc chunk, off its page", (m, o) -> !heads(m).isEmpty(), (m, o, r) -> {
                    String[] h = pick(heads(m), r);
                    long off = 8L * (1 + r.nextInt(o.pageSize() / 8 - 1));
                    if (h[1].isEmpty()) {
                        return change(m, h[0], s -> {
                            LuoSer l = (LuoSer) s.blob();
                            return withBlob(s, l.sessionsPa() != 0
                                    ? new LuoSer(l.compatible(), l.liveupdateNum(), l.sessionsPa() + off, l.flbsPa())
                                    : new LuoSer(l.compatible(), l.liveupdateNum(), l.sessionsPa(), l.flbsPa() + off));
                        });
                    }
                    return change(m, h[0], s -> withDescriptor(s, h[1],
                            d -> new KhoVmalloc(d.first() + off, d.totalPages(), d.flags(), d.order())));
                }));
        c.add(model("kho.state.chunk-not-preserved--block-dropped", "drops the blocks preserving a vmalloc chunk "
                + "or KHO block page", (m, o) -> !covered(m, chainPages(m).stream().map(ChainPage::address).toList()).isEmpty(),
                (m, o, r) -> withoutBlocksCovering(m, pick(covered(m, chainPages(m).stream()
                        .map(ChainPage::address).toList()), r))));
        c.add(model("kho.state.piece-not-preserved--block-dropped", "drops the blocks preserving a vmalloc piece",
                (m, o) -> !covered(m, pieces(m)).isEmpty(),
                (m, o, r) -> withoutBlocksCovering(m, pick(covered(m, pieces(m)), r))));
        c.add(model("kho.state.data-not-preserved--block-dropped", "drops the blocks preserving a reserve_mem "
                + "region, a kho_test folio or a memfd folio", (m, o) -> !covered(m, data(m, o)).isEmpty(),
                (m, o, r) -> withoutBlocksCovering(m, pick(covered(m, data(m, o)), r))));
        c.add(model("kho.state.vmalloc-pages--total-off", "changes a kho_vmalloc descriptor's total_pages",
                (m, o) -> !areas(m).isEmpty(), (m, o, r) -> {
                    String[] a = pick(areas(m), r);
                    int delta = 1 + r.nextInt(100);
                    return change(m, a[0], s -> withDescriptor(s, a[1], d -> new KhoVmalloc(d.first(),
                            d.totalPages() > delta && r.nextBoolean() ? d.totalPages() - delta : d.totalPages() + delta,
                            d.flags(), d.order())));
                }));
        c.add(model("kho.state.vmalloc-piece-alignment--piece-off", "moves a vmalloc piece of order above 0 by "
                + "whole pages, off its order's alignment", (m, o) -> !misalignable(m).isEmpty(), (m, o, r) -> {
                    String[] a = pick(misalignable(m), r);
                    return change(m, a[0], s -> withArea(s, a[1], v -> {
                        List<LocatedBlob> chunks = new ArrayList<>(v.chunks());
                        int ci = r.nextInt(chunks.size());
                        while (((VmallocChunk) chunks.get(ci).blob()).pieces().isEmpty()) {
                            ci = (ci + 1) % chunks.size();
                        }
                        LocatedBlob lc = chunks.get(ci);
                        VmallocChunk ch = (VmallocChunk) lc.blob();
                        List<Long> p = new ArrayList<>(ch.pieces());
                        int pi = r.nextInt(p.size());
                        int pages = 1 << v.descriptor().order();
                        p.set(pi, p.get(pi) + (long) o.pageSize() * (1 + r.nextInt(pages - 1)));
                        chunks.set(ci, new LocatedBlob(lc.path(), lc.address(), new VmallocChunk(ch.next(), p)));
                        return new VmallocArea(v.path(), v.descriptor(), chunks, v.content());
                    }));
                }));
        c.add(model("kho.state.vmalloc-size--count-over-pieces", "sets kho_test nr_folios or a memfd nr_folios "
                + "above what its vmalloc pieces hold", (m, o) -> !countable(m, o).isEmpty(), (m, o, r) -> {
                    String[] a = pick(countable(m, o), r);
                    SubsystemModel s = m.subsystem(a[0]);
                    VmallocArea v = s.vmallocs().stream().filter(x -> x.path().equals(a[1])).findFirst().orElseThrow();
                    long bytes = v.pieces().size() * v.pieceBytes(o.pageShift());
                    boolean khoTest = s.blob() instanceof KhoTestBlob && a[1].equals(s.name() + "/folios_info");
                    long count = bytes / (khoTest ? 8 : MemfdFolio.SIZE) + 1 + r.nextInt(1000);
                    if (khoTest) {
                        KhoTestBlob t = (KhoTestBlob) s.blob();
                        return change(m, a[0], x -> withBlob(x, new KhoTestBlob(t.magic(), (int) count,
                                t.foliosInfo(), t.csum())));
                    }
                    String owner = a[1].substring(0, a[1].length() - "/folios".length());
                    return change(m, a[0], x -> withStructure(x, owner, b -> {
                        MemfdSer f = (MemfdSer) b;
                        return new MemfdSer(f.version(), f.pos(), f.size(), f.seals(), f.flags(), count, f.folios());
                    }));
                }));
        c.add(model("kho.state.record-count--session-count-off", "changes a luo-v4/v5 session's file count so it "
                + "differs from its file block chain", (m, o) -> !sessions(m).isEmpty(), (m, o, r) -> {
                    String[] x = pick(sessions(m), r);
                    int entry = Integer.parseInt(x[2]);
                    int delta = 1 + r.nextInt(5);
                    return change(m, x[0], s -> withStructure(s, x[1], b -> KhoMutationModels.withEntry(b, entry,
                            e -> {
                                LuoRecord.Session ss = (LuoRecord.Session) e;
                                long n = ss.count() >= delta && r.nextBoolean() ? ss.count() - delta : ss.count() + delta;
                                return new LuoRecord.Session(ss.name(), ss.files(), n);
                            })));
                }));
        c.add(model("kho.map.overlap--block-inside-block", "adds a block inside a preserved block (or one of "
                + "order 1 around an order-0 block)", (m, o) -> m.blocks().count() > 0, (m, o, r) -> {
                    PreservedBlocks b = m.blocks();
                    int i = r.nextInt(b.count());
                    long phys = b.phys(i);
                    int order = b.order(i);
                    if (order == 0) {
                        return KhoMutationModels.withBlock(m, phys & -(2L << b.pageShift()), 1);
                    }
                    int inner = r.nextInt(order);
                    long at = phys + ((long) r.nextInt(1 << (order - inner)) << (inner + b.pageShift()));
                    return KhoMutationModels.withBlock(m, at, inner);
                }));
        return c;
    }

    private static KhoMutator<HandoverModel> model(String name, String description,
            KhoMutator.Precondition<HandoverModel> pre, KhoMutator.Edit<HandoverModel> edit) {
        return new KhoMutator<>(name, description, KhoMutationTarget.MODEL, null, pre, edit);
    }

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    /** The addresses the blocks preserve (dropping their blocks changes what is preserved), in order. */
    private static List<Long> covered(HandoverModel m, List<Long> at) {
        PreservedBlocks b = m.blocks();
        return at.stream().filter(a -> b.covers(io.khotools.kho.memory.PhysRange.of(a, 1))).toList();
    }

    /** Every vmalloc chunk and KHO block page, chain by chain in order. */
    private static List<ChainPage> chainPages(HandoverModel m) {
        List<ChainPage> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            for (VmallocArea v : s.vmallocs()) {
                for (int i = 0; i < v.chunks().size(); i++) {
                    out.add(new ChainPage(s.name(), v.path(), i, v.chunks().get(i).address(), v.path(), null));
                }
            }
            Map<String, Integer> seen = new LinkedHashMap<>();
            for (LocatedBlob b : s.structures()) {
                int cut = b.path().lastIndexOf(".block[");
                if (b.blob() instanceof KhoBlock && cut > 0) {
                    String chain = b.path().substring(0, cut);
                    int i = seen.merge(chain, 1, Integer::sum) - 1;
                    out.add(new ChainPage(s.name(), chain, i, b.address(), null, b.path()));
                }
            }
        }
        return out;
    }

    private static HandoverModel withNext(HandoverModel m, ChainPage p, long next) {
        if (p.structurePath() != null) {
            return change(m, p.subsystem(), s -> withStructure(s, p.structurePath(), b -> {
                KhoBlock k = (KhoBlock) b;
                return new KhoBlock(k.type(), next, k.entries());
            }));
        }
        return change(m, p.subsystem(), s -> withArea(s, p.areaPath(), v -> {
            List<LocatedBlob> chunks = new ArrayList<>(v.chunks());
            LocatedBlob c = chunks.get(p.index());
            chunks.set(p.index(), new LocatedBlob(c.path(), c.address(),
                    new VmallocChunk(next, ((VmallocChunk) c.blob()).pieces())));
            return new VmallocArea(v.path(), v.descriptor(), chunks, v.content());
        }));
    }

    /** memfd file records with a memfd_luo_ser, in KHO blocks or file arrays. */
    private static List<FileRef> fileRefs(HandoverModel m) {
        List<FileRef> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            for (LocatedBlob b : s.structures()) {
                List<? extends LuoRecord> entries = b.blob() instanceof KhoBlock k ? k.entries()
                        : b.blob() instanceof LuoFileArray a ? a.files() : List.of();
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i) instanceof LuoRecord.File f && f.data() != 0
                            && f.compatible().startsWith("memfd-v")) {
                        out.add(new FileRef(s.name(), b.path(), i, f.data()));
                    }
                }
            }
        }
        return out;
    }

    private static HandoverModel withFileData(HandoverModel m, FileRef f, long data) {
        return change(m, f.subsystem(), s -> withStructure(s, f.structure(), b -> {
            if (b instanceof KhoBlock) {
                return KhoMutationModels.withEntry(b, f.entry(), e -> {
                    LuoRecord.File x = (LuoRecord.File) e;
                    return new LuoRecord.File(x.compatible(), data, x.token());
                });
            }
            List<LuoRecord.File> files = new ArrayList<>(((LuoFileArray) b).files());
            LuoRecord.File x = files.get(f.entry());
            files.set(f.entry(), new LuoRecord.File(x.compatible(), data, x.token()));
            return new LuoFileArray(files);
        }));
    }

    /** The kho_test subsystem if it has a readable blob and a vmalloc area with a chunk, else null. */
    private static SubsystemModel khoTest(HandoverModel m) {
        SubsystemModel s = m.subsystem("kho_test");
        return s != null && s.blob() instanceof KhoTestBlob && s.vmallocs().size() == 1
                && !s.vmallocs().get(0).chunks().isEmpty() ? s : null;
    }

    /**
     * Pointers a head edit can move: {@code {subsystem, ""}} for a LUO blob with a sessions or FLB pointer,
     * {@code {subsystem, area path}} for a vmalloc area whose first chunk is set.
     */
    private static List<String[]> heads(HandoverModel m) {
        List<String[]> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            if (s.blob() instanceof LuoSer l && (l.sessionsPa() != 0 || l.flbsPa() != 0)) {
                out.add(new String[] {s.name(), ""});
            }
            for (String[] a : areas(s)) {
                if (!s.vmallocs().stream().filter(v -> v.path().equals(a[1])).findFirst().orElseThrow().chunks().isEmpty()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** {@code {subsystem, area path}} of every vmalloc area whose descriptor a blob or memfd struct holds. */
    private static List<String[]> areas(HandoverModel m) {
        List<String[]> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            out.addAll(areas(s));
        }
        return out;
    }

    private static List<String[]> areas(SubsystemModel s) {
        List<String[]> out = new ArrayList<>();
        for (VmallocArea v : s.vmallocs()) {
            boolean khoTest = s.blob() instanceof KhoTestBlob && v.path().equals(s.name() + "/folios_info");
            String owner = v.path().endsWith("/folios") ? v.path().substring(0, v.path().length() - 7) : null;
            boolean memfd = owner != null && s.structures().stream()
                    .anyMatch(b -> b.path().equals(owner) && b.blob() instanceof MemfdSer);
            if (khoTest || memfd) {
                out.add(new String[] {s.name(), v.path()});
            }
        }
        return out;
    }

    /** Areas whose pieces hold fewer records than a u32 count can exceed (kho_test's nr_folios is a u32). */
    private static List<String[]> countable(HandoverModel m, KhoOptions o) {
        return areas(m).stream().filter(a -> {
            VmallocArea v = m.subsystem(a[0]).vmallocs().stream().filter(x -> x.path().equals(a[1])).findFirst()
                    .orElseThrow();
            return v.descriptor().order() < 30 && v.pieces().size() * v.pieceBytes(o.pageShift()) / 8 < 0x7fff_0000L;
        }).toList();
    }

    /** Areas of order above 0 with a piece. */
    private static List<String[]> misalignable(HandoverModel m) {
        List<String[]> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            for (VmallocArea v : s.vmallocs()) {
                if (v.descriptor().order() > 0 && v.descriptor().order() < 20 && !v.pieces().isEmpty()) {
                    out.add(new String[] {s.name(), v.path()});
                }
            }
        }
        return out;
    }

    private static List<Long> pieces(HandoverModel m) {
        List<Long> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            for (VmallocArea v : s.vmallocs()) {
                out.addAll(v.pieces());
            }
        }
        return out;
    }

    /** Memory blobs point to: reserve_mem regions, kho_test folios ({@code phys | order} words), memfd folios. */
    private static List<Long> data(HandoverModel m, KhoOptions o) {
        List<Long> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            if (s.blob() instanceof MemblockBlob mb) {
                for (ReserveMem r : mb.regions()) {
                    if (r.size() > 0) {
                        out.add(r.start());
                    }
                }
            }
            for (VmallocArea v : s.vmallocs()) {
                SubBlob content = v.content();
                if (content instanceof MemfdFolioArray a) {
                    a.folios().stream().filter(f -> f.pfn() != 0).forEach(f -> out.add(f.pfn() << o.pageShift()));
                } else if (content instanceof RawBlob raw && s.blob() instanceof KhoTestBlob t) {
                    byte[] w = raw.bytes();
                    for (int i = 0; i < Integer.toUnsignedLong(t.nrFolios()) && 8 * i + 8 <= w.length; i++) {
                        long phys = NativeBytes.u64(w, 8 * i, o.byteOrder()) & -(long) o.pageSize();
                        if (phys > 0) {
                            out.add(phys);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** {@code {subsystem, structure path, entry}} of sessions with files in luo-v4/v5 session blocks. */
    private static List<String[]> sessions(HandoverModel m) {
        List<String[]> out = new ArrayList<>();
        for (SubsystemModel s : m.subsystems()) {
            for (LocatedBlob b : s.structures()) {
                if (b.blob() instanceof KhoBlock k) {
                    for (int i = 0; i < k.entries().size(); i++) {
                        if (k.entries().get(i) instanceof LuoRecord.Session ss && ss.files() != 0) {
                            out.add(new String[] {s.name(), b.path(), Integer.toString(i)});
                        }
                    }
                }
            }
        }
        return out;
    }
}
