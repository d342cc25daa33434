package io.khotools.fdt;

/**
 * Constants of the flattened device tree binary format, defined once for the whole codec.
 *
 * <p>Sources: Devicetree Specification v0.4 chapter 5 ("Flattened Devicetree (DTB) Format") and
 * the header layout of libfdt's {@code fdt.h}. All multi-byte fields of a DTB are big-endian.
 * No other class writes the magic number or a raw header offset.
 */
public final class FdtFormat {
    private FdtFormat() {}

    /** DT spec §5.2: the magic number that starts every blob. */
    public static final int MAGIC = 0xd00dfeed;
    /** libfdt's in-progress sequential-write state uses the inverted magic. */
    public static final int SW_MAGIC = ~MAGIC;

    /** The version every modern writer emits. */
    public static final int VERSION_LATEST = 17;
    /** The last_comp_version written alongside version 16 and 17. */
    public static final int LAST_COMP_VERSION_16 = 16;
    /** libfdt's FDT_FIRST_SUPPORTED_VERSION: version 1 is rejected. */
    public static final int FIRST_SUPPORTED_VERSION = 2;
    /** libfdt's FDT_LAST_SUPPORTED_VERSION: a blob whose last_comp_version is above this is rejected. */
    public static final int LAST_SUPPORTED_VERSION = 17;

    // Header field offsets (DT spec §5.2, fdt.h struct fdt_header).
    public static final int OFF_MAGIC = 0x00;
    public static final int OFF_TOTALSIZE = 0x04;
    public static final int OFF_OFF_DT_STRUCT = 0x08;
    public static final int OFF_OFF_DT_STRINGS = 0x0c;
    public static final int OFF_OFF_MEM_RSVMAP = 0x10;
    public static final int OFF_VERSION = 0x14;
    public static final int OFF_LAST_COMP_VERSION = 0x18;
    /** Present from version 2 on. */
    public static final int OFF_BOOT_CPUID_PHYS = 0x1c;
    /** Present from version 3 on. */
    public static final int OFF_SIZE_DT_STRINGS = 0x20;
    /** Present from version 17 on. */
    public static final int OFF_SIZE_DT_STRUCT = 0x24;

    /** Header size of a version 1 blob (libfdt FDT_V1_SIZE). */
    public static final int HEADER_SIZE_V1 = 7 * 4;
    /** Header size of a version 2 blob: adds boot_cpuid_phys. */
    public static final int HEADER_SIZE_V2 = HEADER_SIZE_V1 + 4;
    /** Header size of a version 3 blob: adds size_dt_strings. */
    public static final int HEADER_SIZE_V3 = HEADER_SIZE_V2 + 4;
    /** Header size of a version 16 blob: same fields as version 3. */
    public static final int HEADER_SIZE_V16 = HEADER_SIZE_V3;
    /** Header size of a version 17 blob: adds size_dt_struct. */
    public static final int HEADER_SIZE_V17 = HEADER_SIZE_V16 + 4;

    /** The smallest number of bytes from which the magic and version can be read. */
    public static final int MIN_PROBE_SIZE = OFF_VERSION + 4;

    // Structure block tokens (DT spec §5.4.1).
    public static final int TOKEN_BEGIN_NODE = 0x1;
    public static final int TOKEN_END_NODE = 0x2;
    public static final int TOKEN_PROP = 0x3;
    public static final int TOKEN_NOP = 0x4;
    public static final int TOKEN_END = 0x9;

    /** DT spec §5.4: every token starts on a 4-byte boundary (relative to the struct block). */
    public static final int TOKEN_ALIGN = 4;
    /** DT spec §5.3: the memory reservation block is 8-byte aligned. */
    public static final int RSVMAP_ALIGN = 8;
    /** One reservation entry: u64 address, u64 size. */
    public static final int RESERVE_ENTRY_SIZE = 16;
    /** A PROP token's fixed part after the tag: u32 len, u32 nameoff. */
    public static final int PROP_HEADER_SIZE = 8;
    /** Versions below 16 align property values of 8 or more bytes to 8 (libfdt fdt_next_tag). */
    public static final int V1_VALUE_ALIGN = 8;

    /** libfdt's maximum valid phandle; 0 and 0xffffffff are never valid. */
    public static final int MAX_PHANDLE = 0xfffffffe;

    /**
     * Header size in bytes for a blob of the given version (libfdt {@code fdt_header_size_}).
     *
     * @param version the header's version field
     * @return 28, 32, 36 or 40
     */
    public static int headerSize(int version) {
        if (version < 0) {
            return HEADER_SIZE_V17; // 2^31 or more, unsigned: a future version, read with the v17 header as libfdt does
        }
        if (version <= 1) {
            return HEADER_SIZE_V1;
        } else if (version <= 2) {
            return HEADER_SIZE_V2;
        } else if (version <= 16) {
            return HEADER_SIZE_V3;
        }
        return HEADER_SIZE_V17;
    }

    /** Rounds {@code n} up to a multiple of the power of two {@code align}; {@code n} must be non-negative. */
    public static long alignUp(long n, int align) {
        return (n + align - 1) & -(long) align;
    }

    /** Rounds {@code n} up to a multiple of 4, the token alignment. */
    public static int tokenAlign(int n) {
        // cannot overflow for n <= Integer.MAX_VALUE - 3; callers bound n by the blob length (< 2^31 - 8)
        return (n + TOKEN_ALIGN - 1) & -TOKEN_ALIGN;
    }
}
