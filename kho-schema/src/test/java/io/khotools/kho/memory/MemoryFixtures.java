package io.khotools.kho.memory;

import static io.khotools.kho.gen.KhoMutationModels.change;
import static io.khotools.kho.gen.KhoMutationModels.khoTestArea;
import static io.khotools.kho.gen.KhoMutationModels.withBlob;
import static io.khotools.kho.gen.KhoMutationModels.withDescriptor;
import static io.khotools.kho.gen.KhoMutationModels.withEntry;
import static io.khotools.kho.gen.KhoMutationModels.withStructure;
import static io.khotools.kho.gen.KhoMutationModels.withoutBlock;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import io.khotools.kho.gen.KhoMutationModels;
import io.khotools.kho.blob.VmallocChunk;

/**
 * The whole-state fixtures of testdata/kho/memory/, as code: a small handover (memblock and kho_test FDT
 * sub-blobs at 4 GiB, the map's pages from 8 GiB, scratch at 16 MiB and 12 GiB) per map format, and one
 * mutation per {@code kho.map.*}/{@code kho.state.*} rule. Directory names: {@code <case>.state} in valid/,
 * {@code <rule-id>--<case>.state} in invalid/; a case name containing {@code v1-512} is read with 512-byte
 * bitmaps, one containing {@code max-chain-N} with chains limited to N pages. The {@code gen-*} states and the
 * chain rules' fixtures come from {@link HandoverGenerator} (every subsystem, vmalloc areas, LUO arrays or
 * block chains, memfd files), changed in their model with {@link KhoMutationModels} (the edits the
 * {@code MODEL} mutators of {@link io.khotools.kho.gen.KhoMutators} use; {@link StateEncoder} lays the change
 * out) or, where the encoder would lay the change out differently from the kernel-style corruption, in memory.
 */
final class MemoryFixtures {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final long BLOBS = 0x1_0000_0000L;
    static final long MAP = 0x2_0000_0000L;
    static final MemblockBlob MEMBLOCK = new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L)));
    /** No folios: the generated fixtures ({@link #gen}) carry kho_test folio areas. */
    static final KhoTestBlob KHO_TEST = new KhoTestBlob(KhoTestBlob.MAGIC, 0,
            new KhoVmalloc(0, 0, KhoVmalloc.FLAG_ALLOC, 0), 0xbeef);
    static final List<ScratchArea> SCRATCH = List.of(new ScratchArea(0x100_0000L, 0x1000_0000L),
            new ScratchArea(0x3_0000_0000L, 0x4000_0000L));

    private MemoryFixtures() {
    }

    /** A state under construction; mutations edit its fields or its memory. */
    static final class Built {
        final KhoAbi abi;
        List<ScratchArea> scratch = new ArrayList<>(SCRATCH);
        boolean preserveKhoTest = true;
        final List<long[]> extraBlocks = new ArrayList<>();
        SparseMemory mem;
        HandoverModel model;
        long mapRoot;
        byte[] root;

        Built(KhoAbi abi) {
            this.abi = abi;
        }

        KhoOptions options() {
            return abi == KhoAbi.V1_BITMAP_512 ? KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512)
                    : KhoOptions.DEFAULT;
        }

        long u64(long at) {
            byte[] b = new byte[8];
            mem.read(at, b, 0, 8);
            return Words.get(b, 0, true);
        }

        int order(long chunk) {
            byte[] b = new byte[4];
            mem.read(chunk + 8, b, 0, 4);
            return Words.getU32(b, 0, true);
        }

        void putU64(long at, long v) {
            Words.put(mem.page(at >>> 12), (int) (at & 0xfff), v, true);
        }

        void putU32(long at, int v) {
            Words.putU32(mem.page(at >>> 12), (int) (at & 0xfff), v, true);
        }

        /** The kho-v1 chunk addresses, in chain order. */
        List<Long> chunks() {
            List<Long> out = new ArrayList<>();
            for (long c = mapRoot; c != 0 && out.size() < 64; c = u64(c)) {
                out.add(c);
            }
            return out;
        }
    }

    static Built build(KhoAbi abi, Consumer<Built> before, Consumer<Built> after) {
        Built s = new Built(abi);
        before.accept(s);
        KhoOptions o = s.options();
        KhoImage draft = handover(abi, 0x1000, s.scratch).encode(o);
        s.mem = new SparseMemory(12);
        PreservedBlocks.Builder blocks = PreservedBlocks.builder(12);
        long[] at = {BLOBS, BLOBS + 0x4000};
        String[] names = {"memblock", "kho_test"};
        for (int i = 0; i < 2; i++) {
            byte[] blob = draft.blob(names[i]);
            s.mem.write(at[i], blob);
            if (i == 0 || s.preserveKhoTest) {
                blocks.addRange(at[i], at[i] + ((blob.length + 0xfffL) & ~0xfffL));
            }
        }
        for (ReserveMem r : MEMBLOCK.regions()) {
            blocks.addRange(r.start(), r.start() + r.size());
        }
        for (long[] x : s.extraBlocks) {
            blocks.add(x[0], (int) x[1]);
        }
        PageAllocator alloc = new PageAllocator(s.mem, MAP, MAP + (1L << 30));
        PreservedBlocks set = blocks.build();
        s.mapRoot = abi.radixTree()
                ? new RadixTreeCodec(new RadixGeometry(12, abi == KhoAbi.V4), LE).encode(set, alloc)
                : new ChunkListCodec(12, abi.v1BitmapBytes(4096), LE).encode(set, alloc);
        s.root = handover(abi, s.mapRoot, s.scratch).encode(o).root();
        after.accept(s);
        return s;
    }

    static KhoHandover handover(KhoAbi abi, long map, List<ScratchArea> scratch) {
        KhoHandoverBuilder b = KhoHandover.builder(abi).preservedMemoryMap(map)
                .subtree("memblock", BLOBS, MEMBLOCK).subtree("kho_test", BLOBS + 0x4000, KHO_TEST);
        scratch.forEach(b::scratch);
        return b.build();
    }

    static byte[] scratchBytes(Built s) {
        return ScratchCodec.encode(s.scratch, LE);
    }

    /** A small generated state: every subsystem the generation carries, 2 sessions of 2 memfd files of 3 folios. */
    static HandoverSpec genSpec(KhoAbi abi) {
        return HandoverSpec.defaults(abi).withBlocks(16, 3).withLuo(2, 2, 3).withNumaNodes(1).withSeed(5);
    }

    static Built gen(HandoverSpec spec, UnaryOperator<HandoverModel> change, Consumer<Built> after) {
        GeneratedHandover g = HandoverGenerator.generate(spec);
        HandoverModel m = change.apply(g.model());
        KhoState st = StateEncoder.encode(m, g.options());
        Built b = new Built(spec.abi());
        b.scratch = new ArrayList<>(m.scratch());
        b.mem = (SparseMemory) st.memory();
        b.mapRoot = m.root().preservedMemoryMap().orElse(0);
        b.root = st.root();
        b.model = m;
        after.accept(b);
        return b;
    }

    static Built gen(KhoAbi abi, UnaryOperator<HandoverModel> change) {
        return gen(genSpec(abi), change, b -> { });
    }

    static Map<String, Built> valid() {
        Map<String, Built> m = new LinkedHashMap<>();
        m.put("v1-512.state", build(KhoAbi.V1_BITMAP_512, s -> { }, s -> { }));
        m.put("v1-page.state", build(KhoAbi.V1_BITMAP_PAGE, s -> { }, s -> { }));
        m.put("v2.state", build(KhoAbi.V2, s -> { }, s -> { }));
        m.put("v4.state", build(KhoAbi.V4, s -> { }, s -> { }));
        m.put("gen-v1-512.state", gen(KhoAbi.V1_BITMAP_512, x -> x));
        m.put("gen-v1-page.state", gen(KhoAbi.V1_BITMAP_PAGE, x -> x));
        m.put("gen-v3.state", gen(KhoAbi.V3, x -> x));
        m.put("gen-v4.state", gen(KhoAbi.V4, x -> x));
        m.put("gen-v5.state", gen(KhoAbi.V4_RADIX_VMALLOC, x -> x));
        return m;
    }

    static Map<String, Built> invalid() {
        Map<String, Built> m = new LinkedHashMap<>();
        m.put("kho.state.absent--leaf-missing.v4.state", build(KhoAbi.V4, s -> { }, s -> {
            List<PhysRange> pieces = new RadixTreeCodec(new RadixGeometry(12, true), LE).decode(s.mem, s.mapRoot).mapPieces();
            s.mem.remove(pieces.get(pieces.size() - 1).start() >>> 12);
        }));
        m.put("kho.map.pointer-alignment--root-slot-odd.v4.state", build(KhoAbi.V4, s -> { }, s -> {
            for (int i = 0; i < 4; i++) {
                long v = s.u64(s.mapRoot + 8L * i);
                if (v != 0) {
                    s.putU64(s.mapRoot + 8L * i, v | 8);
                    return;
                }
            }
        }));
        m.put("kho.map.reached-twice--root-slots-share.v4.state", build(KhoAbi.V4, s -> { }, s -> {
            long used = 0;
            int free = -1;
            for (int i = 0; i < 4; i++) {
                long v = s.u64(s.mapRoot + 8L * i);
                if (v != 0) {
                    used = v;
                } else if (free < 0) {
                    free = i;
                }
            }
            s.putU64(s.mapRoot + 8L * free, used);
        }));
        m.put("kho.map.root-slot--slot-seven.v4.state", build(KhoAbi.V4, s -> { }, s -> {
            for (int i = 0; i < 4; i++) {
                long v = s.u64(s.mapRoot + 8L * i);
                if (v != 0) {
                    s.putU64(s.mapRoot + 8L * 7, v);
                    return;
                }
            }
        }));
        m.put("kho.map.overlap--order-two-and-zero.v4.state", build(KhoAbi.V4, s -> {
            s.extraBlocks.add(new long[] {0x5000_0000L, 2});
            s.extraBlocks.add(new long[] {0x5000_1000L, 0});
        }, s -> { }));
        m.put("kho.state.scratch-block--over-blobs.v4.state", build(KhoAbi.V4,
                s -> s.scratch.add(new ScratchArea(BLOBS, 0x20_0000L)), s -> { }));
        m.put("kho.state.scratch-map--over-tree.v4.state", build(KhoAbi.V4,
                s -> s.scratch.add(new ScratchArea(MAP, 0x20_0000L)), s -> { }));
        m.put("kho.state.blob-not-preserved--kho-test.v4.state", build(KhoAbi.V4,
                s -> s.preserveKhoTest = false, s -> { }));
        m.put("kho.map.cycle--last-to-first.v1-page.state", build(KhoAbi.V1_BITMAP_PAGE, s -> { }, s -> {
            List<Long> c = s.chunks();
            s.putU64(c.get(c.size() - 1), c.get(0));
        }));
        m.put("kho.map.chunk-count--three-hundred.v1-page.state", build(KhoAbi.V1_BITMAP_PAGE, s -> { },
                s -> s.putU32(s.mapRoot + 12, 300)));
        m.put("kho.map.order--sixty.v1-page.state", build(KhoAbi.V1_BITMAP_PAGE,
                s -> s.extraBlocks.add(new long[] {0x5000_0000L, 3}), s -> {
                    for (long c : s.chunks()) {
                        if (s.order(c) == 3) {
                            s.putU32(c + 8, 60);
                        }
                    }
                }));
        m.put("kho.map.phys-start--page-off.v1-page.state", build(KhoAbi.V1_BITMAP_PAGE,
                s -> s.extraBlocks.add(new long[] {0x5000_0000L, 0}), s -> {
                    List<Long> c = s.chunks();
                    s.putU64(c.get(0) + 32, s.u64(c.get(0) + 32) + 0x1000);
                }));
        m.put("kho.map.block-alignment--order-three-off.v1-512.state", build(KhoAbi.V1_BITMAP_512,
                s -> s.extraBlocks.add(new long[] {0x5000_0000L, 3}), s -> {
                    for (long c : s.chunks()) {
                        if (s.order(c) == 3) {
                            s.putU64(c + 16, 0x5000_1000L);
                        }
                    }
                }));
        genInvalid(m);
        return m;
    }

    /** One fixture per rule over sub-blob chains, from generated states. */
    private static void genInvalid(Map<String, Built> m) {
        m.put("kho.state.cycle--chunk-to-itself.v4.state", gen(KhoAbi.V4, x -> change(x, "kho_test",
                s -> KhoMutationModels.withArea(s, khoTestArea(x).path(), v -> {
                    List<LocatedBlob> chunks = new ArrayList<>(v.chunks());
                    LocatedBlob c = chunks.get(0);
                    chunks.set(0, new LocatedBlob(c.path(), c.address(),
                            new VmallocChunk(c.address(), ((VmallocChunk) c.blob()).pieces())));
                    return new VmallocArea(v.path(), v.descriptor(), chunks, v.content());
                }))));
        m.put("kho.state.reached-twice--files-share-memfd.v4.state", gen(KhoAbi.V4, x -> change(x, "LUO",
                s -> withStructure(s, "LUO/sessions[0]/files.block[0]", blk -> withEntry(blk, 1, r -> {
                    LuoRecord.File first = (LuoRecord.File) ((KhoBlock) blk).entries().get(0);
                    LuoRecord.File f = (LuoRecord.File) r;
                    return new LuoRecord.File(f.compatible(), first.data(), f.token());
                })))));
        m.put("kho.state.chain-length--max-chain-3.v4.state", gen(HandoverSpec.defaults(KhoAbi.V4).withBlocks(4, 2)
                .withParts(java.util.EnumSet.of(HandoverSpec.Part.LUO)).withLuo(1, 200, 0), x -> x, b -> { }));
        m.put("kho.state.pointer-alignment--sessions-pa-odd.v4.state", gen(KhoAbi.V4, x -> change(x, "LUO", s -> {
            LuoSer l = (LuoSer) s.blob();
            return withBlob(s, new LuoSer(l.compatible(), l.liveupdateNum(), l.sessionsPa() + 8, l.flbsPa()));
        })));
        m.put("kho.state.chunk-not-preserved--kho-test-chunk.v4.state", gen(KhoAbi.V4,
                x -> withoutBlock(x, khoTestArea(x).chunks().get(0).address())));
        m.put("kho.state.piece-not-preserved--kho-test-piece.v4.state", gen(KhoAbi.V4,
                x -> withoutBlock(x, khoTestArea(x).pieces().get(0))));
        m.put("kho.state.data-not-preserved--memfd-folio.v3.state", gen(KhoAbi.V3, x -> {
            VmallocArea folios = x.subsystem("LUO").vmallocs().get(0);
            return withoutBlock(x, ((MemfdFolioArray) folios.content()).folios().get(0).pfn() << 12);
        }));
        m.put("kho.state.vmalloc-pages--total-plus-one.v4.state", gen(KhoAbi.V4, x -> change(x, "kho_test",
                s -> withDescriptor(s, khoTestArea(x).path(),
                        v -> new KhoVmalloc(v.first(), v.totalPages() + 1, v.flags(), v.order())))));
        m.put("kho.state.vmalloc-piece-alignment--piece-plus-page.v4.state", gen(genSpec(KhoAbi.V4), x -> x, b -> {
            for (SubsystemModel s : b.model.subsystems()) {
                for (VmallocArea v : s.vmallocs()) {
                    if (v.descriptor().order() > 0 && !v.chunks().isEmpty()) {
                        long c = v.chunks().get(0).address();
                        b.putU64(c + 8, b.u64(c + 8) + 0x1000);
                        return;
                    }
                }
            }
            throw new IllegalStateException("no vmalloc area of order > 0");
        }));
        m.put("kho.state.vmalloc-size--nr-folios-huge.v4.state", gen(KhoAbi.V4, x -> change(x, "kho_test", s -> {
            KhoTestBlob t = (KhoTestBlob) s.blob();
            return withBlob(s, new KhoTestBlob(t.magic(), 100_000, t.foliosInfo(), t.csum()));
        })));
        m.put("kho.state.record-count--session-count-plus-one.v4.state", gen(KhoAbi.V4, x -> change(x, "LUO",
                s -> withStructure(s, "LUO/sessions.block[0]", blk -> withEntry(blk, 0, r -> {
                    LuoRecord.Session ss = (LuoRecord.Session) r;
                    return new LuoRecord.Session(ss.name(), ss.files(), ss.count() + 1);
                })))));
    }
}
