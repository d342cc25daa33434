package io.khotools.kho.gen;

import static io.khotools.kho.gen.DescriptionValues.optionalNumber;
import static io.khotools.kho.gen.DescriptionValues.optionalString;
import static io.khotools.kho.gen.DescriptionValues.pairs;
import static io.khotools.kho.gen.DescriptionValues.requiredString;
import static io.khotools.kho.gen.DescriptionValues.u64s;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.fdt.value.PropertyValues;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.scratch.ScratchArea;
import io.netty.buffer.ByteBuf;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
        Optional<Property> compatible = tree.root().property("compatible");
        return compatible.isPresent() && names(compatible.get().toByteArray());
    }

    /**
     * Whether a DTB's root says it is a handover description. Reads the root's properties only, so that a
     * caller can ask of any blob before deciding how to read it; an unreadable blob is not a description.
     */
    public static boolean isDescription(ByteBuf blob) {
        try {
            FdtReader r = FdtReader.open(blob);
            // the root's properties come before its first subnode, which ends the loop at depth 2
            for (FdtToken t = r.next(); t != FdtToken.END && r.depth() <= 1; t = r.next()) {
                if (t == FdtToken.PROP && r.propertyNameEquals("compatible")) {
                    return names(r.propertyValueBytes());
                }
            }
            return false;
        } catch (FdtException e) {
            return false;
        }
    }

    /** Whether a {@code compatible} value names {@link #COMPATIBLE}. */
    private static boolean names(byte[] compatible) {
        try {
            return PropertyValues.stringList(compatible).contains(COMPATIBLE);
        } catch (FdtException e) {
            return false;
        }
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
        final DescribedMemory memory;
        final SubsystemDescriptions subsystems;

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
            this.memory = new DescribedMemory(o);
            this.layout = memory.layout;
            this.subsystems = new SubsystemDescriptions(abi, memory);
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
                    SubBlob blob = subsystems.subsystem(child, where);
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
            long at = memory.pageAligned(given.get(), where, "address");
            if (!child.hasProperty("not-preserved")) {
                long end = (at + size + layout.page - 1) & -layout.page;
                memory.preserveRange(at, Math.max(end, at + layout.page), where, "address");
            }
            return at;
        }

        /** The root's ranges and blocks, the map, the root FDT, the model and the state. */
        DescribedHandover finish(Map<String, SubsystemModel> subs, boolean raw) {
            for (long[] r : pairs(root, "/", "preserved")) {
                memory.checkAligned(r[0], "/", "preserved");
                memory.checkAligned(r[1], "/", "preserved");
                memory.preserveRange(r[0], r[0] + r[1], "/", "preserved");
            }
            for (long[] b : pairs(root, "/", "blocks")) {
                int order = memory.checkBlock(b[0], b[1], PreservedBlocks.maxOrder(layout.shift), "/", "blocks");
                memory.preserveBlock(b[0], order, "/", "blocks");
            }
            PreservedBlocks set = layout.blocks.build();
            long mapAt = optionalNumber(root, "/", "preserved-memory-map")
                    .orElse(!abi.radixTree() && set.count() == 0 ? 0 : HandoverGenerator.MAP_BASE);
            if (mapAt != 0) {
                memory.pageAligned(mapAt, "/", "preserved-memory-map");
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
            memory.checkOverlaps(model, abi, mapAt);
            KhoState state;
            try {
                state = StateEncoder.encode(model, options);
            } catch (IllegalArgumentException e) {
                throw new DescriptionException("/", e.getMessage());
            }
            return new DescribedHandover(options, model, state, placement());
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

    }
}
