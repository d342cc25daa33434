package io.khotools.kho.gen;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.scratch.ScratchArea;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Where the memory map starts (its allocator's first page). */
    public static final long MAP_BASE = 32L << 30;
    static final long NODE0_BLOCKS = 64L << 30;
    static final long NODE_BLOCKS_END = 960L << 30;
    static final long NODE_SCRATCH_SIZE = 512L << 20;
    /** Where images put the {@code setup_data} record, the root FDT and the scratch array. */
    public static final HandoverImage.Placement PLACEMENT = new HandoverImage.Placement(0x1_0000L, 0x20_0000L,
            0x40_0000L);

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
        final HandoverLayout layout;

        Run(HandoverSpec spec) {
            this.spec = spec;
            this.options = spec.options();
            this.random = new Random(spec.seed());
            this.shift = spec.pageShift();
            this.page = 1L << shift;
            this.layout = new HandoverLayout(options);
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
            PreservedBlocks set = layout.blocks.build();
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
            layout.beginSubsystem();
            SubBlob blob = maker.make();
            long at = layout.struct(SubBlobCodec.encode(blob, options).length);
            subs.put(name, new SubsystemModel(name, at, blob, layout.structures, layout.vmallocs));
        }

        List<ScratchArea> scratch() {
            List<ScratchArea> out = new ArrayList<>();
            out.add(new ScratchArea(16L << 20, 240L << 20));
            out.add(new ScratchArea(1L << 30, 1L << 30));
            for (int n = 0; n < spec.numaNodes(); n++) {
                out.add(new ScratchArea(n * NODE_SPAN + NODE_BLOCKS_END, NODE_SCRATCH_SIZE));
            }
            return out;
        }

        SubBlob memblock() {
            List<ReserveMem> regions = new ArrayList<>();
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                long size = (1 + random.nextInt(64)) * page;
                long at = layout.dataRange(size);
                regions.add(new ReserveMem("region" + i, at, size));
            }
            return new MemblockBlob(regions);
        }

        SubBlob khoTest() {
            int n = spec.folios();
            byte[] words = new byte[n * 8];
            for (int i = 0; i < n; i++) {
                int order = random.nextInt(4);
                NativeBytes.putU64(words, i * 8, layout.data(order) | order, spec.byteOrder());
            }
            KhoVmalloc d = layout.vmalloc("kho_test/folios_info", new RawBlob(words, null), random.nextInt(2));
            return new KhoTestBlob(KhoTestBlob.MAGIC, n, d, random.nextInt());
        }

        /** LUO in the format the generation implies (see {@link HandoverSpec#abi()}). */
        SubBlob luo() {
            String version = HandoverLayout.luoVersion(spec.abi());
            long number = random.nextInt(1000);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < spec.luoSessions(); i++) {
                names.add("session-" + i);
            }
            return layout.luo(version, number, names, (i, filesPath, memfds) -> {
                List<LuoRecord> files = new ArrayList<>();
                for (int j = 0; j < spec.filesPerSession(); j++) {
                    files.add(file(filesPath + "[" + j + "]", version.equals("luo-v1") ? 1 : 2, memfds));
                }
                return files;
            }, () -> {
                List<LuoRecord> flbs = new ArrayList<>();
                int nFlb = random.nextInt(3);
                for (int k = 0; k < nFlb; k++) {
                    flbs.add(new LuoRecord.Flb("khotools-flb-" + k, 0, 1));
                }
                return flbs;
            });
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
                long phys = layout.data(order);
                folios.add(new MemfdFolio(phys >>> shift, MemfdFolio.UPTODATE | random.nextInt(2), index));
                index += 1L << order;
            }
            KhoVmalloc d = layout.vmalloc(path + "/memfd/folios", new MemfdFolioArray(folios), random.nextInt(2));
            MemfdSer ser = memfdVersion == 1
                    ? new MemfdSer(1, 0, index * page, 0, 0, n, d)
                    : new MemfdSer(2, 0, index * page, random.nextInt(MemfdSer.KNOWN_SEALS + 1), 0, n, d);
            long at = layout.struct(ser.encodedSize());
            memfds.add(new LocatedBlob(path + "/memfd", at, ser));
            return new LuoRecord.File(memfdVersion == 1 ? "memfd-v1" : "memfd-v2", at, token);
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
                layout.blocks.add(at, order);
                cursor[node] = at + size;
            }
        }
    }
}
