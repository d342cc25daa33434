package io.khotools.kho.gen;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.LuoFdtNode;
import io.khotools.kho.blob.LuoFileArray;
import io.khotools.kho.blob.LuoFlbArray;
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
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import io.khotools.kho.scratch.ScratchArea;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * Generates random, valid whole handover states and the model each must decode to: the root FDT, the
 * memory map of every preserved block, the sub-blobs and everything they point to (vmalloc chunks and
 * pieces, LUO session/file/FLB arrays or KHO block chains, memfd structs), and the scratch array. Every
 * structure is preserved the way the kernel does it (blobs and arrays by page range, pieces and folios as one
 * block of their order), no scratch area touches a block or a map page, and blocks never overlap, so
 * {@link io.khotools.kho.memory.KhoStateValidator} finds nothing. Deterministic: a spec gives the same bytes
 * on every run and JVM ({@link Random} with the spec's seed). Stateless.
 *
 * <p>Physical layout (page-size independent; nodes are 1 TiB apart):
 * <pre>
 *   16 MiB + 240 MiB   scratch[0] (lowmem)        1 GiB + 1 GiB   scratch[1] (global)
 *   4 GiB .. 8 GiB     blobs and structures       8 GiB .. 32 GiB vmalloc pieces, folios, reserve_mem regions
 *   32 GiB .. 40 GiB   memory-map pages           node n: extra blocks in [n TiB (+64 GiB on node 0), n TiB + 960 GiB),
 *                                                  scratch[2+n] at n TiB + 960 GiB, 512 MiB
 * </pre>
 * Extra blocks that no longer fit their node (huge orders) are left out, so a spec may give fewer.
 * The handover pieces of an image go below 16 MiB ({@link GeneratedHandover#placement()}).
 *
 * <pre>{@code
 * GeneratedHandover g = HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4).withSeed(42));
 * StateDecoding d = StateDecoder.of(g.options()).decode(g.state());   // d.model().equals(g.model())
 * }</pre>
 */
public final class HandoverGenerator {
    /** Distance between NUMA nodes' memory (1 TiB). */
    public static final long NODE_SPAN = 1L << 40;
    static final long STRUCT_BASE = 4L << 30;
    static final long STRUCT_END = 8L << 30;
    static final long DATA_BASE = 8L << 30;
    static final long DATA_END = 32L << 30;
    /** Where the memory map starts (its allocator's first page). */
    public static final long MAP_BASE = 32L << 30;
    static final long NODE0_BLOCKS = 64L << 30;
    static final long NODE_BLOCKS_END = 960L << 30;
    static final long NODE_SCRATCH_SIZE = 512L << 20;
    /** Where images put the {@code setup_data} record, the root FDT and the scratch array. */
    public static final HandoverImage.Placement PLACEMENT = new HandoverImage.Placement(0x1_0000L, 0x20_0000L,
            0x40_0000L);
    /** Pages of the {@code luo-v1} session block. */
    static final int SESSION_BLOCK_PAGES = 16;

    private HandoverGenerator() {
    }

    /**
     * Generates the state a spec describes.
     *
     * @throws IllegalArgumentException if the spec's structures or data do not fit the layout (4 GiB of
     *     structures, 24 GiB of pieces and folios)
     */
    public static GeneratedHandover generate(HandoverSpec spec) {
        return new Run(spec).generate();
    }

    /** One generation's allocators and random source. */
    private static final class Run {
        final HandoverSpec spec;
        final KhoOptions options;
        final Random random;
        final int shift;
        final long page;
        final PreservedBlocks.Builder blocks;
        long structNext = STRUCT_BASE;
        long dataNext = DATA_BASE;
        List<LocatedBlob> structures;
        List<VmallocArea> vmallocs;

        Run(HandoverSpec spec) {
            this.spec = spec;
            this.options = spec.options();
            this.random = new Random(spec.seed());
            this.shift = spec.pageShift();
            this.page = 1L << shift;
            this.blocks = PreservedBlocks.builder(shift);
        }

        GeneratedHandover generate() {
            Map<String, SubsystemModel> subs = new LinkedHashMap<>();
            if (spec.parts().contains(HandoverSpec.Part.MEMBLOCK)) {
                add(subs, "memblock", this::memblock);
            }
            if (spec.parts().contains(HandoverSpec.Part.KHO_TEST)) {
                add(subs, "kho_test", this::khoTest);
            }
            if (spec.parts().contains(HandoverSpec.Part.KEXEC_METADATA)) {
                add(subs, "kexec-metadata", () -> new KexecMetadata(1, "6.19.0-khotools", random.nextInt(1000)));
            }
            if (spec.parts().contains(HandoverSpec.Part.LUO)) {
                add(subs, "LUO", this::luo);
            }
            extraBlocks();
            PreservedBlocks set = blocks.build();
            long mapAt = !spec.abi().radixTree() && set.count() == 0 ? 0 : MAP_BASE;
            KhoHandoverBuilder b = KhoHandover.builder(spec.abi()).options(options).preservedMemoryMap(mapAt)
                    .v2BlobSize(spec.parts().contains(HandoverSpec.Part.KEXEC_METADATA));
            subs.values().forEach(s -> b.subtree(s.name(), s.address(), s.blob()));
            KhoTree tree = b.build().root();
            List<SubsystemModel> ordered = new ArrayList<>();
            for (KhoSubtree t : tree.subtrees()) {
                ordered.add(subs.get(t.name()));
            }
            HandoverModel model = new HandoverModel(tree, scratch(), set, ordered);
            KhoState state = StateEncoder.encode(model, options);
            return new GeneratedHandover(spec, options, model, state, PLACEMENT);
        }

        interface BlobMaker {
            SubBlob make();
        }

        /** Makes one subsystem: its structures first, then its blob in the structure area. */
        void add(Map<String, SubsystemModel> subs, String name, BlobMaker maker) {
            structures = new ArrayList<>();
            vmallocs = new ArrayList<>();
            currentName = name;
            SubBlob blob = maker.make();
            long at = struct(SubBlobCodec.encode(blob, options).length);
            subs.put(name, new SubsystemModel(name, at, blob, structures, vmallocs));
        }

        String currentName;

        List<ScratchArea> scratch() {
            List<ScratchArea> out = new ArrayList<>();
            out.add(new ScratchArea(16L << 20, 240L << 20));
            out.add(new ScratchArea(1L << 30, 1L << 30));
            for (int n = 0; n < spec.numaNodes(); n++) {
                out.add(new ScratchArea(n * NODE_SPAN + NODE_BLOCKS_END, NODE_SCRATCH_SIZE));
            }
            return out;
        }

        /** Page-granular structure memory, preserved as a range. */
        long struct(long bytes) {
            long at = structNext;
            long len = Math.max(page, (bytes + page - 1) & -page);
            if (at + len > STRUCT_END) {
                throw new IllegalArgumentException("spec needs more than 4 GiB of structures");
            }
            structNext += len;
            blocks.addRange(at, at + len);
            return at;
        }

        /** Data memory of one order, naturally aligned, preserved as one block. */
        long data(int order) {
            long size = 1L << (shift + order);
            long at = (dataNext + size - 1) & -size;
            if (at + size > DATA_END) {
                throw new IllegalArgumentException("spec needs more than 24 GiB of pieces and folios");
            }
            dataNext = at + size;
            blocks.add(at, order);
            return at;
        }

        SubBlob memblock() {
            List<ReserveMem> regions = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                long size = (1 + random.nextInt(64)) * page;
                long at = (dataNext + page - 1) & -page;
                if (at + size > DATA_END) {
                    throw new IllegalArgumentException("spec needs more than 24 GiB of pieces and folios");
                }
                dataNext = at + size;
                blocks.addRange(at, at + size);
                regions.add(new ReserveMem("region" + i, at, size));
            }
            return new MemblockBlob(regions);
        }

        SubBlob khoTest() {
            int n = spec.folios();
            byte[] words = new byte[n * 8];
            for (int i = 0; i < n; i++) {
                int order = random.nextInt(4);
                NativeBytes.putU64(words, i * 8, data(order) | order, spec.byteOrder());
            }
            KhoVmalloc d = vmalloc("kho_test/folios_info", new RawBlob(words, null), random.nextInt(2));
            return new KhoTestBlob(KhoTestBlob.MAGIC, n, d, random.nextInt());
        }

        /**
         * Lays {@code content} into pieces of {@code order} and lists them in chunk pages; records the area
         * and returns its descriptor.
         */
        KhoVmalloc vmalloc(String path, SubBlob content, int order) {
            long bytes = SubBlobCodec.encode(content, options).length;
            long pieceBytes = 1L << (shift + order);
            int nPieces = (int) ((bytes + pieceBytes - 1) / pieceBytes);
            List<Long> pieces = new ArrayList<>();
            for (int i = 0; i < nPieces; i++) {
                pieces.add(data(order));
            }
            int cap = VmallocChunk.capacity((int) page);
            int nChunks = (nPieces + cap - 1) / cap;
            long[] at = new long[nChunks];
            for (int k = 0; k < nChunks; k++) {
                at[k] = struct(page);
            }
            List<LocatedBlob> chunks = new ArrayList<>();
            for (int k = 0; k < nChunks; k++) {
                List<Long> mine = pieces.subList(k * cap, Math.min(nPieces, (k + 1) * cap));
                chunks.add(new LocatedBlob(path + ".chunk[" + k + "]", at[k],
                        new VmallocChunk(k + 1 < nChunks ? at[k + 1] : 0, mine)));
            }
            KhoVmalloc d = new KhoVmalloc(nChunks == 0 ? 0 : at[0], nPieces << order, KhoVmalloc.FLAG_ALLOC, order);
            vmallocs.add(new VmallocArea(path, d, chunks, content));
            return d;
        }

        /** LUO in the format the generation implies (see {@link HandoverSpec#abi()}). */
        SubBlob luo() {
            String version = switch (spec.abi()) {
                case V1_BITMAP_512, V1_BITMAP_PAGE, V2 -> "luo-v1";
                case V3 -> "luo-v3";
                case V4 -> "luo-v4";
                case V4_RADIX_VMALLOC -> "luo-v5";
            };
            boolean chains = !version.equals("luo-v1") && !version.equals("luo-v3");
            long number = random.nextInt(1000);
            // make every session's files first, then order the structures as a reader visits them
            List<LuoRecord.Session> sessions = new ArrayList<>();
            List<List<LocatedBlob>> perSession = new ArrayList<>();
            for (int i = 0; i < spec.luoSessions(); i++) {
                String fp = "LUO/sessions[" + i + "]/files";
                List<LocatedBlob> memfds = new ArrayList<>();
                List<LuoRecord> files = new ArrayList<>();
                for (int j = 0; j < spec.filesPerSession(); j++) {
                    files.add(file(fp + "[" + j + "]", version.equals("luo-v1") ? 1 : 2, memfds));
                }
                List<LocatedBlob> own = new ArrayList<>();
                long filesAt = 0;
                if (chains) {
                    filesAt = chain(fp, SubBlobType.KHO_BLOCK_FILES, files, own);
                } else if (!files.isEmpty()) {
                    LuoFileArray a = new LuoFileArray(files.stream().map(f -> (LuoRecord.File) f).toList());
                    filesAt = struct(SubBlobCodec.encode(a, options).length);
                    own.add(new LocatedBlob(fp, filesAt, a));
                }
                own.addAll(memfds);
                perSession.add(own);
                sessions.add(new LuoRecord.Session("session-" + i, filesAt, files.size()));
            }
            List<LuoRecord> flbs = new ArrayList<>();
            int nFlb = random.nextInt(3);
            for (int k = 0; k < nFlb; k++) {
                flbs.add(new LuoRecord.Flb("khotools-flb-" + k, 0, 1));
            }
            if (chains) {
                List<LocatedBlob> sessionBlocks = new ArrayList<>();
                long sessionsAt = chain("LUO/sessions", SubBlobType.KHO_BLOCK_SESSIONS, new ArrayList<>(sessions),
                        sessionBlocks);
                structures.addAll(sessionBlocks);
                perSession.forEach(structures::addAll);
                List<LocatedBlob> flbBlocks = new ArrayList<>();
                long flbsAt = chain("LUO/flbs", SubBlobType.KHO_BLOCK_FLBS, flbs, flbBlocks);
                structures.addAll(flbBlocks);
                return new LuoSer(version, number, sessionsAt, flbsAt);
            }
            LuoSessionArray array = new LuoSessionArray(sessions);
            long sessionsAt = version.equals("luo-v1") ? struct(SESSION_BLOCK_PAGES * page)
                    : struct(SubBlobCodec.encode(array, options).length);
            structures.add(new LocatedBlob("LUO/sessions", sessionsAt, array));
            perSession.forEach(structures::addAll);
            LuoFlbArray flbArray = new LuoFlbArray(1, flbs.stream().map(f -> (LuoRecord.Flb) f).toList());
            long flbsAt = struct(page);
            structures.add(new LocatedBlob("LUO/flbs", flbsAt, flbArray));
            if (version.equals("luo-v1")) {
                return LuoFdtBlob.v1(number, new LuoFdtNode("luo-session-v2", OptionalLong.of(sessionsAt)),
                        new LuoFdtNode("luo-flb-v1", OptionalLong.of(flbsAt)));
            }
            return new LuoSer(version, number, sessionsAt, flbsAt);
        }

        /** One file record; a memfd file gets its struct and folio area (struct appended to {@code memfds}). */
        LuoRecord.File file(String path, int memfdVersion, List<LocatedBlob> memfds) {
            long token = random.nextLong() & 0xffff_ffffL;
            if (!spec.parts().contains(HandoverSpec.Part.MEMFD)) {
                return new LuoRecord.File("khotools-file-v1", 0, token);
            }
            int n = spec.folios();
            List<MemfdFolio> folios = new ArrayList<>();
            long index = 0;
            for (int i = 0; i < n; i++) {
                int order = random.nextInt(3);
                long phys = data(order);
                folios.add(new MemfdFolio(phys >>> shift, MemfdFolio.UPTODATE | random.nextInt(2), index));
                index += 1L << order;
            }
            KhoVmalloc d = vmalloc(path + "/memfd/folios", new MemfdFolioArray(folios), random.nextInt(2));
            MemfdSer ser = memfdVersion == 1
                    ? new MemfdSer(1, 0, index * page, 0, 0, n, d)
                    : new MemfdSer(2, 0, index * page, random.nextInt(MemfdSer.KNOWN_SEALS + 1), 0, n, d);
            long at = struct(ser.encodedSize());
            memfds.add(new LocatedBlob(path + "/memfd", at, ser));
            return new LuoRecord.File(memfdVersion == 1 ? "memfd-v1" : "memfd-v2", at, token);
        }

        /** A KHO block chain of {@code entries}; its blocks go to {@code out}. Returns the head, 0 if empty. */
        long chain(String path, SubBlobType type, List<LuoRecord> entries, List<LocatedBlob> out) {
            int cap = KhoBlock.capacity(type, (int) page);
            int n = (entries.size() + cap - 1) / cap;
            long[] at = new long[n];
            for (int k = 0; k < n; k++) {
                at[k] = struct(page);
            }
            for (int k = 0; k < n; k++) {
                out.add(new LocatedBlob(path + ".block[" + k + "]", at[k], new KhoBlock(type, k + 1 < n ? at[k + 1] : 0,
                        entries.subList(k * cap, Math.min(entries.size(), (k + 1) * cap)))));
            }
            return n == 0 ? 0 : at[0];
        }

        /** The spec's extra blocks, spread over the nodes, never overlapping. */
        void extraBlocks() {
            int nodes = spec.numaNodes();
            long[] cursor = new long[nodes];
            for (int n = 0; n < nodes; n++) {
                cursor[n] = n * NODE_SPAN + (n == 0 ? NODE0_BLOCKS : 0);
            }
            int small = Math.min(3, spec.maxOrder() + 1);
            for (int i = 0; i < spec.blocks(); i++) {
                int node = random.nextInt(nodes);
                int order = random.nextInt(4) == 0 ? random.nextInt(spec.maxOrder() + 1) : random.nextInt(small);
                long size = 1L << (shift + order);
                long gap = random.nextInt(8) * page;
                long at = (cursor[node] + gap + size - 1) & -size;
                if (at + size > node * NODE_SPAN + NODE_BLOCKS_END) {
                    continue; // the node is full: fewer blocks, still deterministic
                }
                blocks.add(at, order);
                cursor[node] = at + size;
            }
        }
    }
}
