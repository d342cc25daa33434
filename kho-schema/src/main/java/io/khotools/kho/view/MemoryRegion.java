package io.khotools.kho.view;

import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchKind;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One region of physical memory a handover names, for {@code kho map}: a scratch area, a merged preserved
 * range, the memory map's own pages, a sub-blob, structures the chain walk reached, or vmalloc pieces. A region whose size is unknown (a sub-blob pointer without
 * {@code blob-size} in an input without memory) has size 0.
 *
 * @param kind what the memory is
 * @param name a label: the scratch kind, {@code preserved}, {@code map pages}, the subtree name, or the path of
 *     a followed structure or vmalloc piece ({@code LUO/sessions[0]/files}; merged ones add {@code +N more})
 * @param start first physical address
 * @param size bytes, 0 when unknown
 */
public record MemoryRegion(Kind kind, String name, long start, long size) {
    /** Ascending start address, then kind, then name: the order {@code kho map} lists and draws. */
    public static final Comparator<MemoryRegion> ORDER = Comparator.comparingLong(MemoryRegion::start)
            .thenComparing(MemoryRegion::kind).thenComparing(MemoryRegion::name);

    /** The kinds of region, in the order a legend lists them; later kinds are drawn over earlier ones. */
    public enum Kind {
        /** A scratch area (kho-format.md §3): memory the next kernel boots in. */
        SCRATCH,
        /** Memory the memory map preserves (merged blocks). */
        PRESERVED,
        /** Pages of the memory map itself (chunks, bitmaps, tree nodes); not preserved (kho-format.md §4). */
        MAP,
        /** A subtree's blob. */
        SUB_BLOB,
        /**
         * Structures the chain walk reached from a blob (LUO arrays and KHO block pages, memfd structs, vmalloc
         * chunk pages), touching ones merged.
         */
        STRUCTURE,
        /** The pieces of vmalloc areas (what their chunks list), touching ones merged. */
        VMALLOC;

        /**
         * The lower-case label ({@code scratch}, {@code preserved}, {@code map}, {@code sub-blob},
         * {@code structure}, {@code vmalloc}).
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** @throws NullPointerException for a null kind or name */
    public MemoryRegion {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    /** One past the last byte ({@code start} itself when the size is unknown). */
    public long end() {
        return start + size;
    }

    /** Adds each non-empty scratch area as a region named by its kind ({@code lowmem}, {@code global}, {@code node}). */
    public static void addScratch(List<ScratchArea> areas, List<MemoryRegion> out) {
        for (int i = 0; i < areas.size(); i++) {
            ScratchArea a = areas.get(i);
            if (a.size() > 0 && a.address() >= 0 && a.address() + a.size() > a.address()) {
                out.add(new MemoryRegion(Kind.SCRATCH, "scratch " + ScratchKind.of(i).name().toLowerCase(Locale.ROOT),
                        a.address(), a.size()));
            }
        }
    }
}
