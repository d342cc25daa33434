package io.khotools.kho.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Small maps worked out by hand from kho-format.md §4: every pointer and every set bit is written down here,
 * and the encoder must produce exactly these pages (and nothing else), the decoder must read them back.
 */
class HandCheckedMapTest {
    static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    static final long A = 0x10_0000L; // allocator start: the map's pages come from here, ascending
    static final long P = 0x1000L;

    static long u64(SparseMemory m, long at) {
        byte[] b = new byte[8];
        assertThat(m.read(at, b, 0, 8)).isTrue();
        return Words.get(b, 0, true);
    }

    static int u32(SparseMemory m, long at) {
        byte[] b = new byte[4];
        assertThat(m.read(at, b, 0, 4)).isTrue();
        return Words.getU32(b, 0, true);
    }

    /** Count of non-zero bytes in the page at {@code at}. */
    static int nonZero(SparseMemory m, long at) {
        int n = 0;
        for (byte x : m.page(at >>> 12)) {
            n += x != 0 ? 1 : 0;
        }
        return n;
    }

    static byte byteAt(SparseMemory m, long at) {
        return m.page(at >>> 12)[(int) (at & 0xfff)];
    }

    @Test
    void radixTreeOfTwoBlocks() {
        // 0x1000 order 0: key (1<<52)|1 -> level5 slot (key>>51)&511 = 2, levels 4..1 slot 0, leaf bit 1
        // 0x200000 order 9: key (1<<43)|1 -> level5 slot 0, level4 slot (key>>42)&511 = 2, levels 3..1 slot 0, bit 1
        PreservedBlocks blocks = PreservedBlocks.builder(12).add(0x1000, 0).add(0x20_0000, 9).build();
        assertThat(blocks.key(0)).isEqualTo((1L << 43) | 1);
        assertThat(blocks.key(1)).isEqualTo((1L << 52) | 1);
        SparseMemory m = new SparseMemory(12);
        PageAllocator alloc = new PageAllocator(m, A, A + 64 * P);
        long root = new RadixTreeCodec(new RadixGeometry(12, true), LE).encode(blocks, alloc);
        assertThat(root).isEqualTo(A);
        // keys go in ascending: the order-9 key first, so its path takes pages 1..5, the order-0 path pages 6..10
        assertThat(m.pageCount()).isEqualTo(11);
        assertThat(u64(m, A)).isEqualTo(A + P);            // root slot 0 -> level-4 table
        assertThat(u64(m, A + 16)).isEqualTo(A + 6 * P);   // root slot 2 -> level-4 table
        assertThat(nonZero(m, A)).isEqualTo(4);            // 0x101000 and 0x106000: two non-zero bytes each
        assertThat(u64(m, A + P + 16)).isEqualTo(A + 2 * P); // level 4 slot 2
        assertThat(u64(m, A + 2 * P)).isEqualTo(A + 3 * P);  // level 3 slot 0
        assertThat(u64(m, A + 3 * P)).isEqualTo(A + 4 * P);  // level 2 slot 0
        assertThat(u64(m, A + 4 * P)).isEqualTo(A + 5 * P);  // level 1 slot 0 -> leaf
        assertThat(byteAt(m, A + 5 * P)).isEqualTo((byte) 0x02); // leaf bit 1
        assertThat(nonZero(m, A + 5 * P)).isEqualTo(1);
        assertThat(u64(m, A + 6 * P)).isEqualTo(A + 7 * P);  // level 4 slot 0
        assertThat(u64(m, A + 7 * P)).isEqualTo(A + 8 * P);
        assertThat(u64(m, A + 8 * P)).isEqualTo(A + 9 * P);
        assertThat(u64(m, A + 9 * P)).isEqualTo(A + 10 * P);
        assertThat(byteAt(m, A + 10 * P)).isEqualTo((byte) 0x02);
        assertThat(nonZero(m, A + 10 * P)).isEqualTo(1);

        MapDecoding d = new RadixTreeCodec(new RadixGeometry(12, true), LE).decode(m, root);
        assertThat(d.findings()).isEmpty();
        assertThat(d.blocks()).isEqualTo(blocks);
        assertThat(d.mapPieces()).hasSize(11);
        assertThat(d.blocks().ranges()).containsExactly(PhysRange.of(0x1000, 0x1000), PhysRange.of(0x20_0000, 0x20_0000));
    }

    /** 0x1000/0 and 0x8003000/0 (frame 0x8003) and 0x400000/1 (frame 0x200, bit 512 -> byte 64 bit 0). */
    static PreservedBlocks v1Blocks() {
        return PreservedBlocks.builder(12).add(0x1000, 0).add(0x800_3000L, 0).add(0x40_0000, 1).build();
    }

    @Test
    void chunkListWithPageBitmaps() {
        SparseMemory m = new SparseMemory(12);
        long first = new ChunkListCodec(12, 4096, LE).encode(v1Blocks(), new PageAllocator(m, A, A + 64 * P));
        assertThat(first).isEqualTo(A);
        // chunk 0 (order 0): next = chunk 1, order 0, 2 entries
        assertThat(u64(m, A)).isEqualTo(A + 3 * P);
        assertThat(u32(m, A + 8)).isZero();
        assertThat(u32(m, A + 12)).isEqualTo(2);
        assertThat(u64(m, A + 16)).isZero();              // bitmap index 0 covers [0, 128 MiB)
        assertThat(u64(m, A + 24)).isEqualTo(A + P);
        assertThat(u64(m, A + 32)).isEqualTo(0x800_0000L); // frame 0x8003 / 32768 = index 1 -> 128 MiB
        assertThat(u64(m, A + 40)).isEqualTo(A + 2 * P);
        assertThat(byteAt(m, A + P)).isEqualTo((byte) 0x02);       // bit 1
        assertThat(nonZero(m, A + P)).isEqualTo(1);
        assertThat(byteAt(m, A + 2 * P)).isEqualTo((byte) 0x08);   // bit 3
        assertThat(nonZero(m, A + 2 * P)).isEqualTo(1);
        // chunk 1 (order 1): end of chain, one entry
        assertThat(u64(m, A + 3 * P)).isZero();
        assertThat(u32(m, A + 3 * P + 8)).isEqualTo(1);
        assertThat(u32(m, A + 3 * P + 12)).isEqualTo(1);
        assertThat(u64(m, A + 3 * P + 16)).isZero();
        assertThat(u64(m, A + 3 * P + 24)).isEqualTo(A + 4 * P);
        assertThat(byteAt(m, A + 4 * P + 64)).isEqualTo((byte) 0x01); // bit 512
        assertThat(nonZero(m, A + 4 * P)).isEqualTo(1);
        assertThat(m.pageCount()).isEqualTo(5);

        MapDecoding d = new ChunkListCodec(12, 4096, LE).decode(m, first);
        assertThat(d.findings()).isEmpty();
        assertThat(d.blocks()).isEqualTo(v1Blocks());
    }

    @Test
    void chunkListWith512ByteBitmaps() {
        SparseMemory m = new SparseMemory(12);
        long first = new ChunkListCodec(12, 512, LE).encode(v1Blocks(), new PageAllocator(m, A, A + 64 * P));
        assertThat(first).isEqualTo(A);
        assertThat(u64(m, A)).isEqualTo(A + 2 * P);        // chunk 1 after the 512-byte bitmaps' page
        assertThat(u32(m, A + 12)).isEqualTo(2);
        assertThat(u64(m, A + 16)).isZero();
        assertThat(u64(m, A + 24)).isEqualTo(A + P);       // two 512-byte bitmaps share one page
        assertThat(u64(m, A + 32)).isEqualTo(0x800_0000L); // frame 0x8003 / 4096 = index 8 -> 8 * 16 MiB
        assertThat(u64(m, A + 40)).isEqualTo(A + P + 512);
        assertThat(byteAt(m, A + P)).isEqualTo((byte) 0x02);
        assertThat(byteAt(m, A + P + 512)).isEqualTo((byte) 0x08);
        assertThat(nonZero(m, A + P)).isEqualTo(2);
        assertThat(u32(m, A + 2 * P + 8)).isEqualTo(1);
        assertThat(u64(m, A + 2 * P + 24)).isEqualTo(A + 3 * P);
        assertThat(byteAt(m, A + 3 * P + 64)).isEqualTo((byte) 0x01);
        assertThat(m.pageCount()).isEqualTo(4);

        MapDecoding d = new ChunkListCodec(12, 512, LE).decode(m, first);
        assertThat(d.findings()).isEmpty();
        assertThat(d.blocks()).isEqualTo(v1Blocks());
        assertThat(d.mapPieces()).containsExactly(PhysRange.of(A, P), PhysRange.of(A + P, 512),
                PhysRange.of(A + P + 512, 512), PhysRange.of(A + 2 * P, P), PhysRange.of(A + 3 * P, 512));
    }

    @Test
    void rangesSplitLikeTheKernel() {
        // [0x3000, 0x13000): pfn 3 -> order 0; pfn 4 -> order 2; pfn 8 -> order 3; pfn 16 -> order 1; pfn 18 -> order 0
        PreservedBlocks b = PreservedBlocks.builder(12).addRange(0x3000, 0x13000).build();
        long[] byAddr = b.byAddress();
        assertThat(byAddr).containsExactly(0x3000, 0x4000 | 2, 0x8000 | 3, 0x10000 | 1, 0x12000);
        assertThat(b.ranges()).isEqualTo(List.of(new PhysRange(0x3000, 0x13000)));
    }

    @Test
    void depthFormulaDiffersOnlyFor16KiBPages() {
        assertThat(new RadixGeometry(12, false).depth()).isEqualTo(6);
        assertThat(new RadixGeometry(12, true).depth()).isEqualTo(6);
        // 64 KiB: o0 48, bitmap 19, table 13 -> 4 either way (the doc's "6" assumes 9-bit tables; same for both)
        assertThat(new RadixGeometry(16, false).depth()).isEqualTo(4);
        assertThat(new RadixGeometry(16, true).depth()).isEqualTo(4);
        assertThat(new RadixGeometry(14, false).depth()).isEqualTo(4);
        assertThat(new RadixGeometry(14, true).depth()).isEqualTo(5);
        assertThat(new RadixGeometry(12, true).rootSlotLimit()).isEqualTo(4);
    }
}
