package io.khotools.kho.gen;

import static io.khotools.kho.NativeBytes.u64Bytes;
import static io.khotools.kho.gen.KhoMutatorsShared.PAGEBLOCK;
import static io.khotools.kho.gen.KhoMutatorsShared.abiOf;

import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.RadixGeometry;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The whole-state mutators of {@link KhoMutators}: scratch additions, and edits of physical memory through
 * {@link KhoMutatedMemory} patches (map root slots, the kho-v1 chunk chain, moved or hidden sub-blobs).
 */
final class KhoMutatorsState {
    private KhoMutatorsState() {}

    static List<KhoMutator<KhoState>> states() {
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
}
