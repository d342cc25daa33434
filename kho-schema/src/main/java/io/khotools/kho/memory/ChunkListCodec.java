package io.khotools.kho.memory;

import static io.khotools.kho.check.KhoRules.MAP_BLOCK_ALIGNMENT;
import static io.khotools.kho.check.KhoRules.MAP_CHUNK_COUNT;
import static io.khotools.kho.check.KhoRules.MAP_CYCLE;
import static io.khotools.kho.check.KhoRules.MAP_ORDER;
import static io.khotools.kho.check.KhoRules.MAP_PHYS_START;
import static io.khotools.kho.check.KhoRules.MAP_POINTER_ALIGNMENT;
import static io.khotools.kho.check.KhoRules.MAP_REACHED_TWICE;
import static io.khotools.kho.check.KhoRules.STATE_ABSENT;
import static io.khotools.kho.memory.RadixTreeCodec.d;

import io.khotools.fdt.check.Diagnostic;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encodes and decodes the {@code kho-v1} preserved-memory map (kho-format.md §4.1): a chain of page-sized
 * chunks, header {@code next} u64 @0, {@code order} u32 @8, {@code num_elms} u32 @12, then up to
 * {@code (pageSize-16)/16} entries {@code (phys_start u64, bitmap u64)}; each bitmap is a Linux bitmap of
 * {@code bitmapBytes·8} bits (512 bytes in v6.16, a page later) where bit b marks the block at
 * {@code phys_start + (b << (order+pageShift))}. All fields native byte order.
 *
 * <p>Encoding walks orders ascending, starts a fresh chunk per order and bitmaps within an order ascending,
 * as the kernel's serializer does; memory comes from the allocator in visiting order (chunk page, then the
 * bitmaps it lists). An empty set encodes as no chunk (map address 0). Immutable and thread-safe.
 */
public final class ChunkListCodec {
    private final int pageShift;
    private final int bitmapBytes;
    private final boolean le;

    /**
     * A codec for one page size, bitmap size and byte order.
     *
     * @throws IllegalArgumentException if {@code bitmapBytes} is not a power of two of at least 8 bytes up to
     *     the page size
     */
    public ChunkListCodec(int pageShift, int bitmapBytes, ByteOrder order) {
        if (bitmapBytes < 8 || Integer.bitCount(bitmapBytes) != 1 || bitmapBytes > (1 << pageShift)) {
            throw new IllegalArgumentException("bitmap size " + bitmapBytes);
        }
        this.pageShift = pageShift;
        this.bitmapBytes = bitmapBytes;
        this.le = order == ByteOrder.LITTLE_ENDIAN;
    }

    /** Entries one chunk holds ({@code KHOSER_BITMAP_SIZE}, 255 for 4 KiB pages). */
    public int chunkCapacity() {
        return ((1 << pageShift) - 16) / 16;
    }

    /** Bits per bitmap. */
    public int bitsPerBitmap() {
        return bitmapBytes * 8;
    }

    /**
     * Lays out the chunk chain for {@code blocks} in memory from {@code alloc}.
     *
     * @return the first chunk's physical address, 0 for an empty set
     * @throws IllegalArgumentException if the blocks' page size differs
     * @throws IllegalStateException if the allocator runs out
     */
    public long encode(PreservedBlocks blocks, PageAllocator alloc) {
        if (blocks.pageShift() != pageShift || alloc.memory().pageShift() != pageShift) {
            throw new IllegalArgumentException("page size mismatch");
        }
        SparseMemory mem = alloc.memory();
        int bitsLog2 = Integer.numberOfTrailingZeros(bitsPerBitmap());
        int n = blocks.count();
        long first = 0;
        byte[] prevChunk = null;
        // keys sort by descending order: walk the order groups from the end for ascending orders
        int groupEnd = n;
        while (groupEnd > 0) {
            int order = blocks.order(groupEnd - 1);
            int groupStart = groupEnd - 1;
            while (groupStart > 0 && blocks.order(groupStart - 1) == order) {
                groupStart--;
            }
            byte[] chunk = null;
            long chunkAt = 0;
            int elms = 0;
            long curIndex = -1;
            byte[] bitmapPage = null;
            int bitmapOff = 0;
            for (int i = groupStart; i < groupEnd; i++) {
                long frame = blocks.phys(i) >>> (pageShift + order);
                long index = frame >>> bitsLog2;
                if (index != curIndex) {
                    if (chunk == null || elms == chunkCapacity()) {
                        chunkAt = alloc.allocatePage();
                        chunk = mem.page(chunkAt >>> pageShift);
                        Words.putU32(chunk, 8, order, le);
                        if (prevChunk == null) {
                            first = chunkAt;
                        } else {
                            Words.put(prevChunk, 0, chunkAt, le);
                        }
                        prevChunk = chunk;
                        elms = 0;
                    }
                    long bitmap = alloc.allocate(bitmapBytes);
                    Words.put(chunk, 16 + 16 * elms, (index << bitsLog2) << (pageShift + order), le);
                    Words.put(chunk, 24 + 16 * elms, bitmap, le);
                    elms++;
                    Words.putU32(chunk, 12, elms, le);
                    bitmapPage = mem.page(bitmap >>> pageShift);
                    bitmapOff = (int) (bitmap & ((1 << pageShift) - 1));
                    curIndex = index;
                }
                Words.setBit(bitmapPage, bitmapOff, (int) (frame & (bitsPerBitmap() - 1)), le);
            }
            groupEnd = groupStart;
        }
        return first;
    }

    /**
     * Follows the chunk chain at {@code first} and collects its blocks. Never throws for content: a cycle ends
     * the chain, over-full chunks are read up to their capacity, bad pointers, bitmaps referenced twice,
     * absent memory and misaligned blocks become findings. Work is bounded by the pages the image holds.
     */
    public MapDecoding decode(PhysMemory memory, long first) {
        int pageSize = 1 << pageShift;
        PreservedBlocks.Builder b = PreservedBlocks.builder(pageShift);
        List<PhysRange> pieces = new ArrayList<>();
        List<Diagnostic> findings = new ArrayList<>();
        Set<Long> chunks = new HashSet<>();
        Set<Long> bitmaps = new HashSet<>();
        byte[] chunk = new byte[pageSize];
        byte[] bitmap = new byte[bitmapBytes];
        int bitsLog2 = Integer.numberOfTrailingZeros(bitsPerBitmap());
        long cur = first;
        long from = -1;
        while (cur != 0) {
            if ((cur & (pageSize - 1)) != 0) {
                findings.add(d(MAP_POINTER_ALIGNMENT, from < 0 ? cur : from, "chunk 0x" + Long.toHexString(cur)
                        + " not page-aligned"));
                break;
            }
            if (!chunks.add(cur)) {
                findings.add(d(MAP_CYCLE, from, "chunk chain returns to 0x" + Long.toHexString(cur)));
                break;
            }
            if (!memory.read(cur, chunk, 0, pageSize)) {
                findings.add(d(STATE_ABSENT, from < 0 ? cur : from, "chunk 0x" + Long.toHexString(cur)
                        + " is not in the image; the rest of the chain is lost"));
                break;
            }
            pieces.add(PhysRange.of(cur, pageSize));
            int order = Words.getU32(chunk, 8, le);
            long elms = Words.getU32(chunk, 12, le) & 0xffffffffL;
            if (elms > chunkCapacity()) {
                findings.add(d(MAP_CHUNK_COUNT, cur + 12, "num_elms " + elms + " > " + chunkCapacity()
                        + "; only the page's entries are read"));
                elms = chunkCapacity();
            }
            // the span of one bitmap is 2^(bitsLog2 + pageShift + order) bytes; it must fit a 64-bit address
            if (order < 0 || order > PreservedBlocks.maxOrder(pageShift)) {
                findings.add(d(MAP_ORDER, cur + 8, "chunk order " + Integer.toUnsignedString(order)
                        + " exceeds " + PreservedBlocks.maxOrder(pageShift) + "; its entries are skipped"));
            } else {
                int nullBitmaps = 0;
                for (int e = 0; e < elms; e++) {
                    if (Words.get(chunk, 24 + 16 * e, le) == 0) {
                        nullBitmaps++; // one line per chunk below, not one per entry
                        continue;
                    }
                    decodeEntry(memory, cur + 16 + 16L * e, Words.get(chunk, 16 + 16 * e, le),
                            Words.get(chunk, 24 + 16 * e, le), order, bitsLog2, bitmap, bitmaps, b, pieces, findings);
                }
                if (nullBitmaps > 0) {
                    findings.add(d(MAP_POINTER_ALIGNMENT, cur + 16, nullBitmaps + " used entries with a NULL bitmap"));
                }
            }
            from = cur;
            cur = Words.get(chunk, 0, le);
        }
        return new MapDecoding(b.build(), pieces, findings);
    }

    private void decodeEntry(PhysMemory memory, long entryAt, long physStart, long bitmapAt, int order,
            int bitsLog2, byte[] bitmap, Set<Long> bitmaps, PreservedBlocks.Builder b, List<PhysRange> pieces,
            List<Diagnostic> findings) {
        int blockShift = pageShift + order;
        int spanLog2 = bitsLog2 + blockShift;
        if (spanLog2 < 63 ? (physStart & ((1L << spanLog2) - 1)) != 0 : physStart != 0) {
            findings.add(d(MAP_PHYS_START, entryAt, "phys_start 0x" + Long.toHexString(physStart)
                    + " is not a multiple of the bitmap span 2^" + spanLog2));
        }
        if ((bitmapAt & (bitmapBytes - 1)) != 0) {
            findings.add(d(MAP_POINTER_ALIGNMENT, entryAt + 8, "bitmap 0x" + Long.toHexString(bitmapAt)
                    + " not aligned to " + bitmapBytes));
            return;
        }
        if (!bitmaps.add(bitmapAt)) {
            findings.add(d(MAP_REACHED_TWICE, entryAt + 8, "bitmap 0x" + Long.toHexString(bitmapAt)
                    + " reached twice"));
            return;
        }
        if (!memory.read(bitmapAt, bitmap, 0, bitmapBytes)) {
            findings.add(d(STATE_ABSENT, entryAt + 8, "bitmap 0x" + Long.toHexString(bitmapAt)
                    + " is not in the image"));
            return;
        }
        pieces.add(PhysRange.of(bitmapAt, bitmapBytes));
        long blockMask = (1L << blockShift) - 1;
        int misaligned = 0;
        long firstBad = 0;
        int overflow = 0;
        for (int w = 0; w < bitmapBytes; w += 8) {
            long v = Words.get(bitmap, w, le);
            while (v != 0) {
                long bit = (long) (w << 3) + Long.numberOfTrailingZeros(v);
                v &= v - 1;
                if (bit != 0 && blockShift + (64 - Long.numberOfLeadingZeros(bit)) > 63) {
                    overflow++;
                    continue;
                }
                long phys = physStart + (bit << blockShift);
                if (phys < 0 || phys < physStart) {
                    overflow++;
                } else if ((phys & blockMask) != 0) {
                    if (misaligned++ == 0) {
                        firstBad = phys;
                    }
                } else {
                    b.add(phys, order);
                }
            }
        }
        if (misaligned > 0) {
            findings.add(d(MAP_BLOCK_ALIGNMENT, entryAt, misaligned + " block(s) of order " + order
                    + " not aligned to 2^" + blockShift + ", first at 0x" + Long.toHexString(firstBad)
                    + "; skipped"));
        }
        if (overflow > 0) {
            findings.add(d(MAP_ORDER, entryAt, overflow + " block(s) of order " + order
                    + " lie beyond the 64-bit address space; skipped"));
        }
    }
}
