package io.khotools.kho.memory;

import static io.khotools.kho.check.KhoRules.STATE_ABSENT;
import static io.khotools.kho.check.KhoRules.STATE_CHAIN_LENGTH;
import static io.khotools.kho.check.KhoRules.STATE_CYCLE;
import static io.khotools.kho.check.KhoRules.STATE_POINTER_ALIGNMENT;
import static io.khotools.kho.check.KhoRules.STATE_REACHED_TWICE;
import static io.khotools.kho.check.KhoRules.STATE_RECORD_COUNT;
import static io.khotools.kho.check.KhoRules.STATE_VMALLOC_PAGES;
import static io.khotools.kho.check.KhoRules.STATE_VMALLOC_PIECE_ALIGNMENT;
import static io.khotools.kho.check.KhoRules.STATE_VMALLOC_SIZE;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoDecodeException;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.LuoFdtNode;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.LuoSessionArray;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.blob.VmallocChunk;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a whole {@link KhoState} into a {@link HandoverModel}: the root, the scratch array, the memory map,
 * and for every subtree its blob and everything the blob leads to through physical pointers, read from the
 * state's {@link PhysMemory} (kho-format.md §4.3, §5):
 *
 * <ul>
 *   <li>{@code memblock}: the {@code reserve_mem} regions (needs only, nothing to read);
 *   <li>{@code kho_test}: the {@code folios_info} vmalloc area, its chunk chain and pieces, and the
 *       {@code phys | order} words the pieces hold, each a folio that must be preserved;
 *   <li>{@code LUO}: {@code luo-v1} session block and FLB page, {@code luo-v3} session/FLB arrays, and the
 *       KHO block chains of {@code luo-v4}/{@code luo-v5}; each session's files (array or block chain); each
 *       {@code memfd-v1}/{@code memfd-v2} file's {@code memfd_luo_ser}, its folio vmalloc area and folios.
 *       {@code luo-v2}'s {@code luo-abi-header} struct has no decoder and is not followed.
 * </ul>
 *
 * <p>Never throws for content. Every loop is bounded: each chain page and each structure address is visited
 * once (a chain coming back to one of its own pages is {@code kho.state.cycle}, a page or structure reached
 * from a second pointer is {@code kho.state.reached-twice}), chains stop at {@link WalkLimits#maxChain} pages and
 * arrays at {@link WalkLimits#maxRecords} records, the whole walk reads at most {@link WalkLimits#maxBytes}
 * bytes and records at most {@code maxRecords} ranges to check ({@code kho.state.chain-length}), and memory the image lacks is
 * a {@code kho.state.absent} finding per pointer (a partial image is normal). Every structure read is also
 * judged by its {@link KhoValidator#validateBlob} rules, their offsets made absolute physical addresses.
 * Immutable and thread-safe.
 */
public final class StateDecoder {
    /** Findings of one rule beyond this many per decode are summarized in one line. */
    static final int MAX_PER_RULE = 16;
    /** Largest sub-blob read whole (16 MiB); a larger {@code blob-size} is checked for coverage only. */
    static final long MAX_BLOB = 16L << 20;
    /** Pages of the {@code luo-v1} session block (kho-format.md §5.4). */
    static final int SESSION_BLOCK_PAGES = 16;
    /** Most pages an FLB array's {@code pgcnt} is believed for. */
    static final int MAX_FLB_PAGES = 1024;

    private final KhoOptions options;
    private final WalkLimits limits;

    private StateDecoder(KhoOptions options, WalkLimits limits) {
        this.options = Objects.requireNonNull(options, "options");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A decoder for states in {@code options}' byte order, page size and kho-v1 bitmap size. */
    public static StateDecoder of(KhoOptions options, WalkLimits limits) {
        return new StateDecoder(options, limits);
    }

    /** A decoder with {@link WalkLimits#DEFAULT}. */
    public static StateDecoder of(KhoOptions options) {
        return new StateDecoder(options, WalkLimits.DEFAULT);
    }

    /** Decodes the map {@code abi} uses at {@code root} (no findings beyond the map's own). */
    public MapDecoding decodeMap(KhoAbi abi, PhysMemory memory, long root) {
        if (abi.radixTree()) {
            boolean fixed = abi == KhoAbi.V4 || abi == KhoAbi.V4_RADIX_VMALLOC;
            return new RadixTreeCodec(new RadixGeometry(options.pageShift(), fixed), options.byteOrder())
                    .decode(memory, root);
        }
        return new ChunkListCodec(options.pageShift(), abi.v1BitmapBytes(options.pageSize()), options.byteOrder())
                .decode(memory, root);
    }

    /**
     * Decodes the state. The model is null when the root is not a readable KHO root (the root rules of
     * {@link KhoValidator} say why); the scratch list is empty when the state has no usable array.
     */
    public StateDecoding decode(KhoState state) {
        KhoTree tree;
        try {
            tree = KhoRootCodec.decode(state.root(), options);
        } catch (KhoDecodeException e) {
            return new StateDecoding(null, List.of(), List.of(), List.of());
        }
        List<ScratchArea> scratch = state.scratch() != null && state.scratch().length % ScratchArea.SIZE == 0
                ? ScratchCodec.decode(state.scratch(), options.byteOrder()) : List.of();
        Walk w = new Walk(state.memory());
        PreservedBlocks blocks = PreservedBlocks.empty(options.pageShift());
        List<PhysRange> mapPieces = List.of();
        long mapAt = tree.preservedMemoryMap().orElse(0);
        if (mapAt != 0) {
            MapDecoding map = decodeMap(tree.abi(), state.memory(), mapAt);
            blocks = map.blocks();
            mapPieces = map.mapPieces();
            w.findings.addAll(map.findings());
        }
        List<SubsystemModel> subsystems = new ArrayList<>();
        for (KhoSubtree s : tree.subtrees()) {
            long at = s.address().orElse(0);
            if (at != 0) {
                subsystems.add(w.subsystem(tree.abi(), s, at));
            }
        }
        w.summarize();
        return new StateDecoding(new HandoverModel(tree, scratch, blocks, subsystems), mapPieces, w.needs,
                w.findings);
    }

    /** Receives each page of a chain; false stops the walk there (the chain then counts as cut short). */
    @FunctionalInterface
    private interface PageSink {
        boolean page(LocatedBlob page);
    }

    /** One decode's mutable state: findings, needs, visited addresses. */
    private final class Walk {
        final PhysMemory memory;
        final ByteOrder order = options.byteOrder();
        final int shift = options.pageShift();
        final int pageSize = options.pageSize();
        final KhoValidator blobRules = KhoValidator.of(options);
        final List<Diagnostic> findings = new ArrayList<>();
        final List<PreservationNeed> needs = new ArrayList<>();
        final Map<String, Integer> perRule = new LinkedHashMap<>();
        /** Structure and chain-page addresses visited so far, with the path that reached them first. */
        final Map<Long, String> seen = new HashMap<>();
        List<LocatedBlob> structures;
        List<VmallocArea> vmallocs;
        long budget = limits.maxBytes();
        boolean budgetSpent;
        boolean needsFull;
        /** Whether the last {@link #chain} reached its terminating 0 (no cycle, limit, gap or bad pointer). */
        boolean chainComplete;

        Walk(PhysMemory memory) {
            this.memory = memory;
        }

        SubsystemModel subsystem(KhoAbi abi, KhoSubtree s, long at) {
            structures = new ArrayList<>();
            vmallocs = new ArrayList<>();
            String name = s.name();
            SubBlobType type = SubBlobType.forSubtree(name);
            long len = s.blobSize().orElse(-1);
            if (len < 0) {
                len = impliedSize(name, type, at);
            }
            SubBlob blob = null;
            if (len > 0 && at + len > at) {
                need(new PreservationNeed(name, PhysRange.of(at, len), PreservationNeed.Kind.BLOB));
                if (!memory.contains(at, len)) {
                    add(STATE_ABSENT, at, "[" + name + "] blob " + PhysRange.of(at, len)
                            + " is not wholly in the image: missing " + PhysRange.format(memory.absent(at, len)));
                } else if (len <= MAX_BLOB && spend(name, len)) {
                    byte[] bytes = new byte[(int) len];
                    memory.read(at, bytes, 0, bytes.length);
                    seen.put(at, name);
                    blob = decodeQuietly(type, bytes);
                    rebase(name, at, blobRules.validateBlob(type, bytes).diagnostics());
                    if (blob != null) {
                        follow(name, blob);
                    }
                }
            }
            return new SubsystemModel(name, at, blob, structures, vmallocs);
        }

        /** The length of a blob whose subtree has no blob-size: FDT totalsize, or the fixed struct size. */
        long impliedSize(String name, SubBlobType type, long at) {
            byte[] h = new byte[64];
            if (!memory.read(at, h, 0, 8)) {
                add(STATE_ABSENT, at, "[" + name + "] blob at 0x" + Long.toHexString(at) + " is not in the image");
                return -1;
            }
            if (NativeBytes.u32(h, 0, ByteOrder.BIG_ENDIAN) == FdtFormat.MAGIC) {
                return NativeBytes.u32(h, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
            }
            if (type == SubBlobType.KEXEC_METADATA) {
                return KexecMetadata.SIZE;
            }
            if (type == SubBlobType.LUO && memory.read(at, h, 0, h.length)) {
                for (int i = 0; i < h.length; i++) {
                    if (h[i] == 0) {
                        return LuoSer.compatibleFieldSize(NativeBytes.cString(h, 0, i + 1)) + 24L;
                    }
                }
            }
            return 1; // unknown length: only the first byte can be judged
        }

        SubBlob decodeQuietly(SubBlobType type, byte[] bytes) {
            try {
                return SubBlobCodec.decode(type, bytes, options);
            } catch (KhoDecodeException | IllegalArgumentException e) {
                return null; // the blob rules rebased above say why
            }
        }

        void follow(String name, SubBlob blob) {
            if (blob instanceof MemblockBlob m) {
                for (ReserveMem r : m.regions()) {
                    if (r.size() > 0 && r.start() >= 0 && r.start() + r.size() > r.start()) {
                        need(new PreservationNeed(name + "/" + r.name(), PhysRange.of(r.start(), r.size()),
                                PreservationNeed.Kind.DATA));
                    }
                }
            } else if (blob instanceof KhoTestBlob t) {
                VmallocArea v = vmalloc(name + "/folios_info", t.foliosInfo(), 8,
                        Integer.toUnsignedLong(t.nrFolios()), SubBlobType.RAW);
                if (v.content() instanceof RawBlob raw) {
                    byte[] words = raw.bytes();
                    for (int i = 0; i + 8 <= words.length; i += 8) {
                        long w = NativeBytes.u64(words, i, order);
                        long phys = w & -(long) pageSize;
                        int o = (int) (w & (pageSize - 1));
                        if (phys > 0 && o <= PreservedBlocks.maxOrder(shift) - 1 && phys + (1L << (shift + o)) > phys) {
                            need(new PreservationNeed(name + "/folios[" + i / 8 + "]",
                                    PhysRange.of(phys, 1L << (shift + o)), PreservationNeed.Kind.DATA));
                        }
                    }
                }
            } else if (blob instanceof LuoFdtBlob l && "luo-v1".equals(l.compatible())) {
                l.session().flatMap(n -> optional(n)).ifPresent(a -> sessions(name + "/sessions", a, "v1"));
                l.flb().flatMap(n -> optional(n)).ifPresent(a -> flbArray(name + "/flbs", a, true));
            } else if (blob instanceof LuoSer s) {
                boolean chains = s.compatible().equals("luo-v4") || s.compatible().equals("luo-v5");
                if (s.sessionsPa() != 0) {
                    if (chains) {
                        sessionChain(name + "/sessions", s.sessionsPa());
                    } else {
                        sessions(name + "/sessions", s.sessionsPa(), "v3");
                    }
                }
                if (s.flbsPa() != 0) {
                    if (chains) {
                        chain(name + "/flbs", s.flbsPa(), SubBlobType.KHO_BLOCK_FLBS);
                    } else {
                        flbArray(name + "/flbs", s.flbsPa(), false);
                    }
                }
            }
        }

        Optional<Long> optional(LuoFdtNode n) {
            return n.header().isPresent() && n.header().getAsLong() != 0
                    ? Optional.of(n.header().getAsLong()) : Optional.empty();
        }

        /** A {@code count u64 + luo_session_ser[]} array ({@code luo-v1} 16-page block, {@code luo-v3}). */
        void sessions(String path, long at, String kind) {
            if (!enter(path, at, -1)) {
                return;
            }
            byte[] head = new byte[8];
            if (!readOrReport(path, at, head)) {
                return;
            }
            long count = NativeBytes.u64(head, 0, order);
            long fit = ((long) SESSION_BLOCK_PAGES * pageSize - 8) / LuoRecord.SESSION_SIZE;
            int n = records(path, count, fit);
            byte[] bytes = new byte[8 + n * LuoRecord.SESSION_SIZE];
            if (!readOrReport(path, at, bytes)) {
                return;
            }
            // a count above what the read holds is kho.luo.count: the read stops at the kernel's 16-page block
            rebase(path, at, blobRules.validateBlob(SubBlobType.LUO_SESSION_ARRAY, bytes).diagnostics());
            LuoSessionArray a = (LuoSessionArray) SubBlobCodec.decode(SubBlobType.LUO_SESSION_ARRAY, bytes, options);
            structures.add(new LocatedBlob(path, at, a));
            need(new PreservationNeed(path, PhysRange.of(at, bytes.length), PreservationNeed.Kind.DATA));
            for (int i = 0; i < a.sessions().size(); i++) {
                LuoRecord.Session s = a.sessions().get(i);
                if (s.files() != 0) {
                    files(path + "[" + i + "]/files", s.files(), s.count());
                }
            }
        }

        /** A session's {@code luo_file_ser[count]} array. */
        void files(String path, long at, long count) {
            if (!enter(path, at, -1)) {
                return;
            }
            int n = records(path, count, Long.MAX_VALUE);
            byte[] bytes = new byte[n * LuoRecord.FILE_SIZE];
            if (n == 0 || !readOrReport(path, at, bytes)) {
                return;
            }
            rebase(path, at, blobRules.validateBlob(SubBlobType.LUO_FILE_ARRAY, bytes).diagnostics());
            SubBlob a = SubBlobCodec.decode(SubBlobType.LUO_FILE_ARRAY, bytes, options);
            structures.add(new LocatedBlob(path, at, a));
            need(new PreservationNeed(path, PhysRange.of(at, bytes.length), PreservationNeed.Kind.DATA));
            List<LuoRecord.File> files = ((io.khotools.kho.blob.LuoFileArray) a).files();
            for (int i = 0; i < files.size(); i++) {
                file(path + "[" + i + "]", files.get(i));
            }
        }

        /** An FLB array: {@code pgcnt u64, count u64, luo_flb_ser[]}. */
        void flbArray(String path, long at, boolean v1) {
            if (!enter(path, at, -1)) {
                return;
            }
            byte[] head = new byte[16];
            if (!readOrReport(path, at, head)) {
                return;
            }
            long pages = Math.max(1, Math.min(NativeBytes.u64(head, 0, order) & Long.MAX_VALUE, MAX_FLB_PAGES));
            long fit = (pages * pageSize - 16) / LuoRecord.FLB_SIZE;
            int n = records(path, NativeBytes.u64(head, 8, order), fit);
            byte[] bytes = new byte[16 + n * LuoRecord.FLB_SIZE];
            if (!readOrReport(path, at, bytes)) {
                return;
            }
            rebase(path, at, blobRules.validateBlob(SubBlobType.LUO_FLB_ARRAY, bytes).diagnostics());
            structures.add(new LocatedBlob(path, at, SubBlobCodec.decode(SubBlobType.LUO_FLB_ARRAY, bytes, options)));
            need(new PreservationNeed(path, PhysRange.of(at, bytes.length), PreservationNeed.Kind.DATA));
        }

        /** A {@code luo-v4}/{@code v5} session block chain, then each session's file chain. */
        void sessionChain(String path, long at) {
            List<LuoRecord> sessions = chain(path, at, SubBlobType.KHO_BLOCK_SESSIONS);
            for (int i = 0; i < sessions.size(); i++) {
                LuoRecord.Session s = (LuoRecord.Session) sessions.get(i);
                if (s.files() == 0) {
                    continue;
                }
                String fp = path + "[" + i + "]/files";
                List<LuoRecord> files = chain(fp, s.files(), SubBlobType.KHO_BLOCK_FILES);
                if (chainComplete && files.size() != s.count()) {
                    add(STATE_RECORD_COUNT, s.files(), "[" + fp + "] session count " + Long.toUnsignedString(s.count())
                            + " but its block chain holds " + files.size() + " files");
                }
                for (int j = 0; j < files.size(); j++) {
                    file(fp + "[" + j + "]", (LuoRecord.File) files.get(j));
                }
            }
        }

        /** Follows a KHO block chain (kho-format.md §5.6) and returns its entries in order. */
        List<LuoRecord> chain(String path, long head, SubBlobType type) {
            List<LuoRecord> out = new ArrayList<>();
            chainComplete = pageChain(path, "block", head, type, "block chain head", p -> {
                structures.add(p);
                for (LuoRecord r : ((KhoBlock) p.blob()).entries()) {
                    if (out.size() == limits.maxRecords()) {
                        add(STATE_CHAIN_LENGTH, p.address(), "[" + path + "] more than " + limits.maxRecords()
                                + " records; the rest is not followed");
                        return false;
                    }
                    out.add(r);
                }
                return true;
            });
            return out;
        }

        /**
         * Follows a chain of page-sized structures whose first u64 is the next page (KHO blocks, vmalloc chunks):
         * head alignment, cycles, pages reached twice, the chain limit and absent pages are findings that end
         * the chain; each page is needed (CHUNK), judged by its blob rules, decoded and handed to {@code sink}.
         * A misaligned {@code next} ends the chain silently: the page's own rules reported it.
         *
         * @return true if the chain ended at its terminating 0
         */
        boolean pageChain(String path, String unit, long head, SubBlobType type, String headWhat, PageSink sink) {
            if ((head & (pageSize - 1)) != 0) {
                add(STATE_POINTER_ALIGNMENT, head, "[" + path + "] " + headWhat + " 0x" + Long.toHexString(head)
                        + " not page-aligned");
                return false;
            }
            Set<Long> mine = new HashSet<>();
            byte[] page = new byte[pageSize];
            long cur = head;
            for (int k = 0; cur != 0; k++) {
                String pp = path + "." + unit + "[" + k + "]";
                if ((cur & (pageSize - 1)) != 0) {
                    return false;
                }
                if (mine.contains(cur)) {
                    add(STATE_CYCLE, cur, "[" + pp + "] " + unit + " chain returns to 0x" + Long.toHexString(cur));
                    return false;
                }
                if (k == limits.maxChain()) {
                    add(STATE_CHAIN_LENGTH, cur, "[" + path + "] " + unit + " chain longer than " + limits.maxChain()
                            + " " + unit + "s; the rest is not followed");
                    return false;
                }
                if (!enter(pp, cur, -1)) {
                    return false;
                }
                mine.add(cur);
                if (!readOrReport(pp, cur, page)) {
                    return false;
                }
                need(new PreservationNeed(pp, PhysRange.of(cur, pageSize), PreservationNeed.Kind.CHUNK));
                rebase(pp, cur, blobRules.validateBlob(type, page).diagnostics());
                SubBlob b = SubBlobCodec.decode(type, page, options);
                if (!sink.page(new LocatedBlob(pp, cur, b))) {
                    return false;
                }
                cur = b instanceof KhoBlock kb ? kb.next() : ((VmallocChunk) b).next();
            }
            return true;
        }

        /** A file record: memfd files lead to their {@code memfd_luo_ser}, other handlers are not known. */
        void file(String path, LuoRecord.File f) {
            int version = f.compatible().startsWith("memfd-v1") ? 1 : f.compatible().startsWith("memfd-v2") ? 2 : 0;
            if (version == 0 || f.data() == 0) {
                return;
            }
            String mp = path + "/memfd";
            long at = f.data();
            if (!enter(mp, at, -1)) {
                return;
            }
            byte[] bytes = new byte[version == 1 ? MemfdSer.SIZE_V1 : MemfdSer.SIZE_V2];
            if (!readOrReport(mp, at, bytes)) {
                return;
            }
            SubBlobType type = version == 1 ? SubBlobType.MEMFD_V1 : SubBlobType.MEMFD_V2;
            rebase(mp, at, blobRules.validateBlob(type, bytes).diagnostics());
            MemfdSer m = (MemfdSer) SubBlobCodec.decode(type, bytes, options);
            structures.add(new LocatedBlob(mp, at, m));
            need(new PreservationNeed(mp, PhysRange.of(at, bytes.length), PreservationNeed.Kind.DATA));
            VmallocArea v = vmalloc(mp + "/folios", m.folios(), MemfdFolio.SIZE, m.nrFolios(), SubBlobType.MEMFD_FOLIOS);
            if (v.content() instanceof MemfdFolioArray a) {
                rebase(mp + "/folios", -1, blobRules.validateBlob(SubBlobType.MEMFD_FOLIOS,
                        SubBlobCodec.encode(a, options)).diagnostics());
                for (int i = 0; i < a.folios().size(); i++) {
                    long pfn = a.folios().get(i).pfn();
                    if (pfn != 0 && pfn < (1L << (63 - shift))) {
                        need(new PreservationNeed(mp + "/folios[" + i + "]", PhysRange.of(pfn << shift, pageSize),
                                PreservationNeed.Kind.DATA));
                    }
                }
            }
        }

        /**
         * Follows a vmalloc descriptor: its chunk chain, the pieces' alignment and page sum, and the first
         * {@code count} records of {@code recordSize} bytes the pieces hold.
         */
        VmallocArea vmalloc(String path, KhoVmalloc d, int recordSize, long count, SubBlobType contentType) {
            List<LocatedBlob> chunks = new ArrayList<>();
            List<Long> pieces = new ArrayList<>();
            if ((d.first() & (pageSize - 1)) != 0) {
                add(STATE_POINTER_ALIGNMENT, d.first(), "[" + path + "] first chunk 0x" + Long.toHexString(d.first())
                        + " not page-aligned");
                VmallocArea v = new VmallocArea(path, d, chunks, null);
                vmallocs.add(v);
                return v;
            }
            boolean complete = pageChain(path, "chunk", d.first(), SubBlobType.VMALLOC_CHUNK, "first chunk", p -> {
                chunks.add(p);
                pieces.addAll(((VmallocChunk) p.blob()).pieces());
                return true;
            });
            int o = d.order();
            SubBlob content = null;
            if (o <= PreservedBlocks.maxOrder(shift) - 1) {
                long pieceBytes = 1L << (shift + o);
                piecesNeeded(path, pieces, pieceBytes);
                long total = Integer.toUnsignedLong(d.totalPages());
                // compare in pages: pieces × 2^order, saturating (a corrupt order cannot overflow it)
                long listed = Math.multiplyHigh(pieces.size(), 1L << o) != 0 ? Long.MAX_VALUE
                        : (long) pieces.size() << o;
                if (complete && listed != total) {
                    add(STATE_VMALLOC_PAGES, d.first(), "[" + path + "] total_pages " + total + " but "
                            + pieces.size() + " piece(s) of order " + o + " hold " + listed + " pages");
                }
                content = content(path, pieces, pieceBytes, recordSize, count, contentType, complete);
            }
            VmallocArea v = new VmallocArea(path, d, chunks, content);
            vmallocs.add(v);
            return v;
        }

        void piecesNeeded(String path, List<Long> pieces, long pieceBytes) {
            int misaligned = 0;
            long firstBad = 0;
            long start = -1;
            long end = -1;
            int from = 0;
            for (int i = 0; i < pieces.size(); i++) {
                long p = pieces.get(i);
                if ((p & (pieceBytes - 1)) != 0 && misaligned++ == 0) {
                    firstBad = p;
                }
                if (p < 0 || p + pieceBytes < p) {
                    continue;
                }
                if (p == end) {
                    end += pieceBytes; // adjacent pieces become one need
                    continue;
                }
                if (start >= 0) {
                    need(new PreservationNeed(path + ".pieces[" + from + "]", new PhysRange(start, end),
                            PreservationNeed.Kind.PIECE));
                }
                start = p;
                end = p + pieceBytes;
                from = i;
            }
            if (start >= 0) {
                need(new PreservationNeed(path + ".pieces[" + from + "]", new PhysRange(start, end),
                        PreservationNeed.Kind.PIECE));
            }
            if (misaligned > 0) {
                add(STATE_VMALLOC_PIECE_ALIGNMENT, firstBad, "[" + path + "] " + misaligned + " piece(s) not aligned to "
                        + pieceBytes + " bytes (their order), first 0x" + Long.toHexString(firstBad));
            }
        }

        /** Reads the records the pieces hold, as one stream. Null if the image lacks them. */
        SubBlob content(String path, List<Long> pieces, long pieceBytes, int recordSize, long count,
                SubBlobType type, boolean complete) {
            long available = Math.multiplyHigh(pieces.size(), pieceBytes) != 0 ? Long.MAX_VALUE
                    : pieces.size() * pieceBytes;
            long want = count > available / recordSize || count < 0 ? -1 : count * recordSize;
            if (want < 0 && complete) {
                add(STATE_VMALLOC_SIZE, pieces.isEmpty() ? -1 : pieces.get(0), "[" + path + "] "
                        + Long.toUnsignedString(count) + " records of " + recordSize + " bytes but the pieces hold "
                        + available + " bytes");
            }
            long fit = available / recordSize;
            int n = records(path, Long.compareUnsigned(count, fit) > 0 ? fit : count, Long.MAX_VALUE);
            if (!spend(path, (long) n * recordSize)) {
                return null;
            }
            byte[] bytes = new byte[n * recordSize];
            int done = 0;
            for (int i = 0; done < bytes.length; i++) {
                int len = (int) Math.min(pieceBytes, bytes.length - done);
                long at = pieces.get(i);
                if (!memory.read(at, bytes, done, len)) {
                    add(STATE_ABSENT, at, "[" + path + ".pieces[" + i + "]] piece 0x" + Long.toHexString(at)
                            + " is not wholly in the image: missing " + PhysRange.format(memory.absent(at, len)));
                    return null;
                }
                done += len;
            }
            return type == SubBlobType.RAW ? new RawBlob(bytes, null) : SubBlobCodec.decode(type, bytes, options);
        }

        /** Records to read of {@code count}: at most {@code fit} and the record limit (said when cut). */
        int records(String path, long count, long fit) {
            long n = Long.compareUnsigned(count, fit) > 0 ? fit : count;
            if (Long.compareUnsigned(n, limits.maxRecords()) > 0) {
                add(STATE_CHAIN_LENGTH, -1, "[" + path + "] " + Long.toUnsignedString(count) + " records, more than "
                        + limits.maxRecords() + "; only those are followed");
                return limits.maxRecords();
            }
            return (int) n;
        }

        /**
         * Checks a pointer to a page-aligned structure: alignment, and that nothing reached it before.
         * False (with a finding) if it must not be followed.
         */
        boolean enter(String path, long at, long from) {
            if ((at & (pageSize - 1)) != 0) {
                add(STATE_POINTER_ALIGNMENT, from < 0 ? at : from, "[" + path + "] 0x" + Long.toHexString(at)
                        + " not page-aligned");
                return false;
            }
            String first = seen.putIfAbsent(at, path);
            if (first != null) {
                add(STATE_REACHED_TWICE, at, "[" + path + "] 0x" + Long.toHexString(at) + " already reached as ["
                        + first + "]");
                return false;
            }
            return true;
        }

        boolean readOrReport(String path, long at, byte[] into) {
            if (!spend(path, into.length)) {
                return false;
            }
            if (memory.read(at, into, 0, into.length)) {
                return true;
            }
            add(STATE_ABSENT, at, "[" + path + "] " + PhysRange.of(at, into.length) + " is not wholly in the image: missing "
                    + PhysRange.format(memory.absent(at, into.length)));
            return false;
        }

        /** Records a range to check against the blocks, up to {@link WalkLimits#maxRecords} of them. */
        void need(PreservationNeed n) {
            if (needs.size() < limits.maxRecords()) {
                needs.add(n);
            } else if (needs.size() == limits.maxRecords() && !needsFull) {
                needsFull = true;
                add(STATE_CHAIN_LENGTH, -1, "[" + n.what() + "] more than " + limits.maxRecords()
                        + " ranges to check; the rest are not checked against the preserved blocks");
            }
        }

        /** Takes {@code bytes} from the walk's read budget; false (said once) when it is spent. */
        boolean spend(String path, long bytes) {
            if (bytes <= budget) {
                budget -= bytes;
                return true;
            }
            if (!budgetSpent) {
                budgetSpent = true;
                add(STATE_CHAIN_LENGTH, -1, "[" + path + "] the walk has read " + limits.maxBytes()
                        + " bytes, its limit; nothing more is followed");
            }
            budget = 0;
            return false;
        }

        /** Adds a structure's own rule findings, offsets made physical addresses. */
        void rebase(String path, long at, List<Diagnostic> found) {
            for (Diagnostic x : found) {
                findings.add(new Diagnostic(x.ruleId(), x.severity(), "[" + path + "]" + (x.path() == null ? "" : x.path()),
                        x.property(), x.offset() < 0 || at < 0 ? -1 : at + x.offset(), x.message()));
            }
        }

        void add(String id, long offset, String message) {
            int n = perRule.merge(id, 1, Integer::sum);
            if (n <= MAX_PER_RULE) {
                findings.add(new Diagnostic(id, KhoRules.severity(id), "[state]", null, offset < 0 ? -1 : offset, message));
            }
        }

        void summarize() {
            perRule.forEach((id, n) -> {
                if (n > MAX_PER_RULE) {
                    findings.add(new Diagnostic(id, KhoRules.severity(id), "[state]", null, -1,
                            (n - MAX_PER_RULE) + " more findings of this rule"));
                }
            });
        }
    }
}
