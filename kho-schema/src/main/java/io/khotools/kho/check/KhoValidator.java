package io.khotools.kho.check;

import static io.khotools.kho.check.KhoRules.*;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.DiagnosticSink;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.TreeRule;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.blob.VmallocChunk;
import io.netty.buffer.ByteBuf;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates KHO inputs against the {@link KhoRules}: a root FDT, a lone sub-blob of a named type, a scratch
 * array, or a whole {@link KhoImage}. FDT inputs first go through the FDT validator ({@code fdt.*} findings,
 * same {@link Diagnostic} shape); the KHO checks then run as a {@link TreeRule} plugged into it. Never throws
 * for any content; every loop is bounded by the input length. Immutable and thread-safe.
 *
 * <pre>{@code
 * Report r = KhoValidator.of(KhoOptions.DEFAULT).validateRoot(Files.readAllBytes(Path.of("out/fdt")));
 * r.lines().forEach(System.out::println);
 * }</pre>
 */
public final class KhoValidator {
    /** Pageblock size assumed for scratch alignment (2 MiB, kho-format.md §3.3 [unverified value]). */
    public static final long PAGEBLOCK = 2L << 20;
    /** The lowmem limit assumed for scratch entry 0 (4 GiB, x86_64's {@code ARCH_LOW_ADDRESS_LIMIT} + 1). */
    public static final long LOW_LIMIT = 1L << 32;
    /** MAX_PAGE_ORDER of x86_64/arm64 4 KiB-page kernels. */
    public static final int MAX_PAGE_ORDER = 10;

    private final KhoOptions options;

    private KhoValidator(KhoOptions options) {
        this.options = options;
    }

    /** A validator for blobs produced with {@code options}' byte order and page size. */
    public static KhoValidator of(KhoOptions options) {
        return new KhoValidator(java.util.Objects.requireNonNull(options, "options"));
    }

    /** True if {@code blob} has an FDT magic and a header whose totalsize exceeds the blob's length. */
    public static boolean truncatedRoot(byte[] blob) {
        return blob.length >= 8 && NativeBytes.u32(blob, 0, ByteOrder.BIG_ENDIAN) == FdtFormat.MAGIC
                && (NativeBytes.u32(blob, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL) > blob.length;
    }

    // ---------------------------------------------------------------- root

    /** The KHO root checks as a tree rule for {@link Validator#with}. */
    public TreeRule rootRule() {
        return (blob, sink) -> checkRoot(read(blob), blob.readableBytes(), sink);
    }

    /**
     * Validates a root FDT file: truncation first (then nothing else can be judged), the FDT structure, then
     * every root rule.
     */
    public Report validateRoot(byte[] blob) {
        if (truncatedRoot(blob)) {
            long total = NativeBytes.u32(blob, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
            return new Report(List.of(d(ROOT_TRUNCATED, "/", null, 4, "file has " + blob.length
                    + " bytes, header totalsize is " + total + " (a debugfs out/fdt cut at creation time?)")));
        }
        return Validator.defaults().with(rootRule()).validate(blob);
    }

    private static FdtTree read(ByteBuf blob) {
        return FdtTree.read(blob);
    }

    private void checkRoot(FdtTree tree, int length, DiagnosticSink sink) {
        Node root = tree.root();
        if (length > options.pageSize()) {
            sink.report(d(ROOT_TOO_LARGE, "/", null, 4, "totalsize " + length + " > page size " + options.pageSize()));
        }
        Optional<Property> compat = root.property("compatible");
        List<String> entries = List.of();
        if (compat.isEmpty()) {
            sink.report(d(ROOT_COMPATIBLE, "/", null, root.offset(), "no compatible property"));
        } else {
            try {
                entries = compat.get().asStringList();
            } catch (RuntimeException e) {
                sink.report(d(ROOT_COMPATIBLE, "/", "compatible", compat.get().offset(), "not a string list"));
            }
        }
        Optional<KhoAbi.Detection> det = KhoAbi.detect(entries, options.v1Bitmap());
        if (!entries.isEmpty() && det.isEmpty()) {
            sink.report(d(ROOT_GENERATION_UNKNOWN, "/", "compatible", compat.get().offset(),
                    "compatible " + entries + " is no known KHO generation"));
        }
        KhoAbi abi = det.map(KhoAbi.Detection::abi).orElse(null);
        Optional<Property> map = root.property(KhoAbi.MEMORY_MAP_PROPERTY);
        if (map.isEmpty()) {
            sink.report(d(ROOT_MEMORY_MAP_MISSING, "/", null, root.offset(), "no preserved-memory-map"));
        } else if (map.get().length() != 8) {
            sink.report(d(ROOT_MEMORY_MAP_SIZE, "/", KhoAbi.MEMORY_MAP_PROPERTY, map.get().offset(),
                    map.get().length() + " bytes, expected 8"));
        } else {
            long v = NativeBytes.u64(map.get().toByteArray(), 0, options.byteOrder());
            if (v == 0) {
                if (abi == null || abi.radixTree()) {
                    sink.report(d(ROOT_MEMORY_MAP_ZERO, "/", KhoAbi.MEMORY_MAP_PROPERTY, map.get().offset(),
                            "0: the radix-tree root is never NULL"));
                } else {
                    sink.report(d(ROOT_MEMORY_MAP_UNSET, "/", KhoAbi.MEMORY_MAP_PROPERTY, map.get().offset(),
                            "0: no chunk list (not finalized?)"));
                }
            } else if ((v & (options.pageSize() - 1)) != 0) {
                sink.report(d(ROOT_MEMORY_MAP_ALIGNMENT, "/", KhoAbi.MEMORY_MAP_PROPERTY, map.get().offset(),
                        "0x" + Long.toHexString(v) + " is not page-aligned"));
            }
        }
        Set<String> seen = new HashSet<>();
        for (Node c : root.children()) {
            String path = "/" + c.name();
            if (!seen.add(c.name())) {
                sink.report(d(SUBTREE_DUPLICATE_NAME, path, null, c.offset(), "second subtree named " + c.name()));
            }
            if (!io.khotools.kho.blob.SubBlobType.knownSubtree(c.name())) {
                sink.report(d(SUBTREE_UNKNOWN, path, null, c.offset(), "no known subsystem uses this name"));
            }
            if (!c.children().isEmpty()) {
                sink.report(d(ROOT_NESTED_NODE, path + "/" + c.children().get(0).name(), null,
                        c.children().get(0).offset(), "the kernel never reads below a subtree node"));
            }
            if (abi == null) {
                continue; // which pointer property is right depends on the generation
            }
            Optional<Property> ptr = c.property(abi.dataProperty());
            if (ptr.isEmpty()) {
                sink.report(d(SUBTREE_POINTER_MISSING, path, null, c.offset(), "no " + abi.dataProperty()
                        + " property (" + abi.compatible() + ")"));
            } else if (ptr.get().length() != 8) {
                sink.report(d(SUBTREE_POINTER_SIZE, path, abi.dataProperty(), ptr.get().offset(),
                        ptr.get().length() + " bytes, expected 8"));
            } else if (NativeBytes.u64(ptr.get().toByteArray(), 0, options.byteOrder()) == 0) {
                sink.report(d(SUBTREE_POINTER_NULL, path, abi.dataProperty(), ptr.get().offset(), "NULL pointer"));
            }
            Optional<Property> size = c.property(KhoAbi.BLOB_SIZE_PROPERTY);
            if (size.isEmpty()) {
                if (abi.blobSize() == KhoAbi.BlobSize.REQUIRED) {
                    sink.report(d(SUBTREE_BLOB_SIZE_MISSING, path, null, c.offset(), "no blob-size ("
                            + abi.compatible() + ")"));
                }
            } else if (abi.blobSize() == KhoAbi.BlobSize.ABSENT) {
                sink.report(d(SUBTREE_BLOB_SIZE_UNEXPECTED, path, KhoAbi.BLOB_SIZE_PROPERTY, size.get().offset(),
                        "kho-v1 readers ignore blob-size"));
            } else if (size.get().length() != 8) {
                sink.report(d(SUBTREE_BLOB_SIZE_SIZE, path, KhoAbi.BLOB_SIZE_PROPERTY, size.get().offset(),
                        size.get().length() + " bytes, expected 8"));
            }
        }
    }

    // ---------------------------------------------------------------- scratch

    /** Validates a binary scratch array ({@code kho_scratch} entries in the options' byte order). */
    public Report validateScratch(byte[] array) {
        List<Diagnostic> out = new ArrayList<>();
        if (array.length % 16 != 0) {
            out.add(d(SCRATCH_LENGTH, null, null, array.length - array.length % 16,
                    array.length + " bytes is not a multiple of 16; the kernel ignores the last " + array.length % 16));
        }
        int n = array.length / 16;
        if (n == 0) {
            out.add(d(SCRATCH_EMPTY, null, null, 0, "no scratch entry"));
        }
        ByteOrder o = options.byteOrder();
        for (int i = 0; i < n; i++) {
            long a = NativeBytes.u64(array, i * 16, o);
            long s = NativeBytes.u64(array, i * 16 + 8, o);
            if (((a | s) & (PAGEBLOCK - 1)) != 0) {
                out.add(d(SCRATCH_ALIGNMENT, null, null, i * 16L, "entry " + i + " [0x" + Long.toHexString(a)
                        + ", +0x" + Long.toHexString(s) + ") not 2 MiB aligned"));
            }
            if (i == 0 && Long.compareUnsigned(a + s, LOW_LIMIT) > 0) {
                out.add(d(SCRATCH_LOWMEM, null, null, 0, "entry 0 ends at 0x" + Long.toHexString(a + s)
                        + ", above the 4 GiB low limit"));
            }
            for (int j = 0; j < i; j++) {
                long b = NativeBytes.u64(array, j * 16, o);
                long t = NativeBytes.u64(array, j * 16 + 8, o);
                // half-open [addr, addr+size) as the kernel's overlap test; empty areas overlap nothing
                if (s != 0 && t != 0 && Long.compareUnsigned(a, b + t) < 0 && Long.compareUnsigned(b, a + s) < 0) {
                    out.add(d(SCRATCH_OVERLAP, null, null, i * 16L, "entry " + i + " overlaps entry " + j));
                }
            }
        }
        return new Report(out);
    }

    // ---------------------------------------------------------------- image

    /**
     * Validates an image: the root, each blob by the type its subtree name implies (findings prefixed with
     * {@code [name]} in their path), {@code blob-size} against FDT blobs' totalsize, and the scratch array.
     */
    public Report validateImage(KhoImage image) {
        List<Diagnostic> out = new ArrayList<>(validateRoot(image.root()).diagnostics());
        KhoAbi abi = null;
        FdtTree rootTree = null;
        try {
            rootTree = SubBlobCodec.readFdt(image.root());
            abi = KhoAbi.detect(io.khotools.kho.blob.SubBlobCodec.compatible(rootTree.root()), options.v1Bitmap())
                    .map(KhoAbi.Detection::abi).orElse(null);
        } catch (RuntimeException e) {
            rootTree = null;
        }
        for (String name : image.blobNames()) {
            byte[] b = image.blob(name);
            for (Diagnostic x : validateBlob(SubBlobType.forSubtree(name), b).diagnostics()) {
                out.add(new Diagnostic(x.ruleId(), x.severity(), "[" + name + "]" + (x.path() == null ? "" : x.path()),
                        x.property(), x.offset(), x.message()));
            }
            if (rootTree != null && SubBlobCodec.isFdt(b) && b.length >= 8) {
                Optional<Node> n = rootTree.root().child(name);
                Optional<Property> size = n.flatMap(x -> x.property(KhoAbi.BLOB_SIZE_PROPERTY));
                if (size.isPresent() && size.get().length() == 8) {
                    long v = NativeBytes.u64(size.get().toByteArray(), 0, options.byteOrder());
                    long total = NativeBytes.u32(b, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
                    if (v != total) {
                        out.add(d(SUBTREE_BLOB_SIZE_MISMATCH, "/" + name, KhoAbi.BLOB_SIZE_PROPERTY,
                                size.get().offset(), "blob-size " + v + " but the FDT's totalsize is " + total));
                    }
                }
            }
        }
        byte[] s = image.scratch();
        if (s != null) {
            for (Diagnostic x : validateScratch(s).diagnostics()) {
                out.add(new Diagnostic(x.ruleId(), x.severity(), "[scratch]", null, x.offset(), x.message()));
            }
        }
        return new Report(out);
    }

    // ---------------------------------------------------------------- blobs

    /** Validates a lone sub-blob of a named type. */
    public Report validateBlob(SubBlobType type, byte[] blob) {
        boolean fdt = type.alwaysFdt() || (type == SubBlobType.LUO && SubBlobCodec.isFdt(blob))
                || (type == SubBlobType.RAW && SubBlobCodec.isFdt(blob));
        if (fdt) {
            if (truncatedRoot(blob)) {
                return new Report(List.of(d(BLOB_TRUNCATED, "/", null, 4, "blob has " + blob.length
                        + " bytes, FDT totalsize is " + (NativeBytes.u32(blob, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL))));
            }
            TreeRule rule = (b, sink) -> {
                FdtTree t = read(b);
                switch (type) {
                    case MEMBLOCK -> memblock(t, sink);
                    case KHO_TEST -> khoTest(t, sink);
                    case LUO -> luoFdt(t, sink);
                    default -> { }
                }
            };
            return Validator.defaults().with(rule).validate(blob);
        }
        List<Diagnostic> out = new ArrayList<>();
        switch (type) {
            case KEXEC_METADATA -> kexecMetadata(blob, out);
            case LUO -> luoSer(blob, out);
            case LUO_SESSION_ARRAY -> recordArray(blob, 0, 8, SubBlobType.KHO_BLOCK_SESSIONS, false, out);
            case LUO_FLB_ARRAY -> recordArray(blob, 8, 16, SubBlobType.KHO_BLOCK_FLBS, false, out);
            case LUO_FILE_ARRAY -> recordNames(blob, 0, blob.length / LuoRecord.FILE_SIZE, SubBlobType.KHO_BLOCK_FILES, out);
            case MEMFD_V1, MEMFD_V2 -> memfd(type, blob, out);
            case MEMFD_FOLIOS -> folios(blob, out);
            case VMALLOC -> {
                if (need(blob, KhoVmalloc.SIZE, "kho_vmalloc", out)) {
                    vmalloc(blob, 0, out);
                }
            }
            case VMALLOC_CHUNK -> chunk(blob, out);
            case KHO_BLOCK_SESSIONS, KHO_BLOCK_FILES, KHO_BLOCK_FLBS -> block(type, blob, out);
            default -> { }
        }
        return new Report(out);
    }

    private boolean need(byte[] b, int size, String what, List<Diagnostic> out) {
        if (b.length < size) {
            out.add(d(BLOB_TRUNCATED, null, null, b.length, what + " needs " + size + " bytes, blob has " + b.length));
            return false;
        }
        return true;
    }

    private void memblock(FdtTree t, DiagnosticSink sink) {
        Node root = t.root();
        String c = SubBlobCodec.compatible(root);
        if (!MemblockBlob.COMPATIBLE.equals(c)) {
            sink.report(d(MEMBLOCK_COMPATIBLE, "/", "compatible", off(root, "compatible"), "\"" + c
                    + "\", expected \"memblock-v1\""));
        }
        if (root.children().size() > 8) {
            sink.report(d(MEMBLOCK_REGION_COUNT, "/", null, root.offset(), root.children().size()
                    + " regions, the kernel keeps at most 8"));
        }
        for (Node r : root.children()) {
            String path = "/" + r.name();
            if (r.name().length() > 15) {
                sink.report(d(MEMBLOCK_REGION_NAME, path, null, r.offset(), r.name().length() + " characters, at most 15"));
            }
            String rc = SubBlobCodec.compatible(r);
            if (!MemblockBlob.REGION_COMPATIBLE.equals(rc)) {
                sink.report(d(MEMBLOCK_REGION_COMPATIBLE, path, "compatible", off(r, "compatible"), "\"" + rc
                        + "\", expected \"reserve-mem-v1\""));
            }
            long[] v = new long[2];
            String[] names = {"start", "size"};
            boolean ok = true;
            for (int i = 0; i < 2; i++) {
                Optional<Property> p = r.property(names[i]);
                if (p.isEmpty() || p.get().length() != 8) {
                    ok = false;
                    sink.report(d(MEMBLOCK_REGION_PROPERTY, path, names[i], p.map(Property::offset).orElse(r.offset()),
                            p.isEmpty() ? "missing" : p.get().length() + " bytes, expected 8"));
                } else {
                    v[i] = NativeBytes.u64(p.get().toByteArray(), 0, options.byteOrder());
                }
            }
            if (ok && (((v[0] | v[1]) & (options.pageSize() - 1)) != 0 || v[1] == 0)) {
                sink.report(d(MEMBLOCK_REGION_ALIGNMENT, path, null, r.offset(), "start 0x" + Long.toHexString(v[0])
                        + " size 0x" + Long.toHexString(v[1]) + ": not whole pages"));
            }
        }
    }

    private void khoTest(FdtTree t, DiagnosticSink sink) {
        Node root = t.root();
        String c = SubBlobCodec.compatible(root);
        if (!KhoTestBlob.COMPATIBLE.equals(c)) {
            sink.report(d(TEST_COMPATIBLE, "/", "compatible", off(root, "compatible"), "\"" + c
                    + "\", expected \"kho-test-v1\""));
        }
        Optional<Property> magic = root.property("magic");
        if (sized(magic, 4, "/", "magic", root, sink)) {
            int m = NativeBytes.u32(magic.get().toByteArray(), 0, options.byteOrder());
            if (m != KhoTestBlob.MAGIC) {
                sink.report(d(TEST_MAGIC, "/", "magic", magic.get().offset(), "0x" + Integer.toHexString(m)
                        + ", expected 0x4b484f21"));
            }
        }
        Optional<Node> data = root.child("data");
        if (data.isEmpty()) {
            sink.report(d(TEST_PROPERTY, "/", null, root.offset(), "no data node"));
            return;
        }
        Node dn = data.get();
        sized(dn.property("nr_folios"), 4, "/data", "nr_folios", dn, sink);
        sized(dn.property("csum"), 4, "/data", "csum", dn, sink);
        sized(dn.property("folios_info"), 16, "/data", "folios_info", dn, sink);
    }

    private boolean sized(Optional<Property> p, int len, String path, String name, Node n, DiagnosticSink sink) {
        if (p.isEmpty() || p.get().length() != len) {
            sink.report(d(TEST_PROPERTY, path, name, p.map(Property::offset).orElse(n.offset()),
                    p.isEmpty() ? "missing" : p.get().length() + " bytes, expected " + len));
            return false;
        }
        return true;
    }

    private void luoFdt(FdtTree t, DiagnosticSink sink) {
        Node root = t.root();
        String c = SubBlobCodec.compatible(root);
        if ("luo-v1".equals(c)) {
            u64Prop(root, "/", io.khotools.kho.blob.LuoFdtBlob.LIVEUPDATE_NUMBER, sink);
            luoNode(root, io.khotools.kho.blob.LuoFdtBlob.SESSION_NODE, io.khotools.kho.blob.LuoFdtBlob.SESSION_HEADER,
                    Set.of("luo-session-v1", "luo-session-v2"), true, sink);
            luoNode(root, io.khotools.kho.blob.LuoFdtBlob.FLB_NODE, io.khotools.kho.blob.LuoFdtBlob.FLB_HEADER,
                    Set.of("luo-flb-v1"), false, sink);
        } else if ("luo-v2".equals(c)) {
            u64Prop(root, "/", io.khotools.kho.blob.LuoFdtBlob.ABI_HEADER, sink);
        } else {
            sink.report(d(LUO_COMPATIBLE, "/", "compatible", off(root, "compatible"), "\"" + c
                    + "\" is no FDT form of LUO (luo-v1, luo-v2)"));
        }
    }

    private void luoNode(Node root, String name, String prop, Set<String> compats, boolean required, DiagnosticSink sink) {
        Optional<Node> n = root.child(name);
        if (n.isEmpty()) {
            if (required) {
                sink.report(d(LUO_PROPERTY, "/", null, root.offset(), "no " + name + " node"));
            }
            return;
        }
        String c = SubBlobCodec.compatible(n.get());
        if (!compats.contains(c)) {
            sink.report(d(LUO_NODE_COMPATIBLE, "/" + name, "compatible", off(n.get(), "compatible"), "\"" + c
                    + "\", expected one of " + new java.util.TreeSet<>(compats)));
        }
        u64Prop(n.get(), "/" + name, prop, sink);
    }

    private void u64Prop(Node n, String path, String name, DiagnosticSink sink) {
        Optional<Property> p = n.property(name);
        if (p.isEmpty() || p.get().length() != 8) {
            sink.report(d(LUO_PROPERTY, path, name, p.map(Property::offset).orElse(n.offset()),
                    p.isEmpty() ? "missing" : p.get().length() + " bytes, expected 8"));
        }
    }

    private void luoSer(byte[] b, List<Diagnostic> out) {
        int nul = -1;
        for (int i = 0; i < Math.min(b.length, 64); i++) {
            if (b[i] == 0) {
                nul = i;
                break;
            }
        }
        String c = nul < 0 ? null : NativeBytes.cString(b, 0, nul + 1);
        if (c == null || !(c.equals("luo-v3") || c.equals("luo-v4") || c.equals("luo-v5"))) {
            out.add(d(LUO_COMPATIBLE, null, null, 0, (c == null ? "no NUL-terminated compatible"
                    : "\"" + c + "\"") + ", expected luo-v3, luo-v4 or luo-v5 (or an FDT)"));
            return;
        }
        need(b, LuoSer.compatibleFieldSize(c) + 24, "luo_ser", out);
    }

    private void recordArray(byte[] b, int countOff, int headerSize, SubBlobType kind, boolean block, List<Diagnostic> out) {
        if (!need(b, headerSize, "record array header", out)) {
            return;
        }
        long count = NativeBytes.u64(b, countOff, options.byteOrder());
        int fit = (b.length - headerSize) / KhoBlock.entrySize(kind);
        if (Long.compareUnsigned(count, fit) > 0) {
            out.add(d(LUO_COUNT, null, null, countOff, "count " + Long.toUnsignedString(count) + " but the blob holds "
                    + fit + " records"));
        }
        recordNames(b, headerSize, (int) Math.min(Long.compareUnsigned(count, fit) > 0 ? fit : count, fit), kind, out);
    }

    private void recordNames(byte[] b, int off, int n, SubBlobType kind, List<Diagnostic> out) {
        int size = KhoBlock.entrySize(kind);
        int nameLen = size - 16;
        for (int i = 0; i < n; i++) {
            int p = off + i * size;
            if (!NativeBytes.hasNul(b, p, nameLen)) {
                out.add(d(LUO_RECORD_NAME, null, null, p, "record " + i + ": no NUL in its " + nameLen + "-byte name"));
            }
        }
    }

    private void kexecMetadata(byte[] b, List<Diagnostic> out) {
        if (!need(b, 4, "kexec-metadata version", out)) {
            return;
        }
        int v = NativeBytes.u32(b, 0, options.byteOrder());
        if (v != 1) {
            out.add(d(KEXEC_METADATA_VERSION, null, null, 0, "version " + v + ", expected 1"));
            return; // the kernel stops reading at a wrong version
        }
        if (b.length < KexecMetadata.SIZE) {
            out.add(d(KEXEC_METADATA_SIZE, null, null, b.length, b.length + " bytes, the struct has 73"));
            return;
        }
        if (!NativeBytes.hasNul(b, KexecMetadata.RELEASE_OFFSET, KexecMetadata.RELEASE_LENGTH)) {
            out.add(d(KEXEC_METADATA_RELEASE, null, null, KexecMetadata.RELEASE_OFFSET, "previous_release has no NUL"));
        }
    }

    private void memfd(SubBlobType type, byte[] b, List<Diagnostic> out) {
        int size = type == SubBlobType.MEMFD_V1 ? MemfdSer.SIZE_V1 : MemfdSer.SIZE_V2;
        if (!need(b, size, "memfd_luo_ser", out)) {
            return;
        }
        int vOff = size - KhoVmalloc.SIZE;
        if (type == SubBlobType.MEMFD_V2) {
            int seals = NativeBytes.u32(b, 16, options.byteOrder());
            if ((seals & ~MemfdSer.KNOWN_SEALS) != 0) {
                out.add(d(MEMFD_SEALS, null, null, 16, "seals 0x" + Integer.toHexString(seals)
                        + " outside F_SEAL_* (0x3f)"));
            }
        }
        vmalloc(b, vOff, out);
    }

    private void folios(byte[] b, List<Diagnostic> out) {
        for (int i = 0; i + MemfdFolio.SIZE <= b.length; i += MemfdFolio.SIZE) {
            long w = NativeBytes.u64(b, i, options.byteOrder());
            int flags = (int) (w >>> 52);
            if ((flags & ~(MemfdFolio.DIRTY | MemfdFolio.UPTODATE)) != 0) {
                out.add(d(MEMFD_FOLIO_FLAGS, null, null, i, "folio " + i / MemfdFolio.SIZE + " flags 0x"
                        + Integer.toHexString(flags)));
            }
        }
    }

    private void vmalloc(byte[] b, int off, List<Diagnostic> out) {
        ByteOrder o = options.byteOrder();
        long first = NativeBytes.u64(b, off, o);
        int flags = NativeBytes.u16(b, off + 12, o);
        int order = NativeBytes.u16(b, off + 14, o);
        if ((flags & ~(KhoVmalloc.FLAG_ALLOC | KhoVmalloc.FLAG_HUGE_VMAP)) != 0) {
            out.add(d(VMALLOC_FLAGS, null, null, off + 12, "flags 0x" + Integer.toHexString(flags) + " outside {1, 2}"));
        }
        if (order > MAX_PAGE_ORDER) {
            out.add(d(VMALLOC_ORDER, null, null, off + 14, "order " + order + " > " + MAX_PAGE_ORDER));
        }
        if ((first & (options.pageSize() - 1)) != 0) {
            out.add(d(VMALLOC_FIRST_ALIGNMENT, null, null, off, "first 0x" + Long.toHexString(first)
                    + " not page-aligned"));
        }
    }

    private void chunk(byte[] b, List<Diagnostic> out) {
        if (!need(b, 8, "kho_vmalloc_chunk header", out)) {
            return;
        }
        ByteOrder o = options.byteOrder();
        long mask = options.pageSize() - 1;
        if ((NativeBytes.u64(b, 0, o) & mask) != 0) {
            out.add(d(VMALLOC_CHUNK_ALIGNMENT, null, null, 0, "next not page-aligned"));
        }
        int slots = Math.min(VmallocChunk.capacity(options.pageSize()), (b.length - 8) / 8);
        boolean ended = false;
        for (int i = 0; i < slots; i++) {
            long v = NativeBytes.u64(b, 8 + 8 * i, o);
            if (v == 0) {
                ended = true;
            } else if (ended) {
                out.add(d(VMALLOC_CHUNK_AFTER_TERMINATOR, null, null, 8 + 8L * i, "piece " + i + " after the terminator"));
                break;
            } else if ((v & mask) != 0) {
                out.add(d(VMALLOC_CHUNK_ALIGNMENT, null, null, 8 + 8L * i, "piece " + i + " 0x" + Long.toHexString(v)
                        + " not page-aligned"));
            }
        }
    }

    private void block(SubBlobType type, byte[] b, List<Diagnostic> out) {
        if (!need(b, KhoBlock.HEADER_SIZE, "kho block header", out)) {
            return;
        }
        ByteOrder o = options.byteOrder();
        long next = NativeBytes.u64(b, 0, o);
        long count = NativeBytes.u64(b, 8, o);
        int cap = KhoBlock.capacity(type, options.pageSize());
        if ((next & (options.pageSize() - 1)) != 0) {
            out.add(d(BLOCK_NEXT_ALIGNMENT, null, null, 0, "next 0x" + Long.toHexString(next) + " not page-aligned"));
        }
        if (count == 0 || Long.compareUnsigned(count, cap) > 0) {
            out.add(d(BLOCK_COUNT, null, null, 8, "count " + Long.toUnsignedString(count) + ", must be 1.." + cap));
            return;
        }
        int fit = (b.length - KhoBlock.HEADER_SIZE) / KhoBlock.entrySize(type);
        if (count > fit) {
            out.add(d(BLOB_TRUNCATED, null, null, b.length, "count " + count + " but the blob holds " + fit + " entries"));
        }
        recordNames(b, KhoBlock.HEADER_SIZE, (int) Math.min(count, fit), type, out);
    }

    private static long off(Node n, String prop) {
        return n.property(prop).map(Property::offset).orElse(n.offset());
    }

    private static Diagnostic d(String id, String path, String property, long offset, String message) {
        return new Diagnostic(id, severity(id), path, property, offset < 0 ? -1 : offset, message);
    }
}
