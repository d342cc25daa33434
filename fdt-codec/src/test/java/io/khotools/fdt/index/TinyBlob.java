package io.khotools.fdt.index;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only byte builder for small (or very deep) v17 blobs, laid out as dtc does: 40-byte header,
 * reservation block at 0x28, structure block, strings block, no gaps. Strings are reused with dtc's rule
 * (an existing entry whose tail equals the name, fdt-format.md §10.2). It checks nothing: tests use it to
 * write odd structures on purpose (properties after children, duplicate names, NOPs).
 */
public final class TinyBlob {
    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final List<long[]> reserves = new ArrayList<>();
    private int bootCpuid;

    private TinyBlob() {}

    /** An empty builder. */
    public static TinyBlob create() {
        return new TinyBlob();
    }

    /** Adds a memory reservation entry. */
    public TinyBlob reserve(long address, long size) {
        reserves.add(new long[] {address, size});
        return this;
    }

    /** Sets boot_cpuid_phys. */
    public TinyBlob bootCpuid(int id) {
        bootCpuid = id;
        return this;
    }

    /** FDT_BEGIN_NODE, the name, NUL and zero padding to 4. */
    public TinyBlob begin(String name) {
        word(1);
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
        struct.writeBytes(n);
        struct.write(0);
        pad();
        return this;
    }

    /** FDT_END_NODE. */
    public TinyBlob end() {
        word(2);
        return this;
    }

    /** FDT_NOP. */
    public TinyBlob nop() {
        word(4);
        return this;
    }

    /** FDT_PROP with the raw value. */
    public TinyBlob prop(String name, byte[] value) {
        word(3);
        word(value.length);
        word(nameOffset(name));
        struct.writeBytes(value);
        pad();
        return this;
    }

    /** A property of big-endian u32 cells. */
    public TinyBlob cells(String name, int... cells) {
        ByteBuffer b = ByteBuffer.allocate(cells.length * 4);
        for (int c : cells) {
            b.putInt(c);
        }
        return prop(name, b.array());
    }

    /** A property of NUL-terminated strings. */
    public TinyBlob strings(String name, String... values) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (String s : values) {
            v.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
            v.write(0);
        }
        return prop(name, v.toByteArray());
    }

    /** An empty (boolean) property. */
    public TinyBlob empty(String name) {
        return prop(name, new byte[0]);
    }

    /** Appends FDT_END and the header; the builder must not be used afterwards. */
    public byte[] build() {
        word(9);
        byte[] s = struct.toByteArray();
        byte[] str = strings.toByteArray();
        int offRsv = 40;
        int offStruct = offRsv + 16 * (reserves.size() + 1);
        int offStrings = offStruct + s.length;
        int total = offStrings + str.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(0xd00dfeed).putInt(total).putInt(offStruct).putInt(offStrings).putInt(offRsv)
                .putInt(17).putInt(16).putInt(bootCpuid).putInt(str.length).putInt(s.length);
        for (long[] r : reserves) {
            b.putLong(r[0]).putLong(r[1]);
        }
        b.putLong(0).putLong(0);
        b.put(s).put(str);
        return b.array();
    }

    /** {@link #build()} wrapped in an unpooled buffer; the caller owns (and releases) it. */
    public ByteBuf buffer() {
        return Unpooled.wrappedBuffer(build());
    }

    private int nameOffset(String name) {
        byte[] table = strings.toByteArray();
        byte[] n = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= table.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (table[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        strings.writeBytes(n);
        return table.length;
    }

    private void word(int v) {
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
