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
 * only then, or when labels and references are restored, an index of token offsets is kept (see
 * {@link TreeWalk}).
 *
 * <p>Like dtc, a {@code name} property whose value is the node's base name (the name up to {@code @}),
 * which every node of a version 1-3 blob carries, is not printed (dtc's {@code name_properties} fix-up).
 *
 * <p>Labels and references ({@link Symbols#RESTORE}, the default), as dtc 1.7.1 and later restore them
 * (rules in {@link References}): labels from {@code /__symbols__} on the nodes they name
 * ({@code intc: interrupt-controller@1000 {}), cells listed in {@code /__fixups__} or
 * {@code /__local_fixups__} as {@code &label} or {@code &{/path}} in a {@code < >} group of their own
 * ({@code clocks = <&clk>, <0x01>;}), and {@code /plugin/;} after {@code /dts-v1/;} when the root has a
 * {@code __fixups__} or {@code __local_fixups__} child. Only then the tree is indexed (token offsets, never
 * values); the text always compiles back to the same blob, which is why a few cases dtc 1.8 would print
 * unparseable are printed numerically instead.
 *
 * <p>dtc's semantic checks (warnings on stderr, errors such as duplicate names) are not run: only the
 * text is printed; use the validator for findings.
 * Known differences from the installed dtc 1.6.1 are listed in {@code docs/dtc-1.6-differences.md}.
 *
 * <p>Reading follows dtc's leniency ({@link ReadMode#LENIENT}: {@code size_dt_struct} is ignored).
 * Stateless and thread-safe.
 */
public final class DtsPrinter {
    private DtsPrinter() {}

    /** Whether labels and references are restored from {@code __symbols__}, {@code __fixups__} and {@code __local_fixups__}. */
    public enum Symbols {
        /** As dtc 1.7.1 and later: labels on nodes, {@code &label} / {@code &{/path}} cells, {@code /plugin/;}. */
        RESTORE,
        /** As dtc 1.7.0 and earlier: those nodes print as plain nodes, phandles as numbers. */
        IGNORE
    }

    /**
     * Prints {@code blob} as DTS with the default read limits, restoring labels and references.
     *
     * @param blob the DTB from its reader index; borrowed (indices and reference count untouched)
     * @param out where the text goes; each char stands for one byte (names are ISO-8859-1), the rest is ASCII
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out) throws IOException {
        print(blob, out, ReadLimits.DEFAULT, Symbols.RESTORE);
    }

    /**
     * Prints {@code blob} as DTS, restoring labels and references.
     *
     * @param blob the DTB from its reader index; borrowed
     * @param out where the text goes
     * @param limits depth and count limits for hostile input (exceeding one throws LIMIT)
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out, ReadLimits limits) throws IOException {
        print(blob, out, limits, Symbols.RESTORE);
    }

    /**
     * Prints {@code blob} as DTS.
     *
     * @param blob the DTB from its reader index; borrowed
     * @param out where the text goes
     * @param limits depth and count limits for hostile input (exceeding one throws LIMIT)
     * @param symbols whether labels and references are restored (dtc 1.7.1+) or not (older dtc)
     * @throws io.khotools.fdt.FdtException if the blob cannot be decoded; thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out, ReadLimits limits, Symbols symbols) throws IOException {
        FdtHeader header = FdtHeader.readChecked(blob);
        // dtc's DTB reader ends the reservation block at the first entry of size 0 (fdt-format.md §5)
        List<ReserveEntry> reserves = FdtReader.readReserveEntries(blob, header, ReserveTermination.SIZE_ZERO);
        boolean restore = symbols == Symbols.RESTORE;
        TreeWalk walk = TreeWalk.scan(blob, limits, ReadMode.LENIENT, restore);
        References refs = restore && walk.index() != null ? References.resolve(walk.index()) : References.NONE;
        StringBuilder line = new StringBuilder(128);
        line.append(refs.plugin() ? "/dts-v1/;\n/plugin/;\n\n" : "/dts-v1/;\n\n");
        for (ReserveEntry e : reserves) {
            line.append("/memreserve/\t0x");
            TextFormat.hex(line, e.address(), 16).append(" 0x");
            TextFormat.hex(line, e.size(), 16).append(";\n");
        }
        out.append(line);
        walk.emit(new Printer(out, line, refs));
    }

    /** Formats one tree event per call into a reused line buffer. */
    private static final class Printer implements TreeVisitor {
        private final Appendable out;
        private final StringBuilder line;
        private final References refs;
        private String[] names = new String[16]; // names[d] = name of the open node at depth d

        Printer(Appendable out, StringBuilder line, References refs) {
            this.out = out;
            this.line = line;
            this.refs = refs;
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
            for (String label : refs.labels(offset)) {
                line.append(label).append(": ");
            }
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
            References.Refs r = refs.refs(offset);
            ValueKind kind = ValueKind.guess(value);
            if (r != null) {
                line.append(" = ");
                appendWithReferences(out, line, value, r);
            } else if (kind != ValueKind.EMPTY) {
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

    /**
     * A value with phandle references, as dtc 1.7.1+ prints it: every referenced cell is its own
     * {@code <&ref>} group, and each stretch between references is guessed on its own
     * ({@link ValueKind#guess}) and printed as a separate group, all joined by {@code ", "}.
     *
     * <p>dtc 1.8 quirk reproduced: a stretch of exactly two strings followed by a reference prints its
     * second string after two spaces ({@code "a",  "b", <&x>}), and that second string is guessed alone
     * (an empty one prints as {@code [00]}). With three or more strings there dtc 1.8 crashes; we print the
     * strings the ordinary way.
     */
    private static void appendWithReferences(Appendable out, StringBuilder sb, ByteBuf value, References.Refs refs)
            throws IOException {
        int start = value.readerIndex();
        int len = value.readableBytes();
        int[] offsets = refs.offsets();
        int pos = 0;
        boolean first = true;
        for (int k = 0; k < offsets.length; k++) {
            int at = offsets[k];
            if (at > pos) {
                appendStretch(out, sb, value.slice(start + pos, at - pos), first, true);
                first = false;
            }
            if (!first) {
                sb.append(", ");
            }
            sb.append("<&").append(refs.targets()[k]).append('>');
            first = false;
            pos = at + 4;
        }
        if (pos < len) {
            appendStretch(out, sb, value.slice(start + pos, len - pos), first, false);
        }
    }

    private static void appendStretch(Appendable out, StringBuilder sb, ByteBuf stretch, boolean first,
            boolean beforeReference) throws IOException {
        if (!first) {
            sb.append(", ");
        }
        ValueKind kind = ValueKind.guess(stretch);
        int start = stretch.readerIndex();
        int firstNul = stretch.indexOf(start, start + stretch.readableBytes(), (byte) 0);
        if (kind == ValueKind.STRINGS && beforeReference
                && stretch.indexOf(firstNul + 1, start + stretch.readableBytes() - 1, (byte) 0) < 0) {
            int split = firstNul + 1 - start;
            appendValue(out, sb, stretch.slice(start, split), ValueKind.STRING);
            ByteBuf second = stretch.slice(start + split, stretch.readableBytes() - split);
            sb.append(",  ");
            appendValue(out, sb, second, ValueKind.guess(second));
            return;
        }
        appendValue(out, sb, stretch, kind);
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
