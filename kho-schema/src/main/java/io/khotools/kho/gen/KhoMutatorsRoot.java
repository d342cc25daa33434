package io.khotools.kho.gen;

import static io.khotools.kho.NativeBytes.u64Bytes;
import static io.khotools.kho.gen.KhoMutationBytes.withU64;
import static io.khotools.kho.gen.KhoMutatorsShared.PAGEBLOCK;
import static io.khotools.kho.gen.KhoMutatorsShared.abiOf;
import static io.khotools.kho.gen.KhoMutatorsShared.append;
import static io.khotools.kho.gen.KhoMutatorsShared.editChild;
import static io.khotools.kho.gen.KhoMutatorsShared.letters;
import static io.khotools.kho.gen.KhoMutatorsShared.notEight;
import static io.khotools.kho.gen.KhoMutatorsShared.randomBytes;

import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.check.KhoValidator;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The root FDT, scratch array and whole-image mutators of {@link KhoMutators}. */
final class KhoMutatorsRoot {
    private KhoMutatorsRoot() {}

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

    static List<KhoMutator<byte[]>> roots() {
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

    // ================================================================ scratch

    static List<KhoMutator<byte[]>> scratch() {
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

    static List<KhoMutator<KhoImage>> images() {
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
}
