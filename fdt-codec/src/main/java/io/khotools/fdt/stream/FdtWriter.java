package io.khotools.fdt.stream;

import static io.khotools.fdt.FdtFormat.*;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Sequential writer of a flattened device tree, byte-identical to dtc or to libfdt's sequential-write API
 * (see {@link Layout}).
 *
 * <p><b>States</b> (libfdt's fdt_sw.c idea): <em>reservations</em> (after {@link #create}: only
 * {@link #addReserveEntry} and the root's {@link #beginNode}) → <em>struct</em> (after the root's beginNode:
 * properties, subnodes, {@link #nop}, {@link #endNode}) → <em>root closed</em> (only {@link #finish}) →
 * <em>finished</em> or <em>closed</em> (nothing but {@link #close}). A call the current state does not allow
 * throws {@link IllegalStateException} naming the rule and writes nothing, so the writer stays usable.
 *
 * <p><b>Checks</b> (off with {@link WriteOptions#lenient()}): names use dtc's charsets (node
 * {@code [a-zA-Z0-9,._+@-]} with at most one {@code @}, property {@code [a-zA-Z0-9,._+*#?-]}, both
 * non-empty; the root's name is ""); no duplicate property or sibling names and no property after a subnode
 * (dtc refuses the first two, DT spec §5.4 forbids the third); reservations have a non-zero size (a zero size
 * reads as the terminator), do not wrap past 2^64 and do not overlap. Broken names or values throw
 * {@link IllegalArgumentException}. Names must in any mode be encodable: chars U+0001..U+00FF, one byte each.
 *
 * <p><b>Ownership</b>: the writer owns a direct buffer from the given allocator until {@link #finish()} hands
 * the finished blob to the caller, who must release it. {@link #close()} releases an unfinished buffer; use
 * try-with-resources. Value arguments are borrowed and copied. All fields are written big-endian, except what
 * {@link #propertyU64(String, long, ByteOrder)} is asked to write little-endian.
 *
 * <p>Not thread-safe. One writer writes one blob.
 *
 * <pre>{@code
 * try (FdtWriter w = FdtWriter.create(PooledByteBufAllocator.DEFAULT)) {
 *     w.addReserveEntry(0x1000_0000L, 0x4000);
 *     NodeHandle root = w.beginNode("");
 *     w.propertyU32("#address-cells", 1);
 *     NodeHandle chosen = w.beginNode("chosen");
 *     w.propertyString("bootargs", "console=ttyS0");
 *     w.endNode(chosen);
 *     w.endNode(root);
 *     ByteBuf blob = w.finish();   // caller owns blob
 *     try { use(blob); } finally { blob.release(); }
 * }
 * }</pre>
 */
public final class FdtWriter implements AutoCloseable {
    /** Largest blob this writer produces: a signed 32-bit length, kept 8 below for safe arithmetic. */
    static final int MAX_BLOB_SIZE = Integer.MAX_VALUE - 8;

    private enum State { RESERVATIONS, STRUCT, ROOT_CLOSED, FINISHED, CLOSED }

    private final WriteOptions options;
    private final StringTable strings;
    private final boolean strict;
    private ByteBuf buf;
    private State state = State.RESERVATIONS;
    private NodeHandle current;
    private int structStart;
    private int reserveEntries;
    /** Strict mode: reservations so far, start → exclusive end (0 = 2^64), in unsigned order. */
    private final TreeMap<Long, Long> reservations = new TreeMap<>(Long::compareUnsigned);
    /** LIBFDT: positions of nameoff fields that hold end-relative offsets until finish(). */
    private int[] nameOffsetFields = new int[0];
    private int nameOffsetFieldCount;
    /** Strict mode: per open node (index depth - 1), names seen and whether a subnode was written. */
    private Set<String>[] propertyNames = newSetArray(16);
    private Set<String>[] childNames = newSetArray(16);
    private boolean[] hadChild = new boolean[16];

    private FdtWriter(ByteBufAllocator alloc, WriteOptions options) {
        this.options = options;
        this.strict = !options.isLenient();
        this.strings = StringTable.forLayout(options.layout());
        if (options.layout() == Layout.LIBFDT) {
            nameOffsetFields = new int[64];
        }
        ByteBuf b = alloc.directBuffer(1024);
        // header fields are written by finish(); the header area and the pad after it stay zero
        b.writeZero(options.layout().reserveMapOffset(options.version()));
        this.buf = b;
    }

    /**
     * A writer with {@link WriteOptions#defaults()} (dtc layout, version 17).
     *
     * @param alloc allocator for the writer's buffer (a direct buffer is requested)
     */
    public static FdtWriter create(ByteBufAllocator alloc) {
        return create(alloc, WriteOptions.defaults());
    }

    /**
     * A writer with the given options.
     *
     * @param alloc allocator for the writer's buffer (a direct buffer is requested)
     * @param options layout, version, free space, checks
     */
    public static FdtWriter create(ByteBufAllocator alloc, WriteOptions options) {
        Objects.requireNonNull(alloc, "alloc");
        Objects.requireNonNull(options, "options");
        return new FdtWriter(alloc, options);
    }

    /** The options this writer was created with. */
    public WriteOptions options() {
        return options;
    }

    /** Depth of the innermost open node (root = 1), 0 before the root and after it closed. */
    public int depth() {
        return current == null ? 0 : current.depth();
    }

    /** Whether {@link #finish()} has handed the blob over. */
    public boolean isFinished() {
        return state == State.FINISHED;
    }

    // ---------------------------------------------------------------- reservations

    /**
     * Adds a memory reservation entry (DT spec §5.3), written in call order.
     *
     * @param address physical start, unsigned
     * @param size length in bytes, unsigned
     * @throws IllegalStateException after the first {@link #beginNode}
     * @throws IllegalArgumentException (checks on) for size 0, a range wrapping past 2^64, or an overlap with
     *     an earlier entry
     */
    public void addReserveEntry(long address, long size) {
        if (state != State.RESERVATIONS) {
            throw new IllegalStateException(stateProblem() + ": addReserveEntry() must come before the first beginNode()");
        }
        if (strict) {
            checkReservation(address, size);
        }
        ensureFits(RESERVE_ENTRY_SIZE);
        buf.writeLong(address).writeLong(size);
        reserveEntries++;
    }

    private void checkReservation(long address, long size) {
        if (size == 0) {
            throw new IllegalArgumentException("reservation at 0x" + Long.toHexString(address)
                    + " has size 0; readers take a zero size as the end of the reservation block");
        }
        long end = address + size; // exclusive, modulo 2^64; 0 means "up to 2^64"
        if (end != 0 && Long.compareUnsigned(end, address) < 0) {
            throw new IllegalArgumentException("reservation 0x" + Long.toHexString(address) + "+0x"
                    + Long.toHexString(size) + " wraps past the end of the 64-bit address space");
        }
        Map.Entry<Long, Long> below = reservations.floorEntry(address);
        if (below != null && (below.getValue() == 0 || Long.compareUnsigned(below.getValue(), address) > 0)) {
            throw overlap(address, size, below);
        }
        Map.Entry<Long, Long> above = reservations.higherEntry(address);
        if (above != null && (end == 0 || Long.compareUnsigned(above.getKey(), end) < 0)) {
            throw overlap(address, size, above);
        }
        reservations.put(address, end);
    }

    private static IllegalArgumentException overlap(long address, long size, Map.Entry<Long, Long> other) {
        return new IllegalArgumentException("reservation 0x" + Long.toHexString(address) + "+0x" + Long.toHexString(size)
                + " overlaps the earlier reservation 0x" + Long.toHexString(other.getKey()) + "+0x"
                + Long.toHexString(other.getValue() - other.getKey()));
    }

    // ---------------------------------------------------------------- nodes

    /**
     * Opens a node: the root (name "") if none is open yet, else a child of the innermost open node.
     * Ends the reservation block on the first call.
     *
     * @param name the unit name, e.g. {@code memory@80000000}; "" for the root
     * @return the handle to pass to {@link #endNode}
     * @throws IllegalStateException after the root was closed (a second root) or after finish/close
     * @throws IllegalArgumentException for an invalid or (checks on) duplicate sibling name
     */
    public NodeHandle beginNode(String name) {
        Objects.requireNonNull(name, "name");
        boolean root;
        switch (state) {
            case RESERVATIONS -> root = true;
            case STRUCT -> root = false;
            case ROOT_CLOSED -> throw new IllegalStateException(
                    "beginNode(\"" + name + "\") after the root node ended: a blob has exactly one root");
            default -> throw new IllegalStateException(stateProblem() + ": beginNode() is not allowed");
        }
        requireEncodable(name, "node");
        // cannot overflow: name.length() < 2^31, extra entries <= 2^20, sums taken in long
        long need = 4L + name.length() + 4 + (root ? (options.extraReserveEntries() + 1L) * RESERVE_ENTRY_SIZE : 0);
        ensureFits(need);
        if (strict) {
            if (root) {
                if (!name.isEmpty()) {
                    throw new IllegalArgumentException("the root node's name must be \"\", not \"" + name + "\"");
                }
            } else {
                checkNodeName(name);
                int d = current.depth() - 1;
                if (!names(childNames, d).add(name)) {
                    throw new IllegalArgumentException("duplicate node name " + childPath(name)
                            + " (dtc error duplicate_node_names)");
                }
            }
        }
        if (root) {
            for (int i = 0; i <= options.extraReserveEntries(); i++) {
                buf.writeZero(RESERVE_ENTRY_SIZE); // -R extra entries, then the terminator
            }
            structStart = buf.writerIndex();
            state = State.STRUCT;
        } else {
            hadChild[current.depth() - 1] = true;
        }
        buf.writeInt(TOKEN_BEGIN_NODE);
        int before = buf.writerIndex();
        buf.writeCharSequence(name, StandardCharsets.ISO_8859_1);
        buf.writeByte(0);
        padToToken(buf.writerIndex() - before);
        NodeHandle h = new NodeHandle(this, current, name);
        current = h;
        openChecks(h.depth() - 1);
        return h;
    }

    /**
     * Closes {@code node}, which must be the innermost open node of this writer.
     *
     * @throws IllegalStateException naming the problem: a handle of another writer, a node already ended,
     *     or a node closed while a child of it is still open
     */
    public void endNode(NodeHandle node) {
        Objects.requireNonNull(node, "node");
        if (state != State.STRUCT) {
            throw new IllegalStateException(stateProblem() + ": endNode(" + node.path() + ") is not allowed");
        }
        if (node.owner() != this) {
            throw new IllegalStateException("endNode(" + node.path() + "): the handle belongs to another writer");
        }
        if (!node.isOpen()) {
            throw new IllegalStateException("endNode(" + node.path() + "): the node has already ended");
        }
        if (node != current) {
            throw new IllegalStateException("endNode(" + node.path() + ") out of order: its descendant "
                    + current.path() + " is still open");
        }
        ensureFits(4);
        buf.writeInt(TOKEN_END_NODE);
        int d = node.depth() - 1;
        propertyNames[d] = null;
        childNames[d] = null;
        node.close();
        current = node.parent();
        if (current == null) {
            state = State.ROOT_CLOSED;
        }
    }

    /**
     * Writes an FDT_NOP token inside the innermost open node (readers skip it; dtc drops it on rewrite).
     *
     * @throws IllegalStateException if no node is open
     */
    public void nop() {
        requireOpenNode("nop()");
        ensureFits(4);
        buf.writeInt(TOKEN_NOP);
    }

    // ---------------------------------------------------------------- properties

    /**
     * Adds a property to the innermost open node with a copy of {@code value}'s readable bytes.
     *
     * @param value borrowed: read from its reader index with absolute getters, indices and refCnt unchanged
     * @throws IllegalStateException if no node is open or (checks on) a subnode was already written
     * @throws IllegalArgumentException for an invalid or (checks on) duplicate name
     */
    public void property(String name, ByteBuf value) {
        Objects.requireNonNull(value, "value");
        int len = value.readableBytes();
        beginProperty(name, len);
        buf.writeBytes(value, value.readerIndex(), len);
        padToToken(len);
    }

    /**
     * Adds a property with a copy of {@code value}.
     *
     * @throws IllegalStateException if no node is open or (checks on) a subnode was already written
     * @throws IllegalArgumentException for an invalid or (checks on) duplicate name
     */
    public void property(String name, byte[] value) {
        Objects.requireNonNull(value, "value");
        beginProperty(name, value.length);
        buf.writeBytes(value);
        padToToken(value.length);
    }

    /** Adds an empty (boolean) property, length 0. Throws as {@link #property(String, byte[])}. */
    public void propertyEmpty(String name) {
        beginProperty(name, 0);
    }

    /** Adds a 4-byte big-endian cell. Throws as {@link #property(String, byte[])}. */
    public void propertyU32(String name, int value) {
        beginProperty(name, 4);
        buf.writeInt(value);
    }

    /** Adds an 8-byte big-endian value (two cells, high cell first). Throws as {@link #property(String, byte[])}. */
    public void propertyU64(String name, long value) {
        propertyU64(name, value, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Adds an 8-byte value in the given byte order (KHO payloads use the producing kernel's native order).
     * Throws as {@link #property(String, byte[])}.
     */
    public void propertyU64(String name, long value, ByteOrder order) {
        Objects.requireNonNull(order, "order");
        beginProperty(name, 8);
        if (order == ByteOrder.BIG_ENDIAN) {
            buf.writeLong(value);
        } else {
            buf.writeLongLE(value);
        }
    }

    /** Adds big-endian 32-bit cells ({@code <a b c>} in DTS). Throws as {@link #property(String, byte[])}. */
    public void propertyCells(String name, int... cells) {
        Objects.requireNonNull(cells, "cells");
        // cells.length * 4L cannot overflow a long
        checkValueLength(cells.length * 4L);
        beginProperty(name, cells.length * 4);
        for (int c : cells) {
            buf.writeInt(c);
        }
    }

    /**
     * Adds a NUL-terminated string, encoded as UTF-8.
     *
     * @throws IllegalArgumentException if {@code value} contains NUL (that would make it a string list), or as
     *     {@link #property(String, byte[])}
     */
    public void propertyString(String name, String value) {
        propertyStringList(name, List.of(Objects.requireNonNull(value, "value")));
    }

    /**
     * Adds a string list: each string UTF-8 encoded and NUL-terminated, concatenated. An empty list gives an
     * empty property.
     *
     * @throws IllegalArgumentException if a string contains NUL, or as {@link #property(String, byte[])}
     */
    public void propertyStringList(String name, List<String> values) {
        Objects.requireNonNull(values, "values");
        byte[][] encoded = new byte[values.size()][];
        long len = 0;
        for (int i = 0; i < encoded.length; i++) {
            String s = Objects.requireNonNull(values.get(i), "string list element");
            if (s.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("property '" + name + "': string " + i
                        + " contains NUL, which would split it in two");
            }
            encoded[i] = s.getBytes(StandardCharsets.UTF_8);
            len += encoded[i].length + 1L;
        }
        checkValueLength(len);
        beginProperty(name, (int) len);
        for (byte[] e : encoded) {
            buf.writeBytes(e).writeByte(0);
        }
        padToToken((int) len);
    }

    /** Checks, then writes PROP, len and nameoff; the caller writes the value and its pad. */
    private void beginProperty(String name, int len) {
        Objects.requireNonNull(name, "name");
        requireOpenNode("property '" + name + "'");
        requireEncodable(name, "property");
        // token, len, nameoff, value and at most 3 pad bytes; len < 2^31 so the long sum is exact
        ensureFits(4L + PROP_HEADER_SIZE + len + 3 + name.length() + 1);
        if (strict) {
            checkPropertyName(name);
            int d = current.depth() - 1;
            if (hadChild[d]) {
                throw new IllegalStateException("property '" + name + "' in " + current.path()
                        + " after a subnode: DT spec §5.4 puts all properties before subnodes");
            }
            if (!names(propertyNames, d).add(name)) {
                throw new IllegalArgumentException("duplicate property " + current.path() + ":" + name
                        + " (dtc error duplicate_property_names)");
            }
        }
        int nameoff = strings.offsetOf(name);
        buf.writeInt(TOKEN_PROP).writeInt(len);
        if (strings.offsetsFromEnd()) {
            if (nameOffsetFieldCount == nameOffsetFields.length) {
                nameOffsetFields = Arrays.copyOf(nameOffsetFields, nameOffsetFields.length * 2);
            }
            nameOffsetFields[nameOffsetFieldCount++] = buf.writerIndex();
        }
        buf.writeInt(nameoff);
    }

    // ---------------------------------------------------------------- finish / close

    /**
     * Completes the blob: FDT_END, the strings block, free space per the options, the header.
     *
     * @return the blob, readable from index 0 to totalsize; <b>the caller owns it</b> and must release it.
     *     The writer no longer references it.
     * @throws IllegalStateException if no root was written, a node is still open, the blob would exceed
     *     2^31 - 9 bytes, or the writer is already finished or closed; nothing is handed out then
     */
    public ByteBuf finish() {
        switch (state) {
            case RESERVATIONS -> throw new IllegalStateException("finish() before the root node: a blob needs one root");
            case STRUCT -> throw new IllegalStateException("finish() while node " + current.path() + " is still open");
            case ROOT_CLOSED -> { }
            default -> throw new IllegalStateException(stateProblem() + ": finish() is not allowed");
        }
        int offStrings = buf.writerIndex() + 4;
        int stringsSize = strings.size();
        long packed = (long) offStrings + stringsSize;
        long total = packed;
        if (options.padding() > 0) {
            total += options.padding();
        } else if (options.minTotalSize() > total) {
            total = options.minTotalSize();
        }
        if (options.alignment() > 0) {
            total = alignUp(total, options.alignment());
        }
        if (total > MAX_BLOB_SIZE) {
            throw new IllegalStateException("the blob would be " + total + " bytes, more than " + MAX_BLOB_SIZE);
        }
        buf.writeInt(TOKEN_END);
        int sizeStruct = offStrings - structStart;
        for (int i = 0; i < nameOffsetFieldCount; i++) {
            int at = nameOffsetFields[i];
            // end-relative offset (negative) + table size = offset from the table's start
            buf.setInt(at, buf.getInt(at) + stringsSize);
        }
        strings.writeTo(buf);
        buf.writeZero((int) (total - packed));
        int version = options.version();
        buf.setInt(OFF_MAGIC, MAGIC)
                .setInt(OFF_TOTALSIZE, (int) total)
                .setInt(OFF_OFF_DT_STRUCT, structStart)
                .setInt(OFF_OFF_DT_STRINGS, offStrings)
                .setInt(OFF_OFF_MEM_RSVMAP, options.layout().reserveMapOffset(version))
                .setInt(OFF_VERSION, version)
                .setInt(OFF_LAST_COMP_VERSION, LAST_COMP_VERSION_16)
                .setInt(OFF_BOOT_CPUID_PHYS, options.bootCpuId().orElse(0))
                .setInt(OFF_SIZE_DT_STRINGS, stringsSize);
        if (version >= 17) {
            buf.setInt(OFF_SIZE_DT_STRUCT, sizeStruct);
        }
        ByteBuf out = buf;
        buf = null;
        state = State.FINISHED;
        return out;
    }

    /**
     * Releases the buffer of an unfinished writer; after {@link #finish()} it does nothing (the caller owns
     * the blob). Idempotent.
     */
    @Override
    public void close() {
        if (buf != null) {
            ByteBuf b = buf;
            buf = null;
            b.release();
        }
        if (state != State.FINISHED) {
            state = State.CLOSED;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void requireOpenNode(String what) {
        if (state == State.STRUCT) {
            return;
        }
        throw new IllegalStateException(switch (state) {
            case RESERVATIONS -> what + " before the root node's beginNode()";
            case ROOT_CLOSED -> what + " after the root node ended";
            default -> stateProblem() + ": " + what + " is not allowed";
        });
    }

    private String stateProblem() {
        return switch (state) {
            case FINISHED -> "the writer is finished";
            case CLOSED -> "the writer is closed";
            case RESERVATIONS -> "no node is open yet";
            case STRUCT -> "node " + current.path() + " is open";
            case ROOT_CLOSED -> "the root node has ended";
        };
    }

    private void ensureFits(long more) {
        if (buf.writerIndex() + more + strings.size() > MAX_BLOB_SIZE) {
            throw new IllegalStateException("the blob would exceed " + MAX_BLOB_SIZE + " bytes");
        }
    }

    private static void checkValueLength(long len) {
        if (len > MAX_BLOB_SIZE) {
            throw new IllegalStateException("a " + len + "-byte value does not fit in a blob of at most " + MAX_BLOB_SIZE + " bytes");
        }
    }

    /** Zero bytes after {@code written} payload bytes up to the next token boundary (DT spec §5.4). */
    private void padToToken(int written) {
        int pad = (TOKEN_ALIGN - (written & (TOKEN_ALIGN - 1))) & (TOKEN_ALIGN - 1);
        buf.writeZero(pad);
    }

    private String childPath(String name) {
        return current.depth() == 1 ? "/" + name : current.path() + "/" + name;
    }

    private void openChecks(int index) {
        if (index == hadChild.length) {
            int n = hadChild.length * 2;
            hadChild = Arrays.copyOf(hadChild, n);
            propertyNames = Arrays.copyOf(propertyNames, n);
            childNames = Arrays.copyOf(childNames, n);
        }
        hadChild[index] = false;
        propertyNames[index] = null;
        childNames[index] = null;
    }

    private static Set<String> names(Set<String>[] sets, int index) {
        Set<String> s = sets[index];
        if (s == null) {
            s = new HashSet<>();
            sets[index] = s;
        }
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] newSetArray(int n) {
        return (Set<String>[]) new Set<?>[n];
    }

    /** Names are stored one byte per char: NUL would end them early, chars above U+00FF have no byte. */
    private static void requireEncodable(String name, String kind) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0 || c > 0xff) {
                throw new IllegalArgumentException(kind + " name \"" + name + "\" has char U+"
                        + String.format("%04X", (int) c) + " at " + i + ": names are bytes 0x01-0xff");
            }
        }
    }

    /** dtc checks node_name_chars ([a-zA-Z0-9,._+@-]) and node_name_format (at most one '@'). */
    private static void checkNodeName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("node name must not be empty (only the root's name is \"\")");
        }
        int at = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@') {
                at++;
            } else if (!isNameChar(c)) {
                throw new IllegalArgumentException("node name \"" + name + "\" has '" + c + "' at " + i
                        + ": dtc allows [a-zA-Z0-9,._+@-] (node_name_chars)");
            }
        }
        if (at > 1) {
            throw new IllegalArgumentException("node name \"" + name + "\" has " + at
                    + " '@': at most one (dtc node_name_format)");
        }
    }

    /** dtc checks property_name_chars: [a-zA-Z0-9,._+*#?-]. */
    private static void checkPropertyName(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("property name must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!isNameChar(c) && c != '*' && c != '#' && c != '?') {
                throw new IllegalArgumentException("property name \"" + name + "\" has '" + c + "' at " + i
                        + ": dtc allows [a-zA-Z0-9,._+*#?-] (property_name_chars)");
            }
        }
    }

    /** The chars node and property names share: [a-zA-Z0-9,._+-]. */
    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ',' || c == '.' || c == '_' || c == '+' || c == '-';
    }
}
