package io.khotools.kho.blob;

/**
 * The kinds of blob KHO subsystems hand over (kho-format.md §4.3, §5). The first four are reached from the
 * root's subtrees; the others are reached through pointers inside them and are decoded here when the caller
 * has their bytes (for example cut out of a memory image).
 */
public enum SubBlobType {
    /** {@code memblock}: FDT {@code memblock-v1} with {@code reserve-mem-v1} children (§5.1). */
    MEMBLOCK(true),
    /** {@code kho_test}: FDT {@code kho-test-v1} of lib/test_kho.c (§5.2). */
    KHO_TEST(true),
    /** {@code kexec-metadata}: packed 73-byte struct (§5.3). */
    KEXEC_METADATA(false),
    /** {@code LUO}: FDT ({@code luo-v1}, {@code luo-v2}) or packed {@code luo_ser} ({@code luo-v3}..{@code luo-v5}) (§5.4). */
    LUO(false),
    /** v1 session block: {@code count} u64 then 80-byte {@code luo_session_ser} records (§5.4). */
    LUO_SESSION_ARRAY(false),
    /** v1 FLB page: {@code pgcnt} u64, {@code count} u64, then 64-byte {@code luo_flb_ser} records (§5.4). */
    LUO_FLB_ARRAY(false),
    /** An array of 64-byte {@code luo_file_ser} records (count known from the session). */
    LUO_FILE_ARRAY(false),
    /** {@code memfd-v1} packed {@code memfd_luo_ser}, 40 bytes (§5.5). */
    MEMFD_V1(false),
    /** {@code memfd-v2} packed {@code memfd_luo_ser}, 48 bytes (§5.5). */
    MEMFD_V2(false),
    /** The vmalloc'ed array of 16-byte {@code memfd_luo_folio_ser} (§5.5). */
    MEMFD_FOLIOS(false),
    /** A 16-byte {@code struct kho_vmalloc} descriptor (§4.3). */
    VMALLOC(false),
    /** One {@code kho_vmalloc_chunk} page (§4.3). */
    VMALLOC_CHUNK(false),
    /** One KHO block page whose entries are {@code luo_session_ser} (§5.6). */
    KHO_BLOCK_SESSIONS(false),
    /** One KHO block page whose entries are {@code luo_file_ser} (§5.6). */
    KHO_BLOCK_FILES(false),
    /** One KHO block page whose entries are {@code luo_flb_ser} (§5.6). */
    KHO_BLOCK_FLBS(false),
    /** Anything else: kept as bytes, and as a generic FDT when the bytes are one. */
    RAW(false);

    private final boolean fdt;

    SubBlobType(boolean fdt) {
        this.fdt = fdt;
    }

    /** True if this blob is always an FDT. ({@link #LUO} may be either, {@link #RAW} is checked per blob.) */
    public boolean alwaysFdt() {
        return fdt;
    }

    /**
     * The type of a root subtree's blob from its node name (kho-format.md §5: {@code memblock}, {@code kho_test},
     * {@code kexec-metadata}, {@code LUO}); {@link #RAW} for every other name.
     */
    public static SubBlobType forSubtree(String name) {
        return switch (name) {
            case "memblock" -> MEMBLOCK;
            case "kho_test" -> KHO_TEST;
            case "kexec-metadata" -> KEXEC_METADATA;
            case "LUO" -> LUO;
            default -> RAW;
        };
    }

    /** True for the subtree names the kernel is known to use. */
    public static boolean knownSubtree(String name) {
        return forSubtree(name) != RAW;
    }
}
