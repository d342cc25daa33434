package io.khotools.fdt.dts;

import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.ReserveTermination;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Prints a DTB as JSON in the stable schema documented in {@code docs/json-format.md}
 * (format {@value #FORMAT}, version {@value #VERSION}), streaming like {@link DtsPrinter}.
 *
 * <p>Shape: {@code format}, {@code version}, {@code header} (every field as an unsigned number, absent
 * fields of old versions as 0), {@code reservations} (dtc/libfdt rule: the block ends at the first entry
 * of size 0; 64-bit values as {@code "0x…"} strings because JSON numbers lose precision past 2^53), and
 * {@code nodes}: a flat array in dtc's order (pre-order, properties first), each with {@code path},
 * {@code name}, {@code offset} and {@code properties}; each property has {@code name}, {@code offset},
 * {@code length}, {@code type} ({@link ValueKind#id()}, the guess {@link DtsPrinter} uses), {@code value}
 * in that type and {@code hex} (the raw bytes).
 *
 * <p>The output is pure ASCII: names are decoded byte-per-char (ISO-8859-1) and every char outside
 * 0x20..0x7e is written as a {@code \}{@code uXXXX} escape, so a name byte 0xe9 reads back as U+00E9.
 * Written by hand: no JSON library is on the class path. Stateless and thread-safe.
 */
public final class JsonPrinter {
    /** The value of the top-level {@code format} member. */
    public static final String FORMAT = "khotools-fdt";
    /** The value of the top-level {@code version} member; raised only for incompatible changes. */
    public static final int VERSION = 1;

    private JsonPrinter() {}

    /**
     * Prints {@code blob} as JSON with the default read limits.
     *
     * @param blob the DTB from its reader index; borrowed (indices and reference count untouched)
     * @param out where the text goes (ASCII only)
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out) throws IOException {
        print(blob, out, ReadLimits.DEFAULT);
    }

    /**
     * Prints {@code blob} as JSON.
     *
     * @param blob the DTB from its reader index; borrowed
     * @param out where the text goes (ASCII only)
     * @param limits depth and count limits for hostile input
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out, ReadLimits limits) throws IOException {
        print(blob, out, limits, null, null);
    }

    /**
     * Prints {@code blob} as JSON with one more top-level member after {@code nodes}, for schemas layered on
     * the FDT (the {@code kho} object of docs/json-format.md).
     *
     * @param blob the DTB from its reader index; borrowed
     * @param out where the text goes (ASCII only)
     * @param limits depth and count limits for hostile input
     * @param extraName the member's name, or null for none
     * @param extraJson the member's value, already valid JSON
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out, ReadLimits limits, String extraName, CharSequence extraJson)
            throws IOException {
        FdtHeader h = FdtHeader.readChecked(blob);
        List<ReserveEntry> reserves = FdtReader.readReserveEntries(blob, h, ReserveTermination.SIZE_ZERO);
        TreeWalk walk = TreeWalk.scan(blob, limits, ReadMode.LENIENT);
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\n  \"format\": \"").append(FORMAT).append("\",\n  \"version\": ").append(VERSION).append(",\n");
        sb.append("  \"header\": {\n");
        headerField(sb, "magic", h.magic(), false);
        headerField(sb, "totalsize", h.totalSize(), false);
        headerField(sb, "off_dt_struct", h.offDtStruct(), false);
        headerField(sb, "off_dt_strings", h.offDtStrings(), false);
        headerField(sb, "off_mem_rsvmap", h.offMemRsvmap(), false);
        headerField(sb, "version", h.version(), false);
        headerField(sb, "last_comp_version", h.lastCompVersion(), false);
        headerField(sb, "boot_cpuid_phys", h.bootCpuidPhys(), false);
        headerField(sb, "size_dt_strings", h.sizeDtStrings(), false);
        headerField(sb, "size_dt_struct", h.sizeDtStruct(), true);
        sb.append("  },\n  \"reservations\": [");
        for (int i = 0; i < reserves.size(); i++) {
            ReserveEntry e = reserves.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"address\": \"0x");
            TextFormat.hex(sb, e.address(), 1).append("\", \"size\": \"0x");
            TextFormat.hex(sb, e.size(), 1).append("\"}");
        }
        sb.append(reserves.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"nodes\": [");
        out.append(sb);
        Printer p = new Printer(out, sb);
        walk.emit(p);
        p.closeNode();
        sb.setLength(0);
        sb.append("\n  ]");
        if (extraName != null) {
            JsonStrings.quote(sb.append(",\n  "), extraName).append(": ").append(extraJson);
        }
        sb.append("\n}\n");
        out.append(sb);
    }

    private static void headerField(StringBuilder sb, String name, int value, boolean last) {
        sb.append("    \"").append(name).append("\": ").append(Integer.toUnsignedLong(value)).append(last ? "\n" : ",\n");
    }

    /** Writes one node object per node; a node's object stays open until its properties are done. */
    private static final class Printer implements TreeVisitor {
        private final Appendable out;
        private final StringBuilder sb;
        private String[] names = new String[16]; // names[d] = name of the open node at depth d (root = 1)
        private boolean nodeOpen;
        private boolean firstNode = true;
        private boolean firstProp;

        Printer(Appendable out, StringBuilder sb) {
            this.out = out;
            this.sb = sb;
        }

        @Override
        public void beginNode(String name, int depth, int offset) throws IOException {
            closeNode();
            if (depth >= names.length) {
                names = Arrays.copyOf(names, Math.max(depth + 1, names.length * 2));
            }
            names[depth] = name;
            sb.setLength(0);
            sb.append(firstNode ? "\n" : ",\n").append("    {\"path\": \"");
            firstNode = false;
            if (depth == 1) {
                sb.append('/');
            } else {
                for (int d = 2; d <= depth; d++) {
                    sb.append('/');
                    JsonStrings.append(sb, names[d]);
                    flushIfLong();
                }
            }
            sb.append("\", \"name\": \"");
            JsonStrings.append(sb, name);
            sb.append("\", \"offset\": ").append(offset).append(", \"properties\": [");
            out.append(sb);
            nodeOpen = true;
            firstProp = true;
        }

        @Override
        public void property(String name, ByteBuf value, int depth, int offset) throws IOException {
            sb.setLength(0);
            sb.append(firstProp ? "\n" : ",\n").append("      {\"name\": \"");
            firstProp = false;
            JsonStrings.append(sb, name);
            ValueKind kind = ValueKind.guess(value);
            int start = value.readerIndex();
            int len = value.readableBytes();
            sb.append("\", \"offset\": ").append(offset).append(", \"length\": ").append(len)
                    .append(", \"type\": \"").append(kind.id()).append("\", \"value\": ");
            switch (kind) {
                case EMPTY -> sb.append("null");
                case STRING -> {
                    sb.append('"');
                    for (int i = 0; i < len - 1; i++) {
                        JsonStrings.escaped(sb, value.getByte(start + i) & 0xff);
                        flushIfLong();
                    }
                    sb.append('"');
                }
                case STRINGS -> {
                    sb.append("[\"");
                    for (int i = 0; i < len - 1; i++) {
                        int c = value.getByte(start + i) & 0xff;
                        if (c == 0) {
                            sb.append("\", \"");
                        } else {
                            JsonStrings.escaped(sb, c);
                        }
                        flushIfLong();
                    }
                    sb.append("\"]");
                }
                case CELLS -> {
                    sb.append('[');
                    for (int i = 0; i < len; i += 4) {
                        sb.append(i == 0 ? "" : ", ").append(value.getUnsignedInt(start + i));
                        flushIfLong();
                    }
                    sb.append(']');
                }
                case BYTES -> {
                    sb.append('[');
                    for (int i = 0; i < len; i++) {
                        sb.append(i == 0 ? "" : ", ").append(value.getUnsignedByte(start + i));
                        flushIfLong();
                    }
                    sb.append(']');
                }
                default -> throw new IllegalStateException("unhandled kind " + kind);
            }
            sb.append(", \"hex\": \"");
            for (int i = 0; i < len; i++) {
                TextFormat.hexByte(sb, value.getByte(start + i));
                flushIfLong();
            }
            sb.append("\"}");
            out.append(sb);
        }

        @Override
        public void endNode(int depth) throws IOException {
            closeNode();
        }

        void closeNode() throws IOException {
            if (nodeOpen) {
                out.append(firstProp ? "]}" : "\n    ]}");
                nodeOpen = false;
            }
        }

        private void flushIfLong() throws IOException {
            if (sb.length() >= 8192) {
                out.append(sb);
                sb.setLength(0);
            }
        }
    }
}
