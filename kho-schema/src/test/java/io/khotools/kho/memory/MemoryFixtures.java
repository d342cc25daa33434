package io.khotools.kho.memory;

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

/**
 * The whole-state fixtures of testdata/kho/memory/, as code: a small handover (memblock and kho_test FDT
 * sub-blobs at 4 GiB, the map's pages from 8 GiB, scratch at 16 MiB and 12 GiB) per map format, and one
 * mutation per {@code kho.map.*}/{@code kho.state.*} rule. Directory names: {@code <case>.state} in valid/,
 * {@code <rule-id>--<case>.state} in invalid/; a case name containing {@code v1-512} is read with 512-byte
 * bitmaps.
 */
final class MemoryFixtures {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final long BLOBS = 0x1_0000_0000L;
    static final long MAP = 0x2_0000_0000L;
    static final MemblockBlob MEMBLOCK = new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L)));
    static final KhoTestBlob KHO_TEST = new KhoTestBlob(KhoTestBlob.MAGIC, 3,
            new KhoVmalloc(0x1_3000_0000L, 3, KhoVmalloc.FLAG_ALLOC, 0), 0xbeef);
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

    static Map<String, Built> valid() {
        Map<String, Built> m = new LinkedHashMap<>();
        m.put("v1-512.state", build(KhoAbi.V1_BITMAP_512, s -> { }, s -> { }));
        m.put("v1-page.state", build(KhoAbi.V1_BITMAP_PAGE, s -> { }, s -> { }));
        m.put("v2.state", build(KhoAbi.V2, s -> { }, s -> { }));
        m.put("v4.state", build(KhoAbi.V4, s -> { }, s -> { }));
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
        return m;
    }
}
