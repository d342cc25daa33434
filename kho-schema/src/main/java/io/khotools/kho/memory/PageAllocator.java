package io.khotools.kho.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands out zero-filled, naturally aligned pieces of physical memory for a memory map's own structures
 * (chunks, bitmaps, tree nodes), bump-style and ascending from a start address, writing them into a
 * {@link SparseMemory}. Deterministic: the same requests give the same addresses, which is what makes
 * re-encoding byte-identical. Sub-page requests (the 512-byte {@code kho-v1} bitmaps, like kmalloc-512) share
 * pages. Mutable, not thread-safe.
 */
public final class PageAllocator {
    private final SparseMemory memory;
    private final long limit;
    private long next;
    private final List<PhysRange> allocated = new ArrayList<>();

    /**
     * An allocator over {@code [start, limit)} of {@code memory}.
     *
     * @throws IllegalArgumentException if {@code start} is not page-aligned or the range is empty
     */
    public PageAllocator(SparseMemory memory, long start, long limit) {
        long page = 1L << memory.pageShift();
        if ((start & (page - 1)) != 0 || limit <= start) {
            throw new IllegalArgumentException("bad allocator range 0x" + Long.toHexString(start) + "..0x"
                    + Long.toHexString(limit));
        }
        this.memory = memory;
        this.next = start;
        this.limit = limit;
    }

    /** The memory pieces are written into. */
    public SparseMemory memory() {
        return memory;
    }

    /**
     * Allocates {@code bytes} (a power of two, at most one page) aligned to its size, zero-filled.
     *
     * @return the physical address
     * @throws IllegalArgumentException if {@code bytes} is not a power of two up to the page size
     * @throws IllegalStateException when the range is exhausted
     */
    public long allocate(int bytes) {
        int page = 1 << memory.pageShift();
        if (bytes <= 0 || Integer.bitCount(bytes) != 1 || bytes > page) {
            throw new IllegalArgumentException("allocation size must be a power of two up to a page: " + bytes);
        }
        long a = (next + bytes - 1) & -(long) bytes;
        if (a + bytes > limit) {
            throw new IllegalStateException("allocator range exhausted at 0x" + Long.toHexString(a));
        }
        next = a + bytes;
        memory.pageForWrite(a >>> memory.pageShift()); // present and zero from now on
        if (!allocated.isEmpty() && allocated.get(allocated.size() - 1).end() == a) {
            PhysRange last = allocated.remove(allocated.size() - 1);
            allocated.add(new PhysRange(last.start(), a + bytes));
        } else {
            allocated.add(PhysRange.of(a, bytes));
        }
        return a;
    }

    /** One zero-filled page. */
    public long allocatePage() {
        return allocate(1 << memory.pageShift());
    }

    /** Everything handed out so far, as merged ascending ranges (copy). */
    public List<PhysRange> allocated() {
        return List.copyOf(allocated);
    }
}
