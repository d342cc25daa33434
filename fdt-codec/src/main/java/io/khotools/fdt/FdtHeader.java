package io.khotools.fdt;

import static io.khotools.fdt.FdtFormat.*;

import io.netty.buffer.ByteBuf;

/**
 * The header of a flattened device tree (DT spec §5.2). Fields absent from older versions read as 0
 * ({@code boot_cpuid_phys} before v2, {@code size_dt_strings} before v3, {@code size_dt_struct} before v17).
 * Sizes and offsets are unsigned in the format; values above 2^31 are kept as negative ints and rejected by
 * {@link #check}.
 */
public record FdtHeader(int magic, int totalSize, int offDtStruct, int offDtStrings, int offMemRsvmap,
                        int version, int lastCompVersion, int bootCpuidPhys, int sizeDtStrings, int sizeDtStruct) {

    /**
     * Reads the header fields at the blob's reader index without checking them. Borrows {@code blob}:
     * neither its indices nor its reference count change.
     *
     * @throws FdtException TRUNCATED if fewer bytes are readable than the version's header needs,
     *     BADMAGIC if the magic is wrong
     */
    public static FdtHeader read(ByteBuf blob) {
        int base = blob.readerIndex();
        int available = blob.readableBytes();
        if (available < 4) {
            throw new FdtException(FdtError.TRUNCATED, 0,
                    "blob is " + available + " bytes, too short for the 4-byte magic");
        }
        int magic = blob.getInt(base + OFF_MAGIC);
        if (magic != MAGIC) {
            throw new FdtException(FdtError.BADMAGIC, 0,
                    String.format("magic is 0x%08x, expected 0x%08x", magic, MAGIC));
        }
        if (available < MIN_PROBE_SIZE) {
            throw new FdtException(FdtError.TRUNCATED, 0,
                    "blob is " + available + " bytes, too short for a header (at least " + HEADER_SIZE_V1 + ")");
        }
        int version = blob.getInt(base + OFF_VERSION);
        int hdrSize = FdtFormat.headerSize(version);
        if (available < hdrSize) {
            throw new FdtException(FdtError.TRUNCATED, 0,
                    "blob is " + available + " bytes, too short for a version " + version
                            + " header (" + hdrSize + " bytes)");
        }
        return new FdtHeader(magic,
                blob.getInt(base + OFF_TOTALSIZE),
                blob.getInt(base + OFF_OFF_DT_STRUCT),
                blob.getInt(base + OFF_OFF_DT_STRINGS),
                blob.getInt(base + OFF_OFF_MEM_RSVMAP),
                version,
                blob.getInt(base + OFF_LAST_COMP_VERSION),
                atLeast(version, 2) ? blob.getInt(base + OFF_BOOT_CPUID_PHYS) : 0,
                atLeast(version, 3) ? blob.getInt(base + OFF_SIZE_DT_STRINGS) : 0,
                atLeast(version, 17) ? blob.getInt(base + OFF_SIZE_DT_STRUCT) : 0);
    }

    /**
     * Reads and checks a header as libfdt 1.8.1's {@code fdt_check_header} does, except the alignment
     * rule (libfdt 1.8 only; reported by the validator instead, since dtc and libfdt 1.6 accept it).
     *
     * @param blob the blob, from its reader index; borrowed
     * @return the header
     * @throws FdtException BADMAGIC, BADVERSION or TRUNCATED, with the offending field's offset
     */
    public static FdtHeader readChecked(ByteBuf blob) {
        FdtHeader h = read(blob);
        h.check(blob.readableBytes());
        return h;
    }

    /** Size of this version's header in bytes (28, 32, 36 or 40). */
    public int headerSize() {
        return FdtFormat.headerSize(version);
    }

    /** {@code totalsize} as an unsigned value. */
    public long totalSizeUnsigned() {
        return Integer.toUnsignedLong(totalSize);
    }

    /** True if the header carries {@code size_dt_struct} (version 17 or later). */
    public boolean hasStructSize() {
        return atLeast(version, 17);
    }

    /** True if the header carries {@code size_dt_strings} (version 3 or later). */
    public boolean hasStringsSize() {
        return atLeast(version, 3);
    }

    /**
     * Checks the header against the number of bytes available, in libfdt's order.
     *
     * @param available bytes readable from the header's first byte
     * @throws FdtException on the first broken rule
     */
    public void check(int available) {
        if (!atLeast(version, FIRST_SUPPORTED_VERSION) || Integer.compareUnsigned(lastCompVersion, LAST_SUPPORTED_VERSION) > 0
                || Integer.compareUnsigned(version, lastCompVersion) < 0) {
            throw new FdtException(FdtError.BADVERSION, OFF_VERSION,
                    "version " + Integer.toUnsignedString(version) + " / last_comp_version "
                            + Integer.toUnsignedString(lastCompVersion) + " is not readable (need version >= "
                            + FIRST_SUPPORTED_VERSION + ", last_comp_version <= " + LAST_SUPPORTED_VERSION
                            + ", version >= last_comp_version)");
        }
        int hdr = headerSize();
        long total = totalSizeUnsigned();
        if (total < hdr || total > Integer.MAX_VALUE) {
            throw new FdtException(FdtError.TRUNCATED, OFF_TOTALSIZE,
                    "totalsize " + total + " is outside [" + hdr + ", " + Integer.MAX_VALUE + "]");
        }
        if (total > available) {
            throw new FdtException(FdtError.TRUNCATED, OFF_TOTALSIZE,
                    "totalsize " + total + " is larger than the " + available + " bytes available");
        }
        checkBlock("memory reservation block", OFF_OFF_MEM_RSVMAP, offMemRsvmap, -1, hdr, total);
        checkBlock("structure block", OFF_OFF_DT_STRUCT, offDtStruct,
                hasStructSize() ? Integer.toUnsignedLong(sizeDtStruct) : -1, hdr, total);
        checkBlock("strings block", OFF_OFF_DT_STRINGS, offDtStrings,
                hasStringsSize() ? Integer.toUnsignedLong(sizeDtStrings) : -1, hdr, total);
    }

    private static void checkBlock(String what, int field, int off, long size, int hdr, long total) {
        long start = Integer.toUnsignedLong(off);
        if (start < hdr || start > total) {
            throw new FdtException(FdtError.TRUNCATED, field,
                    what + " offset 0x" + Long.toHexString(start) + " is outside the blob [0x"
                            + Integer.toHexString(hdr) + ", 0x" + Long.toHexString(total) + "]");
        }
        // start and size are both < 2^32, so the sum cannot overflow a long
        if (size >= 0 && start + size > total) {
            throw new FdtException(FdtError.TRUNCATED, field,
                    what + " [0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(start + size)
                            + ") runs past totalsize 0x" + Long.toHexString(total));
        }
    }

    /**
     * True if the version field, read unsigned as libfdt does, is at least {@code v} (a version of 2^31 or
     * more is a future version that keeps the v17 header).
     */
    public static boolean atLeast(int version, int v) {
        return Integer.compareUnsigned(version, v) >= 0;
    }

    /** The end offset of the strings block: {@code off_dt_strings + size_dt_strings}, or totalsize before v3. */
    public int stringsEnd() {
        return hasStringsSize() ? offDtStrings + sizeDtStrings : totalSize;
    }
}
