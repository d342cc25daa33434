package io.khotools.fdt.dts;

import static io.khotools.fdt.FdtFormat.*;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.value.PropertyValues;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Prints a DTB exactly as the {@code fdtdump} tool prints it on stdout (fdt-format.md §12; the same in
 * dtc 1.6.1 and 1.8.1). fdtdump's banner goes to its stderr and is not printed.
 *
 * <p>Layout: {@code /dts-v1/;}, the header fields as {@code //} comments (boot_cpuid_phys from v2,
 * size_dt_strings from v3, size_dt_struct from v17), an empty line, {@code /memreserve/ %#x %#x;} per
 * reservation (fdtdump's rule: only an all-zero entry ends the block), then every structure-block token
 * in blob order with four spaces per level: nodes as {@code name {} … {@code };} (the empty root name as
 * {@code /}), {@code NOP} tokens as {@code // [NOP]}, properties as {@code name;} or {@code name = value;}
 * where the value is a list of printable strings ({@code "a", "b"}, every string non-empty, printed
 * without escaping), else {@code <0x%08x …>} when the length is a multiple of 4, else {@code [%02x …]}.
 *
 * <p>Like fdtdump this walks the raw tokens rather than a checked tree: it ignores size_dt_struct, prints
 * properties wherever they appear, and stops at the first FDT_END whatever the depth. Unlike fdtdump it
 * never reads out of bounds: every token, name and value is checked against totalsize, every name offset
 * against the blob, and an unknown token is an error (fdtdump 1.6 prints it to stderr and stops, 1.8 dies).
 * The blob is walked once to check it and once to print, so errors are thrown before anything is written.
 * Stateless and thread-safe.
 */
public final class FdtDumpPrinter {
    private FdtDumpPrinter() {}

    /**
     * Prints {@code blob} as fdtdump does, with the default read limits.
     *
     * @param blob the DTB from its reader index; borrowed (indices and reference count untouched)
     * @param out where the text goes; each char stands for one byte (ISO-8859-1)
     * @throws FdtException BADMAGIC, BADVERSION, TRUNCATED (anything running past totalsize), BADOFFSET (a
     *     name offset outside the blob), BADSTRUCTURE (unknown token, END_NODE with no open node), LIMIT
     *     (nesting deeper than {@link ReadLimits#maxDepth()}); thrown before anything is written
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out) throws IOException {
        print(blob, out, ReadLimits.DEFAULT);
    }

    /**
     * Prints {@code blob} as fdtdump does.
     *
     * @param blob the DTB from its reader index; borrowed
     * @param out where the text goes
     * @param limits {@link ReadLimits#maxDepth()} (it bounds the indentation) and
     *     {@link ReadLimits#maxTotalSize()} apply; the counts do not (fdtdump prints whatever is there)
     * @throws FdtException as {@link #print(ByteBuf, Appendable)}, or LIMIT for a totalsize over the limit
     * @throws IOException from {@code out}
     */
    public static void print(ByteBuf blob, Appendable out, ReadLimits limits) throws IOException {
        FdtHeader header = FdtHeader.readChecked(blob);
        limits.checkTotalSize(header.totalSizeUnsigned());
        new Walk(blob, header, limits, null).run();
        new Walk(blob, header, limits, out).run();
    }

    /** One pass over the blob; with a null {@code out} it only checks. */
    private static final class Walk {
        private final ByteBuf blob;
        private final int base;
        private final FdtHeader h;
        private final ReadLimits limits;
        private final Appendable out;
        private final int end;
        private final StringBuilder line = new StringBuilder(128);

        Walk(ByteBuf blob, FdtHeader header, ReadLimits limits, Appendable out) {
            this.blob = blob;
            this.base = blob.readerIndex();
            this.h = header;
            this.limits = limits;
            this.out = out;
            this.end = header.totalSize(); // checked: header size <= totalsize <= readable bytes
        }

        void run() throws IOException {
            headerComments();
            reservations();
            structure();
        }

        private void headerComments() throws IOException {
            line.append("/dts-v1/;\n");
            field("// magic:\t\t", h.magic()).append('\n');
            field("// totalsize:\t\t", h.totalSize()).append(" (").append(h.totalSizeUnsigned()).append(")\n");
            field("// off_dt_struct:\t", h.offDtStruct()).append('\n');
            field("// off_dt_strings:\t", h.offDtStrings()).append('\n');
            field("// off_mem_rsvmap:\t", h.offMemRsvmap()).append('\n');
            line.append("// version:\t\t").append(Integer.toUnsignedString(h.version())).append('\n');
            line.append("// last_comp_version:\t").append(Integer.toUnsignedString(h.lastCompVersion())).append('\n');
            if (FdtHeader.atLeast(h.version(), 2)) {
                field("// boot_cpuid_phys:\t", h.bootCpuidPhys()).append('\n');
            }
            if (FdtHeader.atLeast(h.version(), 3)) {
                field("// size_dt_strings:\t", h.sizeDtStrings()).append('\n');
            }
            if (FdtHeader.atLeast(h.version(), 17)) {
                field("// size_dt_struct:\t", h.sizeDtStruct()).append('\n');
            }
            line.append('\n');
            flush();
        }

        private StringBuilder field(String label, int value) {
            return TextFormat.hex(line.append(label).append("0x"), Integer.toUnsignedLong(value), 1);
        }

        private void reservations() throws IOException {
            // fdtdump stops only at an all-zero entry (fdt-format.md §5); checked 0 <= off <= totalsize
            for (long off = Integer.toUnsignedLong(h.offMemRsvmap()); ; off += RESERVE_ENTRY_SIZE) {
                if (off + RESERVE_ENTRY_SIZE > end) {
                    throw new FdtException(FdtError.TRUNCATED, off,
                            "memory reservation block has no all-zero entry before totalsize 0x" + Integer.toHexString(end));
                }
                long address = blob.getLong(base + (int) off);
                long size = blob.getLong(base + (int) off + 8);
                if (address == 0 && size == 0) {
                    return;
                }
                line.append("/memreserve/ ");
                altHex(address).append(' ');
                altHex(size).append(";\n");
                flush();
            }
        }

        /** C's {@code %#x}: 0 prints as {@code 0}, anything else with a {@code 0x} prefix. */
        private StringBuilder altHex(long v) {
            return v == 0 ? line.append('0') : TextFormat.hex(line.append("0x"), v, 1);
        }

        private void structure() throws IOException {
            int pos = h.offDtStruct();
            int depth = 0;
            while (true) {
                if (pos < 0 || pos > end - 4) {
                    throw new FdtException(FdtError.TRUNCATED, pos, "structure block runs past totalsize 0x"
                            + Integer.toHexString(end) + " without FDT_END");
                }
                int tag = blob.getInt(base + pos);
                switch (tag) {
                    case TOKEN_BEGIN_NODE -> {
                        int nameStart = pos + 4;
                        int nul = nameStart < end ? blob.indexOf(base + nameStart, base + end, (byte) 0) : -1;
                        if (nul < 0) {
                            throw new FdtException(FdtError.TRUNCATED, pos,
                                    "node name is not NUL-terminated before totalsize 0x" + Integer.toHexString(end));
                        }
                        nul -= base;
                        if (depth >= limits.maxDepth()) {
                            throw new FdtException(FdtError.LIMIT, pos,
                                    "node nesting deeper than the limit of " + limits.maxDepth());
                        }
                        if (out != null) {
                            indent(depth);
                            if (nul == nameStart) {
                                line.append('/');
                            } else {
                                line.append(blob.toString(base + nameStart, nul - nameStart, StandardCharsets.ISO_8859_1));
                            }
                            line.append(" {\n");
                            flush();
                        }
                        depth++;
                        // cannot overflow: nul < end <= Integer.MAX_VALUE and the struct offset is non-negative
                        pos = alignFrom(nul + 1, 4);
                    }
                    case TOKEN_END_NODE -> {
                        if (depth == 0) {
                            throw new FdtException(FdtError.BADSTRUCTURE, pos, "FDT_END_NODE with no open node");
                        }
                        depth--;
                        if (out != null) {
                            indent(depth).append("};\n");
                            flush();
                        }
                        pos += 4;
                    }
                    case TOKEN_PROP -> pos = property(pos, depth);
                    case TOKEN_NOP -> {
                        if (out != null) {
                            indent(depth).append("// [NOP]\n");
                            flush();
                        }
                        pos += 4;
                    }
                    case TOKEN_END -> {
                        return;
                    }
                    default -> throw new FdtException(FdtError.BADSTRUCTURE, pos,
                            String.format("unknown token 0x%08x", tag));
                }
            }
        }

        /** Rounds an absolute offset up as fdtdump does: relative to the blob start, which it assumes aligned. */
        private static int alignFrom(int off, int align) {
            return (int) alignUp(off, align);
        }

        private int property(int pos, int depth) throws IOException {
            if (pos > end - 12) {
                throw new FdtException(FdtError.TRUNCATED, pos, "property header runs past totalsize 0x" + Integer.toHexString(end));
            }
            long len = Integer.toUnsignedLong(blob.getInt(base + pos + 4));
            long nameoff = Integer.toUnsignedLong(blob.getInt(base + pos + 8));
            int valueOff = pos + 12;
            if (!FdtHeader.atLeast(h.version(), 16) && len >= V1_VALUE_ALIGN) {
                valueOff = alignFrom(valueOff, V1_VALUE_ALIGN); // v1-v3 align long values to 8 bytes
            }
            if (valueOff + len > end) {
                throw new FdtException(FdtError.TRUNCATED, pos, "property value (len " + len
                        + ") runs past totalsize 0x" + Integer.toHexString(end));
            }
            long nameAt = Integer.toUnsignedLong(h.offDtStrings()) + nameoff;
            int nul = nameAt < end ? blob.indexOf(base + (int) nameAt, base + end, (byte) 0) : -1;
            if (nul < 0) {
                throw new FdtException(FdtError.BADOFFSET, pos, "property name offset 0x" + Long.toHexString(nameoff)
                        + " does not name a NUL-terminated string inside the blob");
            }
            if (out != null) {
                indent(depth).append(blob.toString(base + (int) nameAt, nul - base - (int) nameAt,
                        StandardCharsets.ISO_8859_1));
                value(base + valueOff, (int) len);
                line.append(";\n");
                flush();
            }
            return alignFrom(valueOff + (int) len, 4);
        }

        private void value(int at, int len) throws IOException {
            if (len == 0) {
                return;
            }
            line.append(" = ");
            if (PropertyValues.isPrintableStringList(blob, at, len)) {
                line.append('"');
                for (int i = 0; i < len - 1; i++) {
                    int c = blob.getByte(at + i) & 0xff;
                    if (c == 0) {
                        line.append("\", \"");
                    } else {
                        line.append((char) c);
                    }
                    flushIfLong();
                }
                line.append('"');
            } else if ((len & 3) == 0) {
                line.append('<');
                for (int i = 0; i < len; i += 4) {
                    TextFormat.hex(line.append(i == 0 ? "0x" : " 0x"), blob.getUnsignedInt(at + i), 8);
                    flushIfLong();
                }
                line.append('>');
            } else {
                line.append('[');
                for (int i = 0; i < len; i++) {
                    if (i > 0) {
                        line.append(' ');
                    }
                    TextFormat.hexByte(line, blob.getByte(at + i));
                    flushIfLong();
                }
                line.append(']');
            }
        }

        private StringBuilder indent(int depth) {
            return TextFormat.repeat(line, ' ', depth * 4);
        }

        private void flushIfLong() throws IOException {
            if (line.length() >= 8192) {
                flush();
            }
        }

        private void flush() throws IOException {
            if (out != null) {
                out.append(line);
            }
            line.setLength(0);
        }
    }
}
