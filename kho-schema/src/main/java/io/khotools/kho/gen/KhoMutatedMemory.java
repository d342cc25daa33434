package io.khotools.kho.gen;

import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Physical memory seen through edits: a base {@link PhysMemory} (never modified, shared) with byte patches laid
 * over it and whole pages hidden, so that a state mutator costs the size of its edits, not a copy of the image.
 * Immutable; {@link #patch} and {@link #hide} return new views.
 */
public final class KhoMutatedMemory implements PhysMemory {
    private final PhysMemory base;
    private final int pageShift;
    /** Patches by start address; later patches were laid over earlier ones when added. */
    private final TreeMap<Long, byte[]> patches;
    private final TreeMap<Long, Boolean> hidden;

    private KhoMutatedMemory(PhysMemory base, int pageShift, TreeMap<Long, byte[]> patches, TreeMap<Long, Boolean> hidden) {
        this.base = base;
        this.pageShift = pageShift;
        this.patches = patches;
        this.hidden = hidden;
    }

    /** A view of {@code base} with no edits yet; {@code pageShift} sizes the pages {@link #hide} removes. */
    public static KhoMutatedMemory of(PhysMemory base, int pageShift) {
        return new KhoMutatedMemory(Objects.requireNonNull(base, "base"), pageShift, new TreeMap<>(), new TreeMap<>());
    }

    /**
     * A view where {@code bytes} replace the memory at {@code phys}; absent pages there become present with
     * the patched bytes (the rest of such a page reads as zero).
     */
    public KhoMutatedMemory patch(long phys, byte[] bytes) {
        TreeMap<Long, byte[]> p = new TreeMap<>(patches);
        p.put(phys, bytes.clone());
        TreeMap<Long, Boolean> h = new TreeMap<>(hidden);
        for (long pfn = phys >>> pageShift; pfn <= (phys + bytes.length - 1) >>> pageShift; pfn++) {
            h.remove(pfn);
        }
        return new KhoMutatedMemory(base, pageShift, p, h);
    }

    /**
     * The byte ranges the patches cover, by start address (overlapping patches give overlapping ranges).
     * With the base's own ranges they are all the memory this view can hold: what a caller copying the view
     * into pages (to write a mutated image, say) must visit.
     */
    public List<PhysRange> patchedRanges() {
        List<PhysRange> out = new ArrayList<>(patches.size());
        patches.forEach((at, bytes) -> out.add(PhysRange.of(at, bytes.length)));
        return out;
    }

    /** A view where the page holding {@code phys} is absent. */
    public KhoMutatedMemory hide(long phys) {
        TreeMap<Long, Boolean> h = new TreeMap<>(hidden);
        h.put(phys >>> pageShift, true);
        return new KhoMutatedMemory(base, pageShift, patches, h);
    }

    @Override
    public boolean read(long phys, byte[] dst, int off, int len) {
        boolean ok = base.read(phys, dst, off, len);
        long end = phys + len;
        for (Map.Entry<Long, byte[]> e : patches.entrySet()) {
            long ps = e.getKey();
            long pe = ps + e.getValue().length;
            if (pe <= phys || ps >= end) {
                continue;
            }
            long from = Math.max(ps, phys);
            long to = Math.min(pe, end);
            System.arraycopy(e.getValue(), (int) (from - ps), dst, off + (int) (from - phys), (int) (to - from));
        }
        return ok ? absentHidden(phys, len).isEmpty() : absent(phys, len).isEmpty();
    }

    @Override
    public List<PhysRange> absent(long phys, long len) {
        List<PhysRange> out = new ArrayList<>();
        long end = phys + len;
        for (PhysRange r : base.absent(phys, len)) {
            addMinusPatches(out, r.start(), r.end());
        }
        out.addAll(absentHidden(phys, len));
        out.sort((a, b) -> Long.compare(a.start(), b.start()));
        List<PhysRange> merged = new ArrayList<>();
        for (PhysRange r : out) {
            long s = Math.max(r.start(), phys);
            long e = Math.min(r.end(), end);
            if (s >= e) {
                continue;
            }
            if (!merged.isEmpty() && merged.get(merged.size() - 1).end() >= s) {
                PhysRange last = merged.remove(merged.size() - 1);
                merged.add(new PhysRange(last.start(), Math.max(last.end(), e)));
            } else {
                merged.add(new PhysRange(s, e));
            }
        }
        return merged;
    }

    /** Adds [s, e) minus the pages any patch touches (patched pages are present); cost: the number of patches. */
    private void addMinusPatches(List<PhysRange> out, long s, long e) {
        long a = s;
        for (Map.Entry<Long, byte[]> p : patches.entrySet()) {
            long ps = p.getKey() >>> pageShift << pageShift;
            long pe = ((p.getKey() + p.getValue().length - 1) >>> pageShift) + 1 << pageShift;
            if (pe <= a || ps >= e) {
                continue;
            }
            if (ps > a) {
                out.add(new PhysRange(a, ps));
            }
            a = Math.max(a, pe);
        }
        if (a < e) {
            out.add(new PhysRange(a, e));
        }
    }

    private List<PhysRange> absentHidden(long phys, long len) {
        List<PhysRange> out = new ArrayList<>();
        long end = phys + len;
        for (long pfn : hidden.keySet()) {
            long s = pfn << pageShift;
            long e = (pfn + 1) << pageShift;
            if (e > phys && s < end) {
                out.add(new PhysRange(Math.max(s, phys), Math.min(e, end)));
            }
        }
        return out;
    }
}
