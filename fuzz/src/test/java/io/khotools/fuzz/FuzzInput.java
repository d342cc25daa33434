package io.khotools.fuzz;

import io.khotools.kho.memory.SparseMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The byte layouts the fuzz targets read their inputs in, and the matching encoders the seed corpus is
 * built with ({@link SeedCorpusTest}). Every decoder here accepts any byte string (short input just means
 * empty parts), so the fuzzer never wastes an execution on a harness error. Big-endian throughout.
 *
 * <p>Memory image: records of {@code u64 phys, u16 length, length bytes}, written in order into a
 * {@link SparseMemory} of 4 KiB pages; a record cut by the end of the input keeps the bytes present.
 * Addresses are masked to 48 bits (the harness never builds memory the decoders could not be given by a
 * real image reader), so the pages the harness allocates are bounded by twice the record count.
 */
final class FuzzInput {
    /** Page shift of every memory the harness builds (4 KiB pages, the common kernel configuration). */
    static final int PAGE_SHIFT = 12;

    private static final long ADDRESS_MASK = (1L << 48) - 1;

    private final byte[] data;
    private int pos;

    FuzzInput(byte[] data) {
        this.data = data;
    }

    /**
     * Releases a buffer a target created and checks it was the last reference. {@code Unpooled.wrappedBuffer}
     * of an empty array is the shared, non-counted empty buffer, which has nothing to release.
     */
    static void release(ByteBuf buf) {
        if (buf != Unpooled.EMPTY_BUFFER && !buf.release()) {
            throw new AssertionError("buffer still referenced after its owner released it: " + buf);
        }
    }

    /** The next byte, unsigned, or 0 past the end. */
    int u8() {
        return pos < data.length ? data[pos++] & 0xff : 0;
    }

    /** The next big-endian u16, missing bytes read as 0. */
    int u16() {
        return (u8() << 8) | u8();
    }

    /** The next big-endian u32, missing bytes read as 0. */
    long u32() {
        return ((long) u16() << 16) | u16();
    }

    /** The next big-endian u64, missing bytes read as 0. */
    long u64() {
        return (u32() << 32) | u32();
    }

    /** The next {@code n} bytes, fewer at the end of the input. */
    byte[] bytes(long n) {
        int take = (int) Math.min(n, data.length - pos);
        byte[] out = Arrays.copyOfRange(data, pos, pos + take);
        pos += take;
        return out;
    }

    /** The rest of the input. */
    byte[] rest() {
        return bytes(data.length - pos);
    }

    /** The rest of the input as memory-image records (see the class comment). */
    SparseMemory memory() {
        SparseMemory m = new SparseMemory(PAGE_SHIFT);
        while (pos < data.length) {
            long phys = u64() & ADDRESS_MASK;
            byte[] chunk = bytes(u16());
            m.write(phys, chunk);
        }
        return m;
    }

    /** Appends the records that rebuild {@code memory}'s present pages (one record per page). */
    static void writeMemory(SparseMemory memory, ByteArrayOutputStream out) {
        int pageSize = 1 << memory.pageShift();
        memory.segments().forEach(r -> {
            for (long a = r.start(); a < r.end(); a += pageSize) {
                byte[] page = memory.page(a >>> memory.pageShift());
                int used = page.length;
                while (used > 0 && page[used - 1] == 0) {
                    used--; // trailing zeros are implicit: a written page starts zero-filled
                }
                writeU64(out, a);
                writeU16(out, Math.max(used, 1));
                out.write(page, 0, Math.max(used, 1));
            }
        });
    }

    static void writeU16(ByteArrayOutputStream out, int v) {
        out.write(v >>> 8);
        out.write(v);
    }

    static void writeU32(ByteArrayOutputStream out, long v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) v).array());
    }

    static void writeU64(ByteArrayOutputStream out, long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
    }
}
