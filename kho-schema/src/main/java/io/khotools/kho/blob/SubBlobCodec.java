package io.khotools.kho.blob;

import static io.khotools.kho.NativeBytes.cString;
import static io.khotools.kho.NativeBytes.putCString;
import static io.khotools.kho.NativeBytes.putU16;
import static io.khotools.kho.NativeBytes.putU32;
import static io.khotools.kho.NativeBytes.putU64;
import static io.khotools.kho.NativeBytes.u16;
import static io.khotools.kho.NativeBytes.u32;
import static io.khotools.kho.NativeBytes.u64;
import static io.khotools.kho.NativeBytes.u32Bytes;
import static io.khotools.kho.NativeBytes.u64Bytes;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.NodeHandle;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.KhoDecodeException;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.check.KhoRules;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decodes and encodes every {@link SubBlob} (kho-format.md §4.3, §5). Stateless.
 *
 * <p>Decoding is lenient: it takes what the bytes hold and leaves judging them to
 * {@link io.khotools.kho.check.KhoValidator} (a memblock region with a 4-byte {@code start} is left out, a
 * short kexec-metadata blob keeps only its version). It throws {@link KhoDecodeException} only where no model
 * can be built: an FDT blob that is not a readable FDT, or a struct shorter than its fixed part.
 *
 * <p>Encoding writes FDT blobs with the exact {@code fdt_sw} call sequence of the producing kernel code
 * (mm/memblock.c, lib/test_kho.c, kernel/liveupdate/luo_core.c), so the bytes equal the kernel's; raw structs
 * are written packed in the options' byte order.
 */
public final class SubBlobCodec {
    private SubBlobCodec() {
    }

    // ---------------------------------------------------------------- decoding

    /**
     * Decodes a lone blob of a named type.
     *
     * @param type what the blob is
     * @param blob the bytes (not kept)
     * @param options byte order and page size of the producing kernel
     * @throws KhoDecodeException if no model can be built (see the class comment)
     */
    public static SubBlob decode(SubBlobType type, byte[] blob, KhoOptions options) {
        ByteOrder o = options.byteOrder();
        return switch (type) {
            case MEMBLOCK -> decodeMemblock(readFdt(blob), o);
            case KHO_TEST -> decodeKhoTest(readFdt(blob), o);
            case KEXEC_METADATA -> decodeKexecMetadata(blob, o);
            case LUO -> isFdt(blob) ? decodeLuoFdt(readFdt(blob), o) : decodeLuoSer(blob, o);
            case LUO_SESSION_ARRAY -> decodeSessionArray(blob, o);
            case LUO_FLB_ARRAY -> decodeFlbArray(blob, o);
            case LUO_FILE_ARRAY -> new LuoFileArray(records(blob, 0, blob.length / LuoRecord.FILE_SIZE,
                    SubBlobType.KHO_BLOCK_FILES, o).stream().map(r -> (LuoRecord.File) r).toList());
            case MEMFD_V1, MEMFD_V2 -> decodeMemfd(type == SubBlobType.MEMFD_V1 ? 1 : 2, blob, o);
            case MEMFD_FOLIOS -> decodeFolios(blob, o);
            case VMALLOC -> {
                need(blob, KhoVmalloc.SIZE, "kho_vmalloc");
                yield vmalloc(blob, 0, o);
            }
            case VMALLOC_CHUNK -> decodeChunk(blob, o);
            case KHO_BLOCK_SESSIONS, KHO_BLOCK_FILES, KHO_BLOCK_FLBS -> decodeBlock(type, blob, o);
            case RAW -> new RawBlob(blob, isFdt(blob) ? tryReadFdt(blob) : null);
        };
    }

    /** True if the blob starts with the FDT magic (big-endian 0xd00dfeed). */
    public static boolean isFdt(byte[] blob) {
        return blob.length >= 4 && u32(blob, 0, ByteOrder.BIG_ENDIAN) == FdtFormat.MAGIC;
    }

    /**
     * Reads an FDT blob into a tree.
     *
     * @throws KhoDecodeException carrying the FDT validator's report if the blob is not readable
     */
    public static FdtTree readFdt(byte[] blob) {
        FdtTree t = tryReadFdt(blob);
        if (t == null) {
            Report r = Validator.defaults().validate(blob);
            if (!r.hasErrors()) {
                r = new Report(List.of(new Diagnostic(KhoRules.BLOB_TRUNCATED, KhoRules.severity(KhoRules.BLOB_TRUNCATED),
                        null, null, 0, "not a readable FDT")));
            }
            throw new KhoDecodeException("not a readable FDT: " + r.errors().get(0).message(), r);
        }
        return t;
    }

    private static FdtTree tryReadFdt(byte[] blob) {
        ByteBuf b = Unpooled.wrappedBuffer(blob);
        try {
            return FdtTree.read(b);
        } catch (FdtException e) {
            return null;
        } finally {
            b.release();
        }
    }

    private static void need(byte[] blob, int size, String what) {
        if (blob.length < size) {
            throw new KhoDecodeException(what + " needs " + size + " bytes, blob has " + blob.length,
                    new Report(List.of(new Diagnostic(KhoRules.BLOB_TRUNCATED, KhoRules.severity(KhoRules.BLOB_TRUNCATED),
                            null, null, blob.length, what + " needs " + size + " bytes, blob has " + blob.length))));
        }
    }

    /** The value of an exactly-8-byte property in {@code order}, else empty. */
    public static OptionalLong u64Property(Node n, String name, ByteOrder order) {
        Optional<Property> p = n.property(name);
        return p.isPresent() && p.get().length() == 8
                ? OptionalLong.of(u64(p.get().toByteArray(), 0, order)) : OptionalLong.empty();
    }

    /** The value of an exactly-4-byte property in {@code order}, else empty. */
    static Optional<Integer> u32Property(Node n, String name, ByteOrder order) {
        Optional<Property> p = n.property(name);
        return p.isPresent() && p.get().length() == 4
                ? Optional.of(u32(p.get().toByteArray(), 0, order)) : Optional.empty();
    }

    /** The {@code compatible} string (first entry), or "" when absent or not a string. */
    public static String compatible(Node n) {
        Optional<Property> p = n.property("compatible");
        if (p.isEmpty()) {
            return "";
        }
        try {
            return p.get().asStringList().get(0);
        } catch (FdtException e) {
            return "";
        }
    }

    private static MemblockBlob decodeMemblock(FdtTree t, ByteOrder o) {
        List<ReserveMem> regions = new ArrayList<>();
        for (Node c : t.root().children()) {
            OptionalLong start = u64Property(c, "start", o);
            OptionalLong size = u64Property(c, "size", o);
            if (start.isPresent() && size.isPresent()) {
                regions.add(new ReserveMem(c.name(), start.getAsLong(), size.getAsLong()));
            }
        }
        return new MemblockBlob(regions);
    }

    private static KhoTestBlob decodeKhoTest(FdtTree t, ByteOrder o) {
        Node root = t.root();
        Optional<Node> data = root.child("data");
        Optional<Integer> magic = u32Property(root, "magic", o);
        Optional<Integer> nr = data.flatMap(d -> u32Property(d, "nr_folios", o));
        Optional<Integer> csum = data.flatMap(d -> u32Property(d, "csum", o));
        Optional<byte[]> info = data.flatMap(d -> d.property("folios_info")).map(Property::toByteArray)
                .filter(b -> b.length == KhoVmalloc.SIZE);
        if (magic.isEmpty() || nr.isEmpty() || csum.isEmpty() || info.isEmpty()) {
            Report r = validateOnly(t, SubBlobType.KHO_TEST, o);
            throw new KhoDecodeException("kho_test blob lacks magic, nr_folios, folios_info or csum", r);
        }
        return new KhoTestBlob(magic.get(), nr.get(), vmalloc(info.get(), 0, o), csum.get());
    }

    private static Report validateOnly(FdtTree t, SubBlobType type, ByteOrder o) {
        byte[] bytes = encodeTree(t);
        return io.khotools.kho.check.KhoValidator.of(KhoOptions.DEFAULT.withByteOrder(o)).validateBlob(type, bytes);
    }

    private static byte[] encodeTree(FdtTree t) {
        ByteBuf b = t.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt().lenient());
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static KexecMetadata decodeKexecMetadata(byte[] b, ByteOrder o) {
        need(b, 4, "kexec-metadata version");
        int version = u32(b, 0, o);
        if (b.length < KexecMetadata.SIZE) {
            return new KexecMetadata(version, null, -1);
        }
        return new KexecMetadata(version, cString(b, KexecMetadata.RELEASE_OFFSET, KexecMetadata.RELEASE_LENGTH),
                u32(b, KexecMetadata.COUNT_OFFSET, o) & 0xffffffffL);
    }

    private static LuoFdtBlob decodeLuoFdt(FdtTree t, ByteOrder o) {
        Node root = t.root();
        Optional<LuoFdtNode> session = root.child(LuoFdtBlob.SESSION_NODE)
                .map(n -> new LuoFdtNode(compatible(n), u64Property(n, LuoFdtBlob.SESSION_HEADER, o)));
        Optional<LuoFdtNode> flb = root.child(LuoFdtBlob.FLB_NODE)
                .map(n -> new LuoFdtNode(compatible(n), u64Property(n, LuoFdtBlob.FLB_HEADER, o)));
        return new LuoFdtBlob(compatible(root), u64Property(root, LuoFdtBlob.LIVEUPDATE_NUMBER, o), session, flb,
                u64Property(root, LuoFdtBlob.ABI_HEADER, o));
    }

    private static LuoSer decodeLuoSer(byte[] b, ByteOrder o) {
        // the compatible field is the NUL-terminated string padded to 8; find its NUL within the first 64 bytes
        int nul = -1;
        for (int i = 0; i < Math.min(b.length, 64); i++) {
            if (b[i] == 0) {
                nul = i;
                break;
            }
        }
        if (nul < 0) {
            need(b, Integer.MAX_VALUE, "luo_ser compatible string");
        }
        String compat = cString(b, 0, nul + 1);
        int field = LuoSer.compatibleFieldSize(compat);
        need(b, field + 24, "luo_ser");
        return new LuoSer(compat, u64(b, field, o), u64(b, field + 8, o), u64(b, field + 16, o));
    }

    private static LuoSessionArray decodeSessionArray(byte[] b, ByteOrder o) {
        need(b, 8, "luo session block count");
        long count = u64(b, 0, o);
        int fit = (b.length - 8) / LuoRecord.SESSION_SIZE;
        int n = (int) Math.min(Math.max(count, 0), fit); // never read past the blob, whatever count says
        return new LuoSessionArray(records(b, 8, n, SubBlobType.KHO_BLOCK_SESSIONS, o).stream()
                .map(r -> (LuoRecord.Session) r).toList());
    }

    private static LuoFlbArray decodeFlbArray(byte[] b, ByteOrder o) {
        need(b, 16, "luo flb header");
        long count = u64(b, 8, o);
        int fit = (b.length - 16) / LuoRecord.FLB_SIZE;
        int n = (int) Math.min(Math.max(count, 0), fit);
        return new LuoFlbArray(u64(b, 0, o), records(b, 16, n, SubBlobType.KHO_BLOCK_FLBS, o).stream()
                .map(r -> (LuoRecord.Flb) r).toList());
    }

    private static List<LuoRecord> records(byte[] b, int off, int n, SubBlobType kind, ByteOrder o) {
        int size = KhoBlock.entrySize(kind);
        List<LuoRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int p = off + i * size;
            out.add(switch (kind) {
                case KHO_BLOCK_SESSIONS -> new LuoRecord.Session(cString(b, p, LuoRecord.SESSION_NAME_LENGTH),
                        u64(b, p + LuoRecord.SESSION_NAME_LENGTH, o), u64(b, p + LuoRecord.SESSION_NAME_LENGTH + 8, o));
                case KHO_BLOCK_FILES -> new LuoRecord.File(cString(b, p, LuoRecord.FILE_COMPATIBLE_LENGTH),
                        u64(b, p + LuoRecord.FILE_COMPATIBLE_LENGTH, o), u64(b, p + LuoRecord.FILE_COMPATIBLE_LENGTH + 8, o));
                default -> new LuoRecord.Flb(cString(b, p, LuoRecord.FLB_NAME_LENGTH),
                        u64(b, p + LuoRecord.FLB_NAME_LENGTH, o), u64(b, p + LuoRecord.FLB_NAME_LENGTH + 8, o));
            });
        }
        return out;
    }

    private static MemfdSer decodeMemfd(int version, byte[] b, ByteOrder o) {
        if (version == 1) {
            need(b, MemfdSer.SIZE_V1, "memfd_luo_ser v1");
            return new MemfdSer(1, u64(b, 0, o), u64(b, 8, o), 0, 0, u64(b, 16, o), vmalloc(b, 24, o));
        }
        need(b, MemfdSer.SIZE_V2, "memfd_luo_ser v2");
        return new MemfdSer(2, u64(b, 0, o), u64(b, 8, o), u32(b, 16, o), u32(b, 20, o), u64(b, 24, o),
                vmalloc(b, 32, o));
    }

    private static MemfdFolioArray decodeFolios(byte[] b, ByteOrder o) {
        int n = b.length / MemfdFolio.SIZE;
        List<MemfdFolio> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long w = u64(b, i * MemfdFolio.SIZE, o);
            out.add(new MemfdFolio(w & ((1L << 52) - 1), (int) (w >>> 52), u64(b, i * MemfdFolio.SIZE + 8, o)));
        }
        return new MemfdFolioArray(out);
    }

    /** Decodes a 16-byte {@code kho_vmalloc} at {@code off} (caller checked the length). */
    static KhoVmalloc vmalloc(byte[] b, int off, ByteOrder o) {
        return new KhoVmalloc(u64(b, off, o), u32(b, off + 8, o), u16(b, off + 12, o), u16(b, off + 14, o));
    }

    private static VmallocChunk decodeChunk(byte[] b, ByteOrder o) {
        need(b, 8, "kho_vmalloc_chunk header");
        List<Long> pieces = new ArrayList<>();
        for (int p = 8; p + 8 <= b.length; p += 8) {
            long v = u64(b, p, o);
            if (v == 0) {
                break;
            }
            pieces.add(v);
        }
        return new VmallocChunk(u64(b, 0, o), pieces);
    }

    private static KhoBlock decodeBlock(SubBlobType type, byte[] b, ByteOrder o) {
        need(b, KhoBlock.HEADER_SIZE, "kho block header");
        long count = u64(b, 8, o);
        int fit = (b.length - KhoBlock.HEADER_SIZE) / KhoBlock.entrySize(type);
        int n = (int) Math.min(Math.max(count, 0), fit);
        return new KhoBlock(type, u64(b, 0, o), records(b, KhoBlock.HEADER_SIZE, n, type, o));
    }

    // ---------------------------------------------------------------- encoding

    /**
     * Encodes a blob as the producing kernel lays it out.
     *
     * @param blob the model
     * @param options byte order (values) and page size (block and chunk pages are padded to one page)
     * @return a new array the caller owns
     * @throws IllegalArgumentException if a string does not fit its fixed field or a record list does not fit
     *     its page
     */
    public static byte[] encode(SubBlob blob, KhoOptions options) {
        ByteOrder o = options.byteOrder();
        if (blob instanceof MemblockBlob m) {
            return fdt(w -> {
                w.propertyString("compatible", MemblockBlob.COMPATIBLE);
                for (ReserveMem r : m.regions()) {
                    NodeHandle h = w.beginNode(r.name());
                    w.propertyString("compatible", MemblockBlob.REGION_COMPATIBLE);
                    w.property("start", u64Bytes(r.start(), o));
                    w.property("size", u64Bytes(r.size(), o));
                    w.endNode(h);
                }
            });
        } else if (blob instanceof KhoTestBlob t) {
            return fdt(w -> {
                w.propertyString("compatible", KhoTestBlob.COMPATIBLE);
                w.property("magic", u32Bytes(t.magic(), o));
                NodeHandle h = w.beginNode("data");
                w.property("nr_folios", u32Bytes(t.nrFolios(), o));
                w.property("folios_info", encode(t.foliosInfo(), options));
                w.property("csum", u32Bytes(t.csum(), o));
                w.endNode(h);
            });
        } else if (blob instanceof KexecMetadata k) {
            byte[] b = new byte[KexecMetadata.SIZE];
            putU32(b, 0, k.version(), o);
            putCString(b, KexecMetadata.RELEASE_OFFSET, KexecMetadata.RELEASE_LENGTH,
                    k.previousRelease() == null ? "" : k.previousRelease());
            putU32(b, KexecMetadata.COUNT_OFFSET, (int) k.kexecCount(), o);
            return b;
        } else if (blob instanceof LuoFdtBlob l) {
            return fdt(w -> {
                w.propertyString("compatible", l.compatible());
                l.liveupdateNumber().ifPresent(v -> w.property(LuoFdtBlob.LIVEUPDATE_NUMBER, u64Bytes(v, o)));
                l.abiHeader().ifPresent(v -> w.property(LuoFdtBlob.ABI_HEADER, u64Bytes(v, o)));
                l.session().ifPresent(n -> luoNode(w, LuoFdtBlob.SESSION_NODE, LuoFdtBlob.SESSION_HEADER, n, o));
                l.flb().ifPresent(n -> luoNode(w, LuoFdtBlob.FLB_NODE, LuoFdtBlob.FLB_HEADER, n, o));
            });
        } else if (blob instanceof LuoSer s) {
            int field = LuoSer.compatibleFieldSize(s.compatible());
            byte[] b = new byte[field + 24];
            putCString(b, 0, field, s.compatible());
            putU64(b, field, s.liveupdateNum(), o);
            putU64(b, field + 8, s.sessionsPa(), o);
            putU64(b, field + 16, s.flbsPa(), o);
            return b;
        } else if (blob instanceof LuoSessionArray a) {
            byte[] b = new byte[8 + a.sessions().size() * LuoRecord.SESSION_SIZE];
            putU64(b, 0, a.sessions().size(), o);
            putRecords(b, 8, a.sessions(), o);
            return b;
        } else if (blob instanceof LuoFlbArray a) {
            byte[] b = new byte[16 + a.flbs().size() * LuoRecord.FLB_SIZE];
            putU64(b, 0, a.pageCount(), o);
            putU64(b, 8, a.flbs().size(), o);
            putRecords(b, 16, a.flbs(), o);
            return b;
        } else if (blob instanceof LuoFileArray a) {
            byte[] b = new byte[a.files().size() * LuoRecord.FILE_SIZE];
            putRecords(b, 0, a.files(), o);
            return b;
        } else if (blob instanceof MemfdSer m) {
            byte[] b = new byte[m.encodedSize()];
            putU64(b, 0, m.pos(), o);
            putU64(b, 8, m.size(), o);
            int p = 16;
            if (m.version() == 2) {
                putU32(b, 16, m.seals(), o);
                putU32(b, 20, m.flags(), o);
                p = 24;
            }
            putU64(b, p, m.nrFolios(), o);
            System.arraycopy(encode(m.folios(), options), 0, b, p + 8, KhoVmalloc.SIZE);
            return b;
        } else if (blob instanceof MemfdFolioArray a) {
            byte[] b = new byte[a.folios().size() * MemfdFolio.SIZE];
            for (int i = 0; i < a.folios().size(); i++) {
                putU64(b, i * MemfdFolio.SIZE, a.folios().get(i).word(), o);
                putU64(b, i * MemfdFolio.SIZE + 8, a.folios().get(i).index(), o);
            }
            return b;
        } else if (blob instanceof KhoVmalloc v) {
            byte[] b = new byte[KhoVmalloc.SIZE];
            putU64(b, 0, v.first(), o);
            putU32(b, 8, v.totalPages(), o);
            putU16(b, 12, v.flags(), o);
            putU16(b, 14, v.order(), o);
            return b;
        } else if (blob instanceof VmallocChunk c) {
            if (c.pieces().size() > VmallocChunk.capacity(options.pageSize())) {
                throw new IllegalArgumentException("more pieces than one chunk holds: " + c.pieces().size());
            }
            byte[] b = new byte[options.pageSize()]; // one zeroed page: the unused tail is the terminator
            putU64(b, 0, c.next(), o);
            for (int i = 0; i < c.pieces().size(); i++) {
                putU64(b, 8 + 8 * i, c.pieces().get(i), o);
            }
            return b;
        } else if (blob instanceof KhoBlock k) {
            if (k.entries().size() > KhoBlock.capacity(k.type(), options.pageSize())) {
                throw new IllegalArgumentException("more entries than one block holds: " + k.entries().size());
            }
            byte[] b = new byte[options.pageSize()];
            putU64(b, 0, k.next(), o);
            putU64(b, 8, k.entries().size(), o);
            putRecords(b, KhoBlock.HEADER_SIZE, k.entries(), o);
            return b;
        } else if (blob instanceof RawBlob r) {
            return r.bytes();
        }
        throw new IllegalArgumentException("unknown blob " + blob);
    }

    private static void luoNode(FdtWriter w, String name, String prop, LuoFdtNode n, ByteOrder o) {
        NodeHandle h = w.beginNode(name);
        w.propertyString("compatible", n.compatible());
        n.header().ifPresent(v -> w.property(prop, u64Bytes(v, o)));
        w.endNode(h);
    }

    private static void putRecords(byte[] b, int off, List<? extends LuoRecord> records, ByteOrder o) {
        int p = off;
        for (LuoRecord r : records) {
            if (r instanceof LuoRecord.Session s) {
                putCString(b, p, LuoRecord.SESSION_NAME_LENGTH, s.name());
                putU64(b, p + LuoRecord.SESSION_NAME_LENGTH, s.files(), o);
                putU64(b, p + LuoRecord.SESSION_NAME_LENGTH + 8, s.count(), o);
                p += LuoRecord.SESSION_SIZE;
            } else if (r instanceof LuoRecord.File f) {
                putCString(b, p, LuoRecord.FILE_COMPATIBLE_LENGTH, f.compatible());
                putU64(b, p + LuoRecord.FILE_COMPATIBLE_LENGTH, f.data(), o);
                putU64(b, p + LuoRecord.FILE_COMPATIBLE_LENGTH + 8, f.token(), o);
                p += LuoRecord.FILE_SIZE;
            } else if (r instanceof LuoRecord.Flb f) {
                putCString(b, p, LuoRecord.FLB_NAME_LENGTH, f.name());
                putU64(b, p + LuoRecord.FLB_NAME_LENGTH, f.data(), o);
                putU64(b, p + LuoRecord.FLB_NAME_LENGTH + 8, f.count(), o);
                p += LuoRecord.FLB_SIZE;
            }
        }
    }

    @FunctionalInterface
    private interface Body {
        void write(FdtWriter w);
    }

    /** fdt_create, fdt_finish_reservemap, begin "", body, end, fdt_finish: libfdt sequential-write bytes. */
    private static byte[] fdt(Body body) {
        try (FdtWriter w = FdtWriter.create(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt().lenient())) {
            NodeHandle root = w.beginNode("");
            body.write(w);
            w.endNode(root);
            ByteBuf out = w.finish();
            try {
                return ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        }
    }
}
