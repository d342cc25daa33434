package io.khotools.kho;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The KHO ABI generations, told apart by the root {@code compatible} string (kho-format.md §0 table, §2.1).
 *
 * <p>Two generations share the string {@code kho-v1}: they differ only in the bitmap size of the memory map
 * behind {@code preserved-memory-map} (kho-format.md §4.1), which the root FDT cannot show, so
 * {@link #detect(String, V1Bitmap)} takes the size as an explicit option and says when it had to assume one.
 */
public enum KhoAbi {
    /** v6.16: {@code kho-v1}, chunk list of 512-byte bitmaps, child pointer {@code fdt}, root built at finalize. */
    V1_BITMAP_512("kho-v1", "fdt", BlobSize.ABSENT, RootAssembly.FINALIZE),
    /** v6.17 to v7.0-era: {@code kho-v1}, page-sized bitmaps, child pointer {@code fdt}, root built at boot. */
    V1_BITMAP_PAGE("kho-v1", "fdt", BlobSize.ABSENT, RootAssembly.BOOT),
    /**
     * "Make KHO stateless": {@code kho-v2}, radix tree, {@code preserved-data}. The first kexec-metadata patches
     * added {@code blob-size} still under {@code kho-v2} (linux-mm 222ae381), so it is optional here.
     */
    V2("kho-v2", "preserved-data", BlobSize.OPTIONAL, RootAssembly.BOOT),
    /** {@code kho-v3}: radix tree, {@code preserved-data} + {@code blob-size} (raw blobs allowed). */
    V3("kho-v3", "preserved-data", BlobSize.REQUIRED, RootAssembly.BOOT),
    /** {@code kho-v4}: as V3 plus KHO blocks and the fixed radix depth formula (7.2-era kernels). */
    V4("kho-v4", "preserved-data", BlobSize.REQUIRED, RootAssembly.BOOT),
    /** linux-mm compound compatible {@code kho-v4;radix-v1;vmalloc-v1}: V4 with explicit sub-ABI versions. */
    V4_RADIX_VMALLOC("kho-v4;radix-v1;vmalloc-v1", "preserved-data", BlobSize.REQUIRED, RootAssembly.BOOT);

    /** Root property holding the memory map's physical address (all generations, kho-format.md §2.1). */
    public static final String MEMORY_MAP_PROPERTY = "preserved-memory-map";
    /** Child property holding the blob size (G3 and later). */
    public static final String BLOB_SIZE_PROPERTY = "blob-size";

    /** Whether children carry {@code blob-size}. */
    public enum BlobSize {
        /** Never written (G1, early G2). */
        ABSENT,
        /** Written by some kernels of this compatible string. */
        OPTIONAL,
        /** Written by every kernel of this generation and required by its reader. */
        REQUIRED
    }

    /** How the producing kernel assembles the root FDT (kho-format.md §2.2); decides byte layout and order. */
    public enum RootAssembly {
        /**
         * One {@code fdt_sw} pass at finalize: compatible, memory map, then one child per subsystem in
         * registration order; rsvmap at 0x30 (libfdt sequential-write layout).
         */
        FINALIZE,
        /**
         * {@code fdt_sw} at boot with compatible and memory map, then per subsystem {@code fdt_open_into},
         * {@code fdt_add_subnode}, {@code fdt_setprop}..., {@code fdt_pack}: newest child first, newest
         * property first, strings appended; rsvmap moves to 0x28 at the first pack.
         */
        BOOT
    }

    /** Bitmap size of the {@code kho-v1} memory map (kho-format.md §4.1). */
    public enum V1Bitmap {
        /** 512-byte bitmaps (v6.16). */
        BYTES_512,
        /** PAGE_SIZE bitmaps (later {@code kho-v1} kernels). */
        PAGE
    }

    /**
     * Result of {@link #detect}.
     *
     * @param abi the generation
     * @param matched the compatible entry that matched (one entry of a string list)
     * @param assumed true if the generation is {@code kho-v1} and no bitmap size was given, so
     *     {@link #V1_BITMAP_PAGE} was assumed
     */
    public record Detection(KhoAbi abi, String matched, boolean assumed) {}

    private final String compatible;
    private final String dataProperty;
    private final BlobSize blobSize;
    private final RootAssembly assembly;

    KhoAbi(String compatible, String dataProperty, BlobSize blobSize, RootAssembly assembly) {
        this.compatible = compatible;
        this.dataProperty = dataProperty;
        this.blobSize = blobSize;
        this.assembly = assembly;
    }

    /** The exact root {@code compatible} string the kernel writes and compares. */
    public String compatible() {
        return compatible;
    }

    /** Name of the child property holding the blob's physical address: {@code fdt} or {@code preserved-data}. */
    public String dataProperty() {
        return dataProperty;
    }

    /** Whether children carry {@code blob-size}. */
    public BlobSize blobSize() {
        return blobSize;
    }

    /** The default way this generation's kernel assembles the root FDT. */
    public RootAssembly defaultAssembly() {
        return assembly;
    }

    /** True for the radix-tree generations (kho-v2 and later), false for the {@code kho-v1} chunk lists. */
    public boolean radixTree() {
        return this != V1_BITMAP_512 && this != V1_BITMAP_PAGE;
    }

    /** Bytes of one {@code kho-v1} bitmap (512 or the page size), or 0 for radix generations. */
    public int v1BitmapBytes(int pageSize) {
        return switch (this) {
            case V1_BITMAP_512 -> 512;
            case V1_BITMAP_PAGE -> pageSize;
            default -> 0;
        };
    }

    /**
     * Detects the generation from the root {@code compatible} value. Like {@code fdt_node_check_compatible},
     * any entry of a NUL-separated list may match, and matching is exact. The compound string is one entry.
     *
     * @param compatibleEntries the entries of the root {@code compatible} property
     * @param v1Bitmap the {@code kho-v1} bitmap size, or null when unknown ({@link #V1_BITMAP_PAGE} assumed)
     * @return the generation, or empty when no entry names a known one
     */
    public static Optional<Detection> detect(List<String> compatibleEntries, V1Bitmap v1Bitmap) {
        for (String entry : compatibleEntries) {
            Optional<Detection> d = detect(entry, v1Bitmap);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /**
     * Detects the generation from one {@code compatible} entry (see {@link #detect(List, V1Bitmap)}).
     *
     * @param compatible one entry
     * @param v1Bitmap the {@code kho-v1} bitmap size, or null when unknown
     * @return the generation, or empty
     */
    public static Optional<Detection> detect(String compatible, V1Bitmap v1Bitmap) {
        if ("kho-v1".equals(compatible)) {
            KhoAbi abi = v1Bitmap == V1Bitmap.BYTES_512 ? V1_BITMAP_512 : V1_BITMAP_PAGE;
            return Optional.of(new Detection(abi, compatible, v1Bitmap == null));
        }
        for (KhoAbi abi : values()) {
            if (abi.compatible.equals(compatible)) {
                return Optional.of(new Detection(abi, compatible, false));
            }
        }
        return Optional.empty();
    }

    /**
     * Splits a compound compatible such as {@code kho-v4;radix-v1;vmalloc-v1} into its parts (the base
     * generation first). A plain string gives a one-element list.
     */
    public static List<String> compoundParts(String compatible) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= compatible.length(); i++) {
            if (i == compatible.length() || compatible.charAt(i) == ';') {
                parts.add(compatible.substring(start, i));
                start = i + 1;
            }
        }
        return List.copyOf(parts);
    }
}
