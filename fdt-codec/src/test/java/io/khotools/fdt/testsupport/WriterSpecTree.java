package io.khotools.fdt.testsupport;

import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.NodeHandle;
import io.khotools.fdt.stream.WriteOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A device tree as a test describes it: reservations, nodes, typed property values and the write options.
 * It renders itself three ways for the differential tests: through {@link FdtWriter}, as DTS text for dtc
 * (with the matching dtc flags), and as the framed call sequence {@code fdtsw_server.py} replays on pylibfdt's
 * {@code FdtSw}. Immutable; trees are small (the generators bound depth), so recursion is fine here.
 */
public record WriterSpecTree(List<Reservation> reservations, Node root, WriteOptions options) {
    /**
     * Allocator for the trees' blobs. Leak tracking is off for it: at the build's paranoid level every
     * {@code writeInt} on a tracked buffer records a stack trace, which made 500 tries take 20 s. Leak
     * discipline of the writer itself is covered by the unit tests, which use the tracked pooled allocator.
     */
    private static final ByteBufAllocator ALLOC = new UnpooledByteBufAllocator(true, true);

    /** One /memreserve/ entry. */
    public record Reservation(long address, long size) {}

    /** A node: name, properties in order, children in order. */
    public record Node(String name, List<Prop> props, List<Node> children) {}

    /** A property with a typed value. */
    public record Prop(String name, Value value) {}

    /** A property value in one of the shapes DTS can express. */
    public sealed interface Value {
        /** The encoded value bytes. */
        byte[] bytes();

        /** The DTS right-hand side ("" for an empty property). */
        String dts();

        /** Writes the property with the matching typed writer call. */
        void write(FdtWriter w, String name);
    }

    /** An empty (boolean) property. */
    public record Empty() implements Value {
        public byte[] bytes() { return new byte[0]; }
        public String dts() { return ""; }
        public void write(FdtWriter w, String name) { w.propertyEmpty(name); }
    }

    /** Raw bytes, {@code [01 02]}; written through the ByteBuf overload. */
    public record Bytes(byte[] value) implements Value {
        public byte[] bytes() { return value.clone(); }
        public String dts() {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < value.length; i++) {
                sb.append(i == 0 ? "" : " ").append(String.format("%02x", value[i] & 0xff));
            }
            return sb.append(']').toString();
        }
        public void write(FdtWriter w, String name) {
            ByteBuf b = PooledByteBufAllocator.DEFAULT.heapBuffer(value.length + 3).writeZero(3).writeBytes(value);
            try {
                b.readerIndex(3); // the writer must copy from the reader index
                w.property(name, b);
            } finally {
                b.release();
            }
        }
        @Override public String toString() { return "Bytes" + dts(); }
    }

    /** One or more printable-ASCII strings, {@code "a", "b"}. */
    public record Strings(List<String> value) implements Value {
        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String s : value) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            return out.toByteArray();
        }
        public String dts() {
            List<String> quoted = new ArrayList<>();
            for (String s : value) {
                quoted.add('"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
            return String.join(", ", quoted);
        }
        public void write(FdtWriter w, String name) {
            if (value.size() == 1) {
                w.propertyString(name, value.get(0));
            } else {
                w.propertyStringList(name, value);
            }
        }
    }

    /** 32-bit cells, {@code <0x1 0x2>}. */
    public record Cells(int[] value) implements Value {
        public byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(value.length * 4);
            for (int c : value) {
                b.putInt(c);
            }
            return b.array();
        }
        public String dts() {
            StringBuilder sb = new StringBuilder("<");
            for (int i = 0; i < value.length; i++) {
                sb.append(i == 0 ? "" : " ").append("0x").append(Integer.toHexString(value[i]));
            }
            return sb.append('>').toString();
        }
        public void write(FdtWriter w, String name) {
            if (value.length == 1) {
                w.propertyU32(name, value[0]);
            } else {
                w.propertyCells(name, value);
            }
        }
        @Override public String toString() { return "Cells" + dts(); }
    }

    /** A 64-bit value, {@code /bits/ 64 <0x...>}. */
    public record U64(long value) implements Value {
        public byte[] bytes() { return ByteBuffer.allocate(8).putLong(value).array(); }
        public String dts() { return "/bits/ 64 <0x" + Long.toHexString(value) + ">"; }
        public void write(FdtWriter w, String name) { w.propertyU64(name, value); }
    }

    /** The untracked allocator the trees write with (see {@link #ALLOC}). */
    public static ByteBufAllocator allocator() {
        return ALLOC;
    }

    /** Writes the tree with its options; the caller owns the result. */
    public ByteBuf write() {
        return write(options);
    }

    /** Writes the tree with other options; the caller owns the result. */
    public ByteBuf write(WriteOptions with) {
        try (FdtWriter w = FdtWriter.create(ALLOC, with)) {
            for (Reservation r : reservations) {
                w.addReserveEntry(r.address(), r.size());
            }
            writeNode(w, root);
            return w.finish();
        }
    }

    /** The bytes {@link #write()} produces. */
    public byte[] writeBytes() {
        ByteBuf b = write();
        try {
            return ByteBufUtil.getBytes(b);
        } finally {
            b.release();
        }
    }

    private static void writeNode(FdtWriter w, Node n) {
        NodeHandle h = w.beginNode(n.name());
        for (Prop p : n.props()) {
            p.value().write(w, p.name());
        }
        for (Node c : n.children()) {
            writeNode(w, c);
        }
        w.endNode(h);
    }

    /** DTS source for dtc; the root is written as {@code /}. */
    public String toDts() {
        StringBuilder sb = new StringBuilder("/dts-v1/;\n\n");
        for (Reservation r : reservations) {
            sb.append(String.format("/memreserve/ 0x%x 0x%x;%n", r.address(), r.size()));
        }
        appendNode(sb, root, 0);
        return sb.toString();
    }

    private static void appendNode(StringBuilder sb, Node n, int depth) {
        String indent = "\t".repeat(depth);
        sb.append(indent).append(depth == 0 ? "/" : n.name()).append(" {\n");
        for (Prop p : n.props()) {
            String rhs = p.value().dts();
            sb.append(indent).append('\t').append(p.name()).append(rhs.isEmpty() ? "" : " = " + rhs).append(";\n");
        }
        for (Node c : n.children()) {
            appendNode(sb, c, depth + 1);
        }
        sb.append(indent).append("};\n");
    }

    /** dtc options that make dtc lay the blob out as {@link #options()} says ({@code -b} always given). */
    public List<String> dtcFlags() {
        List<String> f = new ArrayList<>(List.of("-b", Integer.toUnsignedString(options.bootCpuId().orElse(0))));
        if (options.version() != 17) {
            f.addAll(List.of("-V", Integer.toString(options.version())));
        }
        if (options.extraReserveEntries() > 0) {
            f.addAll(List.of("-R", Integer.toString(options.extraReserveEntries())));
        }
        if (options.padding() > 0) {
            f.addAll(List.of("-p", Integer.toString(options.padding())));
        }
        if (options.minTotalSize() > 0) {
            f.addAll(List.of("-S", Integer.toString(options.minTotalSize())));
        }
        if (options.alignment() > 0) {
            f.addAll(List.of("-a", Integer.toString(options.alignment())));
        }
        return f;
    }

    /**
     * The libfdt call sequence as {@code fdtsw_server.py} reads it: {@code H} size hint, {@code R} addr size,
     * {@code F} (finish_reservemap), {@code B} name, {@code P} name value, {@code E} (end_node); names and
     * values are u32-length-prefixed, numbers big-endian.
     */
    public byte[] fdtSwCalls(int sizeHint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte('H');
            out.writeInt(sizeHint);
            for (Reservation r : reservations) {
                out.writeByte('R');
                out.writeLong(r.address());
                out.writeLong(r.size());
            }
            out.writeByte('F');
            calls(out, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void calls(DataOutputStream out, Node n) throws IOException {
        out.writeByte('B');
        lengthPrefixed(out, n.name().getBytes(StandardCharsets.ISO_8859_1));
        for (Prop p : n.props()) {
            out.writeByte('P');
            lengthPrefixed(out, p.name().getBytes(StandardCharsets.ISO_8859_1));
            lengthPrefixed(out, p.value().bytes());
        }
        for (Node c : n.children()) {
            calls(out, c);
        }
        out.writeByte('E');
    }

    private static void lengthPrefixed(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Number of nodes and properties, for reports. */
    public int size() {
        int count = 0;
        List<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            count += 1 + n.props().size();
            todo.addAll(n.children());
        }
        return count;
    }
}
