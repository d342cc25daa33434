package io.khotools.kho;

import java.nio.ByteOrder;
import java.util.Objects;

/**
 * How to read KHO bytes: the producing kernel's byte order, its page size, and the {@code kho-v1} bitmap size
 * when known. Immutable.
 *
 * @param byteOrder native order of the producing kernel; KHO values inside the big-endian FDT container and
 *     every binary struct use it (kho-format.md §0). Little-endian by default (x86_64, arm64).
 * @param pageShift log2 of the page size (12 = 4 KiB); KHO does not support mixed page sizes
 * @param v1Bitmap the {@code kho-v1} bitmap size, or null when unknown (then page-sized is assumed and said)
 */
public record KhoOptions(ByteOrder byteOrder, int pageShift, KhoAbi.V1Bitmap v1Bitmap) {

    /** Little-endian, 4 KiB pages, {@code kho-v1} bitmap size unknown. */
    public static final KhoOptions DEFAULT = new KhoOptions(ByteOrder.LITTLE_ENDIAN, 12, null);

    /** Checks the byte order and that the page shift is between 12 and 16 (4 KiB to 64 KiB). */
    public KhoOptions {
        Objects.requireNonNull(byteOrder, "byteOrder");
        if (pageShift < 12 || pageShift > 16) {
            throw new IllegalArgumentException("pageShift must be 12..16: " + pageShift);
        }
    }

    /** The page size in bytes. */
    public int pageSize() {
        return 1 << pageShift;
    }

    /** A copy with another byte order. */
    public KhoOptions withByteOrder(ByteOrder order) {
        return new KhoOptions(order, pageShift, v1Bitmap);
    }

    /** A copy with a known {@code kho-v1} bitmap size. */
    public KhoOptions withV1Bitmap(KhoAbi.V1Bitmap bitmap) {
        return new KhoOptions(byteOrder, pageShift, bitmap);
    }

    /** A copy with another page shift. */
    public KhoOptions withPageShift(int shift) {
        return new KhoOptions(byteOrder, shift, v1Bitmap);
    }
}
