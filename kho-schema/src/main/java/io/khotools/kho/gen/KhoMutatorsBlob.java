package io.khotools.kho.gen;

import static io.khotools.kho.NativeBytes.u64Bytes;
import static io.khotools.kho.gen.KhoMutationBytes.withU16;
import static io.khotools.kho.gen.KhoMutationBytes.withU32;
import static io.khotools.kho.gen.KhoMutationBytes.withU64;
import static io.khotools.kho.gen.KhoMutatorsShared.editChild;
import static io.khotools.kho.gen.KhoMutatorsShared.kebab;
import static io.khotools.kho.gen.KhoMutatorsShared.letters;

import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.blob.VmallocChunk;
import io.khotools.kho.check.KhoValidator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The sub-blob mutators of {@link KhoMutators}, by blob type (kho-format.md §4.3, §5). */
final class KhoMutatorsBlob {
    private KhoMutatorsBlob() {}

    /** An edit of an FDT sub-blob's root node. */
    @FunctionalInterface
    private interface FdtEdit {
        Node apply(Node root, KhoOptions o, Random r);
    }

    private static KhoMutator<byte[]> fdtBlob(String name, String description, SubBlobType type,
                                              java.util.function.Predicate<Node> need, FdtEdit edit) {
        return new KhoMutator<>(name, description, KhoMutationTarget.SUB_BLOB, type,
                (b, o) -> SubBlobCodec.isFdt(b) && need.test(KhoMutationBytes.readTree(b).root()),
                (b, o, r) -> {
                    FdtTree t = KhoMutationBytes.readTree(b);
                    return KhoMutationBytes.writeTree(t.withRoot(edit.apply(t.root(), o, r)));
                });
    }

    private static KhoMutator<byte[]> binBlob(String name, String description, SubBlobType type,
                                              KhoMutator.Precondition<byte[]> need, KhoMutator.Edit<byte[]> edit) {
        return new KhoMutator<>(name, description, KhoMutationTarget.SUB_BLOB, type,
                (b, o) -> !(type == SubBlobType.LUO && SubBlobCodec.isFdt(b)) && need.test(b, o), edit);
    }

    static List<KhoMutator<byte[]>> blobs() {
        List<KhoMutator<byte[]>> c = new ArrayList<>();
        // memblock (kho-format.md §5.1)
        SubBlobType mb = SubBlobType.MEMBLOCK;
        java.util.function.Predicate<Node> regions = n -> !n.children().isEmpty();
        c.add(fdtBlob("kho.memblock.compatible--other", "changes the memblock root compatible", mb, n -> true,
                (n, o, r) -> n.withProperty(Property.string("compatible", r.nextBoolean() ? "reserve-mem-v1"
                        : "memblock-v" + (2 + r.nextInt(8))))));
        c.add(fdtBlob("kho.memblock.region-compatible--other", "changes a region's compatible", mb, regions,
                (n, o, r) -> editChild(n, r, x -> x.withProperty(Property.string("compatible",
                        "reserve-mem-v" + (2 + r.nextInt(8)))))));
        c.add(fdtBlob("kho.memblock.region-property--missing-or-short", "removes a region's start/size or makes "
                + "it 4 bytes", mb, regions, (n, o, r) -> editChild(n, r, x -> {
                    String p = r.nextBoolean() ? "start" : "size";
                    return r.nextBoolean() ? x.withoutProperty(p) : x.withProperty(Property.of(p, new byte[4]));
                })));
        c.add(fdtBlob("kho.memblock.region-name--long", "renames a region to 16-31 characters", mb, regions,
                (n, o, r) -> editChild(n, r, x -> x.withName(letters(r, 16 + r.nextInt(16))))));
        c.add(fdtBlob("kho.memblock.region-count--nine-plus", "adds regions up to 9-12", mb, n -> true,
                (n, o, r) -> {
                    List<Node> kids = new ArrayList<>(n.children());
                    int target = 9 + r.nextInt(4);
                    for (int i = 0; kids.size() < target; i++) {
                        kids.add(Node.builder("gen-r" + i).property(Property.string("compatible", "reserve-mem-v1"))
                                .property("start", u64Bytes(0x1_0000_0000L + (long) o.pageSize() * i, o.byteOrder()))
                                .property("size", u64Bytes(o.pageSize(), o.byteOrder())).build());
                    }
                    return n.withChildren(kids);
                }));
        c.add(fdtBlob("kho.memblock.region-alignment--off-page", "moves a region's start or size off a page, or "
                + "sets size 0", mb, regions, (n, o, r) -> editChild(n, r, x -> {
                    int k = r.nextInt(3);
                    long v = k == 2 ? 0 : 1 + r.nextInt(o.pageSize() - 1) + (long) o.pageSize() * r.nextInt(1 << 16);
                    return x.withProperty(Property.of(k == 0 ? "start" : "size", u64Bytes(v, o.byteOrder())));
                })));
        // kho_test (§5.2)
        SubBlobType kt = SubBlobType.KHO_TEST;
        c.add(fdtBlob("kho.test.compatible--other", "changes the kho_test compatible", kt, n -> true,
                (n, o, r) -> n.withProperty(Property.string("compatible", "kho-test-v" + (2 + r.nextInt(8))))));
        c.add(fdtBlob("kho.test.magic--wrong", "writes another magic", kt, n -> true, (n, o, r) -> {
            int m = r.nextInt();
            return n.withProperty(Property.of("magic", NativeBytes.u32Bytes(m == KhoTestBlob.MAGIC ? ~m : m,
                    o.byteOrder())));
        }));
        c.add(fdtBlob("kho.test.property--resized-or-missing", "makes nr_folios 8 bytes, drops csum or the data "
                + "node", kt, n -> n.child("data").isPresent(), (n, o, r) -> switch (r.nextInt(3)) {
                    case 0 -> n.withoutChild("data");
                    case 1 -> n.withChild(n.child("data").get().withoutProperty("csum"));
                    default -> n.withChild(n.child("data").get().withProperty(Property.of("nr_folios", new byte[8])));
                }));
        // kexec-metadata (§5.3)
        SubBlobType km = SubBlobType.KEXEC_METADATA;
        KhoMutator.Precondition<byte[]> kexec = (b, o) -> b.length >= KexecMetadata.SIZE;
        c.add(binBlob("kho.kexec-metadata.version--not-one", "writes version != 1", km, kexec, (b, o, r) -> {
            int v = r.nextInt();
            return withU32(b, 0, v == 1 ? 2 : v, o.byteOrder());
        }));
        c.add(binBlob("kho.kexec-metadata.size--short", "cuts the struct to 4-72 bytes", km, kexec,
                (b, o, r) -> Arrays.copyOf(b, 4 + r.nextInt(KexecMetadata.SIZE - 4))));
        c.add(binBlob("kho.kexec-metadata.release--no-nul", "fills previous_release without a NUL", km, kexec,
                (b, o, r) -> {
                    byte[] out = b.clone();
                    for (int i = 0; i < KexecMetadata.RELEASE_LENGTH; i++) {
                        out[KexecMetadata.RELEASE_OFFSET + i] = (byte) ('!' + r.nextInt(94));
                    }
                    return out;
                }));
        // LUO (§5.4): FDT forms luo-v1/luo-v2, packed luo_ser luo-v3..v5
        SubBlobType luo = SubBlobType.LUO;
        c.add(fdtBlob("kho.luo.compatible--fdt-other", "changes an FDT LUO compatible", luo, n -> true,
                (n, o, r) -> n.withProperty(Property.string("compatible", "luo-v" + (3 + r.nextInt(7))))));
        c.add(fdtBlob("kho.luo.property--resized-or-missing", "makes a LUO u64 property 4 bytes or drops it", luo,
                n -> n.property(LuoFdtBlob.LIVEUPDATE_NUMBER).isPresent() || n.property(LuoFdtBlob.ABI_HEADER).isPresent(),
                (n, o, r) -> {
                    String p = n.property(LuoFdtBlob.LIVEUPDATE_NUMBER).isPresent() ? LuoFdtBlob.LIVEUPDATE_NUMBER
                            : LuoFdtBlob.ABI_HEADER;
                    return r.nextBoolean() ? n.withoutProperty(p) : n.withProperty(Property.of(p, new byte[4]));
                }));
        c.add(fdtBlob("kho.luo.node-compatible--session-other", "changes the luo-session node compatible", luo,
                n -> n.child(LuoFdtBlob.SESSION_NODE).isPresent() && "luo-v1".equals(SubBlobCodec.compatible(n)),
                (n, o, r) -> n.withChild(n.child(LuoFdtBlob.SESSION_NODE).get().withProperty(
                        Property.string("compatible", "luo-session-v" + (3 + r.nextInt(7)))))));
        c.add(binBlob("kho.luo.compatible--ser-other", "writes luo-v6..v9 into a luo_ser compatible", luo,
                (b, o) -> b.length >= 7 && b[0] == 'l' && b[5] >= '3' && b[5] <= '5' && b[6] == 0,
                (b, o, r) -> {
                    byte[] out = b.clone();
                    out[5] = (byte) ('6' + r.nextInt(4));
                    return out;
                }));
        // LUO record arrays (§5.4) and KHO blocks (§5.6)
        c.addAll(recordMutators(SubBlobType.LUO_SESSION_ARRAY, SubBlobType.KHO_BLOCK_SESSIONS, 0, 8));
        c.addAll(recordMutators(SubBlobType.LUO_FLB_ARRAY, SubBlobType.KHO_BLOCK_FLBS, 8, 16));
        c.addAll(recordMutators(SubBlobType.LUO_FILE_ARRAY, SubBlobType.KHO_BLOCK_FILES, -1, 0));
        for (SubBlobType t : List.of(SubBlobType.KHO_BLOCK_SESSIONS, SubBlobType.KHO_BLOCK_FILES, SubBlobType.KHO_BLOCK_FLBS)) {
            c.addAll(recordMutators(t, t, -1, KhoBlock.HEADER_SIZE));
            String kind = kebab(t);
            KhoMutator.Precondition<byte[]> header = (b, o) -> b.length >= KhoBlock.HEADER_SIZE;
            c.add(binBlob("kho.block.count--zero-or-over--" + kind, "sets count to 0 or above the page's capacity",
                    t, header, (b, o, r) -> withU64(b, 8, r.nextBoolean() ? 0
                            : KhoBlock.capacity(t, o.pageSize()) + 1 + r.nextInt(1000), o.byteOrder())));
            c.add(binBlob("kho.block.next-alignment--off-page--" + kind, "moves next off its page", t, header,
                    (b, o, r) -> withU64(b, 0, NativeBytes.u64(b, 0, o.byteOrder()) | (1 + r.nextInt(o.pageSize() - 1)),
                            o.byteOrder())));
        }
        // kho_vmalloc (§4.3), alone and inside memfd_luo_ser (§5.5)
        c.addAll(vmallocMutators(SubBlobType.VMALLOC, 0, KhoVmalloc.SIZE));
        c.addAll(vmallocMutators(SubBlobType.MEMFD_V1, MemfdSer.SIZE_V1 - KhoVmalloc.SIZE, MemfdSer.SIZE_V1));
        c.addAll(vmallocMutators(SubBlobType.MEMFD_V2, MemfdSer.SIZE_V2 - KhoVmalloc.SIZE, MemfdSer.SIZE_V2));
        c.add(binBlob("kho.memfd.seals--unknown-bit", "sets a seal bit outside F_SEAL_*", SubBlobType.MEMFD_V2,
                (b, o) -> b.length >= MemfdSer.SIZE_V2, (b, o, r) -> withU32(b, 16,
                        NativeBytes.u32(b, 16, o.byteOrder()) | (0x40 << r.nextInt(26)), o.byteOrder())));
        c.add(binBlob("kho.memfd.folio-flags--unknown-bit", "sets a folio flag outside DIRTY|UPTODATE",
                SubBlobType.MEMFD_FOLIOS, (b, o) -> b.length >= MemfdFolio.SIZE, (b, o, r) -> {
                    int at = MemfdFolio.SIZE * r.nextInt(b.length / MemfdFolio.SIZE);
                    long w = NativeBytes.u64(b, at, o.byteOrder());
                    return withU64(b, at, w | (4L << (52 + r.nextInt(10))), o.byteOrder());
                }));
        // kho_vmalloc_chunk (§4.3)
        SubBlobType ch = SubBlobType.VMALLOC_CHUNK;
        c.add(binBlob("kho.vmalloc-chunk.alignment--off-page", "moves next or a piece off its page", ch,
                (b, o) -> b.length >= 8, (b, o, r) -> {
                    List<Integer> slots = new ArrayList<>(List.of(0));
                    for (int i = 8; i + 8 <= b.length && NativeBytes.u64(b, i, o.byteOrder()) != 0; i += 8) {
                        slots.add(i);
                    }
                    int at = slots.get(r.nextInt(slots.size()));
                    return withU64(b, at, NativeBytes.u64(b, at, o.byteOrder()) | (1 + r.nextInt(o.pageSize() - 1)),
                            o.byteOrder());
                }));
        c.add(binBlob("kho.vmalloc-chunk.after-terminator--stray", "writes a piece after the zero terminator", ch,
                (b, o) -> terminator(b, o) >= 0 && terminator(b, o) + 16 <= Math.min(b.length,
                        8 + 8 * VmallocChunk.capacity(o.pageSize())), (b, o, r) -> {
                    int t = terminator(b, o);
                    int slots = (Math.min(b.length, 8 + 8 * VmallocChunk.capacity(o.pageSize())) - t - 8) / 8;
                    return withU64(b, t + 8 + 8 * r.nextInt(slots), (long) o.pageSize() * (1 + r.nextInt(1 << 20)),
                            o.byteOrder());
                }));
        // truncation of every type with a fixed structure, or an FDT
        for (SubBlobType t : SubBlobType.values()) {
            int min = minimumSize(t);
            if (min > 0) {
                c.add(binBlob("kho.blob.truncated--cut--" + kebab(t), "cuts the blob below its fixed structure", t,
                        (b, o) -> b.length >= min, (b, o, r) -> Arrays.copyOf(b, r.nextInt(min))));
            }
        }
        for (SubBlobType t : List.of(SubBlobType.MEMBLOCK, SubBlobType.KHO_TEST, SubBlobType.LUO)) {
            c.add(new KhoMutator<>("kho.blob.truncated--fdt-cut--" + kebab(t), "cuts an FDT blob short of its "
                    + "totalsize", KhoMutationTarget.SUB_BLOB, t, (b, o) -> SubBlobCodec.isFdt(b) && b.length > 40,
                    (b, o, r) -> Arrays.copyOf(b, 40 + r.nextInt(b.length - 40))));
        }
        return List.copyOf(c);
    }

    /**
     * Name and count mutators of a record array or block: {@code entries} is the block type with the same
     * records, {@code countOff} the u64 count's offset (-1 for none), {@code header} the records' start.
     */
    private static List<KhoMutator<byte[]>> recordMutators(SubBlobType t, SubBlobType entries, int countOff, int header) {
        int size = KhoBlock.entrySize(entries);
        List<KhoMutator<byte[]>> c = new ArrayList<>();
        c.add(binBlob("kho.luo.record-name--no-nul--" + kebab(t), "fills a record's name field without a NUL", t,
                (b, o) -> records(b, o, t, entries, countOff, header) > 0, (b, o, r) -> {
                    byte[] out = b.clone();
                    int at = header + size * r.nextInt(records(b, o, t, entries, countOff, header));
                    for (int i = 0; i < size - 16; i++) {
                        out[at + i] = (byte) ('!' + r.nextInt(94));
                    }
                    return out;
                }));
        if (countOff >= 0) {
            c.add(binBlob("kho.luo.count--over--" + kebab(t), "sets count above the records the blob holds", t,
                    (b, o) -> b.length >= header, (b, o, r) -> withU64(b, countOff,
                            (b.length - header) / size + 1 + r.nextInt(1000), o.byteOrder())));
        }
        return c;
    }

    /** Records the validator reads: min(count, what fits) for arrays and blocks with a count, else what fits. */
    private static int records(byte[] b, KhoOptions o, SubBlobType t, SubBlobType entries, int countOff, int header) {
        if (b.length < header) {
            return 0;
        }
        int fit = (b.length - header) / KhoBlock.entrySize(entries);
        boolean block = t.name().startsWith("KHO_BLOCK");
        int at = block ? 8 : countOff;
        if (at < 0) {
            return fit;
        }
        long count = NativeBytes.u64(b, at, o.byteOrder());
        if (block && (count == 0 || Long.compareUnsigned(count, KhoBlock.capacity(t, o.pageSize())) > 0)) {
            return 0; // the validator stops at a bad block count before reading names
        }
        if (count < 0) {
            return fit;
        }
        return (int) Math.min(fit, Math.max(0, Math.min(count, Integer.MAX_VALUE)));
    }

    private static List<KhoMutator<byte[]>> vmallocMutators(SubBlobType t, int off, int size) {
        String in = t == SubBlobType.VMALLOC ? "" : "--in-" + kebab(t);
        KhoMutator.Precondition<byte[]> need = (b, o) -> b.length >= size;
        return List.of(
                binBlob("kho.vmalloc.flags--unknown-bit" + in, "sets a flag outside ALLOC|HUGE_VMAP", t, need,
                        (b, o, r) -> withU16(b, off + 12, NativeBytes.u16(b, off + 12, o.byteOrder()) | (4 << r.nextInt(14)),
                                o.byteOrder())),
                binBlob("kho.vmalloc.order--above-max" + in, "sets order above MAX_PAGE_ORDER", t, need,
                        (b, o, r) -> withU16(b, off + 14, KhoValidator.MAX_PAGE_ORDER + 1 + r.nextInt(100), o.byteOrder())),
                binBlob("kho.vmalloc.first-alignment--off-page" + in, "moves first off its page", t, need,
                        (b, o, r) -> withU64(b, off, NativeBytes.u64(b, off, o.byteOrder()) | (1 + r.nextInt(o.pageSize() - 1)),
                                o.byteOrder())));
    }

    /** Offset of the first zero piece of a vmalloc chunk, or -1. */
    private static int terminator(byte[] b, KhoOptions o) {
        int end = Math.min(b.length, 8 + 8 * VmallocChunk.capacity(o.pageSize()));
        for (int i = 8; i + 8 <= end; i += 8) {
            if (NativeBytes.u64(b, i, o.byteOrder()) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes below which a binary blob of {@code t} is reported truncated; 0 where no fixed size applies. */
    private static int minimumSize(SubBlobType t) {
        return switch (t) {
            case VMALLOC -> KhoVmalloc.SIZE;
            case MEMFD_V1 -> MemfdSer.SIZE_V1;
            case MEMFD_V2 -> MemfdSer.SIZE_V2;
            case KHO_BLOCK_SESSIONS, KHO_BLOCK_FILES, KHO_BLOCK_FLBS -> KhoBlock.HEADER_SIZE;
            case LUO_SESSION_ARRAY -> 8;
            case LUO_FLB_ARRAY -> 16;
            case VMALLOC_CHUNK -> 8;
            case KEXEC_METADATA -> 4;
            default -> 0;
        };
    }
}
