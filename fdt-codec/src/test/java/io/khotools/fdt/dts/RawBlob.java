package io.khotools.fdt.dts;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper that lays out a v17 DTB from a token sequence exactly as given, so tests can build blobs dtc
 * never writes (NOP tokens, properties after subnodes). Layout as dtc: header, reservations, struct,
 * strings, no gaps. Names are ISO-8859-1. Strings are stored once each, in first-use order.
 */
final class RawBlob {
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final List<String> names = new ArrayList<>();
    private final List<Integer> nameOffsets = new ArrayList<>();
    private final List<long[]> reserves = new ArrayList<>();

    RawBlob reserve(long address, long size) {
        reserves.add(new long[] {address, size});
        return this;
    }

    RawBlob begin(String name) {
        u32(1);
        byte[] b = name.getBytes(StandardCharsets.ISO_8859_1);
        struct.writeBytes(b);
        struct.write(0);
        pad();
        return this;
    }

    RawBlob end() {
        u32(2);
        return this;
    }

    RawBlob nop() {
        u32(4);
        return this;
    }

    RawBlob prop(String name, byte[] value) {
        u32(3);
        u32(value.length);
        u32(nameOffset(name));
        struct.writeBytes(value);
        pad();
        return this;
    }

    RawBlob prop(String name, String nulTerminated) {
        return prop(name, (nulTerminated + "\0").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Appends FDT_END and returns the whole blob. */
    byte[] finish() {
        u32(9);
        int rsv = 40;
        int off = rsv + 16 * (reserves.size() + 1);
        int structSize = struct.size();
        int stringsOff = off + structSize;
        int total = stringsOff + strings.size();
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0xd00dfeed).putInt(total).putInt(off).putInt(stringsOff).putInt(rsv)
                .putInt(17).putInt(16).putInt(0).putInt(strings.size()).putInt(structSize);
        for (long[] r : reserves) {
            b.putLong(r[0]).putLong(r[1]);
        }
        b.putLong(0).putLong(0);
        b.put(struct.toByteArray()).put(strings.toByteArray());
        return b.array();
    }

    private int nameOffset(String name) {
        int i = names.indexOf(name);
        if (i >= 0) {
            return nameOffsets.get(i);
        }
        int off = strings.size();
        strings.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        strings.write(0);
        names.add(name);
        nameOffsets.add(off);
        return off;
    }

    private void u32(int v) {
        struct.write(v >>> 24);
        struct.write(v >>> 16);
        struct.write(v >>> 8);
        struct.write(v);
    }

    private void pad() {
        while (struct.size() % 4 != 0) {
            struct.write(0);
        }
    }
}
