package io.khotools.fdt.check;

import static io.khotools.fdt.FdtFormat.*;

import java.nio.ByteBuffer;

/**
 * Layout checks on the raw bytes: header (libfdt 1.8.1 {@code fdt_check_header} order), block bounds and
 * overlap, the reservation map terminator, then the structure walk. Offsets in {@code b} are absolute blob
 * offsets (0 = first header byte). Single-use.
 *
 * <p>Findings that make further reading meaningless (magic, version, a too-short buffer) end the check;
 * every other finding is reported and the independent checks still run, bounded by the buffer length.
 */
final class BlobCheck {
    private final ByteBuffer b;
    private final int n;
    private final Findings out;

    BlobCheck(ByteBuffer b, Findings out) {
        this.b = b;
        this.n = b.limit();
        this.out = out;
    }

    void run() {
        if (n < 4) {
            out.addFatal(FdtRules.HEADER_TRUNCATED, null, null, 0,
                    "blob is " + n + " bytes, too short for the 4-byte magic");
            return;
        }
        int magic = b.getInt(OFF_MAGIC);
        if (magic != MAGIC) {
            out.addFatal(FdtRules.HEADER_MAGIC, null, null, OFF_MAGIC, String.format("magic is 0x%08x, expected 0x%08x%s",
                    magic, MAGIC, magic == SW_MAGIC ? " (an unfinished sequential-write blob)" : ""));
            return;
        }
        if (n < MIN_PROBE_SIZE + 4) {
            out.addFatal(FdtRules.HEADER_TRUNCATED, null, null, 0,
                    "blob is " + n + " bytes, too short for the version fields (" + (MIN_PROBE_SIZE + 4) + ")");
            return;
        }
        int version = b.getInt(OFF_VERSION);
        int lastComp = b.getInt(OFF_LAST_COMP_VERSION);
        // libfdt fdt_check_header: FDT_FIRST_SUPPORTED_VERSION <= version, last_comp <= FDT_LAST_SUPPORTED_VERSION,
        // version >= last_comp (all unsigned)
        if (Integer.compareUnsigned(version, FIRST_SUPPORTED_VERSION) < 0
                || Integer.compareUnsigned(lastComp, LAST_SUPPORTED_VERSION) > 0
                || Integer.compareUnsigned(version, lastComp) < 0) {
            out.addFatal(FdtRules.HEADER_VERSION, null, null, OFF_VERSION, "version " + Integer.toUnsignedString(version)
                    + " / last_comp_version " + Integer.toUnsignedString(lastComp) + " is not readable (need version >= "
                    + FIRST_SUPPORTED_VERSION + ", last_comp_version <= " + LAST_SUPPORTED_VERSION
                    + ", version >= last_comp_version)");
            return;
        }
        // version >= 2 here; a huge unsigned version has a v17 header
        int hdr = version < 0 ? HEADER_SIZE_V17 : headerSize(version);
        if (n < hdr) {
            out.addFatal(FdtRules.HEADER_TRUNCATED, null, null, 0,
                    "blob is " + n + " bytes, too short for a version " + Integer.toUnsignedString(version)
                            + " header (" + hdr + " bytes)");
            return;
        }
        boolean v17 = version < 0 || version >= 17;
        boolean hasStringsSize = version < 0 || version >= 3;
        long total = Integer.toUnsignedLong(b.getInt(OFF_TOTALSIZE));
        long rsvOff = Integer.toUnsignedLong(b.getInt(OFF_OFF_MEM_RSVMAP));
        long structOff = Integer.toUnsignedLong(b.getInt(OFF_OFF_DT_STRUCT));
        long stringsOff = Integer.toUnsignedLong(b.getInt(OFF_OFF_DT_STRINGS));
        long structSize = v17 ? Integer.toUnsignedLong(b.getInt(OFF_SIZE_DT_STRUCT)) : -1;
        long stringsSize = hasStringsSize ? Integer.toUnsignedLong(b.getInt(OFF_SIZE_DT_STRINGS)) : -1;

        // Every later bound is `limit`: totalsize when it is sane and the bytes are there, else the buffer.
        int limit;
        String limitName;
        if (total < hdr || total > Integer.MAX_VALUE) {
            out.addFatal(FdtRules.HEADER_TOTALSIZE, null, null, OFF_TOTALSIZE,
                    "totalsize " + total + " is outside [" + hdr + ", " + Integer.MAX_VALUE + "]");
            limit = n;
            limitName = "the end of the " + n + "-byte buffer";
        } else if (total > n) {
            out.addFatal(FdtRules.HEADER_TOTALSIZE, null, null, OFF_TOTALSIZE,
                    "totalsize " + total + " is larger than the " + n + " bytes given");
            limit = n;
            limitName = "the end of the " + n + "-byte buffer";
        } else {
            limit = (int) total;
            limitName = "totalsize 0x" + Long.toHexString(total);
        }

        // libfdt >= 1.8.0 fdt_check_header: rsvmap 8-aligned, struct 4-aligned (1.6.1 and dtc do not check)
        if ((rsvOff & (RSVMAP_ALIGN - 1)) != 0) {
            out.add(FdtRules.HEADER_ALIGNMENT, null, null, OFF_OFF_MEM_RSVMAP,
                    "off_mem_rsvmap 0x" + Long.toHexString(rsvOff) + " is not 8-aligned");
        }
        if ((structOff & (TOKEN_ALIGN - 1)) != 0) {
            out.add(FdtRules.HEADER_ALIGNMENT, null, null, OFF_OFF_DT_STRUCT,
                    "off_dt_struct 0x" + Long.toHexString(structOff) + " is not 4-aligned");
        }

        boolean rsvOk = blockBounds("memory reservation block", OFF_OFF_MEM_RSVMAP, rsvOff, -1, hdr, limit, limitName);
        boolean structOk = blockBounds("structure block", OFF_OFF_DT_STRUCT, structOff, structSize, hdr, limit, limitName);
        boolean stringsOk = blockBounds("strings block", OFF_OFF_DT_STRINGS, stringsOff, stringsSize, hdr, limit, limitName);
        if (!rsvOk || !structOk || !stringsOk) {
            out.markUnreadable();
        }

        long rsvEnd = rsvOk ? reservationMap((int) rsvOff, limit) : -1;

        long structEnd = -1;
        if (structOk) {
            // libfdt fdt_offset_ptr: v17 tokens must lie inside size_dt_struct and totalsize, older ones inside totalsize
            int walkEnd = v17 ? (int) Math.min(structOff + structSize, limit) : limit;
            StringsIndex strings = strings(stringsOff, stringsSize, v17, limit);
            StructWalk walk = new StructWalk(b, out, (int) structOff, walkEnd, v17 ? structOff + structSize : -1,
                    version >= 0 && version < 16, strings);
            walk.run();
            structEnd = v17 ? structOff + structSize : walk.endTokenEnd();
        }

        overlaps(rsvOk && rsvEnd > 0 ? rsvOff : -1, rsvEnd, structOk ? structOff : -1, structEnd,
                stringsOk && hasStringsSize ? stringsOff : -1, stringsOff + stringsSize);
    }

    /** Checks one block's start and end as libfdt's check_off_/check_block_ do; true if it lies in bounds. */
    private boolean blockBounds(String what, int field, long off, long size, int hdr, int limit, String limitName) {
        if (off < hdr || off > limit) {
            out.add(FdtRules.BLOCK_BOUNDS, null, null, field, what + " offset 0x" + Long.toHexString(off)
                    + " is outside [0x" + Integer.toHexString(hdr) + ", " + limitName + "]");
            return false;
        }
        // off <= limit < 2^31 and size < 2^32: the long sum cannot overflow
        if (size >= 0 && off + size > limit) {
            out.add(FdtRules.BLOCK_BOUNDS, null, null, field, what + " [0x" + Long.toHexString(off) + ", 0x"
                    + Long.toHexString(off + size) + ") runs past " + limitName);
            return true; // the start is usable; walks stay inside the limit
        }
        return true;
    }

    /**
     * Walks the reservation map to its terminator (libfdt fdt_num_mem_rsv: the first entry with size 0).
     *
     * @return the offset just past the terminator, or -1 if there is none before the limit
     */
    private long reservationMap(int start, int limit) {
        // at most (limit - start) / 16 iterations; off + 16 <= limit < 2^31 keeps the int arithmetic exact
        for (int off = start; off <= limit - RESERVE_ENTRY_SIZE; off += RESERVE_ENTRY_SIZE) {
            if (b.getLong(off + 8) == 0) {
                long address = b.getLong(off);
                if (address != 0) {
                    out.add(FdtRules.RSVMAP_TERMINATOR, null, null, off, "terminating entry has address 0x"
                            + Long.toHexString(address) + "; the spec ends the map with address and size 0");
                }
                return off + RESERVE_ENTRY_SIZE;
            }
        }
        out.addFatal(FdtRules.RSVMAP_UNTERMINATED, null, null, start,
                "no entry with size 0 between 0x" + Integer.toHexString(start) + " and 0x" + Integer.toHexString(limit));
        return -1;
    }

    private StringsIndex strings(long off, long size, boolean v17, int limit) {
        if (off > limit) {
            return new StringsIndex(b, 0, 0, 0);
        }
        // libfdt fdt_get_string bounds names by size_dt_strings only for v17; older versions use totalsize
        long declared = v17 ? size : limit - off;
        int present = (int) Math.min(declared, limit - off);
        return new StringsIndex(b, (int) off, declared, present);
    }

    private void overlaps(long rsvStart, long rsvEnd, long structStart, long structEnd, long strStart, long strEnd) {
        overlap("memory reservation block", rsvStart, rsvEnd, "structure block", structStart, structEnd);
        overlap("memory reservation block", rsvStart, rsvEnd, "strings block", strStart, strEnd);
        overlap("structure block", structStart, structEnd, "strings block", strStart, strEnd);
    }

    private void overlap(String a, long aStart, long aEnd, String c, long cStart, long cEnd) {
        if (aStart < 0 || cStart < 0 || aEnd <= aStart || cEnd <= cStart) {
            return; // unknown or empty ranges share nothing
        }
        if (aStart < cEnd && cStart < aEnd) {
            long from = Math.max(aStart, cStart);
            long to = Math.min(aEnd, cEnd);
            out.add(FdtRules.BLOCK_OVERLAP, null, null, from, a + " [0x" + Long.toHexString(aStart) + ", 0x"
                    + Long.toHexString(aEnd) + ") and " + c + " [0x" + Long.toHexString(cStart) + ", 0x"
                    + Long.toHexString(cEnd) + ") share bytes [0x" + Long.toHexString(from) + ", 0x"
                    + Long.toHexString(to) + ")");
        }
    }
}
