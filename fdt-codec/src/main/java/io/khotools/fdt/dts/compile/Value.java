package io.khotools.fdt.dts.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A property value under construction: bytes plus the markers that refer into them. */
final class Value {
    private byte[] data = new byte[16];
    private int length;
    final List<Marker> markers = new ArrayList<>(0);

    int length() {
        return length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, length);
    }

    private void ensure(int extra) {
        if (length + extra > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + extra));
        }
    }

    void append(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, data, length, bytes.length);
        length += bytes.length;
    }

    void appendByte(int b) {
        ensure(1);
        data[length++] = (byte) b;
    }

    /** Appends the low {@code bits} bits of {@code v}, big-endian. */
    void appendInt(long v, int bits) {
        ensure(bits / 8);
        for (int shift = bits - 8; shift >= 0; shift -= 8) {
            data[length++] = (byte) (v >>> shift);
        }
    }

    void setCell(int offset, int v) {
        data[offset] = (byte) (v >>> 24);
        data[offset + 1] = (byte) (v >>> 16);
        data[offset + 2] = (byte) (v >>> 8);
        data[offset + 3] = (byte) v;
    }

    int cellAt(int offset) {
        return ((data[offset] & 0xff) << 24) | ((data[offset + 1] & 0xff) << 16) | ((data[offset + 2] & 0xff) << 8)
                | (data[offset + 3] & 0xff);
    }

    void mark(Marker.Type type, String ref, Pos pos) {
        markers.add(new Marker(type, length, ref, pos));
    }

    /** Inserts {@code bytes} at marker {@code m}'s offset; markers after {@code m} in the list move along. */
    void insertAt(Marker m, byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(data, m.offset, data, m.offset + bytes.length, length - m.offset);
        System.arraycopy(bytes, 0, data, m.offset, bytes.length);
        length += bytes.length;
        boolean after = false;
        for (Marker other : markers) {
            if (after) {
                other.offset += bytes.length;
            } else if (other == m) {
                after = true;
            }
        }
    }

    /** dtc's "one string": non-empty, NUL-terminated, no NUL before the end. */
    boolean isOneString() {
        if (length == 0 || data[length - 1] != 0) {
            return false;
        }
        for (int i = 0; i < length - 1; i++) {
            if (data[i] == 0) {
                return false;
            }
        }
        return true;
    }

    boolean bytesEqual(byte[] other, int otherLength) {
        return length == otherLength && Arrays.equals(data, 0, length, other, 0, otherLength);
    }
}
