package io.khotools.fdt.stream;

import static io.khotools.fdt.FdtFormat.*;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.ReserveTermination;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Zero-copy pull reader over the structure block of a flattened device tree.
 *
 * <p>The reader <em>borrows</em> the blob: it reads with absolute getters from the blob's reader index,
 * never moves its indices, never retains or releases it. Values it hands out ({@link #propertyValue()})
 * are slices of the blob, valid while the blob lives; do not release them.
 *
 * <p>Every token, name and value is bounds-checked against the structure block (or, in
 * {@link ReadMode#LENIENT}, against totalsize) before it is read, and every property name offset against
 * the strings block, so any byte sequence either reads cleanly or throws {@link FdtException}, the only
 * exception type this class throws for bad input. NOP tokens are skipped. Offsets are absolute: 0 is the
 * first byte of the header.
 *
 * <p>Not thread-safe: a reader is a cursor with state. Open one per walk.
 *
 * <pre>{@code
 * FdtReader r = FdtReader.open(blob);
 * for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
 *     if (t == FdtToken.PROP && r.propertyNameEquals("compatible")) {
 *         System.out.println(r.path() + " " + r.propertyValue().toString(StandardCharsets.US_ASCII));
 *     }
 * }
 * }</pre>
 */
public final class FdtReader {
    /** Strings blocks up to this size cache decoded names in an array indexed by name offset. */
    private static final int ARRAY_NAME_CACHE_MAX = 1 << 20;

    private final ByteBuf blob;
    private final int base;
    private final FdtHeader header;
    private final ReadLimits limits;
    private final ReadMode mode;
    private final int structStart;
    private final int structEnd;
    private final int stringsStart;
    private final int stringsSize;
    private final boolean fullPathNames;
    private final boolean realignValues;

    /** Bit i set: the name at strings offset i was found NUL-terminated inside the block. */
    private final long[] checkedNames;
    private final String[] nameArrayCache;
    private final Map<Integer, String> nameMapCache;

    private int pos;
    private int depth;
    private boolean rootClosed;
    private boolean ended;
    private int nodes;
    private int properties;

    private FdtToken token;
    private int tokenOffset = -1;
    private int nameOffset;
    private int nameLength;
    private int propLength;
    private int propNameOffset;
    private int propValueOffset;

    // Path stack: name offset/length of each open node, index 0 = root.
    private int[] stackNameOffset = new int[16];
    private int[] stackNameLength = new int[16];
    private int pathDepth;

    private FdtReader(ByteBuf blob, FdtHeader header, ReadLimits limits, ReadMode mode) {
        this.blob = blob;
        this.base = blob.readerIndex();
        this.header = header;
        this.limits = limits;
        this.mode = mode;
        this.structStart = header.offDtStruct();
        this.structEnd = (mode == ReadMode.STRICT && header.hasStructSize())
                ? header.offDtStruct() + header.sizeDtStruct()
                : header.totalSize();
        this.stringsStart = header.offDtStrings();
        // libfdt's fdt_get_string bounds names by size_dt_strings only from version 17; before, by totalsize
        // (the validator does the same, so a blob it passes always reads)
        this.stringsSize = (header.hasStructSize() ? header.stringsEnd() : header.totalSize()) - stringsStart;
        this.fullPathNames = !FdtHeader.atLeast(header.version(), 16);
        this.realignValues = fullPathNames;
        this.checkedNames = new long[(stringsSize >>> 6) + 1];
        if (stringsSize <= ARRAY_NAME_CACHE_MAX) {
            this.nameArrayCache = new String[stringsSize];
            this.nameMapCache = null;
        } else {
            this.nameArrayCache = null;
            this.nameMapCache = new HashMap<>();
        }
        this.pos = structStart;
    }

    /**
     * Opens a reader with default limits in {@link ReadMode#STRICT} mode.
     *
     * @param blob the blob, starting at its reader index; borrowed
     * @throws FdtException if the header is unreadable (BADMAGIC, BADVERSION, TRUNCATED)
     */
    public static FdtReader open(ByteBuf blob) {
        return open(blob, ReadLimits.DEFAULT, ReadMode.STRICT);
    }

    /**
     * Opens a reader.
     *
     * @param blob the blob, starting at its reader index; borrowed
     * @param limits bounds on depth, counts and size
     * @param mode how the structure block's end is determined
     * @throws FdtException if the header is unreadable (BADMAGIC, BADVERSION, TRUNCATED) or its totalsize
     *     is over {@link ReadLimits#maxTotalSize()} (LIMIT)
     */
    public static FdtReader open(ByteBuf blob, ReadLimits limits, ReadMode mode) {
        FdtHeader header = FdtHeader.readChecked(blob);
        limits.checkTotalSize(header.totalSizeUnsigned());
        return new FdtReader(blob, header, limits, mode);
    }

    // ---------------------------------------------------------------- blob-level accessors

    /** The checked header. */
    public FdtHeader header() {
        return header;
    }

    /** The blob this reader borrows. */
    public ByteBuf blob() {
        return blob;
    }

    /** The mode this reader was opened with. */
    public ReadMode mode() {
        return mode;
    }

    /** Absolute offset one past the last byte a token may occupy. */
    public int structEnd() {
        return structEnd;
    }

    /**
     * Reads the memory reservation block with libfdt's rule (stops at the first entry of size 0).
     *
     * @throws FdtException TRUNCATED if no terminator is found before totalsize
     */
    public List<ReserveEntry> reserveEntries() {
        return reserveEntries(ReserveTermination.SIZE_ZERO);
    }

    /**
     * Reads the memory reservation block; the terminator is not included.
     *
     * @param termination which entry ends the block
     * @throws FdtException TRUNCATED if no terminator is found before totalsize
     */
    public List<ReserveEntry> reserveEntries(ReserveTermination termination) {
        return readReserveEntries(blob, header, termination);
    }

    /**
     * Reads the memory reservation block of a blob whose header has been checked.
     *
     * @param blob the blob from its reader index; borrowed
     * @param header its checked header
     * @param termination which entry ends the block
     * @return the entries before the terminator
     * @throws FdtException TRUNCATED if no terminator is found before totalsize
     */
    public static List<ReserveEntry> readReserveEntries(ByteBuf blob, FdtHeader header, ReserveTermination termination) {
        int base = blob.readerIndex();
        List<ReserveEntry> entries = new ArrayList<>();
        long end = header.totalSizeUnsigned();
        for (long off = Integer.toUnsignedLong(header.offMemRsvmap()); ; off += RESERVE_ENTRY_SIZE) {
            if (off + RESERVE_ENTRY_SIZE > end) {
                throw new FdtException(FdtError.TRUNCATED, off,
                        "memory reservation block has no terminating entry before totalsize 0x" + Long.toHexString(end));
            }
            long address = blob.getLong(base + (int) off);
            long size = blob.getLong(base + (int) off + 8);
            boolean last = termination == ReserveTermination.SIZE_ZERO ? size == 0 : (size == 0 && address == 0);
            if (last) {
                return entries;
            }
            entries.add(new ReserveEntry(address, size));
        }
    }

    // ---------------------------------------------------------------- traversal

    /**
     * Advances to the next token, skipping NOPs.
     *
     * @return the token now current; {@link FdtToken#END} at the end, and for every call after that
     * @throws FdtException BADSTRUCTURE for a token the grammar forbids here, TRUNCATED for data past the
     *     block's end, BADOFFSET for a property name offset outside the strings block, LIMIT for a
     *     {@link ReadLimits} bound
     */
    public FdtToken next() {
        if (ended) {
            return FdtToken.END;
        }
        while (true) {
            int at = pos;
            if (at > structEnd - 4) {
                throw fail(FdtError.TRUNCATED, at, "structure block ends at 0x" + Integer.toHexString(structEnd)
                        + " without FDT_END" + where());
            }
            int tag = blob.getInt(base + at);
            switch (tag) {
                case TOKEN_BEGIN_NODE:
                    beginNode(at);
                    return token;
                case TOKEN_PROP:
                    prop(at);
                    return token;
                case TOKEN_END_NODE:
                    if (depth == 0) {
                        throw fail(FdtError.BADSTRUCTURE, at, "FDT_END_NODE with no open node");
                    }
                    tokenOffset = at;
                    pathDepth = depth;
                    depth--;
                    if (depth == 0) {
                        rootClosed = true;
                    }
                    pos = at + 4;
                    token = FdtToken.END_NODE;
                    return token;
                case TOKEN_NOP:
                    pos = at + 4;
                    continue;
                case TOKEN_END:
                    if (depth != 0) {
                        throw fail(FdtError.BADSTRUCTURE, at, "FDT_END inside open node" + where());
                    }
                    tokenOffset = at;
                    pathDepth = 0;
                    ended = true;
                    token = FdtToken.END;
                    return token;
                default:
                    throw fail(FdtError.BADSTRUCTURE, at, String.format("unknown token 0x%08x", tag) + where());
            }
        }
    }

    private void beginNode(int at) {
        if (rootClosed) {
            throw fail(FdtError.BADSTRUCTURE, at, "second root node after the first one closed");
        }
        int nameStart = at + 4;
        int nul = nameStart < structEnd ? blob.indexOf(base + nameStart, base + structEnd, (byte) 0) : -1;
        if (nul < 0) {
            throw fail(FdtError.TRUNCATED, at, "node name is not NUL-terminated before 0x"
                    + Integer.toHexString(structEnd) + where());
        }
        nul -= base;
        if (depth >= limits.maxDepth()) {
            throw fail(FdtError.LIMIT, at, "node nesting deeper than the limit of " + limits.maxDepth() + where());
        }
        if (++nodes > limits.maxNodes()) {
            throw fail(FdtError.LIMIT, at, "more nodes than the limit of " + limits.maxNodes());
        }
        int nameOff = nameStart;
        int nameLen = nul - nameStart;
        if (fullPathNames && nameLen > 0) {
            // v1-v3 carry the full path; the unit name is what follows the last '/' (libfdt fdt_get_name)
            // reversed search: from nul (exclusive) down to nameStart (inclusive)
            int slash = blob.indexOf(base + nul, base + nameStart, (byte) '/');
            if (slash >= 0) {
                nameOff = slash - base + 1;
                nameLen = nul - nameOff;
            }
        }
        tokenOffset = at;
        nameOffset = nameOff;
        nameLength = nameLen;
        if (depth == stackNameOffset.length) {
            stackNameOffset = Arrays.copyOf(stackNameOffset, depth * 2);
            stackNameLength = Arrays.copyOf(stackNameLength, depth * 2);
        }
        stackNameOffset[depth] = nameOff;
        stackNameLength[depth] = nameLen;
        depth++;
        pathDepth = depth;
        pos = structStart + tokenAlign(nul + 1 - structStart);
        token = FdtToken.BEGIN_NODE;
    }

    private void prop(int at) {
        if (depth == 0) {
            throw fail(FdtError.BADSTRUCTURE, at, rootClosed
                    ? "property after the root node closed" : "property before the root node");
        }
        if (at > structEnd - 4 - PROP_HEADER_SIZE) {
            throw fail(FdtError.TRUNCATED, at, "property header runs past 0x" + Integer.toHexString(structEnd) + where());
        }
        int len = blob.getInt(base + at + 4);
        int nameoff = blob.getInt(base + at + 8);
        int valueOff = at + 4 + PROP_HEADER_SIZE;
        if (realignValues && len >= V1_VALUE_ALIGN && ((valueOff - structStart) & (V1_VALUE_ALIGN - 1)) != 0) {
            valueOff += 4;
        }
        // valueOff <= structEnd < 2^31 and len is checked non-negative, so the long sum is exact
        if (len < 0 || (long) valueOff + len > structEnd) {
            throw fail(FdtError.TRUNCATED, at, "property value (len " + Integer.toUnsignedString(len)
                    + ") runs past 0x" + Integer.toHexString(structEnd) + where());
        }
        checkName(at, nameoff);
        if (++properties > limits.maxProperties()) {
            throw fail(FdtError.LIMIT, at, "more properties than the limit of " + limits.maxProperties());
        }
        tokenOffset = at;
        pathDepth = depth;
        propLength = len;
        propNameOffset = nameoff;
        propValueOffset = valueOff;
        pos = structStart + tokenAlign(valueOff + len - structStart);
        token = FdtToken.PROP;
    }

    private void checkName(int at, int nameoff) {
        if (nameoff < 0 || nameoff >= stringsSize) {
            throw fail(FdtError.BADOFFSET, at, "property name offset 0x" + Integer.toHexString(nameoff)
                    + " is outside the strings block (size 0x" + Integer.toHexString(stringsSize) + ")" + where());
        }
        if ((checkedNames[nameoff >>> 6] & (1L << nameoff)) != 0) {
            return;
        }
        int nul = blob.indexOf(base + stringsStart + nameoff, base + stringsStart + stringsSize, (byte) 0);
        if (nul < 0) {
            throw fail(FdtError.TRUNCATED, at, "property name at strings offset 0x" + Integer.toHexString(nameoff)
                    + " is not NUL-terminated inside the strings block" + where());
        }
        checkedNames[nameoff >>> 6] |= 1L << nameoff;
    }

    /**
     * After {@link FdtToken#BEGIN_NODE}: moves to the node's matching {@link FdtToken#END_NODE}, checking
     * every token on the way.
     *
     * @throws IllegalStateException if the current token is not BEGIN_NODE
     */
    public void skipNode() {
        if (token != FdtToken.BEGIN_NODE) {
            throw new IllegalStateException("skipNode() needs BEGIN_NODE as current token, not " + token);
        }
        int target = depth - 1;
        while (true) {
            FdtToken t = next();
            if (t == FdtToken.END_NODE && depth == target) {
                return;
            }
        }
    }

    // ---------------------------------------------------------------- current token

    /** The current token, or null before the first {@link #next()}. */
    public FdtToken token() {
        return token;
    }

    /** Absolute offset of the current token, or -1 before the first {@link #next()}. */
    public int offset() {
        return tokenOffset;
    }

    /**
     * Nesting depth: the new node's after BEGIN_NODE (root = 1), the enclosing node's after PROP,
     * the parent's after END_NODE, 0 at END.
     */
    public int depth() {
        return depth;
    }

    /** Number of nodes read so far. */
    public int nodeCount() {
        return nodes;
    }

    /** Number of properties read so far. */
    public int propertyCount() {
        return properties;
    }

    /** After BEGIN_NODE: absolute offset of the node's unit name (after the last '/' in v1-v3 blobs). */
    public int nodeNameOffset() {
        requireToken(FdtToken.BEGIN_NODE);
        return nameOffset;
    }

    /** After BEGIN_NODE: length in bytes of the node's unit name, without the NUL. */
    public int nodeNameLength() {
        requireToken(FdtToken.BEGIN_NODE);
        return nameLength;
    }

    /**
     * After BEGIN_NODE: the node's unit name (e.g. {@code memory@0}; "" for the root). Allocates a String;
     * bytes are mapped one-to-one to chars (ISO-8859-1) so that every name round-trips.
     */
    public String nodeName() {
        requireToken(FdtToken.BEGIN_NODE);
        return blob.toString(base + nameOffset, nameLength, StandardCharsets.ISO_8859_1);
    }

    /** After BEGIN_NODE: whether the node's unit name equals {@code name}, compared without allocating. */
    public boolean nodeNameEquals(CharSequence name) {
        requireToken(FdtToken.BEGIN_NODE);
        return regionEquals(base + nameOffset, nameLength, name);
    }

    /** After PROP: the property's name offset inside the strings block (relative to its start). */
    public int propertyNameOffset() {
        requireToken(FdtToken.PROP);
        return propNameOffset;
    }

    /**
     * After PROP: the property's name. Each distinct name offset is decoded once and cached, so a walk
     * allocates one String per distinct name, not per property.
     */
    public String propertyName() {
        requireToken(FdtToken.PROP);
        return stringAt(propNameOffset);
    }

    /** After PROP: whether the property's name equals {@code name}, compared without allocating. */
    public boolean propertyNameEquals(CharSequence name) {
        requireToken(FdtToken.PROP);
        int start = base + stringsStart + propNameOffset;
        // the name is known NUL-terminated inside the block: compare then require the NUL
        int n = name.length();
        if (n >= stringsSize - propNameOffset) {
            return false; // the name's NUL lies inside the block, so a name this long cannot match
        }
        return regionEquals(start, n, name) && blob.getByte(start + n) == 0;
    }

    /** After PROP: the value's length in bytes. */
    public int propertyLength() {
        requireToken(FdtToken.PROP);
        return propLength;
    }

    /** After PROP: absolute offset of the value's first byte. */
    public int propertyValueOffset() {
        requireToken(FdtToken.PROP);
        return propValueOffset;
    }

    /**
     * After PROP: the value as a slice of the blob. Borrowed: valid while the blob lives, do not release;
     * copy it (or {@code retainedSlice}) to keep it longer.
     */
    public ByteBuf propertyValue() {
        requireToken(FdtToken.PROP);
        return blob.slice(base + propValueOffset, propLength);
    }

    /** After PROP: a copy of the value. */
    public byte[] propertyValueBytes() {
        requireToken(FdtToken.PROP);
        byte[] out = new byte[propLength];
        blob.getBytes(base + propValueOffset, out);
        return out;
    }

    /**
     * The path of the current node: the new node after BEGIN_NODE, the enclosing node after PROP, the
     * closed node after END_NODE. Allocates; meant for messages and indexes, not hot loops.
     */
    public String path() {
        return pathOf(pathDepth);
    }

    private String pathOf(int levels) {
        if (levels <= 1) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < levels; i++) {
            sb.append('/').append(blob.toString(base + stackNameOffset[i], stackNameLength[i], StandardCharsets.ISO_8859_1));
        }
        return sb.toString();
    }

    /**
     * The NUL-terminated string at {@code offset} in the strings block, decoded byte-per-char and cached.
     *
     * @throws FdtException BADOFFSET or TRUNCATED if the offset does not name a terminated string
     */
    public String stringAt(int offset) {
        if (nameArrayCache != null && offset >= 0 && offset < nameArrayCache.length) {
            String s = nameArrayCache[offset];
            if (s != null) {
                return s;
            }
        }
        checkName(tokenOffset, offset);
        String s;
        if (nameMapCache != null) {
            s = nameMapCache.get(offset);
            if (s != null) {
                return s;
            }
        }
        int start = base + stringsStart + offset;
        int nul = blob.indexOf(start, base + stringsStart + stringsSize, (byte) 0);
        s = blob.toString(start, nul - start, StandardCharsets.ISO_8859_1);
        if (nameArrayCache != null) {
            nameArrayCache[offset] = s;
        } else {
            nameMapCache.put(offset, s);
        }
        return s;
    }

    private boolean regionEquals(int absStart, int len, CharSequence s) {
        if (s.length() != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if ((blob.getByte(absStart + i) & 0xff) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void requireToken(FdtToken expected) {
        if (token != expected) {
            throw new IllegalStateException("current token is " + token + ", this accessor needs " + expected);
        }
    }

    private String where() {
        return depth > 0 ? " (in " + pathOf(depth) + ")" : "";
    }

    private FdtException fail(FdtError error, int at, String message) {
        return new FdtException(error, at, message);
    }
}
