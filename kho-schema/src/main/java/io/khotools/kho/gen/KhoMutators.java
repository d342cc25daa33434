package io.khotools.kho.gen;

import static io.khotools.kho.NativeBytes.u64Bytes;
import static io.khotools.kho.gen.KhoMutationBytes.withU16;
import static io.khotools.kho.gen.KhoMutationBytes.withU32;
import static io.khotools.kho.gen.KhoMutationBytes.withU64;

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
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.blob.VmallocChunk;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.RadixGeometry;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The catalogue of {@link KhoMutator}s: root FDT, scratch array, every sub-blob type, whole images and (where an
 * edit of the scratch array suffices) whole states, each labelled with the {@link KhoRules} id it triggers.
 * Each applies to any valid input of its target that has what it aims at (a subtree, a region, a record ...);
 * targets and values come from the seed.
 *
 * <pre>{@code
 * KhoOptions o = KhoOptions.DEFAULT;
 * for (KhoMutator<byte[]> m : KhoMutators.rootMutators()) {
 *     if (m.appliesTo(validRoot, o)) {
 *         byte[] broken = m.apply(validRoot, o, 1);
 *     }
 * }
 * }</pre>
 *
 * <p>State mutators edit physical memory through {@link KhoMutatedMemory} (patches over the shared original).
 * Rules no mutator here reaches are listed, with the reason, by {@link #unreachable()}.
 */
public final class KhoMutators {
    private static final long PAGEBLOCK = KhoValidator.PAGEBLOCK;
    private static final List<KhoMutator<byte[]>> ROOTS = roots();
    private static final List<KhoMutator<byte[]>> SCRATCH = scratch();
    private static final List<KhoMutator<byte[]>> BLOBS = blobs();
    private static final List<KhoMutator<KhoImage>> IMAGES = images();
    private static final List<KhoMutator<KhoState>> STATES = states();
    private static final List<KhoMutator<?>> ALL = concat();

    private KhoMutators() {}

    /** Mutators of root FDT bytes. */
    public static List<KhoMutator<byte[]>> rootMutators() {
        return ROOTS;
    }

    /** Mutators of binary scratch arrays. */
    public static List<KhoMutator<byte[]>> scratchMutators() {
        return SCRATCH;
    }

    /** Mutators of sub-blob bytes, each for one {@link KhoMutator#blobType()}. */
    public static List<KhoMutator<byte[]>> blobMutators() {
        return BLOBS;
    }

    /** Mutators of sub-blob bytes of {@code type}. */
    public static List<KhoMutator<byte[]>> blobMutators(SubBlobType type) {
        return BLOBS.stream().filter(m -> m.blobType().orElseThrow() == type).toList();
    }

    /** Mutators of whole images (root + sub-blobs + scratch). */
    public static List<KhoMutator<KhoImage>> imageMutators() {
        return IMAGES;
    }

    /** Mutators of whole states with physical memory. */
    public static List<KhoMutator<KhoState>> stateMutators() {
        return STATES;
    }

    /** Every mutator: roots, scratch, blobs, images, states. */
    public static List<KhoMutator<?>> all() {
        return ALL;
    }

    /** The mutators that trigger {@code ruleId}. */
    public static List<KhoMutator<?>> forRule(String ruleId) {
        return ALL.stream().filter(m -> m.ruleId().equals(ruleId)).toList();
    }

    /**
     * The mutator called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static KhoMutator<?> named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KHO mutator " + name));
    }

    /** KHO rule ids no mutator here triggers, each with the reason. */
    public static Map<String, String> unreachable() {
        String blocks = "needs the preserved block set itself changed and the map re-encoded (the kho-v1 bitmap "
                + "entries, or two overlapping blocks), not a patch of an encoded map; the testdata/kho/memory "
                + "fixtures build such states from a block set";
        Map<String, String> m = new LinkedHashMap<>();
        for (String id : List.of(KhoRules.MAP_PHYS_START, KhoRules.MAP_BLOCK_ALIGNMENT, KhoRules.MAP_OVERLAP)) {
            m.put(id, blocks);
        }
        return m;
    }

    private static List<KhoMutator<?>> concat() {
        List<KhoMutator<?>> all = new ArrayList<>();
        all.addAll(ROOTS);
        all.addAll(SCRATCH);
        all.addAll(BLOBS);
        all.addAll(IMAGES);
        all.addAll(STATES);
        if (all.stream().map(KhoMutator::name).distinct().count() != all.size()) {
            throw new IllegalStateException("duplicate KHO mutator name");
        }
        return List.copyOf(all);
    }

    // ================================================================ root

    /** An edit of the root node of a root FDT whose generation is known. */
    @FunctionalInterface
    private interface RootEdit {
        Node apply(Node root, KhoAbi abi, KhoOptions o, Random r);
    }

    /** What a root edit needs. */
    @FunctionalInterface
    private interface RootNeed {
        boolean test(Node root, KhoAbi abi);
    }

    private static KhoMutator<byte[]> root(String name, String description, RootNeed need, RootEdit edit) {
        return new KhoMutator<>(name, description, KhoMutationTarget.ROOT, null,
                (b, o) -> {
                    FdtTree t = KhoMutationBytes.readTree(b);
                    return need.test(t.root(), abiOf(t.root(), o));
                },
                (b, o, r) -> {
                    FdtTree t = KhoMutationBytes.readTree(b);
                    return KhoMutationBytes.writeTree(t.withRoot(edit.apply(t.root(), abiOf(t.root(), o), o, r)));
                });
    }

    private static KhoAbi abiOf(Node root, KhoOptions o) {
        List<String> compat = root.property("compatible").orElseThrow().asStringList();
        return KhoAbi.detect(compat, o.v1Bitmap()).orElseThrow().abi();
    }

    private static List<KhoMutator<byte[]>> roots() {
        List<KhoMutator<byte[]>> c = new ArrayList<>();
        RootNeed any = (n, a) -> true;
        RootNeed child = (n, a) -> !n.children().isEmpty();
        c.add(new KhoMutator<>("kho.root.truncated--cut", "cuts the file short of its totalsize",
                KhoMutationTarget.ROOT, null, (b, o) -> abiOf(KhoMutationBytes.readTree(b).root(), o) != null
                        && b.length > 40,
                (b, o, r) -> Arrays.copyOf(b, 40 + r.nextInt(b.length - 40))));
        c.add(root("kho.root.too-large--padding-property", "adds a property larger than a page", any,
                (n, a, o, r) -> n.withProperty(Property.of("gen-padding", new byte[o.pageSize() + r.nextInt(o.pageSize())]))));
        c.add(root("kho.root.compatible--missing-or-unterminated", "removes compatible, or drops its final NUL",
                any, (n, a, o, r) -> {
                    if (r.nextBoolean()) {
                        return n.withoutProperty("compatible");
                    }
                    byte[] v = n.property("compatible").orElseThrow().toByteArray();
                    return n.withProperty(Property.of("compatible", Arrays.copyOf(v, v.length - 1)));
                }));
        c.add(root("kho.root.generation-unknown--future", "names a generation no kernel wrote", any,
                (n, a, o, r) -> n.withProperty(Property.string("compatible", r.nextBoolean()
                        ? "kho-v" + (5 + r.nextInt(90)) : "gen-" + letters(r, 1 + r.nextInt(8))))));
        c.add(root("kho.root.memory-map-missing--removed", "removes preserved-memory-map", any,
                (n, a, o, r) -> n.withoutProperty(KhoAbi.MEMORY_MAP_PROPERTY)));
        c.add(root("kho.root.memory-map-size--not-eight", "gives preserved-memory-map 0-16 bytes, not 8", any,
                (n, a, o, r) -> n.withProperty(Property.of(KhoAbi.MEMORY_MAP_PROPERTY, randomBytes(r, notEight(r))))));
        c.add(root("kho.root.memory-map-zero--radix", "sets the radix-tree root to 0", (n, a) -> a.radixTree(),
                (n, a, o, r) -> n.withProperty(Property.of(KhoAbi.MEMORY_MAP_PROPERTY, u64Bytes(0, o.byteOrder())))));
        c.add(root("kho.root.memory-map-unset--v1", "sets the kho-v1 chunk list to 0", (n, a) -> !a.radixTree(),
                (n, a, o, r) -> n.withProperty(Property.of(KhoAbi.MEMORY_MAP_PROPERTY, u64Bytes(0, o.byteOrder())))));
        c.add(root("kho.root.memory-map-alignment--off-page", "moves preserved-memory-map off its page boundary",
                (n, a) -> n.property(KhoAbi.MEMORY_MAP_PROPERTY).map(p -> p.length() == 8).orElse(false),
                (n, a, o, r) -> {
                    long v = NativeBytes.u64(n.property(KhoAbi.MEMORY_MAP_PROPERTY).get().toByteArray(), 0, o.byteOrder());
                    long bad = v | (1 + r.nextInt(o.pageSize() - 1));
                    return n.withProperty(Property.of(KhoAbi.MEMORY_MAP_PROPERTY, u64Bytes(bad, o.byteOrder())));
                }));
        c.add(root("kho.root.nested-node--grandchild", "adds a node below a subtree node", child,
                (n, a, o, r) -> editChild(n, r, x -> x.withChildren(append(x.children(), Node.empty(letters(r, 1 + r.nextInt(8))))))));
        c.add(root("kho.subtree.pointer-missing--removed-or-renamed", "removes a subtree's pointer, or gives it "
                + "the other generations' name", child, (n, a, o, r) -> editChild(n, r, x -> {
                    Property p = x.property(a.dataProperty()).orElse(null);
                    Node without = x.withoutProperty(a.dataProperty());
                    String other = a.dataProperty().equals("fdt") ? "preserved-data" : "fdt";
                    return p == null || r.nextBoolean() ? without : without.withProperty(Property.of(other, p.toByteArray()));
                })));
        c.add(root("kho.subtree.pointer-size--not-eight", "gives a subtree pointer 0-16 bytes, not 8", child,
                (n, a, o, r) -> editChild(n, r, x -> x.withProperty(Property.of(a.dataProperty(), randomBytes(r, notEight(r)))))));
        c.add(root("kho.subtree.pointer-null--zero", "sets a subtree pointer to 0", child,
                (n, a, o, r) -> editChild(n, r, x -> x.withProperty(Property.of(a.dataProperty(), u64Bytes(0, o.byteOrder()))))));
        c.add(root("kho.subtree.blob-size-missing--removed", "removes blob-size where the generation requires it",
                (n, a) -> !n.children().isEmpty() && a.blobSize() == KhoAbi.BlobSize.REQUIRED,
                (n, a, o, r) -> editChild(n, r, x -> x.withoutProperty(KhoAbi.BLOB_SIZE_PROPERTY))));
        c.add(root("kho.subtree.blob-size-size--not-eight", "gives blob-size 0-16 bytes, not 8",
                (n, a) -> !n.children().isEmpty() && a.blobSize() != KhoAbi.BlobSize.ABSENT,
                (n, a, o, r) -> editChild(n, r, x -> x.withProperty(Property.of(KhoAbi.BLOB_SIZE_PROPERTY,
                        randomBytes(r, notEight(r)))))));
        c.add(root("kho.subtree.blob-size-unexpected--in-v1", "adds blob-size to a kho-v1 subtree",
                (n, a) -> !n.children().isEmpty() && a.blobSize() == KhoAbi.BlobSize.ABSENT,
                (n, a, o, r) -> editChild(n, r, x -> x.withProperty(Property.of(KhoAbi.BLOB_SIZE_PROPERTY,
                        u64Bytes(8 + r.nextInt(1 << 16), o.byteOrder()))))));
        c.add(root("kho.subtree.duplicate-name--copy", "appends a copy of a subtree node", child,
                (n, a, o, r) -> n.withChildren(append(n.children(), n.children().get(r.nextInt(n.children().size()))))));
        c.add(root("kho.subtree.unknown--gen-name", "adds a well-formed subtree under a name no subsystem uses", any,
                (n, a, o, r) -> {
                    Node.Builder x = Node.builder("gen-" + letters(r, 1 + r.nextInt(10)));
                    if (a.blobSize() != KhoAbi.BlobSize.ABSENT) {
                        x.property(KhoAbi.BLOB_SIZE_PROPERTY, u64Bytes(16, o.byteOrder()));
                    }
                    x.property(a.dataProperty(), u64Bytes((long) (1 + r.nextInt(1 << 20)) * o.pageSize(), o.byteOrder()));
                    return n.withChildren(append(n.children(), x.build()));
                }));
        return List.copyOf(c);
    }

    private static Node editChild(Node root, Random r, java.util.function.UnaryOperator<Node> edit) {
        List<Node> children = new ArrayList<>(root.children());
        int i = r.nextInt(children.size());
        children.set(i, edit.apply(children.get(i)));
        return root.withChildren(children);
    }

    // ================================================================ scratch

    private static List<KhoMutator<byte[]>> scratch() {
        List<KhoMutator<byte[]>> c = new ArrayList<>();
        KhoMutator.Precondition<byte[]> entries = (b, o) -> b.length >= 16 && b.length % 16 == 0;
        c.add(new KhoMutator<>("kho.scratch.length--ragged", "appends 1-15 bytes", KhoMutationTarget.SCRATCH, null,
                entries, (b, o, r) -> {
                    byte[] out = Arrays.copyOf(b, b.length + 1 + r.nextInt(15));
                    for (int i = b.length; i < out.length; i++) {
                        out[i] = (byte) r.nextInt();
                    }
                    return out;
                }));
        c.add(new KhoMutator<>("kho.scratch.empty--no-entry", "empties the array", KhoMutationTarget.SCRATCH, null,
                entries, (b, o, r) -> new byte[0]));
        c.add(new KhoMutator<>("kho.scratch.alignment--page-only", "moves an entry's address or size off 2 MiB "
                + "by whole pages", KhoMutationTarget.SCRATCH, null, entries, (b, o, r) -> {
                    int e = 16 * r.nextInt(b.length / 16) + (r.nextBoolean() ? 0 : 8);
                    long v = NativeBytes.u64(b, e, o.byteOrder());
                    long pages = PAGEBLOCK / o.pageSize();
                    return withU64(b, e, v + o.pageSize() * (1 + r.nextInt((int) pages - 1)), o.byteOrder());
                }));
        c.add(new KhoMutator<>("kho.scratch.lowmem--above-4g", "moves entry 0 above 4 GiB", KhoMutationTarget.SCRATCH,
                null, entries, (b, o, r) -> withU64(b, 0, KhoValidator.LOW_LIMIT + PAGEBLOCK * r.nextInt(1 << 12),
                        o.byteOrder())));
        c.add(new KhoMutator<>("kho.scratch.overlap--inside-another", "moves one area into another",
                KhoMutationTarget.SCRATCH, null, (b, o) -> entries.test(b, o) && b.length >= 32 && allSized(b, o),
                (b, o, r) -> {
                    ByteOrder order = o.byteOrder();
                    int n = b.length / 16;
                    int i = r.nextInt(n);
                    int j = (i + 1 + r.nextInt(n - 1)) % n;
                    long a = NativeBytes.u64(b, 16 * i, order);
                    long s = NativeBytes.u64(b, 16 * i + 8, order);
                    long blocks = Math.max(1, s / PAGEBLOCK);
                    byte[] out = withU64(b, 16 * j, a + PAGEBLOCK * Math.floorMod(r.nextLong(), blocks), order);
                    if (NativeBytes.u64(out, 16 * j + 8, order) == 0) {
                        NativeBytes.putU64(out, 16 * j + 8, PAGEBLOCK, order);
                    }
                    return out;
                }));
        return List.copyOf(c);
    }

    /** Whether every scratch entry has a non-zero size (so that moving one into another makes them share bytes). */
    private static boolean allSized(byte[] b, KhoOptions o) {
        for (int i = 0; i + 16 <= b.length; i += 16) {
            if (NativeBytes.u64(b, i + 8, o.byteOrder()) == 0) {
                return false;
            }
        }
        return true;
    }

    // ================================================================ sub-blobs

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

    private static List<KhoMutator<byte[]>> blobs() {
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

    // ================================================================ images and states

    private static List<KhoMutator<KhoImage>> images() {
        return List.of(new KhoMutator<>("kho.subtree.blob-size-mismatch--off-by-words", "changes a root blob-size "
                + "so it no longer equals its FDT blob's totalsize", KhoMutationTarget.IMAGE, null,
                (img, o) -> !fdtSized(img, o).isEmpty(), (img, o, r) -> {
                    List<String> names = fdtSized(img, o);
                    String name = names.get(r.nextInt(names.size()));
                    FdtTree t = KhoMutationBytes.readTree(img.root());
                    Node child = t.root().child(name).orElseThrow();
                    long size = NativeBytes.u64(child.property(KhoAbi.BLOB_SIZE_PROPERTY).get().toByteArray(), 0,
                            o.byteOrder());
                    long other = size + 8L * (1 + r.nextInt(64)) * (r.nextBoolean() ? 1 : -1);
                    Node edited = child.withProperty(Property.of(KhoAbi.BLOB_SIZE_PROPERTY, u64Bytes(other, o.byteOrder())));
                    byte[] root = KhoMutationBytes.writeTree(t.withRoot(t.root().withChild(edited)));
                    Map<String, byte[]> blobs = new LinkedHashMap<>();
                    img.blobNames().forEach(n -> blobs.put(n, img.blob(n)));
                    return new KhoImage(root, blobs, img.scratch());
                }));
    }

    /** Subtrees whose blob in the image is an FDT and whose root node has an 8-byte blob-size. */
    private static List<String> fdtSized(KhoImage img, KhoOptions o) {
        Node root = KhoMutationBytes.readTree(img.root()).root();
        List<String> out = new ArrayList<>();
        for (String name : img.blobNames()) {
            Optional<Property> size = root.child(name).flatMap(c -> c.property(KhoAbi.BLOB_SIZE_PROPERTY));
            if (SubBlobCodec.isFdt(img.blob(name)) && size.isPresent() && size.get().length() == 8) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<KhoMutator<KhoState>> states() {
        List<KhoMutator<KhoState>> c = new ArrayList<>();
        c.add(state("kho.state.scratch-block--over-blob", "adds a scratch area over a sub-blob",
                (s, o) -> !pointers(s, o).isEmpty(), (s, o, r) -> {
                    List<Long> p = pointers(s, o);
                    return withScratch(s, o, p.get(r.nextInt(p.size())));
                }));
        c.add(state("kho.state.scratch-map--over-map-root", "adds a scratch area over the memory map's root page",
                (s, o) -> mapRoot(s, o) != 0, (s, o, r) -> withScratch(s, o, mapRoot(s, o))));
        c.add(state("kho.state.absent--blob-page-hidden", "hides the page a sub-blob starts on",
                (s, o) -> !pointers(s, o).isEmpty(), (s, o, r) -> {
                    List<Long> p = pointers(s, o);
                    return new KhoState(s.root(), s.scratch(), memory(s, o).hide(p.get(r.nextInt(p.size()))));
                }));
        c.add(state("kho.state.blob-not-preserved--moved-copy", "copies a sub-blob to unpreserved memory and "
                + "points its subtree there", (s, o) -> !movable(s, o).isEmpty(), (s, o, r) -> {
                    List<String> names = movable(s, o);
                    String name = names.get(r.nextInt(names.size()));
                    FdtTree t = KhoMutationBytes.readTree(s.root());
                    KhoAbi abi = abiOf(t.root(), o);
                    Node child = t.root().child(name).orElseThrow();
                    long from = NativeBytes.u64(child.property(abi.dataProperty()).get().toByteArray(), 0, o.byteOrder());
                    byte[] blob = new byte[(int) blobLength(s, o, child, abi)];
                    s.memory().read(from, blob, 0, blob.length);
                    // far above anything the fixtures or the generators preserve, page-aligned
                    long to = 0x7f_0000_0000L + (long) o.pageSize() * r.nextInt(1 << 16);
                    Node moved = child.withProperty(Property.of(abi.dataProperty(), u64Bytes(to, o.byteOrder())));
                    byte[] root = KhoMutationBytes.writeTree(t.withRoot(t.root().withChild(moved)));
                    return new KhoState(root, s.scratch(), memory(s, o).patch(to, blob));
                }));
        // radix tree (kho-v2 and later, kho-format.md §4.2): the root table's slots
        c.add(state("kho.map.root-slot--beyond-limit", "copies a used root slot into one no valid key reaches",
                (s, o) -> radix(s, o) != null && !rootSlots(s, o, true).isEmpty(), (s, o, r) -> {
                    RadixGeometry g = radix(s, o);
                    List<Integer> used = rootSlots(s, o, true);
                    int to = g.rootSlotLimit() + r.nextInt((1 << g.tableLog2()) - g.rootSlotLimit());
                    return patchU64(s, o, mapRoot(s, o) + 8L * to, slot(s, o, used.get(r.nextInt(used.size()))));
                }));
        c.add(state("kho.map.pointer-alignment--root-slot-off", "moves a used root slot's pointer off its page",
                (s, o) -> radix(s, o) != null && !rootSlots(s, o, true).isEmpty(), (s, o, r) -> {
                    List<Integer> used = rootSlots(s, o, true);
                    int i = used.get(r.nextInt(used.size()));
                    long v = slot(s, o, i) | (8L << r.nextInt(o.pageShift() - 3));
                    return patchU64(s, o, mapRoot(s, o) + 8L * i, v);
                }));
        c.add(state("kho.map.reached-twice--root-slots-share", "copies a used root slot into a free valid one",
                (s, o) -> radix(s, o) != null && !rootSlots(s, o, true).isEmpty() && !rootSlots(s, o, false).isEmpty(),
                (s, o, r) -> {
                    List<Integer> used = rootSlots(s, o, true);
                    List<Integer> free = rootSlots(s, o, false);
                    return patchU64(s, o, mapRoot(s, o) + 8L * free.get(r.nextInt(free.size())),
                            slot(s, o, used.get(r.nextInt(used.size()))));
                }));
        // kho-v1 chunk list (§4.1): next @0, order u32 @8, num_elms u32 @12
        c.add(state("kho.map.cycle--back-edge", "points the last chunk's next at a chunk of the chain",
                (s, o) -> !chunks(s, o).isEmpty(), (s, o, r) -> {
                    List<Long> ch = chunks(s, o);
                    return patchU64(s, o, ch.get(ch.size() - 1), ch.get(r.nextInt(ch.size())));
                }));
        c.add(state("kho.map.chunk-count--over-capacity", "sets a chunk's num_elms above its capacity",
                (s, o) -> !chunks(s, o).isEmpty(), (s, o, r) -> {
                    List<Long> ch = chunks(s, o);
                    int capacity = (o.pageSize() - 16) / 16;
                    return patchU32(s, o, ch.get(r.nextInt(ch.size())) + 12, capacity + 1 + r.nextInt(1000));
                }));
        c.add(state("kho.map.order--too-large", "sets a chunk's order beyond what a 64-bit address holds",
                (s, o) -> !chunks(s, o).isEmpty(), (s, o, r) -> {
                    List<Long> ch = chunks(s, o);
                    return patchU32(s, o, ch.get(r.nextInt(ch.size())) + 8,
                            PreservedBlocks.maxOrder(o.pageShift()) + 1 + r.nextInt(64));
                }));
        return List.copyOf(c);
    }

    private static KhoMutator<KhoState> state(String name, String description, KhoMutator.Precondition<KhoState> need,
                                              KhoMutator.Edit<KhoState> edit) {
        return new KhoMutator<>(name, description, KhoMutationTarget.STATE, null, need, edit);
    }

    private static KhoMutatedMemory memory(KhoState s, KhoOptions o) {
        return s.memory() instanceof KhoMutatedMemory m ? m : KhoMutatedMemory.of(s.memory(), o.pageShift());
    }

    private static KhoState patchU64(KhoState s, KhoOptions o, long at, long v) {
        byte[] b = new byte[8];
        NativeBytes.putU64(b, 0, v, o.byteOrder());
        return new KhoState(s.root(), s.scratch(), memory(s, o).patch(at, b));
    }

    private static KhoState patchU32(KhoState s, KhoOptions o, long at, int v) {
        byte[] b = new byte[4];
        NativeBytes.putU32(b, 0, v, o.byteOrder());
        return new KhoState(s.root(), s.scratch(), memory(s, o).patch(at, b));
    }

    /** The radix geometry of a radix-tree state whose root table is in memory, else null. */
    private static RadixGeometry radix(KhoState s, KhoOptions o) {
        KhoAbi abi = abiOf(KhoMutationBytes.readTree(s.root()).root(), o);
        long root = mapRoot(s, o);
        if (!abi.radixTree() || root == 0 || !s.memory().contains(root, o.pageSize())) {
            return null;
        }
        return new RadixGeometry(o.pageShift(), abi == KhoAbi.V4 || abi == KhoAbi.V4_RADIX_VMALLOC);
    }

    private static long slot(KhoState s, KhoOptions o, int i) {
        byte[] b = new byte[8];
        s.memory().read(mapRoot(s, o) + 8L * i, b, 0, 8);
        return NativeBytes.u64(b, 0, o.byteOrder());
    }

    /** Root slots below the valid-key limit that are used (non-zero) or free. */
    private static List<Integer> rootSlots(KhoState s, KhoOptions o, boolean used) {
        RadixGeometry g = radix(s, o);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < g.rootSlotLimit(); i++) {
            if ((slot(s, o, i) != 0) == used) {
                out.add(i);
            }
        }
        return out;
    }

    /** The kho-v1 chunk chain (at most 64 chunks, all present), or empty for radix states. */
    private static List<Long> chunks(KhoState s, KhoOptions o) {
        KhoAbi abi = abiOf(KhoMutationBytes.readTree(s.root()).root(), o);
        List<Long> out = new ArrayList<>();
        if (abi.radixTree()) {
            return out;
        }
        byte[] b = new byte[8];
        for (long c = mapRoot(s, o); c != 0 && out.size() < 64 && !out.contains(c) && s.memory().read(c, b, 0, 8);
             c = NativeBytes.u64(b, 0, o.byteOrder())) {
            out.add(c);
        }
        return out;
    }

    /** Subtrees whose blob is wholly present, at most 1 MiB long, so a copy can move. */
    private static List<String> movable(KhoState s, KhoOptions o) {
        Node root = KhoMutationBytes.readTree(s.root()).root();
        KhoAbi abi = abiOf(root, o);
        List<String> out = new ArrayList<>();
        for (Node c : root.children()) {
            Optional<Property> p = c.property(abi.dataProperty());
            if (p.isEmpty() || p.get().length() != 8) {
                continue;
            }
            long at = NativeBytes.u64(p.get().toByteArray(), 0, o.byteOrder());
            long len = blobLength(s, o, c, abi);
            if (at != 0 && len > 0 && len <= 1 << 20 && s.memory().contains(at, len)) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** As the state validator sizes a blob: blob-size, else an FDT's totalsize, else 1; -1 if unreadable. */
    private static long blobLength(KhoState s, KhoOptions o, Node child, KhoAbi abi) {
        Optional<Property> size = child.property(KhoAbi.BLOB_SIZE_PROPERTY).filter(p -> p.length() == 8);
        if (size.isPresent()) {
            return NativeBytes.u64(size.get().toByteArray(), 0, o.byteOrder());
        }
        long at = NativeBytes.u64(child.property(abi.dataProperty()).get().toByteArray(), 0, o.byteOrder());
        byte[] h = new byte[8];
        if (!s.memory().read(at, h, 0, 8)) {
            return -1;
        }
        return NativeBytes.u32(h, 0, ByteOrder.BIG_ENDIAN) == io.khotools.fdt.FdtFormat.MAGIC
                ? NativeBytes.u32(h, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL : 1;
    }

    /** The state with one more scratch area: the 2 MiB block holding {@code phys}. */
    private static KhoState withScratch(KhoState s, KhoOptions o, long phys) {
        byte[] old = s.scratch() == null ? new byte[0] : s.scratch();
        byte[] scratch = Arrays.copyOf(old, old.length + 16);
        NativeBytes.putU64(scratch, old.length, phys & -PAGEBLOCK, o.byteOrder());
        NativeBytes.putU64(scratch, old.length + 8, PAGEBLOCK, o.byteOrder());
        return new KhoState(s.root(), scratch, s.memory());
    }

    /** Non-zero 8-byte subtree pointers of the state's root. */
    private static List<Long> pointers(KhoState s, KhoOptions o) {
        Node root = KhoMutationBytes.readTree(s.root()).root();
        KhoAbi abi = abiOf(root, o);
        List<Long> out = new ArrayList<>();
        for (Node c : root.children()) {
            c.property(abi.dataProperty()).filter(p -> p.length() == 8)
                    .map(p -> NativeBytes.u64(p.toByteArray(), 0, o.byteOrder())).filter(v -> v != 0).ifPresent(out::add);
        }
        return out;
    }

    private static long mapRoot(KhoState s, KhoOptions o) {
        Node root = KhoMutationBytes.readTree(s.root()).root();
        abiOf(root, o);
        return root.property(KhoAbi.MEMORY_MAP_PROPERTY).filter(p -> p.length() == 8)
                .map(p -> NativeBytes.u64(p.toByteArray(), 0, o.byteOrder())).orElse(0L);
    }

    // ================================================================ helpers

    private static <T> List<T> append(List<T> list, T x) {
        List<T> out = new ArrayList<>(list);
        out.add(x);
        return out;
    }

    private static String kebab(SubBlobType t) {
        return t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static int notEight(Random r) {
        int n = r.nextInt(16);
        return n >= 8 ? n + 1 : n;
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String letters(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }
}
