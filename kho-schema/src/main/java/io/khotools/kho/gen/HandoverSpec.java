package io.khotools.kho.gen;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link HandoverGenerator} builds: every knob of a random whole handover state. Immutable; the
 * {@code with*} methods return copies. Two equal specs generate identical bytes.
 *
 * @param abi the KHO generation; {@link KhoAbi#V1_BITMAP_512} and {@link KhoAbi#V1_BITMAP_PAGE} pick the two
 *     {@code kho-v1} bitmap sizes. It also picks the LUO format: {@code luo-v1} FDT for {@code kho-v1} and
 *     {@code kho-v2}, packed {@code luo-v3} arrays for {@code kho-v3}, {@code luo-v4} KHO block chains for
 *     {@code kho-v4}, {@code luo-v5} block chains for the compound {@code kho-v4;radix-v1;vmalloc-v1}
 * @param pageShift log2 of the page size, 12 to 16
 * @param byteOrder the producing kernel's byte order
 * @param blocks extra preserved blocks beyond the ones the subsystems need (0 or more)
 * @param maxOrder largest order of an extra block (0 to 20); about a quarter of them take a random order up
 *     to this, the rest orders 0 to 2
 * @param parts the subsystems to hand over; {@link Part#MEMFD} adds memfd files to the LUO sessions (and
 *     implies {@link Part#LUO})
 * @param luoSessions LUO sessions (0 to 200)
 * @param filesPerSession files per session (0 to 200)
 * @param folios folios per memfd file and of the kho_test blob (0 to 5000)
 * @param numaNodes NUMA nodes (1 to 16): one per-node scratch area each, and extra blocks spread over them
 * @param seed the random seed
 */
public record HandoverSpec(KhoAbi abi, int pageShift, ByteOrder byteOrder, int blocks, int maxOrder, Set<Part> parts,
        int luoSessions, int filesPerSession, int folios, int numaNodes, long seed) {

    /** A subsystem the generator can hand over. */
    public enum Part {
        /** {@code memblock}: a memblock-v1 FDT with one to three preserved {@code reserve_mem} regions. */
        MEMBLOCK,
        /** {@code kho_test}: the test module's FDT, its folio array in a vmalloc area, and the folios. */
        KHO_TEST,
        /** {@code kexec-metadata}: the packed struct (generations with {@code blob-size} only). */
        KEXEC_METADATA,
        /** {@code LUO}: sessions with files and an FLB array or chain. */
        LUO,
        /** memfd files in the LUO sessions: a {@code memfd_luo_ser} each, folio array in a vmalloc area. */
        MEMFD
    }

    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException for a value out of range, kexec-metadata under {@code kho-v1}
     *     (whose root has no {@code blob-size} for a raw blob), or a page size the generation's radix tree
     *     cannot represent ({@link #representable})
     */
    public HandoverSpec {
        Objects.requireNonNull(abi, "abi");
        Objects.requireNonNull(byteOrder, "byteOrder");
        EnumSet<Part> p = EnumSet.noneOf(Part.class);
        p.addAll(parts);
        if (p.contains(Part.MEMFD)) {
            p.add(Part.LUO);
        }
        parts = Collections.unmodifiableSet(p); // declaration order: toString is the same on every run
        check(pageShift, 12, 16, "pageShift");
        check(blocks, 0, 1 << 20, "blocks");
        check(maxOrder, 0, 20, "maxOrder");
        check(luoSessions, 0, 200, "luoSessions");
        check(filesPerSession, 0, 200, "filesPerSession");
        check(folios, 0, 5000, "folios");
        check(numaNodes, 1, 16, "numaNodes");
        if ((abi == KhoAbi.V2 || abi == KhoAbi.V3) && !representable(abi, pageShift)) {
            throw new IllegalArgumentException(abi.compatible() + " cannot hold order-0 blocks with "
                    + (1 << (pageShift - 10)) + " KiB pages: its radix depth formula drops the key's top bit");
        }
        if (!abi.radixTree() && parts.contains(Part.KEXEC_METADATA)) {
            throw new IllegalArgumentException("kexec-metadata needs blob-size, which kho-v1 roots lack");
        }
    }

    /**
     * Whether every block's key fits the generation's radix tree at this page size. The pre-{@code kho-v4}
     * depth formula {@code ⌈(o0 − b)/t⌉ + 1} gives 16 KiB pages a tree whose tables index key bits up to
     * 49 only, while an order-0 key's marker is bit 50: such blocks cannot be encoded (kho-format.md §4.2;
     * the kho-v4 formula fixes it). Always true for the chunk lists of {@code kho-v1}.
     */
    public static boolean representable(KhoAbi abi, int pageShift) {
        if (!abi.radixTree()) {
            return true;
        }
        io.khotools.kho.memory.RadixGeometry g = new io.khotools.kho.memory.RadixGeometry(pageShift,
                abi == KhoAbi.V4 || abi == KhoAbi.V4_RADIX_VMALLOC);
        return g.shift(g.depth() - 1) + g.tableLog2() > g.order0Log2();
    }

    private static void check(int v, int min, int max, String what) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ": " + v);
        }
    }

    /**
     * A small state of {@code abi}: 4 KiB pages, little-endian, 64 extra blocks up to order 10, every part the
     * generation can carry, 2 sessions of 3 files, 8 folios, 2 NUMA nodes, seed 1.
     */
    public static HandoverSpec defaults(KhoAbi abi) {
        Set<Part> parts = abi.radixTree() ? EnumSet.allOf(Part.class)
                : EnumSet.of(Part.MEMBLOCK, Part.KHO_TEST, Part.LUO, Part.MEMFD);
        return new HandoverSpec(abi, 12, ByteOrder.LITTLE_ENDIAN, 64, 10, parts, 2, 3, 8, 2, 1);
    }

    /** The options to read the generated state with (byte order, page size, kho-v1 bitmap size). */
    public KhoOptions options() {
        KhoOptions o = new KhoOptions(byteOrder, pageShift, null);
        return switch (abi) {
            case V1_BITMAP_512 -> o.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512);
            case V1_BITMAP_PAGE -> o.withV1Bitmap(KhoAbi.V1Bitmap.PAGE);
            default -> o;
        };
    }

    /** A copy with another generation. */
    public HandoverSpec withAbi(KhoAbi a) {
        return new HandoverSpec(a, pageShift, byteOrder, blocks, maxOrder, parts, luoSessions, filesPerSession,
                folios, numaNodes, seed);
    }

    /** A copy with another page shift. */
    public HandoverSpec withPageShift(int s) {
        return new HandoverSpec(abi, s, byteOrder, blocks, maxOrder, parts, luoSessions, filesPerSession, folios,
                numaNodes, seed);
    }

    /** A copy with another byte order. */
    public HandoverSpec withByteOrder(ByteOrder o) {
        return new HandoverSpec(abi, pageShift, o, blocks, maxOrder, parts, luoSessions, filesPerSession, folios,
                numaNodes, seed);
    }

    /** A copy with another number of extra blocks and largest order. */
    public HandoverSpec withBlocks(int n, int largestOrder) {
        return new HandoverSpec(abi, pageShift, byteOrder, n, largestOrder, parts, luoSessions, filesPerSession,
                folios, numaNodes, seed);
    }

    /** A copy with other parts. */
    public HandoverSpec withParts(Set<Part> p) {
        return new HandoverSpec(abi, pageShift, byteOrder, blocks, maxOrder, p, luoSessions, filesPerSession, folios,
                numaNodes, seed);
    }

    /** A copy with other LUO and folio counts. */
    public HandoverSpec withLuo(int sessions, int filesEach, int foliosEach) {
        return new HandoverSpec(abi, pageShift, byteOrder, blocks, maxOrder, parts, sessions, filesEach, foliosEach,
                numaNodes, seed);
    }

    /** A copy with another number of NUMA nodes. */
    public HandoverSpec withNumaNodes(int n) {
        return new HandoverSpec(abi, pageShift, byteOrder, blocks, maxOrder, parts, luoSessions, filesPerSession,
                folios, n, seed);
    }

    /** A copy with another seed. */
    public HandoverSpec withSeed(long s) {
        return new HandoverSpec(abi, pageShift, byteOrder, blocks, maxOrder, parts, luoSessions, filesPerSession,
                folios, numaNodes, s);
    }
}
