package io.khotools.kho.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Physical memory as a sparse map of pages (page frame number → page bytes): what builders write into and
 * tests read from. Pages not written are absent, not zero. Mutable, not thread-safe.
 */
public final class SparseMemory implements PhysMemory {
    private final int pageShift;
    private final int pageSize;
    private final Map<Long, byte[]> pages = new HashMap<>();

    /** An empty memory with pages of {@code 1 << pageShift} bytes. */
    public SparseMemory(int pageShift) {
        if (pageShift < 9 || pageShift > 20) {
            throw new IllegalArgumentException("page shift out of range: " + pageShift);
        }
        this.pageShift = pageShift;
        this.pageSize = 1 << pageShift;
    }

    /** log2 of the page size. */
    public int pageShift() {
        return pageShift;
    }

    /** Number of pages present. */
    public int pageCount() {
        return pages.size();
    }

    /** The page with frame number {@code pfn}, borrowed (writes show through), or null if absent. */
    public byte[] page(long pfn) {
        return pages.get(pfn);
    }

    /** The page with frame number {@code pfn}, borrowed; created zero-filled if absent. */
    public byte[] pageForWrite(long pfn) {
        return pages.computeIfAbsent(pfn, k -> new byte[pageSize]);
    }

    /** Drops the page with frame number {@code pfn} (it becomes absent); true if it was present. */
    public boolean remove(long pfn) {
        return pages.remove(pfn) != null;
    }

    /** Copies {@code src[off..off+len)} to physical address {@code phys}, creating the pages it touches. */
    public void write(long phys, byte[] src, int off, int len) {
        int done = 0;
        while (done < len) {
            long a = phys + done;
            int inPage = (int) (a & (pageSize - 1));
            int n = Math.min(len - done, pageSize - inPage);
            System.arraycopy(src, off + done, pageForWrite(a >>> pageShift), inPage, n);
            done += n;
        }
    }

    /** Copies a whole byte array to {@code phys}. */
    public void write(long phys, byte[] src) {
        write(phys, src, 0, src.length);
    }

    @Override
    public boolean read(long phys, byte[] dst, int off, int len) {
        java.util.Objects.checkFromIndexSize(off, len, dst.length);
        int done = 0;
        boolean all = true;
        while (done < len) {
            long a = phys + done;
            int inPage = (int) (a & (pageSize - 1));
            int n = Math.min(len - done, pageSize - inPage);
            byte[] p = a < 0 ? null : pages.get(a >>> pageShift);
            if (p == null) {
                all = false;
            } else {
                System.arraycopy(p, inPage, dst, off + done, n);
            }
            done += n;
        }
        return all;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Work is bounded by the smaller of the pages the range spans and the pages present, so a huge range
     * (a length read from hostile input) costs no more than a scan of the present pages.
     */
    @Override
    public List<PhysRange> absent(long phys, long len) {
        List<PhysRange> out = new ArrayList<>();
        if (len <= 0) {
            return out;
        }
        // a range running past the top of the (signed) address space is clipped there, as RawMemory does
        long end = phys + len < phys ? Long.MAX_VALUE : phys + len;
        if (phys < 0) {
            out.add(new PhysRange(phys, Math.max(phys, end))); // no page has a negative address
            return out;
        }
        long firstPfn = phys >>> pageShift;
        long lastPfn = (end - 1) >>> pageShift;
        if (lastPfn - firstPfn >= pages.size()) {
            return absentSparse(phys, end, firstPfn, lastPfn, out);
        }
        long a = phys;
        while (a < end) {
            long pageEnd = Math.min(end, ((a >>> pageShift) + 1) << pageShift);
            if (pageEnd <= a) {
                pageEnd = end; // top of the address space
            }
            if (!pages.containsKey(a >>> pageShift)) {
                add(out, a, pageEnd);
            }
            a = pageEnd;
        }
        return out;
    }

    /** {@link #absent} for a range spanning more pages than are present: the gaps between present pages. */
    private List<PhysRange> absentSparse(long phys, long end, long firstPfn, long lastPfn, List<PhysRange> out) {
        long[] inRange = pages.keySet().stream().mapToLong(Long::longValue)
                .filter(p -> p >= firstPfn && p <= lastPfn).sorted().toArray();
        long a = phys;
        for (long pfn : inRange) {
            long pageStart = Math.max(phys, pfn << pageShift);
            if (a < pageStart) {
                add(out, a, pageStart);
            }
            long pageEnd = (pfn + 1) << pageShift;
            a = pageEnd <= 0 || pageEnd > end ? end : pageEnd;
        }
        if (a < end) {
            add(out, a, end);
        }
        return out;
    }

    private static void add(List<PhysRange> out, long start, long end) {
        if (!out.isEmpty() && out.get(out.size() - 1).end() == start) {
            out.set(out.size() - 1, new PhysRange(out.get(out.size() - 1).start(), end));
        } else {
            out.add(new PhysRange(start, end));
        }
    }

    /** The present memory as maximal runs of consecutive pages, ascending. */
    public List<PhysRange> segments() {
        long[] pfns = pages.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<PhysRange> out = new ArrayList<>();
        int i = 0;
        while (i < pfns.length) {
            int j = i;
            while (j + 1 < pfns.length && pfns[j + 1] == pfns[j] + 1) {
                j++;
            }
            out.add(new PhysRange(pfns[i] << pageShift, (pfns[j] + 1) << pageShift));
            i = j + 1;
        }
        return out;
    }

    /** Same page size and the same pages with the same bytes. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SparseMemory m) || m.pageShift != pageShift || m.pages.size() != pages.size()) {
            return false;
        }
        for (Map.Entry<Long, byte[]> e : pages.entrySet()) {
            if (!Arrays.equals(e.getValue(), m.pages.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = pageShift;
        for (Map.Entry<Long, byte[]> e : pages.entrySet()) {
            h += Long.hashCode(e.getKey()) ^ Arrays.hashCode(e.getValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "SparseMemory" + segments();
    }
}
