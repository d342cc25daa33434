package io.khotools.kho.check;

import static io.khotools.kho.NativeBytes.u32Bytes;
import static io.khotools.kho.NativeBytes.u64Bytes;

import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.NodeHandle;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
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
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.VmallocChunk;
import io.khotools.kho.gen.KhoMutationBytes;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The KHO fixtures, as code: each valid case and each named mutation that must trigger a rule (the
 * tests/trees.S idea). {@code KhoFixturesTest} keeps testdata/kho/ equal to these and checks the findings.
 * File names: {@code <case>.<kind>.<ext>} in valid/, {@code <rule-id>--<case>.<kind>.<ext>} in invalid/;
 * kind {@code root}, {@code scratch}, {@code image} (a debugfs directory) or a sub-blob type in kebab case.
 */
final class KhoFixtures {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final KhoOptions OPT = KhoOptions.DEFAULT;

    private KhoFixtures() {
    }

    /** A fixture: file name (relative to valid/ or invalid/) and its bytes, or an image for a directory. */
    record Case(String file, byte[] bytes, KhoImage image) {
        static Case file(String file, byte[] bytes) {
            return new Case(file, bytes, null);
        }
    }

    // ---------------------------------------------------------------- building blocks

    static byte[] fdt(Consumer<FdtWriter> body) {
        try (FdtWriter w = FdtWriter.create(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt().lenient())) {
            NodeHandle root = w.beginNode("");
            body.accept(w);
            w.endNode(root);
            ByteBuf out = w.finish();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        }
    }

    static void node(FdtWriter w, String name, Consumer<FdtWriter> body) {
        NodeHandle h = w.beginNode(name);
        body.accept(w);
        w.endNode(h);
    }

    static byte[] enc(SubBlob b) {
        return SubBlobCodec.encode(b, OPT);
    }

    static final MemblockBlob MEMBLOCK = new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L),
            new ReserveMem("oops", 0x1_2010_0000L, 0x4000L)));
    static final KhoVmalloc VMALLOC = new KhoVmalloc(0x8_1234_5000L, 12, KhoVmalloc.FLAG_ALLOC, 2);
    static final KhoTestBlob KHO_TEST = new KhoTestBlob(KhoTestBlob.MAGIC, 3, VMALLOC, 0xbeef);
    static final KexecMetadata KEXEC = new KexecMetadata(1, "7.2.13-amd64", 4);
    static final LuoFdtBlob LUO_V1 = LuoFdtBlob.v1(7, new LuoFdtNode("luo-session-v2", OptionalLong.of(0x4000_0000L)),
            new LuoFdtNode("luo-flb-v1", OptionalLong.of(0x4001_0000L)));
    static final LuoFdtBlob LUO_V2 = LuoFdtBlob.v2(0x4002_0000L);
    static final LuoSer LUO_V5 = new LuoSer("luo-v5", 9, 0x4003_0000L, 0x4004_0000L);
    static final LuoRecord.Session SESSION = new LuoRecord.Session("vm-1", 0x4005_0000L, 2);
    static final LuoRecord.File FILE = new LuoRecord.File("memfd-v2", 0x4006_0000L, 42);
    static final LuoRecord.Flb FLB = new LuoRecord.Flb("iommu", 0x4007_0000L, 1);
    static final MemfdSer MEMFD_V1 = new MemfdSer(1, 0, 0x3000, 0, 0, 3, VMALLOC);
    static final MemfdSer MEMFD_V2 = new MemfdSer(2, 0x10, 0x3000, 0x0a, 0x3, 3, VMALLOC);
    static final MemfdFolioArray FOLIOS = new MemfdFolioArray(List.of(new MemfdFolio(0x81234, 3, 0),
            new MemfdFolio(0x81235, MemfdFolio.UPTODATE, 1)));
    static final VmallocChunk CHUNK = new VmallocChunk(0, List.of(0x8_2000_0000L, 0x8_2000_4000L, 0x8_2000_8000L));
    static final List<ScratchArea> SCRATCH = List.of(new ScratchArea(0x100_0000L, 0x1000_0000L),
            new ScratchArea(0x2_0000_0000L, 0x4000_0000L), new ScratchArea(0x3_0000_0000L, 0x1000_0000L));

    static KhoHandover handover() {
        return KhoHandover.builder(KhoAbi.V4).preservedMemoryMap(0x1_16be_4000L)
                .subtree("memblock", 0x1_0000_0000L, MEMBLOCK)
                .subtree("LUO", 0x1_0000_2000L, LUO_V5)
                .subtree("kexec-metadata", 0x1_0000_3000L, KEXEC)
                .subtree("kho_test", 0x1_0000_4000L, KHO_TEST)
                .scratch(SCRATCH.get(0)).scratch(SCRATCH.get(1)).scratch(SCRATCH.get(2))
                .build();
    }

    /** A v4 root written sequentially with the given root properties after compatible and children. */
    static byte[] root(String compat, byte[] map, Consumer<FdtWriter> children) {
        return fdt(w -> {
            if (compat != null) {
                w.propertyString("compatible", compat);
            }
            if (map != null) {
                w.property(KhoAbi.MEMORY_MAP_PROPERTY, map);
            }
            children.accept(w);
        });
    }

    static Consumer<FdtWriter> child(String name, String ptrProp, byte[] ptr, byte[] size) {
        return w -> node(w, name, x -> {
            if (size != null) {
                x.property(KhoAbi.BLOB_SIZE_PROPERTY, size);
            }
            if (ptr != null) {
                x.property(ptrProp, ptr);
            }
        });
    }

    static final byte[] MAP = u64Bytes(0x1_16be_4000L, LE);
    static final Consumer<FdtWriter> MEMBLOCK_CHILD = child("memblock", "preserved-data", u64Bytes(0x1_0000_0000L, LE),
            u64Bytes(0x1b8, LE));

    static byte[] memblock(Consumer<FdtWriter> body) {
        return fdt(body);
    }

    static Consumer<FdtWriter> region(String name, String compat, byte[] start, byte[] size) {
        return w -> node(w, name, x -> {
            x.propertyString("compatible", compat);
            if (start != null) {
                x.property("start", start);
            }
            x.property("size", size);
        });
    }

    // the field edits are the public ones behind io.khotools.kho.gen.KhoMutators
    static byte[] withU64(byte[] b, int off, long v) {
        return KhoMutationBytes.withU64(b, off, v, LE);
    }

    static byte[] withU32(byte[] b, int off, int v) {
        return KhoMutationBytes.withU32(b, off, v, LE);
    }

    static byte[] withU16(byte[] b, int off, int v) {
        return KhoMutationBytes.withU16(b, off, v, LE);
    }

    // ---------------------------------------------------------------- cases

    static List<Case> valid() {
        List<Case> c = new ArrayList<>();
        c.add(Case.file("memblock.memblock.dtb", enc(MEMBLOCK)));
        c.add(Case.file("kho-test.kho-test.dtb", enc(KHO_TEST)));
        c.add(Case.file("kexec-metadata.kexec-metadata.bin", enc(KEXEC)));
        c.add(Case.file("luo-v1.luo.dtb", enc(LUO_V1)));
        c.add(Case.file("luo-v2.luo.dtb", enc(LUO_V2)));
        c.add(Case.file("luo-v5.luo.bin", enc(LUO_V5)));
        c.add(Case.file("sessions.luo-session-array.bin", enc(new LuoSessionArray(List.of(SESSION, SESSION)))));
        c.add(Case.file("flbs.luo-flb-array.bin", enc(new LuoFlbArray(1, List.of(FLB)))));
        c.add(Case.file("files.luo-file-array.bin", enc(new LuoFileArray(List.of(FILE, FILE)))));
        c.add(Case.file("memfd.memfd-v1.bin", enc(MEMFD_V1)));
        c.add(Case.file("memfd.memfd-v2.bin", enc(MEMFD_V2)));
        c.add(Case.file("folios.memfd-folios.bin", enc(FOLIOS)));
        c.add(Case.file("vmalloc.vmalloc.bin", enc(VMALLOC)));
        c.add(Case.file("chunk.vmalloc-chunk.bin", enc(CHUNK)));
        c.add(Case.file("sessions.kho-block-sessions.bin",
                enc(new KhoBlock(io.khotools.kho.blob.SubBlobType.KHO_BLOCK_SESSIONS, 0x4008_0000L, List.of(SESSION)))));
        c.add(Case.file("files.kho-block-files.bin",
                enc(new KhoBlock(io.khotools.kho.blob.SubBlobType.KHO_BLOCK_FILES, 0, List.of(FILE, FILE)))));
        c.add(Case.file("flbs.kho-block-flbs.bin",
                enc(new KhoBlock(io.khotools.kho.blob.SubBlobType.KHO_BLOCK_FLBS, 0, List.of(FLB)))));
        c.add(Case.file("three-nodes.scratch.bin", ScratchCodec.encode(SCRATCH, LE)));
        c.add(new Case("kho-v4.image", null, handover().encode(OPT)));
        return c;
    }

    static List<Case> invalid() {
        List<Case> c = new ArrayList<>();
        byte[] v4 = handover().encode(OPT).root();
        c.add(Case.file("kho.root.truncated--debugfs-cut.root.dtb", Arrays.copyOf(v4, v4.length - 60)));
        c.add(Case.file("kho.root.too-large--big-property.root.dtb", root("kho-v4", MAP,
                ((Consumer<FdtWriter>) w -> w.property("padding", new byte[4096])).andThen(MEMBLOCK_CHILD))));
        c.add(Case.file("kho.root.compatible--missing.root.dtb", root(null, MAP, MEMBLOCK_CHILD)));
        c.add(Case.file("kho.root.generation-unknown--kho-v5.root.dtb", root("kho-v5", MAP, MEMBLOCK_CHILD)));
        c.add(Case.file("kho.root.memory-map-missing--absent.root.dtb", root("kho-v4", null, MEMBLOCK_CHILD)));
        c.add(Case.file("kho.root.memory-map-size--four-bytes.root.dtb", root("kho-v4", u32Bytes(0x1000, LE), MEMBLOCK_CHILD)));
        c.add(Case.file("kho.root.memory-map-zero--radix.root.dtb", root("kho-v4", u64Bytes(0, LE), MEMBLOCK_CHILD)));
        c.add(Case.file("kho.root.memory-map-unset--v1.root.dtb", root("kho-v1", u64Bytes(0, LE),
                child("memblock", "fdt", u64Bytes(0x8000_0000L, LE), null))));
        c.add(Case.file("kho.root.memory-map-alignment--odd.root.dtb", root("kho-v4", u64Bytes(0x1_16be_4010L, LE), MEMBLOCK_CHILD)));
        c.add(Case.file("kho.root.nested-node--grandchild.root.dtb", root("kho-v4", MAP, w -> node(w, "memblock", x -> {
            x.property("blob-size", u64Bytes(0x1b8, LE));
            x.property("preserved-data", u64Bytes(0x1_0000_0000L, LE));
            node(x, "inline", y -> { });
        }))));
        c.add(Case.file("kho.subtree.pointer-missing--v1-name-in-v4.root.dtb", root("kho-v4", MAP,
                child("memblock", "fdt", u64Bytes(0x1_0000_0000L, LE), u64Bytes(0x1b8, LE)))));
        c.add(Case.file("kho.subtree.pointer-size--four-bytes.root.dtb", root("kho-v4", MAP,
                child("memblock", "preserved-data", u32Bytes(0x1000, LE), u64Bytes(0x1b8, LE)))));
        c.add(Case.file("kho.subtree.pointer-null--zero.root.dtb", root("kho-v4", MAP,
                child("memblock", "preserved-data", u64Bytes(0, LE), u64Bytes(0x1b8, LE)))));
        c.add(Case.file("kho.subtree.blob-size-missing--v4.root.dtb", root("kho-v4", MAP,
                child("memblock", "preserved-data", u64Bytes(0x1_0000_0000L, LE), null))));
        c.add(Case.file("kho.subtree.blob-size-size--four-bytes.root.dtb", root("kho-v4", MAP,
                child("memblock", "preserved-data", u64Bytes(0x1_0000_0000L, LE), u32Bytes(0x1b8, LE)))));
        c.add(Case.file("kho.subtree.blob-size-unexpected--v1.root.dtb", root("kho-v1", MAP,
                child("memblock", "fdt", u64Bytes(0x1_0000_0000L, LE), u64Bytes(0x1b8, LE)))));
        c.add(Case.file("kho.subtree.duplicate-name--memblock-twice.root.dtb", root("kho-v4", MAP,
                MEMBLOCK_CHILD.andThen(MEMBLOCK_CHILD))));
        c.add(Case.file("kho.subtree.unknown--foo.root.dtb", root("kho-v4", MAP,
                child("foo", "preserved-data", u64Bytes(0x1_0000_0000L, LE), u64Bytes(0x10, LE)))));
        KhoImage img = handover().encode(OPT);
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        img.blobNames().forEach(n -> blobs.put(n, img.blob(n)));
        // a real memblock FDT with one region fewer than the one whose size the root records
        blobs.put("memblock", enc(new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L)))));
        c.add(new Case("kho.subtree.blob-size-mismatch--memblock.image", null, new KhoImage(img.root(), blobs, img.scratch())));
        byte[] s = ScratchCodec.encode(SCRATCH, LE);
        c.add(Case.file("kho.scratch.length--trailing-eight.scratch.bin", Arrays.copyOf(s, s.length + 8)));
        c.add(Case.file("kho.scratch.empty--no-entry.scratch.bin", new byte[0]));
        c.add(Case.file("kho.scratch.alignment--page-only.scratch.bin", withU64(s, 16, 0x2_0000_1000L)));
        c.add(Case.file("kho.scratch.lowmem--above-4g.scratch.bin", withU64(s, 0, 0x1_0000_0000L)));
        c.add(Case.file("kho.scratch.overlap--global-over-node.scratch.bin", withU64(s, 32, 0x2_0020_0000L)));
        c.add(Case.file("kho.blob.truncated--short-memfd.memfd-v2.bin", Arrays.copyOf(enc(MEMFD_V2), 20)));
        c.add(Case.file("kho.memblock.compatible--reserve-mem-at-root.memblock.dtb", memblock(w -> {
            w.propertyString("compatible", "reserve-mem-v1");
            region("trace", "reserve-mem-v1", u64Bytes(0x1_2000_0000L, LE), u64Bytes(0x10_0000L, LE)).accept(w);
        })));
        c.add(Case.file("kho.memblock.region-compatible--v2.memblock.dtb", memblock(w -> {
            w.propertyString("compatible", "memblock-v1");
            region("trace", "reserve-mem-v2", u64Bytes(0x1_2000_0000L, LE), u64Bytes(0x10_0000L, LE)).accept(w);
        })));
        c.add(Case.file("kho.memblock.region-property--u32-start.memblock.dtb", memblock(w -> {
            w.propertyString("compatible", "memblock-v1");
            region("trace", "reserve-mem-v1", u32Bytes(0x2000_0000, LE), u64Bytes(0x10_0000L, LE)).accept(w);
        })));
        c.add(Case.file("kho.memblock.region-name--sixteen-chars.memblock.dtb",
                enc(new MemblockBlob(List.of(new ReserveMem("sixteen-chars-ab", 0x1_2000_0000L, 0x1000))))));
        List<ReserveMem> nine = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            nine.add(new ReserveMem("r" + i, 0x1_2000_0000L + 0x1000L * i, 0x1000));
        }
        c.add(Case.file("kho.memblock.region-count--nine.memblock.dtb", enc(new MemblockBlob(nine))));
        c.add(Case.file("kho.memblock.region-alignment--odd-size.memblock.dtb",
                enc(new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x1001))))));
        c.add(Case.file("kho.test.compatible--v2.kho-test.dtb", fdt(w -> {
            w.propertyString("compatible", "kho-test-v2");
            w.property("magic", u32Bytes(KhoTestBlob.MAGIC, LE));
            node(w, "data", x -> {
                x.property("nr_folios", u32Bytes(3, LE));
                x.property("folios_info", enc(VMALLOC));
                x.property("csum", u32Bytes(0xbeef, LE));
            });
        })));
        c.add(Case.file("kho.test.magic--big-endian.kho-test.dtb",
                enc(new KhoTestBlob(Integer.reverseBytes(KhoTestBlob.MAGIC), 3, VMALLOC, 0xbeef))));
        c.add(Case.file("kho.test.property--u64-nr-folios.kho-test.dtb", fdt(w -> {
            w.propertyString("compatible", "kho-test-v1");
            w.property("magic", u32Bytes(KhoTestBlob.MAGIC, LE));
            node(w, "data", x -> {
                x.property("nr_folios", u64Bytes(3, LE));
                x.property("folios_info", enc(VMALLOC));
                x.property("csum", u32Bytes(0xbeef, LE));
            });
        })));
        c.add(Case.file("kho.kexec-metadata.version--two.kexec-metadata.bin", withU32(enc(KEXEC), 0, 2)));
        c.add(Case.file("kho.kexec-metadata.size--version-only.kexec-metadata.bin", Arrays.copyOf(enc(KEXEC), 40)));
        byte[] noNul = enc(KEXEC);
        Arrays.fill(noNul, KexecMetadata.RELEASE_OFFSET, KexecMetadata.COUNT_OFFSET, (byte) 'x');
        c.add(Case.file("kho.kexec-metadata.release--no-nul.kexec-metadata.bin", noNul));
        c.add(Case.file("kho.luo.compatible--luo-v9.luo.bin", enc(new LuoSer("luo-v9", 9, 0x4003_0000L, 0))));
        c.add(Case.file("kho.luo.property--u32-liveupdate-number.luo.dtb", fdt(w -> {
            w.propertyString("compatible", "luo-v1");
            w.property("liveupdate-number", u32Bytes(7, LE));
            node(w, "luo-session", x -> {
                x.propertyString("compatible", "luo-session-v1");
                x.property("luo-session-header", u64Bytes(0x4000_0000L, LE));
            });
        })));
        c.add(Case.file("kho.luo.node-compatible--session-v3.luo.dtb", enc(LuoFdtBlob.v1(7,
                new LuoFdtNode("luo-session-v3", OptionalLong.of(0x4000_0000L)), null))));
        byte[] sess = enc(new LuoSessionArray(List.of(SESSION)));
        byte[] longName = sess.clone();
        Arrays.fill(longName, 8, 8 + LuoRecord.SESSION_NAME_LENGTH, (byte) 's');
        c.add(Case.file("kho.luo.record-name--no-nul.luo-session-array.bin", longName));
        c.add(Case.file("kho.luo.count--five-of-one.luo-session-array.bin", withU64(sess, 0, 5)));
        byte[] vm = enc(VMALLOC);
        c.add(Case.file("kho.vmalloc.flags--bit-two.vmalloc.bin", withU16(vm, 12, 5)));
        c.add(Case.file("kho.vmalloc.order--eleven.vmalloc.bin", withU16(vm, 14, 11)));
        c.add(Case.file("kho.vmalloc.first-alignment--odd.vmalloc.bin", withU64(vm, 0, 0x8_1234_5008L)));
        byte[] ch = enc(CHUNK);
        c.add(Case.file("kho.vmalloc-chunk.alignment--odd-piece.vmalloc-chunk.bin", withU64(ch, 16, 0x8_2000_4004L)));
        c.add(Case.file("kho.vmalloc-chunk.after-terminator--stray.vmalloc-chunk.bin", withU64(ch, 8 + 8 * 5, 0x8_3000_0000L)));
        c.add(Case.file("kho.memfd.seals--unknown-bit.memfd-v2.bin", withU32(enc(MEMFD_V2), 16, 0x4a)));
        byte[] fo = enc(FOLIOS);
        c.add(Case.file("kho.memfd.folio-flags--bit-five.memfd-folios.bin", withU64(fo, 16, 0x81235L | (0x20L << 52))));
        byte[] bl = enc(new KhoBlock(io.khotools.kho.blob.SubBlobType.KHO_BLOCK_SESSIONS, 0x4008_0000L, List.of(SESSION)));
        c.add(Case.file("kho.block.count--zero.kho-block-sessions.bin", withU64(bl, 8, 0)));
        c.add(Case.file("kho.block.next-alignment--odd.kho-block-sessions.bin", withU64(bl, 0, 0x4008_0010L)));
        return c;
    }
}
