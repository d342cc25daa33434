package io.khotools.kho.gen;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.gen.HandoverDescription.DescriptionException;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.SparseMemory;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The physical memory of one {@link HandoverDescription} build: what the description preserves (checked
 * against 2^52 and {@link HandoverDescription#MAX_BLOCKS} before a range is split), the data it places
 * without writing (regions, folios), and the final check that no two things share bytes. Not thread-safe.
 */
final class DescribedMemory {
    final KhoOptions options;
    final HandoverLayout layout;
    /** Ranges written into memory, to refuse two things on the same bytes: start → [end, what]. */
    private final TreeMap<Long, Object[]> written = new TreeMap<>();
    /** Data the description places without writing it (regions, folios): {start, length, what}. */
    private final List<Object[]> data = new ArrayList<>();

    DescribedMemory(KhoOptions options) {
        this.options = options;
        this.layout = new HandoverLayout(options);
    }

    /** Records data placed at {@code [at, at + len)} (not written: a region, a folio) for the overlap check. */
    void placeData(long at, long len, String what) {
        data.add(new Object[] {at, len, what});
    }

    /** Refuses two written things on the same bytes: blobs, structures, chunk pages, pieces, map area. */
    void checkOverlaps(HandoverModel model, KhoAbi abi, long mapAt) {
        for (SubsystemModel s : model.subsystems()) {
            claim(s.address(), SubBlobCodec.encode(s.blob(), options).length, "/" + s.name());
            for (LocatedBlob b : s.structures()) {
                claim(b.address(), SubBlobCodec.encode(b.blob(), options).length, b.path());
            }
            for (VmallocArea v : s.vmallocs()) {
                for (LocatedBlob c : v.chunks()) {
                    claim(c.address(), layout.page, c.path());
                }
                for (long p : v.pieces()) {
                    claim(p, v.pieceBytes(layout.shift), v.path() + " piece");
                }
            }
        }
        for (Object[] d : data) {
            claim((long) d[0], (long) d[1], (String) d[2]);
        }
        if (mapAt != 0) {
            SparseMemory map = new SparseMemory(layout.shift);
            StateEncoder.encodeMap(model.blocks(), abi, options, map, mapAt);
            long pages = map.pageCount();
            claim(mapAt, pages << layout.shift, "memory map");
        }
    }

    void claim(long at, long len, String what) {
        if (len <= 0) {
            return;
        }
        long end = at + len;
        Map.Entry<Long, Object[]> below = written.floorEntry(end - 1);
        if (below != null && (long) below.getValue()[0] > at) {
            // a description path names the node; a laid-out structure (LUO/sessions...) only the root
            boolean node = what.startsWith("/");
            throw new DescriptionException(node ? what : "/", (node ? "" : what + " ") + PhysRange.of(at, len)
                    + " overlaps " + below.getValue()[1] + " " + new PhysRange(below.getKey(),
                    (long) below.getValue()[0]) + " (the layout uses 4-32 GiB and the map's pages from"
                    + " preserved-memory-map: give addresses outside them)");
        }
        written.put(at, new Object[] {end, what});
    }

    long pageAligned(long v, String where, String prop) {
        checkAligned(v, where, prop);
        return v;
    }

    void checkAligned(long v, String where, String prop) {
        if ((v & (layout.page - 1)) != 0) {
            throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(v) + " is not page-aligned ("
                    + layout.page + " bytes)");
        }
        if (v < 0 || v >= HandoverDescription.PHYS_LIMIT) {
            throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(v) + " is not below 2^52");
        }
    }

    /**
     * Preserves {@code [start, end)} split as the kernel does, refusing ranges past 2^52 and ranges that
     * would make more than {@link HandoverDescription#MAX_BLOCKS} blocks (checked before any is made).
     */
    void preserveRange(long start, long end, String where, String prop) {
        if (start < 0 || end < start || end > HandoverDescription.PHYS_LIMIT) {
            throw new DescriptionException(where, prop + ": range " + new PhysRange(start, end)
                    + " is not below 2^52");
        }
        int maxOrder = PreservedBlocks.maxOrder(layout.shift);
        long most = ((end - start) >>> (layout.shift + maxOrder)) + 2L * (maxOrder + 1);
        if (layout.blocks.count() + most > HandoverDescription.MAX_BLOCKS) {
            throw new DescriptionException(where, prop + ": range " + new PhysRange(start, end) + " would make"
                    + " more than " + HandoverDescription.MAX_BLOCKS + " preserved blocks");
        }
        layout.blocks.addRange(start, end);
    }

    /**
     * Checks one {@code address order} pair of {@code prop}: the order in {@code 0..maxOrder} and the address
     * aligned to it.
     *
     * @return the order
     */
    int checkBlock(long at, long order, int maxOrder, String where, String prop) {
        if (order < 0 || order > maxOrder) {
            throw new DescriptionException(where, prop + ": order " + order + " out of range 0.." + maxOrder);
        }
        if ((at & ((layout.page << order) - 1)) != 0) {
            throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(at) + " is not aligned to its order "
                    + order);
        }
        return (int) order;
    }

    void preserveBlock(long at, int order, String where, String prop) {
        if (at + (layout.page << order) > HandoverDescription.PHYS_LIMIT) {
            throw new DescriptionException(where, prop + ": 0x" + Long.toHexString(at) + " is not below 2^52");
        }
        if (layout.blocks.count() >= HandoverDescription.MAX_BLOCKS) {
            throw new DescriptionException(where, prop + ": more than " + HandoverDescription.MAX_BLOCKS
                    + " preserved blocks");
        }
        layout.blocks.add(at, order);
    }
}
