package io.khotools.kho.gen;

import static io.khotools.kho.gen.DescriptionValues.optionalNumber;
import static io.khotools.kho.gen.DescriptionValues.optionalString;
import static io.khotools.kho.gen.DescriptionValues.pairs;
import static io.khotools.kho.gen.DescriptionValues.requiredNumber;
import static io.khotools.kho.gen.DescriptionValues.requiredString;
import static io.khotools.kho.gen.DescriptionValues.u64s;

import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.fdt.stream.WriteOptions;
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
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.SparseMemory;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import io.khotools.kho.scratch.ScratchArea;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds a whole handover state from a <em>handover description</em>: a device tree (written as DTS and
 * compiled, or as a DTB) whose root is {@code compatible = "khotools,handover-v1"} and which says, in plain
 * numbers, which generation to write, where the scratch areas are, which memory is preserved, and what each
 * subsystem hands over. The builder lays every structure out as the kernel would (blobs and arrays on their
 * own preserved pages, vmalloc areas with their chunk pages, LUO arrays or KHO block chains, the memory map
 * from the root's {@code preserved-memory-map}), so {@code kho validate} passes a description that asks for
 * nothing wrong; {@code not-preserved} and explicit addresses let a test build broken states on purpose. The
 * format is documented in {@code docs/kho-build.md}. Stateless.
 *
 * <pre>{@code
 * FdtTree description = FdtTree.read(compiledDts);
 * DescribedHandover h = HandoverDescription.build(description);
 * byte[] elf = ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(h.state(), h.placement()));
 * }</pre>
 */
public final class HandoverDescription {
    /** The root {@code compatible} that marks a handover description. */
    public static final String COMPATIBLE = "khotools,handover-v1";
    /** Default scratch array: lowmem 16 MiB + 240 MiB, global 1 GiB + 1 GiB, node 0 at 960 GiB + 512 MiB. */
    static final List<ScratchArea> DEFAULT_SCRATCH = List.of(new ScratchArea(16L << 20, 240L << 20),
            new ScratchArea(1L << 30, 1L << 30),
            new ScratchArea(HandoverGenerator.NODE_BLOCKS_END, HandoverGenerator.NODE_SCRATCH_SIZE));
    private static final Set<String> ROOT_PROPERTIES = Set.of("compatible", "generation", "kho-v1-bitmap",
            "page-size", "byte-order", "preserved-memory-map", "scratch", "preserved", "blocks", "image-placement",
            "blob-size");
    private static final int FDT_MAGIC = 0xd00dfeed;
    /** Addresses and sizes must stay below 2^52 (4 PiB), the widest physical address of x86-64 and arm64. */
    static final long PHYS_LIMIT = 1L << 52;
    /** At most this many preserved blocks (16 Mi, 64 GiB of order-0 pages): a range cannot ask for more. */
    static final int MAX_BLOCKS = 1 << 24;
    private static final Set<String> TYPES = Set.of("memblock", "kho_test", "kexec-metadata", "LUO", "raw");

    private HandoverDescription() {
    }

    /**
     * What {@link #build} returns.
     *
     * @param options byte order, page size and kho-v1 bitmap size of the state
     * @param model the state's model (what {@link io.khotools.kho.memory.StateDecoder} reads back)
     * @param state the state: root FDT, scratch array and the memory holding the map and every structure
     * @param placement where an image puts the {@code setup_data} record, the root FDT and the scratch array
     */
    public record DescribedHandover(KhoOptions options, HandoverModel model, KhoState state,
            HandoverImage.Placement placement) {
        /**
         * The whole handover as an ELF64 core: little-endian x86-64, or big-endian PowerPC64 for a big-endian
         * state.
         *
         * @throws DescriptionException if the image placement lands on the state's memory or the memory has
         *     more runs of pages than an ELF core can list
         */
        public byte[] toElf() {
            try {
                ElfCoreWriter writer = options.byteOrder() == ByteOrder.BIG_ENDIAN
                        ? ElfCoreWriter.of(ByteOrder.BIG_ENDIAN, EM_PPC64) : ElfCoreWriter.x86_64();
                return writer.toBytes(HandoverImage.compose(state, placement));
            } catch (IllegalArgumentException e) {
                throw new DescriptionException("/", "image-placement: " + e.getMessage());
            }
        }
    }

    /** {@code e_machine} of big-endian images: PowerPC64, a big-endian 64-bit machine. */
    private static final int EM_PPC64 = 21;

    /** A description that cannot be built: the message names the node path and property. */
    public static final class DescriptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DescriptionException(String where, String message) {
            super(where + ": " + message);
        }
    }

    /** Whether {@code tree}'s root says it is a handover description. */
    public static boolean isDescription(FdtTree tree) {
        return tree.root().property("compatible").map(p -> DescriptionValues.stringList(p).contains(COMPATIBLE)).orElse(false);
    }

    /**
     * Builds the state {@code description} describes.
     *
     * @throws DescriptionException for anything the description gets wrong, naming the node and property
     */
    public static DescribedHandover build(FdtTree description) {
        return new Run(description.root()).build();
    }

    /** One build: the options, the layout and the subsystems made so far. */
    private static final class Run {
        final Node root;
        final KhoAbi abi;
        final KhoOptions options;
        final HandoverLayout layout;
        /** Ranges written into memory, to refuse two things on the same bytes: start → [end, what]. */
        final TreeMap<Long, Object[]> written = new TreeMap<>();
        /** Data the description places without writing it (regions, folios): {start, length} and what. */
        final List<Object[]> data = new ArrayList<>();

        Run(Node root) {
            this.root = root;
            if (!isDescription(new FdtTree(root, List.of(), 0, 17))) {
                throw new DescriptionException("/", "compatible must be \"" + COMPATIBLE + "\"");
            }
            for (Property p : root.properties()) {
                if (!ROOT_PROPERTIES.contains(p.name())) {
                    throw new DescriptionException("/", "unknown property '" + p.name() + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(ROOT_PROPERTIES)) + ")");
                }
            }
            String gen = requiredString(root, "/", "generation");
            String bitmap = optionalString(root, "/", "kho-v1-bitmap").orElse("page");
            KhoAbi.V1Bitmap v1 = switch (bitmap) {
                case "page" -> KhoAbi.V1Bitmap.PAGE;
                case "512" -> KhoAbi.V1Bitmap.BYTES_512;
                default -> throw new DescriptionException("/", "kho-v1-bitmap: \"page\" or \"512\", not \"" + bitmap
                        + "\"");
            };
            this.abi = KhoAbi.detect(gen, v1).map(KhoAbi.Detection::abi).orElseThrow(() -> new DescriptionException(
                    "/", "generation: \"" + gen + "\" is not a KHO generation (kho-v1, kho-v2, kho-v3, kho-v4, "
                            + "kho-v4;radix-v1;vmalloc-v1)"));
            long pageSize = optionalNumber(root, "/", "page-size").orElse(4096L);
            if (pageSize < 4096 || pageSize > 65536 || Long.bitCount(pageSize) != 1) {
                throw new DescriptionException("/", "page-size: a power of two from 4096 to 65536, not " + pageSize);
            }
            String order = optionalString(root, "/", "byte-order").orElse("little");
            ByteOrder bo = switch (order) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new DescriptionException("/", "byte-order: \"little\" or \"big\", not \"" + order
                        + "\"");
            };
            KhoOptions o = new KhoOptions(bo, Long.numberOfTrailingZeros(pageSize), null);
            if (abi == KhoAbi.V1_BITMAP_512 || abi == KhoAbi.V1_BITMAP_PAGE) {
                o = o.withV1Bitmap(v1);
            }
            if (!HandoverSpec.representable(abi, o.pageShift())) {
                throw new DescriptionException("/", abi.compatible() + " cannot hold order-0 blocks with "
                        + pageSize / 1024 + " KiB pages (kho-format.md §4.2)");
            }
            this.options = o;
            this.layout = new HandoverLayout(o);
        }

        DescribedHandover build() {
            Map<String, SubsystemModel> subs = new LinkedHashMap<>();
            boolean raw = false;
            for (Node child : root.children()) {
                String where = "/" + child.name();
                if (subs.containsKey(child.name())) {
                    throw new DescriptionException(where, "a second subsystem of that name (the kernel refuses it)");
                }
                layout.beginSubsystem();
                try {
                    SubBlob blob = subsystem(child, where);
                    byte[] bytes = SubBlobCodec.encode(blob, options);
                    raw |= bytes.length < 4 || NativeBytes.u32(bytes, 0, ByteOrder.BIG_ENDIAN) != FDT_MAGIC;
                    long at = blobAddress(child, where, bytes.length);
                    subs.put(child.name(), new SubsystemModel(child.name(), at, blob, layout.structures,
                            layout.vmallocs));
                } catch (IllegalArgumentException e) {
                    // a value the model's own checks refuse (a name too long for its field, a full layout area)
                    throw new DescriptionException(where, e.getMessage());
                }
            }
            try {
                return finish(subs, raw);
            } catch (IllegalArgumentException e) {
                throw new DescriptionException("/", e.getMessage());
            }
        }

        /** The blob's address (given, or placed by the layout); its pages preserved unless asked not to. */
        long blobAddress(Node child, String where, int size) {
            Optional<Long> given = optionalNumber(child, where, "address");
            if (given.isEmpty()) {
                if (child.hasProperty("not-preserved")) {
                    throw new DescriptionException(where, "not-preserved needs an explicit address");
                }
                return layout.struct(size);
            }
            long at = pageAligned(given.get(), where, "address");
            if (!child.hasProperty("not-preserved")) {
                long end = (at + size + layout.page - 1) & -layout.page;
                preserveRange(at, Math.max(end, at + layout.page), where, "address");
            }
            return at;
        }

        /** The root's ranges and blocks, the map, the root FDT, the model and the state. */
        DescribedHandover finish(Map<String, SubsystemModel> subs, boolean raw) {
            for (long[] r : pairs(root, "/", "preserved")) {
                checkAligned(r[0], "/", "preserved");
                checkAligned(r[1], "/", "preserved");
                preserveRange(r[0], r[0] + r[1], "/", "preserved");
            }
            for (long[] b : pairs(root, "/", "blocks")) {
                if (b[1] < 0 || b[1] > PreservedBlocks.maxOrder(layout.shift)) {
                    throw new DescriptionException("/", "blocks: order " + b[1] + " out of range 0.."
                            + PreservedBlocks.maxOrder(layout.shift));
                }
                if ((b[0] & ((layout.page << b[1]) - 1)) != 0) {
                    throw new DescriptionException("/", "blocks: 0x" + Long.toHexString(b[0])
                            + " is not aligned to its order " + b[1]);
                }
                preserveBlock(b[0], (int) b[1], "/", "blocks");
            }
            PreservedBlocks set = layout.blocks.build();
            long mapAt = optionalNumber(root, "/", "preserved-memory-map")
                    .orElse(!abi.radixTree() && set.count() == 0 ? 0 : HandoverGenerator.MAP_BASE);
            if (mapAt != 0) {
                pageAligned(mapAt, "/", "preserved-memory-map");
            } else if (set.count() > 0) {
                throw new DescriptionException("/", "preserved-memory-map: 0 with preserved blocks");
            }
            List<ScratchArea> scratch = scratch();
            KhoHandoverBuilder b = KhoHandover.builder(abi).options(options).preservedMemoryMap(mapAt)
                    .v2BlobSize(raw || root.hasProperty("blob-size"));
            subs.values().forEach(s -> b.subtree(s.name(), s.address(), s.blob()));
            KhoTree tree = b.build().root();
            List<SubsystemModel> ordered = new ArrayList<>();
            for (KhoSubtree t : tree.subtrees()) {
                ordered.add(subs.get(t.name()));
            }
            HandoverModel model = new HandoverModel(tree, scratch, set, ordered);
            checkOverlaps(model, mapAt);
            KhoState state;
            try {
                state = StateEncoder.encode(model, options);
            } catch (IllegalArgumentException e) {
                throw new DescriptionException("/", e.getMessage());
            }
            return new DescribedHandover(options, model, state, placement());
        }

        /** The blob of one subsystem node, its structures laid out and recorded. */
        SubBlob subsystem(Node node, String where) {
            Optional<Node> fdt = node.child("fdt");
            if (fdt.isPresent() || node.hasProperty("data")) {
                if (fdt.isPresent() && node.hasProperty("data")) {
                    throw new DescriptionException(where, "give either a data property or an fdt node, not both");
                }
                return verbatim(node, fdt, where);
            }
            String type = optionalString(node, where, "type").orElse(TYPES.contains(node.name()) ? node.name()
                    : "raw");
            return switch (type) {
                case "memblock" -> memblock(node, where);
                case "kho_test" -> khoTest(node, where);
                case "kexec-metadata" -> kexecMetadata(node, where);
                case "LUO" -> luo(node, where);
                case "raw" -> throw new DescriptionException(where, "a subsystem of unknown type needs a data "
                        + "property or an fdt node (or a type: memblock, kho_test, kexec-metadata, LUO)");
                default -> throw new DescriptionException(where, "type: \"" + type
                        + "\" is not one of memblock, kho_test, kexec-metadata, LUO, raw");
            };
        }

        /** A blob given as bytes ({@code data}) or as an FDT ({@code fdt} node, written as libfdt does). */
        SubBlob verbatim(Node node, Optional<Node> fdt, String where) {
            if (fdt.isEmpty()) {
                byte[] bytes = node.property("data").orElseThrow().toByteArray();
                if (bytes.length == 0) {
                    throw new DescriptionException(where, "data: empty (a blob needs at least one byte)");
                }
                return new RawBlob(bytes, null);
            }
            FdtTree sub = FdtTree.of(fdt.get().withName(""));
            ByteBuf buf = sub.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt());
            try {
                return new RawBlob(ByteBufUtil.getBytes(buf), sub);
            } finally {
                buf.release();
            }
        }

        SubBlob memblock(Node node, String where) {
            List<ReserveMem> regions = new ArrayList<>();
            for (Node r : node.children()) {
                String rw = where + "/" + r.name();
                long size = requiredNumber(r, rw, "size");
                if (size <= 0 || size > PHYS_LIMIT) {
                    throw new DescriptionException(rw, "size: must be more than 0 and at most 2^52");
                }
                long rounded = (size + layout.page - 1) & -layout.page;
                Optional<Long> start = optionalNumber(r, rw, "start");
                long at;
                if (start.isEmpty()) {
                    if (r.hasProperty("not-preserved")) {
                        throw new DescriptionException(rw, "not-preserved needs an explicit start");
                    }
                    at = layout.dataRange(rounded);
                } else {
                    at = pageAligned(start.get(), rw, "start");
                    if (!r.hasProperty("not-preserved")) {
                        preserveRange(at, at + rounded, rw, "start");
                    }
                }
                data.add(new Object[] {at, rounded, rw});
                regions.add(new ReserveMem(r.name(), at, size));
            }
            return new MemblockBlob(regions);
        }

        SubBlob kexecMetadata(Node node, String where) {
            String release = optionalString(node, where, "release").orElse("");
            if (release.length() >= KexecMetadata.RELEASE_LENGTH) {
                throw new DescriptionException(where, "release: at most " + (KexecMetadata.RELEASE_LENGTH - 1)
                        + " characters");
            }
            int version = (int) u32(node, where, "version", 1);
            return new KexecMetadata(version, release, u32(node, where, "count", 0));
        }

        SubBlob khoTest(Node node, String where) {
            List<long[]> folios = folios(node, where);
            byte[] words = new byte[folios.size() * 8];
            for (int i = 0; i < folios.size(); i++) {
                NativeBytes.putU64(words, i * 8, folios.get(i)[0] | folios.get(i)[1], options.byteOrder());
            }
            KhoVmalloc d = layout.vmalloc(node.name() + "/folios_info", new RawBlob(words, null),
                    vmallocOrder(node, where));
            return new KhoTestBlob((int) u32(node, where, "magic", KhoTestBlob.MAGIC & 0xffff_ffffL), folios.size(), d,
                    (int) u32(node, where, "csum", 0));
        }

        SubBlob luo(Node node, String where) {
            String version = optionalString(node, where, "format").orElse(HandoverLayout.luoVersion(abi));
            if (!Set.of("luo-v1", "luo-v3", "luo-v4", "luo-v5").contains(version)) {
                throw new DescriptionException(where, "format: one of luo-v1, luo-v3, luo-v4, luo-v5, not \"" + version
                        + "\"");
            }
            List<Node> sessions = new ArrayList<>();
            Node flbNode = null;
            for (Node c : node.children()) {
                if (c.name().equals("flbs")) {
                    flbNode = c;
                } else {
                    sessions.add(c);
                }
            }
            List<String> names = new ArrayList<>();
            for (Node s : sessions) {
                String name = optionalString(s, where + "/" + s.name(), "session-name").orElse(s.name());
                if (name.length() >= 64) {
                    throw new DescriptionException(where + "/" + s.name(), "session-name: at most 63 characters");
                }
                names.add(name);
            }
            Node flbs = flbNode;
            return layout.luo(version, optionalNumber(node, where, "liveupdate-number").orElse(0L), names,
                    (i, filesPath, memfds) -> {
                        List<LuoRecord> files = new ArrayList<>();
                        Node s = sessions.get(i);
                        for (Node f : s.children()) {
                            files.add(file(f, where + "/" + s.name() + "/" + f.name(),
                                    filesPath + "[" + files.size() + "]", memfds));
                        }
                        return files;
                    }, () -> {
                        List<LuoRecord> out = new ArrayList<>();
                        if (flbs != null) {
                            for (Node f : flbs.children()) {
                                String fw = where + "/flbs/" + f.name();
                                out.add(new LuoRecord.Flb(name48(f, fw), optionalNumber(f, fw, "data").orElse(0L),
                                        optionalNumber(f, fw, "count").orElse(1L)));
                            }
                        }
                        return out;
                    });
        }

        /** One LUO file; a {@code memfd-v*} file gets its struct and folio array laid out. */
        LuoRecord.File file(Node f, String where, String path, List<LocatedBlob> memfds) {
            String compatible = optionalString(f, where, "compatible").orElse("khotools-file-v1");
            if (compatible.length() >= 48) {
                throw new DescriptionException(where, "compatible: at most 47 characters");
            }
            long token = optionalNumber(f, where, "token").orElse(0L);
            if (!compatible.startsWith("memfd-v")) {
                return new LuoRecord.File(compatible, optionalNumber(f, where, "data").orElse(0L), token);
            }
            int flags = (int) u32(f, where, "folio-flags", MemfdFolio.UPTODATE);
            List<MemfdFolio> folios = new ArrayList<>();
            long index = 0;
            for (long[] folio : folios(f, where)) {
                folios.add(new MemfdFolio(folio[0] >>> layout.shift, flags, index));
                index += 1L << folio[1];
            }
            KhoVmalloc d = layout.vmalloc(path + "/memfd/folios", new MemfdFolioArray(folios), vmallocOrder(f, where));
            long size = optionalNumber(f, where, "size").orElse(index * layout.page);
            long pos = optionalNumber(f, where, "pos").orElse(0L);
            MemfdSer ser = compatible.equals("memfd-v1")
                    ? new MemfdSer(1, pos, size, 0, 0, folios.size(), d)
                    : new MemfdSer(2, pos, size, (int) u32(f, where, "seals", 0), 0, folios.size(), d);
            long at = layout.struct(ser.encodedSize());
            memfds.add(new LocatedBlob(path + "/memfd", at, ser));
            return new LuoRecord.File(compatible, at, token);
        }

        /**
         * {@code folios = /bits/ 64 <address order ...>}: each folio preserved as one block of its order (not
         * with {@code not-preserved}); address 0 asks the layout for one.
         */
        List<long[]> folios(Node node, String where) {
            List<long[]> out = new ArrayList<>();
            for (long[] f : pairs(node, where, "folios")) {
                int maxOrder = Math.min(20, PreservedBlocks.maxOrder(layout.shift));
                if (f[1] < 0 || f[1] > maxOrder) {
                    throw new DescriptionException(where, "folios: order " + f[1] + " out of range 0.." + maxOrder);
                }
                int order = (int) f[1];
                long at;
                if (f[0] == 0) {
                    at = layout.data(order);
                } else {
                    if ((f[0] & ((layout.page << order) - 1)) != 0) {
                        throw new DescriptionException(where, "folios: 0x" + Long.toHexString(f[0])
                                + " is not aligned to its order " + order);
                    }
                    at = f[0];
                    if (!node.hasProperty("folios-not-preserved")) {
                        preserveBlock(at, order, where, "folios");
                    }
                }
                data.add(new Object[] {at, layout.page << order, where + " folio " + out.size()});
                out.add(new long[] {at, order});
            }
            return out;
        }

        int vmallocOrder(Node node, String where) {
            long order = u32(node, where, "vmalloc-order", 0);
            if (order > 10) {
                throw new DescriptionException(where, "vmalloc-order: 0..10, not " + order);
            }
            return (int) order;
        }

        String name48(Node f, String where) {
            String name = optionalString(f, where, "flb-name").orElse(f.name());
            if (name.length() >= 48) {
                throw new DescriptionException(where, "flb-name: at most 47 characters");
            }
            return name;
        }

        List<ScratchArea> scratch() {
            if (!root.hasProperty("scratch")) {
                return DEFAULT_SCRATCH;
            }
            List<ScratchArea> out = new ArrayList<>();
            for (long[] p : pairs(root, "/", "scratch")) {
                out.add(new ScratchArea(p[0], p[1]));
            }
            return out;
        }

        HandoverImage.Placement placement() {
            if (!root.hasProperty("image-placement")) {
                return HandoverGenerator.PLACEMENT;
            }
            long[] v = u64s(root, "/", "image-placement");
            if (v.length != 3) {
                throw new DescriptionException("/", "image-placement: three /bits/ 64 numbers (setup_data, root FDT, "
                        + "scratch array), not " + v.length);
            }
            return new HandoverImage.Placement(v[0], v[1], v[2]);
        }

        /** Refuses two written things on the same bytes: blobs, structures, chunk pages, pieces, map area. */
        void checkOverlaps(HandoverModel model, long mapAt) {
            for (SubsystemModel s : model.subsystems()) {
                claim(s.address(), SubBlobCodec.encode(s.blob(), options).length, "/" + s.name());
                for (LocatedBlob b : s.structures()) {
                    claim(b.address(), SubBlobCodec.encode(b.blob(), options).length, b.path());
                }
                for (VmallocArea v : s.vmallocs()) {
                    for (LocatedBlob c : v.chunks()) {
                        claim(c.address(), layout.page, c.path());
                    }
                    for (long p : v.pieces()) {
                        claim(p, v.pieceBytes(layout.shift), v.path() + " piece");
                    }
                }
            }
            for (Object[] d : data) {
                claim((long) d[0], (long) d[1], (String) d[2]);
            }
            if (mapAt != 0) {
                SparseMemory map = new SparseMemory(layout.shift);
                StateEncoder.encodeMap(model.blocks(), abi, options, map, mapAt);
                long pages = map.pageCount();
                claim(mapAt, pages << layout.shift, "memory map");
            }
        }

        void claim(long at, long len, String what) {
            if (len <= 0) {
                return;
            }
            long end = at + len;
            Map.Entry<Long, Object[]> below = written.floorEntry(end - 1);
            if (below != null && (long) below.getValue()[0] > at) {
                // a description path names the node; a laid-out structure (LUO/sessions...) only the root
                boolean node = what.startsWith("/");
                throw new DescriptionException(node ? what : "/", (node ? "" : what + " ") + PhysRange.of(at, len)
                        + " overlaps " + below.getValue()[1] + " " + new PhysRange(below.getKey(),
                        (long) below.getValue()[0]) + " (the layout uses 4-32 GiB and the map's pages from"
                        + " preserved-memory-map: give addresses outside them)");
            }
            written.put(at, new Object[] {end, what});
        }

        long pageAligned(long v, String where, String prop) {
            checkAligned(v, where, prop);
            return v;
        }

        void checkAligned(long v, String where, String prop) {
            if ((v & (layout.page - 1)) != 0) {
                throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(v) + " is not page-aligned ("
                        + layout.page + " bytes)");
            }
            if (v < 0 || v >= PHYS_LIMIT) {
                throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(v) + " is not below 2^52");
            }
        }

        /**
         * Preserves {@code [start, end)} split as the kernel does, refusing ranges past 2^52 and ranges that
         * would make more than {@link #MAX_BLOCKS} blocks (checked before any is made).
         */
        void preserveRange(long start, long end, String where, String prop) {
            if (start < 0 || end < start || end > PHYS_LIMIT) {
                throw new DescriptionException(where, prop + ": range " + new PhysRange(start, end)
                        + " is not below 2^52");
            }
            int maxOrder = PreservedBlocks.maxOrder(layout.shift);
            long most = ((end - start) >>> (layout.shift + maxOrder)) + 2L * (maxOrder + 1);
            if (layout.blocks.count() + most > MAX_BLOCKS) {
                throw new DescriptionException(where, prop + ": range " + new PhysRange(start, end) + " would make"
                        + " more than " + MAX_BLOCKS + " preserved blocks");
            }
            layout.blocks.addRange(start, end);
        }

        void preserveBlock(long at, int order, String where, String prop) {
            if (at + (layout.page << order) > PHYS_LIMIT) {
                throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(at) + " is not below 2^52");
            }
            if (layout.blocks.count() >= MAX_BLOCKS) {
                throw new DescriptionException(where, prop + ": more than " + MAX_BLOCKS + " preserved blocks");
            }
            layout.blocks.add(at, order);
        }

        static long u32(Node node, String where, String prop, long dflt) {
            long v = optionalNumber(node, where, prop).orElse(dflt);
            if (v < 0 || v > 0xffff_ffffL) {
                throw new DescriptionException(where, prop + ": does not fit 32 bits");
            }
            return v;
        }
    }
}
