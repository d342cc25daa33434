package io.khotools.kho.check;

import io.khotools.fdt.check.RuleInfo;
import io.khotools.fdt.check.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Catalogue of the {@code kho.*} rules: stable ids, default severities and one-line summaries (section
 * numbers refer to docs kho-format.md). docs/kho-rules.md lists them with their fixtures. Every rule has a
 * failing fixture {@code testdata/kho/invalid/<rule-id>--<case>.<kind>}.
 */
public final class KhoRules {
    private KhoRules() {
    }
    /** file shorter than the FDT header's totalsize (debugfs out/fdt is cut off once subtrees are added, kho-format.md §6). */
    public static final String ROOT_TRUNCATED = "kho.root.truncated";
    /** totalsize larger than one page: the kernel maps and passes PAGE_SIZE bytes (§2.2). */
    public static final String ROOT_TOO_LARGE = "kho.root.too-large";
    /** root compatible missing or not a string list (§2.3). */
    public static final String ROOT_COMPATIBLE = "kho.root.compatible";
    /** root compatible names no known KHO generation; the kernel disables KHO revival (§2.3). */
    public static final String ROOT_GENERATION_UNKNOWN = "kho.root.generation-unknown";
    /** preserved-memory-map absent (§2.3, §7.2). */
    public static final String ROOT_MEMORY_MAP_MISSING = "kho.root.memory-map-missing";
    /** preserved-memory-map not exactly 8 bytes (§7.2). */
    public static final String ROOT_MEMORY_MAP_SIZE = "kho.root.memory-map-size";
    /** preserved-memory-map is 0 in a radix-tree generation (§7.2). */
    public static final String ROOT_MEMORY_MAP_ZERO = "kho.root.memory-map-zero";
    /** preserved-memory-map is 0 in kho-v1: not finalized, or no chunks; liveupdate-era readers refuse it (§2.3). */
    public static final String ROOT_MEMORY_MAP_UNSET = "kho.root.memory-map-unset";
    /** preserved-memory-map not page-aligned (§7.2). */
    public static final String ROOT_MEMORY_MAP_ALIGNMENT = "kho.root.memory-map-alignment";
    /** a node below a subtree node: the kernel never reads deeper than one level (§2.1). */
    public static final String ROOT_NESTED_NODE = "kho.root.nested-node";
    /** subtree without its generation's pointer property (fdt / preserved-data) (§2.1). */
    public static final String SUBTREE_POINTER_MISSING = "kho.subtree.pointer-missing";
    /** subtree pointer not exactly 8 bytes; kho_retrieve_subtree fails -EINVAL (§7.3). */
    public static final String SUBTREE_POINTER_SIZE = "kho.subtree.pointer-size";
    /** subtree pointer is 0 (NULL). */
    public static final String SUBTREE_POINTER_NULL = "kho.subtree.pointer-null";
    /** G3+ subtree without blob-size (§7.3). */
    public static final String SUBTREE_BLOB_SIZE_MISSING = "kho.subtree.blob-size-missing";
    /** blob-size not exactly 8 bytes (§7.3). */
    public static final String SUBTREE_BLOB_SIZE_SIZE = "kho.subtree.blob-size-size";
    /** blob-size in kho-v1, whose readers ignore it. */
    public static final String SUBTREE_BLOB_SIZE_UNEXPECTED = "kho.subtree.blob-size-unexpected";
    /** two subtrees with the same name; newer kernels refuse it with -EEXIST (§2.1). */
    public static final String SUBTREE_DUPLICATE_NAME = "kho.subtree.duplicate-name";
    /** subtree name no known subsystem uses (§5, §7). */
    public static final String SUBTREE_UNKNOWN = "kho.subtree.unknown";
    /** blob-size differs from the FDT sub-blob's totalsize (§7). */
    public static final String SUBTREE_BLOB_SIZE_MISMATCH = "kho.subtree.blob-size-mismatch";
    /** scratch array length not a multiple of 16 (§7.4). */
    public static final String SCRATCH_LENGTH = "kho.scratch.length";
    /** scratch array without an entry (§7.4). */
    public static final String SCRATCH_EMPTY = "kho.scratch.empty";
    /** scratch address or size not pageblock (2 MiB) aligned (§3.3, §7). */
    public static final String SCRATCH_ALIGNMENT = "kho.scratch.alignment";
    /** entry 0 (lowmem) ends above the 4 GiB low limit: array out of order (§3.3). */
    public static final String SCRATCH_LOWMEM = "kho.scratch.lowmem";
    /** two scratch areas share bytes. */
    public static final String SCRATCH_OVERLAP = "kho.scratch.overlap";
    /** sub-blob shorter than its fixed structure or than its FDT totalsize. */
    public static final String BLOB_TRUNCATED = "kho.blob.truncated";
    /** memblock root compatible is not memblock-v1 (§5.1). */
    public static final String MEMBLOCK_COMPATIBLE = "kho.memblock.compatible";
    /** region compatible is not reserve-mem-v1 (§5.1). */
    public static final String MEMBLOCK_REGION_COMPATIBLE = "kho.memblock.region-compatible";
    /** region start or size missing or not 8 bytes (§5.1). */
    public static final String MEMBLOCK_REGION_PROPERTY = "kho.memblock.region-property";
    /** region name longer than 15 characters (§5.1). */
    public static final String MEMBLOCK_REGION_NAME = "kho.memblock.region-name";
    /** more than 8 regions (§5.1). */
    public static final String MEMBLOCK_REGION_COUNT = "kho.memblock.region-count";
    /** region start or size not page-aligned, or size 0. */
    public static final String MEMBLOCK_REGION_ALIGNMENT = "kho.memblock.region-alignment";
    /** kho_test root compatible is not kho-test-v1 (§5.2). */
    public static final String TEST_COMPATIBLE = "kho.test.compatible";
    /** magic is not 0x4b484f21 (§5.2). */
    public static final String TEST_MAGIC = "kho.test.magic";
    /** magic/nr_folios/csum not 4 bytes, folios_info not 16, or data node missing (§5.2). */
    public static final String TEST_PROPERTY = "kho.test.property";
    /** version is not 1 (§5.3). */
    public static final String KEXEC_METADATA_VERSION = "kho.kexec-metadata.version";
    /** blob shorter than the 73-byte struct (§5.3). */
    public static final String KEXEC_METADATA_SIZE = "kho.kexec-metadata.size";
    /** previous_release has no NUL in its 65 bytes. */
    public static final String KEXEC_METADATA_RELEASE = "kho.kexec-metadata.release";
    /** LUO compatible is not luo-v1 ... luo-v5 (§5.4). */
    public static final String LUO_COMPATIBLE = "kho.luo.compatible";
    /** a LUO u64 property missing or not 8 bytes (§5.4). */
    public static final String LUO_PROPERTY = "kho.luo.property";
    /** luo-session / luo-flb node compatible unknown or missing (§5.4). */
    public static final String LUO_NODE_COMPATIBLE = "kho.luo.node-compatible";
    /** session name, file compatible or FLB name without NUL in its field (§5.4). */
    public static final String LUO_RECORD_NAME = "kho.luo.record-name";
    /** record count larger than the records the blob holds (§5.4). */
    public static final String LUO_COUNT = "kho.luo.count";
    /** flags outside {ALLOC, HUGE_VMAP} (§7.7). */
    public static final String VMALLOC_FLAGS = "kho.vmalloc.flags";
    /** order above MAX_PAGE_ORDER (10) (§7). */
    public static final String VMALLOC_ORDER = "kho.vmalloc.order";
    /** first chunk address not page-aligned (§4.3). */
    public static final String VMALLOC_FIRST_ALIGNMENT = "kho.vmalloc.first-alignment";
    /** next or a piece address not page-aligned (§4.3, §7.7). */
    public static final String VMALLOC_CHUNK_ALIGNMENT = "kho.vmalloc-chunk.alignment";
    /** non-zero piece after the zero terminator: ignored by restore (§4.3). */
    public static final String VMALLOC_CHUNK_AFTER_TERMINATOR = "kho.vmalloc-chunk.after-terminator";
    /** seals outside the F_SEAL_* bits (§5.5). */
    public static final String MEMFD_SEALS = "kho.memfd.seals";
    /** folio flags outside DIRTY|UPTODATE (§5.5). */
    public static final String MEMFD_FOLIO_FLAGS = "kho.memfd.folio-flags";
    /** block count 0 or above the page's capacity (§5.6). */
    public static final String BLOCK_COUNT = "kho.block.count";
    /** next block address not page-aligned (§5.6). */
    public static final String BLOCK_NEXT_ALIGNMENT = "kho.block.next-alignment";

    /** a memory-map structure (chunk, bitmap, tree node) or a sub-blob lies in memory the image lacks (§4). */
    public static final String STATE_ABSENT = "kho.state.absent";
    /** a map pointer (chunk next, bitmap, table entry) not aligned to what it points to (§7.5). */
    public static final String MAP_POINTER_ALIGNMENT = "kho.map.pointer-alignment";
    /** the kho-v1 chunk chain comes back to a chunk it already visited (§7.5). */
    public static final String MAP_CYCLE = "kho.map.cycle";
    /** a bitmap, tree node or leaf referenced from two places (§7.5). */
    public static final String MAP_REACHED_TWICE = "kho.map.reached-twice";
    /** a radix root slot no valid key can use (only 0-3 with 4 KiB pages, §4.2). */
    public static final String MAP_ROOT_SLOT = "kho.map.root-slot";
    /** kho-v1 chunk num_elms above its capacity of 255 entries (§4.1). */
    public static final String MAP_CHUNK_COUNT = "kho.map.chunk-count";
    /** an order no 64-bit physical address can hold (chunk order, or a radix key of order above 51) (§7.5). */
    public static final String MAP_ORDER = "kho.map.order";
    /** kho-v1 phys_start not a multiple of the span one bitmap covers (§4.1, §7.5). */
    public static final String MAP_PHYS_START = "kho.map.phys-start";
    /** a block whose address is not aligned to its order (§7.5). */
    public static final String MAP_BLOCK_ALIGNMENT = "kho.map.block-alignment";
    /** two preserved blocks share memory (§7, warning). */
    public static final String MAP_OVERLAP = "kho.map.overlap";
    /** a scratch area overlaps a preserved block (§7.4). */
    public static final String STATE_SCRATCH_BLOCK = "kho.state.scratch-block";
    /** a scratch area contains a map page (chunk, bitmap, tree node) the new kernel may overwrite (§7.4). */
    public static final String STATE_SCRATCH_MAP = "kho.state.scratch-map";
    /** a sub-blob's memory is not covered by preserved blocks (§2.1, §7.6). */
    public static final String STATE_BLOB_NOT_PRESERVED = "kho.state.blob-not-preserved";

    /** a vmalloc chunk chain or KHO block chain comes back to one of its own pages (§5.6, §7.5). */
    public static final String STATE_CYCLE = "kho.state.cycle";
    /** a chain page or structure (LUO array, memfd struct) reached from a second pointer. */
    public static final String STATE_REACHED_TWICE = "kho.state.reached-twice";
    /** a chain or array longer than the walk's limit (default: the kernel's 10 000-block limit, §5.6). */
    public static final String STATE_CHAIN_LENGTH = "kho.state.chain-length";
    /** a pointer to a page-aligned structure (chain head, LUO array, memfd struct) not page-aligned. */
    public static final String STATE_POINTER_ALIGNMENT = "kho.state.pointer-alignment";
    /** a vmalloc chunk page or KHO block page not covered by preserved blocks (§4.3, §7.6). */
    public static final String STATE_CHUNK_NOT_PRESERVED = "kho.state.chunk-not-preserved";
    /** a vmalloc piece not covered by preserved blocks (§4.3, §7.6). */
    public static final String STATE_PIECE_NOT_PRESERVED = "kho.state.piece-not-preserved";
    /** memory a sub-blob points to (LUO arrays, memfd structs and folios, regions, test folios) not preserved. */
    public static final String STATE_DATA_NOT_PRESERVED = "kho.state.data-not-preserved";
    /** vmalloc pieces × 2^order differ from total_pages (§4.3, §7.7). */
    public static final String STATE_VMALLOC_PAGES = "kho.state.vmalloc-pages";
    /** a vmalloc piece not aligned to its order (§7.7). */
    public static final String STATE_VMALLOC_PIECE_ALIGNMENT = "kho.state.vmalloc-piece-alignment";
    /** an array's record count needs more bytes than its vmalloc pieces hold (§5.2, §5.5). */
    public static final String STATE_VMALLOC_SIZE = "kho.state.vmalloc-size";
    /** a session's file count differs from the files its KHO block chain holds (§5.4, §5.6). */
    public static final String STATE_RECORD_COUNT = "kho.state.record-count";

    private static final Map<String, RuleInfo> CATALOGUE = new LinkedHashMap<>();
    private static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        add(ROOT_TRUNCATED, Severity.ERROR, "root", "file shorter than the FDT header's totalsize (debugfs out/fdt is cut off once subtrees are added, kho-format.md §6)");
        add(ROOT_TOO_LARGE, Severity.ERROR, "root", "totalsize larger than one page: the kernel maps and passes PAGE_SIZE bytes (§2.2)");
        add(ROOT_COMPATIBLE, Severity.ERROR, "root", "root compatible missing or not a string list (§2.3)");
        add(ROOT_GENERATION_UNKNOWN, Severity.ERROR, "root", "root compatible names no known KHO generation; the kernel disables KHO revival (§2.3)");
        add(ROOT_MEMORY_MAP_MISSING, Severity.ERROR, "root", "preserved-memory-map absent (§2.3, §7.2)");
        add(ROOT_MEMORY_MAP_SIZE, Severity.ERROR, "root", "preserved-memory-map not exactly 8 bytes (§7.2)");
        add(ROOT_MEMORY_MAP_ZERO, Severity.ERROR, "root", "preserved-memory-map is 0 in a radix-tree generation (§7.2)");
        add(ROOT_MEMORY_MAP_UNSET, Severity.WARNING, "root", "preserved-memory-map is 0 in kho-v1: not finalized, or no chunks; liveupdate-era readers refuse it (§2.3)");
        add(ROOT_MEMORY_MAP_ALIGNMENT, Severity.ERROR, "root", "preserved-memory-map not page-aligned (§7.2)");
        add(ROOT_NESTED_NODE, Severity.WARNING, "root", "a node below a subtree node: the kernel never reads deeper than one level (§2.1)");
        add(SUBTREE_POINTER_MISSING, Severity.ERROR, "root", "subtree without its generation's pointer property (fdt / preserved-data) (§2.1)");
        add(SUBTREE_POINTER_SIZE, Severity.ERROR, "root", "subtree pointer not exactly 8 bytes; kho_retrieve_subtree fails -EINVAL (§7.3)");
        add(SUBTREE_POINTER_NULL, Severity.ERROR, "root", "subtree pointer is 0 (NULL)");
        add(SUBTREE_BLOB_SIZE_MISSING, Severity.ERROR, "root", "G3+ subtree without blob-size (§7.3)");
        add(SUBTREE_BLOB_SIZE_SIZE, Severity.ERROR, "root", "blob-size not exactly 8 bytes (§7.3)");
        add(SUBTREE_BLOB_SIZE_UNEXPECTED, Severity.WARNING, "root", "blob-size in kho-v1, whose readers ignore it");
        add(SUBTREE_DUPLICATE_NAME, Severity.ERROR, "root", "two subtrees with the same name; newer kernels refuse it with -EEXIST (§2.1)");
        add(SUBTREE_UNKNOWN, Severity.WARNING, "root", "subtree name no known subsystem uses (§5, §7)");
        add(SUBTREE_BLOB_SIZE_MISMATCH, Severity.WARNING, "image", "blob-size differs from the FDT sub-blob's totalsize (§7)");
        add(SCRATCH_LENGTH, Severity.ERROR, "scratch", "scratch array length not a multiple of 16 (§7.4)");
        add(SCRATCH_EMPTY, Severity.ERROR, "scratch", "scratch array without an entry (§7.4)");
        add(SCRATCH_ALIGNMENT, Severity.WARNING, "scratch", "scratch address or size not pageblock (2 MiB) aligned (§3.3, §7)");
        add(SCRATCH_LOWMEM, Severity.WARNING, "scratch", "entry 0 (lowmem) ends above the 4 GiB low limit: array out of order (§3.3)");
        add(SCRATCH_OVERLAP, Severity.WARNING, "scratch", "two scratch areas share bytes");
        add(BLOB_TRUNCATED, Severity.ERROR, "blob", "sub-blob shorter than its fixed structure or than its FDT totalsize");
        add(MEMBLOCK_COMPATIBLE, Severity.ERROR, "memblock", "memblock root compatible is not memblock-v1 (§5.1)");
        add(MEMBLOCK_REGION_COMPATIBLE, Severity.ERROR, "memblock", "region compatible is not reserve-mem-v1 (§5.1)");
        add(MEMBLOCK_REGION_PROPERTY, Severity.ERROR, "memblock", "region start or size missing or not 8 bytes (§5.1)");
        add(MEMBLOCK_REGION_NAME, Severity.WARNING, "memblock", "region name longer than 15 characters (§5.1)");
        add(MEMBLOCK_REGION_COUNT, Severity.WARNING, "memblock", "more than 8 regions (§5.1)");
        add(MEMBLOCK_REGION_ALIGNMENT, Severity.WARNING, "memblock", "region start or size not page-aligned, or size 0");
        add(TEST_COMPATIBLE, Severity.ERROR, "kho-test", "kho_test root compatible is not kho-test-v1 (§5.2)");
        add(TEST_MAGIC, Severity.ERROR, "kho-test", "magic is not 0x4b484f21 (§5.2)");
        add(TEST_PROPERTY, Severity.ERROR, "kho-test", "magic/nr_folios/csum not 4 bytes, folios_info not 16, or data node missing (§5.2)");
        add(KEXEC_METADATA_VERSION, Severity.WARNING, "kexec-metadata", "version is not 1 (§5.3)");
        add(KEXEC_METADATA_SIZE, Severity.WARNING, "kexec-metadata", "blob shorter than the 73-byte struct (§5.3)");
        add(KEXEC_METADATA_RELEASE, Severity.WARNING, "kexec-metadata", "previous_release has no NUL in its 65 bytes");
        add(LUO_COMPATIBLE, Severity.ERROR, "luo", "LUO compatible is not luo-v1 ... luo-v5 (§5.4)");
        add(LUO_PROPERTY, Severity.ERROR, "luo", "a LUO u64 property missing or not 8 bytes (§5.4)");
        add(LUO_NODE_COMPATIBLE, Severity.ERROR, "luo", "luo-session / luo-flb node compatible unknown or missing (§5.4)");
        add(LUO_RECORD_NAME, Severity.WARNING, "luo-records", "session name, file compatible or FLB name without NUL in its field (§5.4)");
        add(LUO_COUNT, Severity.ERROR, "luo-records", "record count larger than the records the blob holds (§5.4)");
        add(VMALLOC_FLAGS, Severity.ERROR, "vmalloc", "flags outside {ALLOC, HUGE_VMAP} (§7.7)");
        add(VMALLOC_ORDER, Severity.WARNING, "vmalloc", "order above MAX_PAGE_ORDER (10) (§7)");
        add(VMALLOC_FIRST_ALIGNMENT, Severity.ERROR, "vmalloc", "first chunk address not page-aligned (§4.3)");
        add(VMALLOC_CHUNK_ALIGNMENT, Severity.ERROR, "vmalloc-chunk", "next or a piece address not page-aligned (§4.3, §7.7)");
        add(VMALLOC_CHUNK_AFTER_TERMINATOR, Severity.WARNING, "vmalloc-chunk", "non-zero piece after the zero terminator: ignored by restore (§4.3)");
        add(MEMFD_SEALS, Severity.WARNING, "memfd", "seals outside the F_SEAL_* bits (§5.5)");
        add(MEMFD_FOLIO_FLAGS, Severity.WARNING, "memfd-folios", "folio flags outside DIRTY|UPTODATE (§5.5)");
        add(BLOCK_COUNT, Severity.ERROR, "block", "block count 0 or above the page's capacity (§5.6)");
        add(BLOCK_NEXT_ALIGNMENT, Severity.ERROR, "block", "next block address not page-aligned (§5.6)");
        add(STATE_ABSENT, Severity.WARNING, "state", "a memory-map structure or a sub-blob lies in memory the image lacks (§4)");
        add(MAP_POINTER_ALIGNMENT, Severity.ERROR, "state", "a map pointer (chunk next, bitmap, table entry) not aligned to what it points to (§7.5)");
        add(MAP_CYCLE, Severity.ERROR, "state", "the kho-v1 chunk chain comes back to a chunk it already visited (§7.5)");
        add(MAP_REACHED_TWICE, Severity.ERROR, "state", "a bitmap, tree node or leaf referenced from two places (§7.5)");
        add(MAP_ROOT_SLOT, Severity.ERROR, "state", "a radix root slot no valid key can use (only 0-3 with 4 KiB pages, §4.2)");
        add(MAP_CHUNK_COUNT, Severity.ERROR, "state", "kho-v1 chunk num_elms above its capacity of 255 entries (§4.1)");
        add(MAP_ORDER, Severity.ERROR, "state", "an order no 64-bit physical address can hold (§7.5)");
        add(MAP_PHYS_START, Severity.ERROR, "state", "kho-v1 phys_start not a multiple of the span one bitmap covers (§4.1, §7.5)");
        add(MAP_BLOCK_ALIGNMENT, Severity.ERROR, "state", "a block whose address is not aligned to its order (§7.5)");
        add(MAP_OVERLAP, Severity.WARNING, "state", "two preserved blocks share memory (§7)");
        add(STATE_SCRATCH_BLOCK, Severity.ERROR, "state", "a scratch area overlaps a preserved block (§7.4)");
        add(STATE_SCRATCH_MAP, Severity.ERROR, "state", "a scratch area contains a map page the new kernel may overwrite (§7.4)");
        add(STATE_BLOB_NOT_PRESERVED, Severity.ERROR, "state", "a sub-blob's memory is not covered by preserved blocks (§2.1, §7.6)");
        add(STATE_CYCLE, Severity.ERROR, "state", "a vmalloc chunk chain or KHO block chain comes back to one of its own pages (§5.6, §7.5)");
        add(STATE_REACHED_TWICE, Severity.ERROR, "state", "a chain page or structure (LUO array, memfd struct) reached from a second pointer");
        add(STATE_CHAIN_LENGTH, Severity.ERROR, "state", "a chain or array longer than the walk's limit (default 10000 pages: the kernel's KHO block limit, §5.6; 1048576 records)");
        add(STATE_POINTER_ALIGNMENT, Severity.ERROR, "state", "a pointer to a page-aligned structure (chain head, LUO array, memfd struct) not page-aligned");
        add(STATE_CHUNK_NOT_PRESERVED, Severity.ERROR, "state", "a vmalloc chunk page or KHO block page not covered by preserved blocks (§4.3, §7.6)");
        add(STATE_PIECE_NOT_PRESERVED, Severity.ERROR, "state", "a vmalloc piece not covered by preserved blocks (§4.3, §7.6)");
        add(STATE_DATA_NOT_PRESERVED, Severity.ERROR, "state", "memory a sub-blob points to (LUO arrays, memfd structs and folios, reserve_mem regions, kho_test folios) not covered by preserved blocks (§5, §7.6)");
        add(STATE_VMALLOC_PAGES, Severity.ERROR, "state", "vmalloc pieces x 2^order differ from total_pages; restore fails (§4.3, §7.7)");
        add(STATE_VMALLOC_PIECE_ALIGNMENT, Severity.ERROR, "state", "a vmalloc piece not aligned to 2^(order+PAGE_SHIFT) (§7.7)");
        add(STATE_VMALLOC_SIZE, Severity.ERROR, "state", "nr_folios records need more bytes than the vmalloc area's pieces hold (§5.2, §5.5)");
        add(STATE_RECORD_COUNT, Severity.ERROR, "state", "a session's file count differs from the files its KHO block chain holds (§5.4, §5.6)");
    }

    private static void add(String id, Severity severity, String kind, String summary) {
        CATALOGUE.put(id, new RuleInfo(id, severity, false, summary));
        KINDS.put(id, kind);
    }

    /** Every KHO rule, in catalogue order. */
    public static List<RuleInfo> all() {
        return List.copyOf(CATALOGUE.values());
    }

    /** The catalogue entry for {@code id}, or null. */
    public static RuleInfo info(String id) {
        return CATALOGUE.get(id);
    }

    /**
     * The input a rule judges: {@code root}, {@code image} (root with blobs), {@code scratch}, {@code blob}
     * (any sub-blob), or a sub-blob kind ({@code memblock}, {@code kho-test}, {@code kexec-metadata},
     * {@code luo}, {@code luo-records}, {@code vmalloc}, {@code vmalloc-chunk}, {@code memfd},
     * {@code memfd-folios}, {@code block}), or {@code state} (a whole handover state with its physical memory,
     * io.khotools.kho.memory).
     */
    public static String kind(String id) {
        return KINDS.get(id);
    }

    /**
     * Default severity of a KHO rule.
     *
     * @throws IllegalArgumentException for an id not in the catalogue
     */
    public static Severity severity(String id) {
        RuleInfo i = CATALOGUE.get(id);
        if (i == null) {
            throw new IllegalArgumentException("not a KHO rule: " + id);
        }
        return i.defaultSeverity();
    }
}
