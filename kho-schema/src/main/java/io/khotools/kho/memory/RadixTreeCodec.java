package io.khotools.kho.memory;

import static io.khotools.kho.check.KhoRules.MAP_ORDER;
import static io.khotools.kho.check.KhoRules.MAP_POINTER_ALIGNMENT;
import static io.khotools.kho.check.KhoRules.MAP_REACHED_TWICE;
import static io.khotools.kho.check.KhoRules.MAP_ROOT_SLOT;
import static io.khotools.kho.check.KhoRules.STATE_ABSENT;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.check.KhoRules;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes and decodes the {@code kho-v2}…{@code kho-v4} preserved-memory map: a radix tree of page-sized
 * tables of native u64 child addresses down to page-sized leaf bitmaps, indexed by the block key
 * (kho-format.md §4.2). Encoding inserts keys in ascending order and allocates the root first, then each
 * table or leaf the first time a key needs it, like the kernel's lazy insertion. Decoding walks depth-first,
 * slots ascending, so keys come out sorted. Immutable and thread-safe.
 */
public final class RadixTreeCodec {
    private final RadixGeometry geometry;
    private final boolean le;

    /** A codec for one geometry and byte order. */
    public RadixTreeCodec(RadixGeometry geometry, ByteOrder order) {
        this.geometry = geometry;
        this.le = order == ByteOrder.LITTLE_ENDIAN;
    }

    /** The geometry. */
    public RadixGeometry geometry() {
        return geometry;
    }

    /**
     * Lays out the tree for {@code blocks} in pages from {@code alloc}.
     *
     * @return the root table's physical address (the {@code preserved-memory-map} value; never 0)
     * @throws IllegalArgumentException if the blocks' page size differs from the geometry's
     * @throws IllegalStateException if the allocator runs out
     */
    public long encode(PreservedBlocks blocks, PageAllocator alloc) {
        int shift = geometry.pageShift();
        if (blocks.pageShift() != shift || alloc.memory().pageShift() != shift) {
            throw new IllegalArgumentException("page size mismatch");
        }
        SparseMemory mem = alloc.memory();
        int depth = geometry.depth();
        int tableMask = (1 << geometry.tableLog2()) - 1;
        int bitmapLog2 = geometry.bitmapLog2();
        int bitMask = (1 << bitmapLog2) - 1;
        long root = alloc.allocatePage();
        long curLeafIndex = -1;
        byte[] leaf = null;
        int n = blocks.count();
        for (int i = 0; i < n; i++) {
            long key = blocks.key(i);
            long leafIndex = key >>> bitmapLog2;
            if (leafIndex != curLeafIndex) {
                long node = root;
                for (int level = depth - 1; level >= 1; level--) {
                    byte[] page = mem.page(node >>> shift);
                    int slot = (int) ((key >>> geometry.shift(level)) & tableMask);
                    long child = Words.get(page, slot << 3, le);
                    if (child == 0) {
                        child = alloc.allocatePage();
                        Words.put(page, slot << 3, child, le);
                    }
                    node = child;
                }
                leaf = mem.page(node >>> shift);
                curLeafIndex = leafIndex;
            }
            Words.setBit(leaf, 0, (int) (key & bitMask), le);
        }
        return root;
    }

    /**
     * Walks the tree at {@code root} and collects its blocks. Never throws for content: unreadable nodes, bad
     * pointers, out-of-range root slots, nodes reached twice and invalid keys become findings and are skipped.
     * Work is bounded by the pages the image holds (every node is visited at most once).
     */
    public MapDecoding decode(PhysMemory memory, long root) {
        PreservedBlocks.Builder b = PreservedBlocks.builder(geometry.pageShift());
        List<PhysRange> pieces = new ArrayList<>();
        List<Diagnostic> findings = new ArrayList<>();
        int maxOrder = PreservedBlocks.maxOrder(geometry.pageShift());
        int pageShift = geometry.pageShift();
        walk(memory, root, key -> {
            if (key == 0 || PreservedBlocks.keyOrder(key, pageShift) > maxOrder) {
                findings.add(d(MAP_ORDER, -1, "leaf bit for key 0x" + Long.toHexString(key)
                        + " encodes no valid order"));
            } else {
                b.addKey(key);
            }
        }, pieces, findings);
        return new MapDecoding(b.build(), pieces, findings);
    }

    /**
     * Walks the tree at {@code root}, handing every set leaf bit's key to {@code sink} (unvalidated: key 0 is
     * possible in a corrupt tree), recording every node visited in {@code pieces} and every problem in
     * {@code findings}. The fast path for large maps: no allocation per block.
     */
    public void walk(PhysMemory memory, long root, KeySink sink, List<PhysRange> pieces, List<Diagnostic> findings) {
        int shift = geometry.pageShift();
        int pageSize = 1 << shift;
        int depth = geometry.depth();
        int slots = 1 << geometry.tableLog2();
        Set<Long> seen = new HashSet<>();
        if (root == 0) {
            return; // kho.root.memory-map-zero judges it
        }
        if ((root & (pageSize - 1)) != 0) {
            findings.add(d(MAP_POINTER_ALIGNMENT, root, "root table 0x" + Long.toHexString(root)
                    + " not page-aligned"));
            return;
        }
        if (!enter(memory, root, -1, seen, pieces, findings)) {
            return;
        }
        // explicit stack, one frame per table level: depth comes from the geometry, not from the input
        byte[][] pages = new byte[depth][pageSize];
        long[] prefix = new long[depth];
        int[] slot = new int[depth];
        long[] at = new long[depth];
        int top = depth - 1;
        memory.read(root, pages[top], 0, pageSize);
        at[top] = root;
        prefix[top] = 0;
        slot[top] = 0;
        int rootLimit = geometry.rootSlotLimit();
        byte[] leaf = new byte[pageSize];
        int level = top;
        while (level <= top) {
            if (slot[level] == slots) {
                level++;
                continue;
            }
            int s = slot[level]++;
            long child = Words.get(pages[level], s << 3, le);
            if (child == 0) {
                continue;
            }
            long entryAt = at[level] + ((long) s << 3);
            if (level == top && s >= rootLimit) {
                findings.add(d(MAP_ROOT_SLOT, entryAt, "root slot " + s + " used; valid keys reach slots 0-"
                        + (rootLimit - 1)));
                continue;
            }
            if ((child & (pageSize - 1)) != 0) {
                findings.add(d(MAP_POINTER_ALIGNMENT, entryAt, "level " + level + " slot " + s + " points to 0x"
                        + Long.toHexString(child) + ", not page-aligned"));
                continue;
            }
            if (!enter(memory, child, entryAt, seen, pieces, findings)) {
                continue;
            }
            long keyPrefix = prefix[level] | ((long) s << geometry.shift(level));
            if (level == 1) {
                memory.read(child, leaf, 0, pageSize);
                scanLeaf(leaf, keyPrefix, sink);
            } else {
                int l = level - 1;
                memory.read(child, pages[l], 0, pageSize);
                at[l] = child;
                prefix[l] = keyPrefix;
                slot[l] = 0;
                level = l;
            }
        }
    }

    private void scanLeaf(byte[] leaf, long keyPrefix, KeySink sink) {
        int words = leaf.length >>> 3;
        for (int w = 0; w < words; w++) {
            long v = Words.get(leaf, w << 3, le);
            long base = keyPrefix | ((long) w << 6);
            while (v != 0) {
                sink.key(base | Long.numberOfTrailingZeros(v));
                v &= v - 1;
            }
        }
    }

    /** Marks a node visited; false (with a finding) if it was reached before or the image lacks it. */
    private boolean enter(PhysMemory memory, long node, long from, Set<Long> seen, List<PhysRange> pieces,
            List<Diagnostic> findings) {
        int pageSize = 1 << geometry.pageShift();
        if (!seen.add(node)) {
            findings.add(d(MAP_REACHED_TWICE, from, "node 0x" + Long.toHexString(node) + " reached twice"));
            return false;
        }
        if (!memory.contains(node, pageSize)) {
            findings.add(d(STATE_ABSENT, from < 0 ? node : from, "tree node 0x" + Long.toHexString(node)
                    + " is not in the image; its subtree is skipped"));
            return false;
        }
        pieces.add(PhysRange.of(node, pageSize));
        return true;
    }

    static Diagnostic d(String id, long offset, String message) {
        return new Diagnostic(id, KhoRules.severity(id), "[memory-map]", null, offset < 0 ? -1 : offset, message);
    }
}
