package io.khotools.kho.memory;

/**
 * A half-open range {@code [start, end)} of physical addresses, compared unsigned-free: KHO addresses are below
 * 2^63 in practice and every caller checks {@code start <= end}.
 *
 * @param start first byte
 * @param end one past the last byte
 */
public record PhysRange(long start, long end) {
    /** @throws IllegalArgumentException if {@code end < start} */
    public PhysRange {
        if (end < start) {
            throw new IllegalArgumentException("end before start: 0x" + Long.toHexString(start) + "..0x"
                    + Long.toHexString(end));
        }
    }

    /** The range of {@code size} bytes at {@code start}. */
    public static PhysRange of(long start, long size) {
        return new PhysRange(start, start + size);
    }

    /** Bytes in the range. */
    public long size() {
        return end - start;
    }

    /** True if both ranges share at least one byte (half-open test, as the kernel's overlap check). */
    public boolean overlaps(PhysRange o) {
        return start < o.end && o.start < end;
    }

    /** True if {@code o} lies wholly inside this range. */
    public boolean contains(PhysRange o) {
        return start <= o.start && o.end <= end;
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(start) + ", 0x" + Long.toHexString(end) + ")";
    }

    /**
     * Formats ranges for messages: {@code [0x1000, 0x2000) [0x5000, 0x6000)}, space-separated, without the
     * brackets a {@link List#toString()} would add around them.
     *
     * @param ranges the ranges, in the order to print
     * @return the text; empty for no ranges
     */
    public static String format(java.util.List<PhysRange> ranges) {
        StringBuilder sb = new StringBuilder();
        for (PhysRange r : ranges) {
            sb.append(sb.length() == 0 ? "" : " ").append(r);
        }
        return sb.toString();
    }
}
