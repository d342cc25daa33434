package io.khotools.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a large, realistic device tree for benchmarks: a root with {@code buses} simple-bus nodes, each with
 * {@code devicesPerBus} device nodes carrying the usual properties (compatible, reg, interrupts, clocks,
 * clock-names, status). With the defaults: 20,041 nodes, about 120,000 properties, about 4.5 MB.
 */
public final class SyntheticBlob {
    private SyntheticBlob() {}

    /** Default bus count. */
    public static final int BUSES = 40;
    /** Default devices per bus. */
    public static final int DEVICES_PER_BUS = 500;

    /** The default large blob; the caller owns the returned buffer. */
    public static ByteBuf build(ByteBufAllocator alloc) {
        return build(alloc, BUSES, DEVICES_PER_BUS);
    }

    /**
     * Builds the blob in dtc's layout (strings in first-use order).
     *
     * @return a direct buffer the caller owns and must release
     */
    public static ByteBuf build(ByteBufAllocator alloc, int buses, int devicesPerBus) {
        Encoder e = new Encoder(alloc);
        e.begin("");
        e.cells("#address-cells", 1);
        e.cells("#size-cells", 1);
        e.string("compatible", "khotools,synthetic\0khotools,bench\0");
        e.string("model", "khotools synthetic benchmark board\0");
        e.begin("chosen");
        e.string("bootargs", "console=ttyS0,115200 earlycon root=/dev/vda rw\0");
        e.end();
        for (int b = 0; b < buses; b++) {
            e.begin("bus@" + Integer.toHexString(0x10000000 + b * 0x100000));
            e.string("compatible", "simple-bus\0");
            e.cells("#address-cells", 1);
            e.cells("#size-cells", 1);
            e.cells("ranges", 0, 0x10000000 + b * 0x100000, 0x100000);
            for (int d = 0; d < devicesPerBus; d++) {
                int addr = d * 0x800;
                e.begin("serial@" + Integer.toHexString(addr));
                e.string("compatible", (d % 3 == 0 ? "ns16550a\0" : "snps,dw-apb-uart\0vendor,uart-v" + (d % 7) + "\0"));
                e.cells("reg", addr, 0x800);
                e.cells("interrupts", 0, 32 + (d % 200), 4);
                e.cells("clocks", 1, d % 64);
                e.string("clock-names", "baudclk\0apb_pclk\0");
                e.string("status", d % 5 == 0 ? "disabled\0" : "okay\0");
                e.end();
            }
            e.end();
        }
        e.end();
        return e.finish();
    }

    /** Minimal dtc-layout encoder, enough for the benchmark shapes. */
    private static final class Encoder {
        private final ByteBuf struct;
        private final ByteBuf strings;
        private final Map<String, Integer> nameOffsets = new LinkedHashMap<>();
        private final ByteBufAllocator alloc;

        Encoder(ByteBufAllocator alloc) {
            this.alloc = alloc;
            this.struct = alloc.heapBuffer(1 << 20);
            this.strings = alloc.heapBuffer(1024);
        }

        void begin(String name) {
            struct.writeInt(1);
            struct.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            struct.writeByte(0);
            pad();
        }

        void end() {
            struct.writeInt(2);
        }

        void cells(String name, int... cells) {
            prop(name, cells.length * 4);
            for (int c : cells) {
                struct.writeInt(c);
            }
            pad();
        }

        void string(String name, String nulTerminated) {
            byte[] v = nulTerminated.getBytes(StandardCharsets.US_ASCII);
            prop(name, v.length);
            struct.writeBytes(v);
            pad();
        }

        private void prop(String name, int len) {
            Integer off = nameOffsets.get(name);
            if (off == null) {
                off = strings.writerIndex();
                strings.writeBytes(name.getBytes(StandardCharsets.US_ASCII)).writeByte(0);
                nameOffsets.put(name, off);
            }
            struct.writeInt(3).writeInt(len).writeInt(off);
        }

        private void pad() {
            while ((struct.writerIndex() & 3) != 0) {
                struct.writeByte(0);
            }
        }

        ByteBuf finish() {
            struct.writeInt(9);
            int offStruct = 40 + 16;
            int offStrings = offStruct + struct.readableBytes();
            int total = offStrings + strings.readableBytes();
            ByteBuf out = alloc.directBuffer(total);
            out.writeInt(0xd00dfeed).writeInt(total).writeInt(offStruct).writeInt(offStrings).writeInt(40)
                    .writeInt(17).writeInt(16).writeInt(0).writeInt(strings.readableBytes()).writeInt(struct.readableBytes());
            out.writeLong(0).writeLong(0);
            out.writeBytes(struct).writeBytes(strings);
            struct.release();
            strings.release();
            return out;
        }
    }
}
