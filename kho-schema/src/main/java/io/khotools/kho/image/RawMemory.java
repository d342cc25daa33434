package io.khotools.kho.image;

import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Physical memory from a raw memory file (QEMU {@code -object memory-backend-file}, {@code /dev/mem} copies,
 * {@code dd} of a RAM region): the file's byte {@code i} is physical address {@code base + i}; everything else is
 * absent. Immutable and thread-safe.
 */
public final class RawMemory implements PhysMemory {
    private final ImageBytes bytes;
    private final long base;

    private RawMemory(ImageBytes bytes, long base) {
        if (base < 0 || base + bytes.length() < base) {
            throw new IllegalArgumentException("base 0x" + Long.toHexString(base) + " + length 0x"
                    + Long.toHexString(bytes.length()) + " passes 2^63");
        }
        this.bytes = bytes;
        this.base = base;
    }

    /**
     * Memory {@code bytes} (borrowed, not copied) loaded at physical address {@code base}.
     *
     * @throws IllegalArgumentException if {@code base} is negative or {@code base + length} passes 2^63
     */
    public static RawMemory of(byte[] bytes, long base) {
        return new RawMemory(ImageBytes.of(Objects.requireNonNull(bytes, "bytes")), base);
    }

    /**
     * Memory-maps {@code file} read-only as memory at physical address {@code base}.
     *
     * @throws IOException if the file cannot be opened or mapped
     * @throws IllegalArgumentException if {@code base} is negative or {@code base + length} passes 2^63
     */
    public static RawMemory open(Path file, long base) throws IOException {
        return new RawMemory(ImageBytes.map(file), base);
    }

    /** The one range this memory holds, {@code [base, base + length)}. */
    public PhysRange range() {
        return PhysRange.of(base, bytes.length());
    }

    @Override
    public boolean read(long phys, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        if (len == 0) {
            return true;
        }
        long end = phys + len;
        long limit = base + bytes.length();
        long from = Math.max(phys, base);
        long to = end < phys ? limit : Math.min(end, limit);
        if (phys >= 0 && from < to) {
            bytes.read(from - base, dst, off + (int) (from - phys), (int) (to - from));
        }
        return phys >= base && end >= phys && end <= limit;
    }

    @Override
    public List<PhysRange> absent(long phys, long len) {
        List<PhysRange> out = new ArrayList<>();
        if (len <= 0) {
            return out;
        }
        long stop = phys + len < phys ? Long.MAX_VALUE : phys + len;
        long limit = base + bytes.length();
        if (phys < 0 || stop <= base || phys >= limit) {
            out.add(new PhysRange(phys, Math.max(phys, stop)));
            return out;
        }
        if (phys < base) {
            out.add(new PhysRange(phys, base));
        }
        if (stop > limit) {
            out.add(new PhysRange(limit, stop));
        }
        return out;
    }

    @Override
    public String toString() {
        return "RawMemory" + range();
    }
}
