package io.khotools.fdt.stream;

import io.khotools.fdt.FdtFormat;

/**
 * The byte layout {@link FdtWriter} reproduces. Both layouts write the same structure block for the same
 * sequence of calls; they differ in where the memory reservation block starts and in how the strings block
 * is built (fdt-format.md §9.5 and §10, checked against dtc 1.6.1 and pylibfdt 1.6.1 on this machine).
 */
public enum Layout {
    /**
     * What {@code dtc -I dts -O dtb} writes (dtc's flattree.c, unchanged from 1.6 to 1.8).
     * <ul>
     *   <li>Header: the version's header size (40 bytes for v17, 36 for v16), zero-filled up to the next
     *       multiple of 8, so the reservation block starts at 0x28 for both.</li>
     *   <li>Reservation block: the entries in call order, then {@code -R} extra all-zero entries, then the
     *       all-zero terminator. Structure block right after it, strings block right after the structure
     *       block: no gaps.</li>
     *   <li>Strings block: a name is looked up in the table built so far; if some stored string ends with it
     *       (the name itself or a suffix, e.g. {@code cells} inside {@code #size-cells}), the <em>lowest</em>
     *       such offset is reused, otherwise the name is appended. So the table is in first-use order
     *       (pre-order walk, properties before subnodes), and a name only shares storage with a longer name
     *       written earlier.</li>
     *   <li>Free space: {@code -p N} appends N zero bytes, or {@code -S N} grows totalsize to at least N
     *       (never shrinks); then {@code -a N} rounds totalsize up to a multiple of N. Block offsets never
     *       move.</li>
     *   <li>boot_cpuid_phys: whatever {@code -b} says (dtc guesses it from {@code /cpus}; this writer takes it
     *       from {@link WriteOptions#bootCpuId()}, 0 if unset).</li>
     * </ul>
     */
    DTC(8),

    /**
     * What libfdt's sequential-write API produces after {@code fdt_finish()} ({@code fdt_create},
     * {@code fdt_add_reservemap_entry}, {@code fdt_finish_reservemap}, {@code fdt_begin_node},
     * {@code fdt_property}, {@code fdt_end_node}, {@code fdt_finish}), as the kernel, QEMU, U-Boot and
     * pylibfdt's {@code FdtSw} use it. Rules found by experiment with pylibfdt 1.6.1:
     * <ul>
     *   <li>Header area: the 40-byte v17 header rounded up to the 16-byte reservation entry size, so the
     *       reservation block starts at <b>0x30</b>; bytes 0x28-0x2f are zero. version 17, last_comp_version
     *       16, boot_cpuid_phys 0 (libfdt has no sequential setter; {@link WriteOptions#bootCpuId()} may set
     *       it, as {@code fdt_set_boot_cpuid_phys} after finishing would).</li>
     *   <li>Reservation block: entries in call order, then the terminator; structure block right after.</li>
     *   <li>Strings block: while writing, strings are stored growing <em>downward</em> from the end of the
     *       buffer, and a name is looked up as "name + NUL" from the lowest address up. The first hit is
     *       therefore inside the <em>most recently added</em> string that ends with the name. After
     *       {@code fdt_finish} the block is moved right after the structure block unchanged, so it is in
     *       <b>reverse first-use order</b>, and earlier properties keep pointing into the strings that were
     *       newest when they were written (e.g. {@code bc, abc, bc} gives {@code "abc\0bc\0"} with offsets
     *       4, 0, 1).</li>
     *   <li>totalsize = end of the strings block: {@code fdt_finish} packs the blob.
     *       {@code FdtSw.as_fdt()} runs {@code fdt_finish} on a copy of its buffer, so its totalsize bytes are
     *       exactly these; its backing {@code bytearray} is longer (the buffer size) and holds stale strings
     *       after totalsize, which are not part of the blob.</li>
     * </ul>
     */
    LIBFDT(FdtFormat.RESERVE_ENTRY_SIZE);

    private final int headerAlign;

    Layout(int headerAlign) {
        this.headerAlign = headerAlign;
    }

    /**
     * Offset of the memory reservation block: the version's header size rounded up to this layout's
     * header alignment (dtc: 8 for the rsvmap's alignment; libfdt: 16, {@code sizeof(struct fdt_reserve_entry)}).
     *
     * @param version the blob version being written
     * @return 40 for DTC (v16 and v17), 48 for LIBFDT
     */
    public int reserveMapOffset(int version) {
        return (int) FdtFormat.alignUp(FdtFormat.headerSize(version), headerAlign);
    }
}
