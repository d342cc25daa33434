package io.khotools.kho.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Every map format: random block sets (thousands of blocks of mixed orders, clustered and scattered) encode,
 * decode to the same set without findings, and re-encoding the decoded set gives the same bytes at the same
 * addresses.
 */
class MemoryMapPropertiesTest {
    static final long MAP_BASE = 1L << 42;

    enum Format { V1_512, V1_PAGE, RADIX_V2, RADIX_V4, RADIX_V4_BIG_ENDIAN }

    static PreservedBlocks randomBlocks(long seed, int n) {
        Random r = new Random(seed);
        PreservedBlocks.Builder b = PreservedBlocks.builder(12);
        for (int i = 0; i < n; i++) {
            int order = r.nextInt(4) == 0 ? r.nextInt(19) : r.nextInt(3);
            // three quarters in the first GiB (dense leaves), the rest anywhere below 1 TiB
            long limit = r.nextInt(4) == 0 ? 1L << 40 : 1L << 30;
            long phys = (r.nextLong() & (limit - 1)) & -(1L << (12 + order));
            if (r.nextInt(16) == 0) {
                long end = phys + ((1 + r.nextInt(64)) << 12);
                b.addRange(phys, end);
            } else {
                b.add(phys, order);
            }
        }
        return b.build();
    }

    static long encode(Format f, PreservedBlocks blocks, SparseMemory m) {
        PageAllocator a = new PageAllocator(m, MAP_BASE, MAP_BASE + (1L << 36));
        return switch (f) {
            case V1_512 -> new ChunkListCodec(12, 512, ByteOrder.LITTLE_ENDIAN).encode(blocks, a);
            case V1_PAGE -> new ChunkListCodec(12, 4096, ByteOrder.LITTLE_ENDIAN).encode(blocks, a);
            case RADIX_V2 -> new RadixTreeCodec(new RadixGeometry(12, false), ByteOrder.LITTLE_ENDIAN).encode(blocks, a);
            case RADIX_V4 -> new RadixTreeCodec(new RadixGeometry(12, true), ByteOrder.LITTLE_ENDIAN).encode(blocks, a);
            case RADIX_V4_BIG_ENDIAN -> new RadixTreeCodec(new RadixGeometry(12, true), ByteOrder.BIG_ENDIAN).encode(blocks, a);
        };
    }

    static MapDecoding decode(Format f, PhysMemory m, long root) {
        return switch (f) {
            case V1_512 -> new ChunkListCodec(12, 512, ByteOrder.LITTLE_ENDIAN).decode(m, root);
            case V1_PAGE -> new ChunkListCodec(12, 4096, ByteOrder.LITTLE_ENDIAN).decode(m, root);
            case RADIX_V2 -> new RadixTreeCodec(new RadixGeometry(12, false), ByteOrder.LITTLE_ENDIAN).decode(m, root);
            case RADIX_V4 -> new RadixTreeCodec(new RadixGeometry(12, true), ByteOrder.LITTLE_ENDIAN).decode(m, root);
            case RADIX_V4_BIG_ENDIAN -> new RadixTreeCodec(new RadixGeometry(12, true), ByteOrder.BIG_ENDIAN).decode(m, root);
        };
    }

    @Property(tries = 40)
    void encodeDecodeReencode(@ForAll Format format, @ForAll long seed, @ForAll @IntRange(min = 0, max = 4000) int n) {
        PreservedBlocks blocks = randomBlocks(seed, n);
        SparseMemory m = new SparseMemory(12);
        long root = encode(format, blocks, m);
        MapDecoding d = decode(format, m, root);
        assertThat(d.findings()).isEmpty();
        assertThat(d.blocks()).isEqualTo(blocks);
        if (blocks.count() > 0) {
            assertThat(d.mapPieces().stream().mapToLong(PhysRange::size).sum()).isPositive();
        }
        SparseMemory again = new SparseMemory(12);
        assertThat(encode(format, d.blocks(), again)).isEqualTo(root);
        assertThat(again).isEqualTo(m);
    }
}
