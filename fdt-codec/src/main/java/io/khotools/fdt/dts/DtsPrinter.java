package io.khotools.fdt.dts;

import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.ReserveTermination;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prints a DTB as DTS source exactly as {@code dtc -I dtb -O dts} of dtc 1.7.1 and later prints it
 * (fdt-format.md §11), streaming from an {@link FdtReader} to an {@link Appendable}.
 *
 * <p>Layout: {@code /dts-v1/;}, an empty line, one {@code /memreserve/\t0x%016x 0x%016x;} line per
 * reservation (dtc's rule: the block ends at the first entry of size 0), then the tree with one TAB per
 * level, an empty line before every subnode, properties before subnodes, {@code };} closing each node.
 * The root prints as {@code /} unless it has a name. Names are printed raw. Values are printed in the
 * shape {@link ValueKind#guess} picks: {@code name;}, {@code "a", "b"} (string lists split at NULs, the
 * 1.7.1+ rule; escapes {@code \a \b \t \n \v \f \r \\ \"}), {@code <0x01 0xffffffff>} (cells as
 * {@code 0x%02x}) or {@code [01 02]}.
 *
 * <p>Streaming: the structure block is read twice (once to check it, once to print) and never copied,
 * so printing a 50 MB blob needs no memory proportional to its values. A property that follows a subnode
 * of its node is printed with the node's other properties, as dtc (which builds a tree first) prints it;
 * only then an index of token offsets is kept (see {@link TreeWalk}).
 *
 * <p>Like dtc, a {@code name} property whose value is the node's base name (the name up to {@code @}),
 * which every node of a version 1-3 blob carries, is not printed (dtc's {@code name_properties} fix-up).
 *
 * <p>What this printer does not do, by design:
 * <ul>
 *   <li>Labels and references: dtc 1.7.1+ restores labels from {@code __symbols__} and prints phandle
 *       cells listed in {@code __fixups__}/{@code __local_fixups__} as {@code &label}, and prints
 *       {@code /plugin/;} for overlays. This printer prints those nodes as plain nodes and phandles as
 *       numbers, like dtc 1.6 does.</li>
 *   <li>dtc's semantic checks (warnings on stderr, errors such as duplicate names): only the text is
 *       printed; use the validator for findings.</li>
 * </ul>
 * Known differences from the installed dtc 1.6.1 are listed in {@code docs/dtc-1.6-differences.md}.
 *
 * <p>Reading follows dtc's leniency ({@link ReadMode#LENIENT}: {@code size_dt_struct} is ignored).
 * Stateless and thread-safe.
 */
public final class DtsPrinter {
    private DtsPrinter() {}

    /**
     * Prints {@code blob} as DTS with the default read limits.
     *
     * @param blob the DTB from its reader index; borrowed (indices and reference count untouched)
     * @param out where the text goes; each char stands for one byte (names are ISO-8859-1), the rest is ASCII
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out) throws IOException {
        print(blob, out, ReadLimits.DEFAULT);
    }

    /**
     * Prints {@code blob} as DTS.
     *
     * @param blob the DTB from its reader index; borrowed
     * @param out where the text goes
     * @param limits depth and count limits for hostile input (exceeding one throws LIMIT)
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out, ReadLimits limits) throws IOException {
        FdtHeader header = FdtHeader.readChecked(blob);
        // dtc's DTB reader ends the reservation block at the first entry of size 0 (fdt-format.md §5)
        List<ReserveEntry> reserves = FdtReader.readReserveEntries(blob, header, ReserveTermination.SIZE_ZERO);
        TreeWalk walk = TreeWalk.scan(blob, limits, ReadMode.LENIENT);
        StringBuilder line = new StringBuilder(128);
        line.append("/dts-v1/;\n\n");
        for (ReserveEntry e : reserves) {
            line.append("/memreserve/\t0x");
            TextFormat.hex(line, e.address(), 16).append(" 0x");
            TextFormat.hex(line, e.size(), 16).append(";\n");
        }
        out.append(line);
        walk.emit(new Printer(out, line));
    }

    /** Formats one tree event per call into a reused line buffer. */
    private static final class Printer implements TreeVisitor {
        private final Appendable out;
        private final StringBuilder line;
        private String[] names = new String[16]; // names[d] = name of the open node at depth d

        Printer(Appendable out, StringBuilder line) {
            this.out = out;
            this.line = line;
        }

        @Override
        public void beginNode(String name, int depth, int offset) throws IOException {
            if (depth >= names.length) {
                names = java.util.Arrays.copyOf(names, Math.max(depth + 1, names.length * 2));
            }
            names[depth] = name;
            line.setLength(0);
            if (depth > 1) {
                line.append('\n'); // dtc separates every subnode, the first included, by an empty line
            }
            TextFormat.repeat(line, '\t', depth - 1);
            line.append(depth == 1 && name.isEmpty() ? "/" : name).append(" {\n");
            out.append(line);
        }

        @Override
        public void property(String name, ByteBuf value, int depth, int offset) throws IOException {
            if (name.equals("name") && isBaseName(value, names[depth])) {
                return; // dtc's name_properties fix-up deletes it (fdt-format.md §10.5)
            }
            line.setLength(0);
            TextFormat.repeat(line, '\t', depth).append(name);
            ValueKind kind = ValueKind.guess(value);
            if (kind != ValueKind.EMPTY) {
                line.append(" = ");
                out.append(line);
                line.setLength(0);
                appendValue(out, line, value, kind);
            }
            line.append(";\n");
            out.append(line);
        }

        @Override
        public void endNode(int depth) throws IOException {
            line.setLength(0);
            TextFormat.repeat(line, '\t', depth - 1).append("};\n");
            out.append(line);
        }
    }

    /**
     * True if {@code value} is the node's base name (the name up to its first {@code @}) plus a NUL: the
     * {@code name} property that v1-v3 blobs carry on every node, and that dtc deletes before printing.
     */
    static boolean isBaseName(ByteBuf value, String nodeName) {
        int at = nodeName.indexOf('@');
        int len = at < 0 ? nodeName.length() : at;
        int start = value.readerIndex();
        if (value.readableBytes() != len + 1 || value.getByte(start + len) != 0) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if ((value.getByte(start + i) & 0xff) != nodeName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text dtc prints for a property after its name: {@code " = <0x01>;"}, {@code " = \"a\", \"b\";"}, or
     * {@code ";"} for an empty value; the type is guessed as for a whole blob ({@link ValueKind#guess}). Used
     * where single values are shown (diffs).
     *
     * @param value the raw value bytes
     * @return the text, starting with " = " or ";" and ending with ";"
     */
    public static String valueText(byte[] value) {
        ByteBuf buf = Unpooled.wrappedBuffer(value);
        try {
            ValueKind kind = ValueKind.guess(buf);
            if (kind == ValueKind.EMPTY) {
                return ";";
            }
            StringBuilder text = new StringBuilder(" = ");
            StringBuilder chunk = new StringBuilder();
            appendValue(text, chunk, buf, kind); // flushes full chunks into text, leaves the rest in chunk
            return text.append(chunk).append(';').toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not throw
        } finally {
            buf.release();
        }
    }

    /** Chunk size for long values, so a huge property is not formatted into one giant buffer. */
    private static final int FLUSH_AT = 8192;

    private static void appendValue(Appendable out, StringBuilder sb, ByteBuf value, ValueKind kind) throws IOException {
        int start = value.readerIndex();
        int len = value.readableBytes();
        switch (kind) {
            case STRING, STRINGS -> {
                sb.append('"');
                // the last byte is the final NUL; every earlier NUL ends one string and starts the next
                for (int i = 0; i < len - 1; i++) {
                    int c = value.getByte(start + i) & 0xff;
                    if (c == 0) {
                        sb.append("\", \"");
                    } else {
                        appendEscaped(sb, c);
                    }
                    if (sb.length() >= FLUSH_AT) {
                        out.append(sb);
                        sb.setLength(0);
                    }
                }
                sb.append('"');
            }
            case CELLS -> {
                sb.append('<');
                for (int i = 0; i < len; i += 4) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    sb.append("0x");
                    TextFormat.hex(sb, value.getUnsignedInt(start + i), 2);
                    if (sb.length() >= FLUSH_AT) {
                        out.append(sb);
                        sb.setLength(0);
                    }
                }
                sb.append('>');
            }
            case BYTES -> {
                sb.append('[');
                for (int i = 0; i < len; i++) {
                    if (i > 0) {
                        sb.append(' ');
                    }
                    TextFormat.hexByte(sb, value.getByte(start + i));
                    if (sb.length() >= FLUSH_AT) {
                        out.append(sb);
                        sb.setLength(0);
                    }
                }
                sb.append(']');
            }
            default -> throw new IllegalArgumentException("no value to print for " + kind);
        }
    }

    /** dtc's string escapes; other non-printable bytes become {@code \xNN}. */
    static void appendEscaped(StringBuilder sb, int c) {
        switch (c) {
            case 0x07 -> sb.append("\\a");
            case 0x08 -> sb.append("\\b");
            case '\t' -> sb.append("\\t");
            case '\n' -> sb.append("\\n");
            case 0x0b -> sb.append("\\v");
            case '\f' -> sb.append("\\f");
            case '\r' -> sb.append("\\r");
            case '\\' -> sb.append("\\\\");
            case '"' -> sb.append("\\\"");
            default -> {
                if (ValueKind.isPrintable(c)) {
                    sb.append((char) c);
                } else {
                    TextFormat.hexByte(sb.append("\\x"), c);
                }
            }
        }
    }
}
