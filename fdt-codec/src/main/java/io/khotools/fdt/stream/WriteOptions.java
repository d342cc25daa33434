package io.khotools.fdt.stream;

import io.khotools.fdt.FdtFormat;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Immutable settings of an {@link FdtWriter}: the {@link Layout}, the blob version, dtc's free-space options
 * ({@code -p}, {@code -S}, {@code -a}, {@code -R}), the boot CPU id ({@code -b}) and whether names and
 * structure are checked. Start from {@link #dtc()} or {@link #libfdt()} and derive copies with the
 * {@code with…} methods; each one validates its argument and throws {@link IllegalArgumentException} with the
 * broken rule.
 *
 * <pre>{@code
 * WriteOptions uboot = WriteOptions.dtc().withAlignment(8);          // dtc -a 8
 * WriteOptions qemu = WriteOptions.libfdt();                          // fdt_create .. fdt_finish
 * WriteOptions fixture = WriteOptions.dtc().lenient();               // invalid names on purpose
 * }</pre>
 */
public final class WriteOptions {
    /** Largest {@code -R} count accepted: 2^20 entries is 16 MiB of reservation block. */
    public static final int MAX_EXTRA_RESERVE_ENTRIES = 1 << 20;
    /** Largest alignment accepted for {@code -a}. */
    public static final int MAX_ALIGNMENT = 1 << 30;

    private static final WriteOptions DTC = new WriteOptions(Layout.DTC, FdtFormat.VERSION_LATEST, null, 0, 0, 0, 0, false);
    private static final WriteOptions LIBFDT = new WriteOptions(Layout.LIBFDT, FdtFormat.VERSION_LATEST, null, 0, 0, 0, 0, false);

    private final Layout layout;
    private final int version;
    private final Integer bootCpuId;
    private final int extraReserveEntries;
    private final int padding;
    private final int minTotalSize;
    private final int alignment;
    private final boolean lenient;

    private WriteOptions(Layout layout, int version, Integer bootCpuId, int extraReserveEntries, int padding,
                         int minTotalSize, int alignment, boolean lenient) {
        this.layout = layout;
        this.version = version;
        this.bootCpuId = bootCpuId;
        this.extraReserveEntries = extraReserveEntries;
        this.padding = padding;
        this.minTotalSize = minTotalSize;
        this.alignment = alignment;
        this.lenient = lenient;
    }

    /** The defaults: {@link Layout#DTC}, version 17, no free space, checks on. Same as {@link #dtc()}. */
    public static WriteOptions defaults() {
        return DTC;
    }

    /** {@link Layout#DTC}, version 17, boot CPU id unset (written as 0), no free space, checks on. */
    public static WriteOptions dtc() {
        return DTC;
    }

    /** {@link Layout#LIBFDT}, version 17, boot CPU id unset (written as 0), no free space, checks on. */
    public static WriteOptions libfdt() {
        return LIBFDT;
    }

    /** The layout to reproduce. */
    public Layout layout() {
        return layout;
    }

    /** The version written into the header: 17, or 16 for {@link Layout#DTC}. */
    public int version() {
        return version;
    }

    /**
     * The boot_cpuid_phys header field, if set. Unset means 0 for a plain write and "keep the source blob's
     * value" for {@link FdtCopier#copy(io.netty.buffer.ByteBuf, io.netty.buffer.ByteBufAllocator, WriteOptions)}.
     */
    public OptionalInt bootCpuId() {
        return bootCpuId == null ? OptionalInt.empty() : OptionalInt.of(bootCpuId);
    }

    /** dtc {@code -R N}: all-zero reservation entries written before the terminator. */
    public int extraReserveEntries() {
        return extraReserveEntries;
    }

    /** dtc {@code -p N}: zero bytes appended after the strings block; 0 for none. */
    public int padding() {
        return padding;
    }

    /** dtc {@code -S N}: totalsize is raised to at least this; 0 for none. */
    public int minTotalSize() {
        return minTotalSize;
    }

    /** dtc {@code -a N}: totalsize is rounded up to a multiple of this power of two; 0 for none. */
    public int alignment() {
        return alignment;
    }

    /**
     * Whether checks are off: any name without NUL and with chars up to U+00FF, a non-empty root name, empty
     * node names, duplicate names, properties after subnodes and any reservation (zero size, overlap, wrap).
     * Meant for negative test fixtures.
     */
    public boolean isLenient() {
        return lenient;
    }

    /**
     * A copy with another layout.
     *
     * @throws IllegalArgumentException if the version is not writable in that layout
     */
    public WriteOptions withLayout(Layout newLayout) {
        Objects.requireNonNull(newLayout, "layout");
        checkVersion(newLayout, version);
        return new WriteOptions(newLayout, version, bootCpuId, extraReserveEntries, padding, minTotalSize, alignment, lenient);
    }

    /**
     * A copy writing another version (dtc {@code -V}).
     *
     * @param newVersion 17, or 16 for {@link Layout#DTC} (36-byte header, no size_dt_struct)
     * @throws IllegalArgumentException for any other version; versions 1-3 (full-path names, {@code name}
     *     properties, 8-aligned values) are not written
     */
    public WriteOptions withVersion(int newVersion) {
        checkVersion(layout, newVersion);
        return new WriteOptions(layout, newVersion, bootCpuId, extraReserveEntries, padding, minTotalSize, alignment, lenient);
    }

    /** A copy with the boot_cpuid_phys header field set (dtc {@code -b}); any 32-bit value. */
    public WriteOptions withBootCpuId(int cpuId) {
        return new WriteOptions(layout, version, cpuId, extraReserveEntries, padding, minTotalSize, alignment, lenient);
    }

    /** A copy with the boot CPU id unset again. */
    public WriteOptions withoutBootCpuId() {
        return new WriteOptions(layout, version, null, extraReserveEntries, padding, minTotalSize, alignment, lenient);
    }

    /**
     * A copy with {@code count} extra all-zero reservation entries (dtc {@code -R}).
     *
     * @throws IllegalArgumentException unless 0 ≤ count ≤ {@link #MAX_EXTRA_RESERVE_ENTRIES}
     */
    public WriteOptions withExtraReserveEntries(int count) {
        if (count < 0 || count > MAX_EXTRA_RESERVE_ENTRIES) {
            throw new IllegalArgumentException("extra reserve entries must be in [0, " + MAX_EXTRA_RESERVE_ENTRIES + "]: " + count);
        }
        return new WriteOptions(layout, version, bootCpuId, count, padding, minTotalSize, alignment, lenient);
    }

    /**
     * A copy appending {@code bytes} zero bytes after the strings block (dtc {@code -p}).
     *
     * @throws IllegalArgumentException if negative, or if a minimum total size is set (dtc refuses -p with -S)
     */
    public WriteOptions withPadding(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("padding must not be negative: " + bytes);
        }
        if (bytes != 0 && minTotalSize != 0) {
            throw new IllegalArgumentException("padding (-p) and minimum total size (-S) are mutually exclusive, as in dtc");
        }
        return new WriteOptions(layout, version, bootCpuId, extraReserveEntries, bytes, minTotalSize, alignment, lenient);
    }

    /**
     * A copy raising totalsize to at least {@code bytes} (dtc {@code -S}); a larger blob is left as it is.
     *
     * @throws IllegalArgumentException if negative, or if padding is set (dtc refuses -p with -S)
     */
    public WriteOptions withMinTotalSize(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("minimum total size must not be negative: " + bytes);
        }
        if (bytes != 0 && padding != 0) {
            throw new IllegalArgumentException("padding (-p) and minimum total size (-S) are mutually exclusive, as in dtc");
        }
        return new WriteOptions(layout, version, bootCpuId, extraReserveEntries, padding, bytes, alignment, lenient);
    }

    /**
     * A copy rounding totalsize up to a multiple of {@code bytes} after padding (dtc {@code -a}).
     *
     * @param bytes 0 for none, else a power of two up to {@link #MAX_ALIGNMENT}
     * @throws IllegalArgumentException otherwise
     */
    public WriteOptions withAlignment(int bytes) {
        if (bytes < 0 || bytes > MAX_ALIGNMENT || Integer.bitCount(bytes) > 1) {
            throw new IllegalArgumentException("alignment must be 0 or a power of two up to 2^30: " + bytes);
        }
        return new WriteOptions(layout, version, bootCpuId, extraReserveEntries, padding, minTotalSize, bytes, lenient);
    }

    /** A copy with every check off (see {@link #isLenient()}); for writing invalid fixtures on purpose. */
    public WriteOptions lenient() {
        return new WriteOptions(layout, version, bootCpuId, extraReserveEntries, padding, minTotalSize, alignment, true);
    }

    /** A copy with the checks on. */
    public WriteOptions strict() {
        return new WriteOptions(layout, version, bootCpuId, extraReserveEntries, padding, minTotalSize, alignment, false);
    }

    private static void checkVersion(Layout layout, int version) {
        boolean ok = version == FdtFormat.VERSION_LATEST || (version == 16 && layout == Layout.DTC);
        if (!ok) {
            throw new IllegalArgumentException("version " + version + " is not writable in layout " + layout
                    + (layout == Layout.DTC ? " (16 or 17)" : " (17 only: libfdt's sequential writer writes 17)"));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteOptions w && layout == w.layout && version == w.version
                && Objects.equals(bootCpuId, w.bootCpuId) && extraReserveEntries == w.extraReserveEntries
                && padding == w.padding && minTotalSize == w.minTotalSize && alignment == w.alignment
                && lenient == w.lenient;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layout, version, bootCpuId, extraReserveEntries, padding, minTotalSize, alignment, lenient);
    }

    @Override
    public String toString() {
        return "WriteOptions[" + layout + " v" + version
                + (bootCpuId != null ? " -b " + Integer.toUnsignedString(bootCpuId) : "")
                + (extraReserveEntries != 0 ? " -R " + extraReserveEntries : "")
                + (padding != 0 ? " -p " + padding : "")
                + (minTotalSize != 0 ? " -S " + minTotalSize : "")
                + (alignment != 0 ? " -a " + alignment : "")
                + (lenient ? " lenient" : "") + "]";
    }
}
