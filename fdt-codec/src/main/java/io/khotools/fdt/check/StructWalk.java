package io.khotools.fdt.check;

import static io.khotools.fdt.FdtFormat.*;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One linear pass over the structure block (the token grammar of DT spec v0.4 §5.4 and the walk of libfdt's
 * {@code fdt_check_full}), plus the name rules libfdt leaves to dtc. No recursion; the per-level stack and the
 * sibling table grow with what is read, which the input length bounds. Nothing is allocated per token unless
 * a finding is reported. After a fatal finding (unknown token, truncation, FDT_END inside a node) the walk
 * stops. Single-use.
 */
final class StructWalk {
    /** DT spec v0.4 §2.2.1 / §2.2.4: node-name and property names are 1 to 31 characters. */
    private static final int SPEC_MAX_NAME = 31;

    private final ByteBuffer b;
    private final Findings out;
    private final int start;
    private final int end;
    private final long declaredEnd;
    private final boolean fullPathNames;
    private final StringsIndex strings;
    private final SiblingNames siblings;
    private final int[] stamp;
    // phandle value -> struct offset of the first node that has it (dtc's duplicate check); one entry per node
    private final Map<Integer, Integer> phandleOwners = new HashMap<>();

    // Per open node, index 0 = root: unit-name offset/length, serial, flags.
    private int[] nameOff = new int[16];
    private int[] nameLen = new int[16];
    private int[] baseLen = new int[16];
    private long[] phandle = new long[16]; // the node's phandle so far (a valid value), or -1
    private int[] nodeAt = new int[16]; // offset of the node's FDT_BEGIN_NODE
    private int[] serial = new int[16];
    private boolean[] hasChild = new boolean[16];
    private boolean[] propAfterNodeReported = new boolean[16];
    private int depth;
    private int serials;

    private boolean sawRoot;
    private boolean rootClosed;
    private boolean beforeRootReported;
    private boolean nopAfterRootReported;
    private int endTokenEnd = -1;

    // Statistics of the node name being read; fields so that reading a name allocates nothing.
    private int nameHash;
    private int nameBad;
    private int nameAts;
    private int nameFirstAt;
    private int nameLastSlash;

    /**
     * @param start absolute offset of the structure block
     * @param end absolute offset no token byte may reach (size_dt_struct for v17, else totalsize, both capped by the buffer)
     * @param declaredEnd off_dt_struct + size_dt_struct for v17 blobs, else -1
     * @param fullPathNames true for versions before 16, whose node names are full paths
     */
    StructWalk(ByteBuffer b, Findings out, int start, int end, long declaredEnd, boolean fullPathNames,
               StringsIndex strings) {
        this.b = b;
        this.out = out;
        this.start = start;
        this.end = end;
        this.declaredEnd = declaredEnd;
        this.fullPathNames = fullPathNames;
        this.strings = strings;
        this.siblings = new SiblingNames(b);
        this.stamp = new int[strings.maxIds() + 1];
    }

    /** Offset just past FDT_END, or -1 if the walk did not reach it. */
    int endTokenEnd() {
        return endTokenEnd;
    }

    void run() {
        int pos = start;
        while (true) {
            // end >= start >= header size, so end - 4 cannot underflow
            if (pos > end - 4) {
                out.addFatal(FdtRules.STRUCT_TRUNCATED, path(), null, Math.min(pos, end),
                        "no FDT_END before the structure block ends at 0x" + Integer.toHexString(end));
                return;
            }
            int tag = b.getInt(pos);
            switch (tag) {
                case TOKEN_BEGIN_NODE -> pos = beginNode(pos);
                case TOKEN_PROP -> pos = prop(pos);
                case TOKEN_END_NODE -> {
                    endNode(pos);
                    pos += 4;
                }
                case TOKEN_NOP -> {
                    nop(pos);
                    pos += 4;
                }
                case TOKEN_END -> {
                    end(pos);
                    return;
                }
                default -> {
                    out.addFatal(FdtRules.STRUCT_TOKEN, path(), null, pos, String.format("unknown token 0x%08x", tag));
                    return;
                }
            }
            if (pos < 0) {
                return; // fatal finding already reported
            }
        }
    }

    // ---------------------------------------------------------------- tokens

    private int beginNode(int at) {
        int nameStart = at + 4;
        int nul = scanName(nameStart, nameStart);
        if (nul < 0) {
            out.addFatal(FdtRules.STRUCT_TRUNCATED, path(), null, at,
                    "node name is not NUL-terminated before 0x" + Integer.toHexString(end));
            return -1;
        }
        int off = nameStart;
        // libfdt fdt_get_name: before v16 a name without '/' is BADSTRUCTURE; fdt_check_full asks it for the root's
        boolean notAPath = fullPathNames && nameLastSlash < 0;
        if (fullPathNames && nameLastSlash >= 0) {
            // v1-v3 names are full paths; the unit name follows the last '/' (libfdt fdt_get_name)
            off = nameLastSlash + 1;
            scanName(off, off);
        }
        int len = nul - off;
        int next = start + tokenAlign(nul + 1 - start);
        boolean isRoot = depth == 0;
        if (isRoot && rootClosed) {
            out.addFatal(FdtRules.STRUCT_TWO_ROOTS, null, null, at,
                    "FDT_BEGIN_NODE after the root node closed: only FDT_NOP and FDT_END may follow it");
        }
        int parentSerial = isRoot ? 0 : serial[depth - 1];
        if (!isRoot) {
            hasChild[depth - 1] = true;
        }
        push(off, len, nameFirstAt >= off ? nameFirstAt - off : len, at);
        if (isRoot) {
            if (!sawRoot && len != 0) {
                out.add(FdtRules.ROOT_NAME, "/", null, at, "root node name is \"" + Names.name(b, off, len)
                        + "\", must be empty");
            } else if (!sawRoot && notAPath) {
                out.add(FdtRules.ROOT_NAME, "/", null, at,
                        "root node name is \"\", must be the path \"/\" before version 16 (names are full paths)");
            }
            sawRoot = true;
        } else {
            checkNodeName(at, off, len, parentSerial);
        }
        checkPad(nul + 1, next, false, 0);
        return next;
    }

    /** Finds the NUL ending a name at {@code from} and fills the name statistics for {@code [statsFrom, nul)}. */
    private int scanName(int from, int statsFrom) {
        int h = 0x811c9dc5;
        int bad = 0;
        int ats = 0;
        int firstAt = -1;
        int lastSlash = -1;
        for (int p = from; p < end; p++) {
            byte c = b.get(p);
            if (c == 0) {
                nameHash = h;
                nameBad = bad;
                nameAts = ats;
                nameFirstAt = firstAt;
                nameLastSlash = lastSlash;
                return p;
            }
            if (p >= statsFrom) {
                h = (h ^ (c & 0xff)) * 0x01000193;
                bad |= NameChars.of(c);
                if (c == '@') {
                    if (ats++ == 0) {
                        firstAt = p;
                    }
                } else if (c == '/') {
                    lastSlash = p;
                }
            }
        }
        return -1;
    }

    private void checkNodeName(int at, int off, int len, int parentSerial) {
        int baseLen = nameFirstAt >= 0 ? nameFirstAt - off : len;
        int bad = nameBad;
        int ats = nameAts;
        int dup = siblings.add(parentSerial, off, len, nameHash);
        if (baseLen == 0) {
            out.add(FdtRules.NODE_NAME_EMPTY, path(), null, at, len == 0
                    ? "node name is empty" : "node name has an empty node-name before '@'");
        }
        if ((bad & NameChars.BAD_NODE) != 0) {
            out.add(FdtRules.NODE_NAME_CHARS, path(), null, at,
                    "node name contains " + firstBad(off, len, NameChars.BAD_NODE) + ", outside [a-zA-Z0-9,._+@-]");
        }
        if (ats > 1) {
            out.add(FdtRules.NODE_NAME_FORMAT, path(), null, at, "node name contains " + ats + " '@', at most 1 allowed");
        }
        if (baseLen > SPEC_MAX_NAME) {
            out.add(FdtRules.NODE_NAME_LENGTH, path(), null, at,
                    "node-name is " + baseLen + " characters, the spec allows at most " + SPEC_MAX_NAME);
        }
        if (baseLen > 0 && !NameChars.isLetter(b.get(off))) {
            out.add(FdtRules.NODE_NAME_START, path(), null, at, "node name starts with "
                    + describe(b.get(off)) + ", the spec wants a letter");
        }
        if (dup >= 0) {
            out.add(FdtRules.NODE_DUPLICATE_NAME, path(), null, at,
                    "an earlier sibling has the same name (its name is at 0x" + Integer.toHexString(dup) + ")");
        }
    }

    private int prop(int at) {
        // at <= end - 4 here; a PROP needs 12 bytes of header
        if (at > end - 4 - PROP_HEADER_SIZE) {
            out.addFatal(FdtRules.STRUCT_TRUNCATED, path(), null, at,
                    "property header runs past 0x" + Integer.toHexString(end));
            return -1;
        }
        int len = b.getInt(at + 4);
        int nameoff = b.getInt(at + 8);
        int valueOff = at + 4 + PROP_HEADER_SIZE;
        if (fullPathNames && len >= V1_VALUE_ALIGN && ((valueOff - start) & (V1_VALUE_ALIGN - 1)) != 0) {
            valueOff += 4; // v1-v3: values of 8+ bytes start 8-aligned (libfdt fdt_next_tag)
        }
        // valueOff <= end + 4 < 2^31 and len >= 0: the long sum is exact
        if (len < 0 || (long) valueOff + len > end) {
            out.addFatal(FdtRules.STRUCT_TRUNCATED, path(), null, at, "property value (len "
                    + Integer.toUnsignedString(len) + ") runs past 0x" + Integer.toHexString(end));
            return -1;
        }
        if (depth == 0) {
            if (!sawRoot) {
                beforeRoot(at, "FDT_PROP", true);
            } else {
                out.addFatal(FdtRules.STRUCT_AFTER_ROOT, null, null, at,
                        "FDT_PROP after the root node closed: only FDT_NOP and FDT_END may follow it");
            }
        } else if (hasChild[depth - 1] && !propAfterNodeReported[depth - 1]) {
            propAfterNodeReported[depth - 1] = true;
            out.add(FdtRules.STRUCT_PROP_AFTER_NODE, path(), propName(nameoff), at,
                    "property after a subnode; all properties must precede the subnodes");
        }
        checkPropName(at, nameoff);
        if (depth > 0 && isNameProperty(nameoff) && !isBaseName(valueOff, len)) {
            out.add(FdtRules.NODE_NAME_PROPERTY, path(), "name", at, "\"name\" property is not the node's base name \""
                    + Names.name(b, nameOff[depth - 1], baseLen[depth - 1]) + "\" (dtc's name_properties check refuses it)");
        }
        if (depth > 0 && isPhandleProperty(nameoff)) {
            checkPhandle(at, nameoff, valueOff, len);
        }
        int valueEnd = valueOff + len;
        int next = start + tokenAlign(valueEnd - start);
        checkPad(valueEnd, next, true, nameoff);
        return next;
    }

    private void checkPropName(int at, int nameoff) {
        if (strings.outOfBlock(nameoff)) {
            out.addFatal(FdtRules.STRING_OFFSET, path(), null, at, "property name offset 0x"
                    + Integer.toHexString(nameoff) + " is outside the strings block");
            return;
        }
        if (strings.unterminated(nameoff)) {
            out.addFatal(FdtRules.STRING_UNTERMINATED, path(), null, at, "property name at strings offset 0x"
                    + Integer.toHexString(nameoff) + " is not NUL-terminated inside the strings block");
            return;
        }
        int id = strings.id(nameoff);
        if (id < 0) {
            id = -id;
            checkPropNameChars(at, nameoff);
        }
        if (depth > 0) {
            int s = serial[depth - 1];
            if (stamp[id] == s) {
                out.add(FdtRules.PROPERTY_DUPLICATE_NAME, path(), propName(nameoff), at,
                        "property name appears more than once in this node");
            } else {
                stamp[id] = s;
            }
        }
    }

    /** True if the (readable) property name at {@code nameoff} is {@code phandle} or {@code linux,phandle}. */
    private boolean isPhandleProperty(int nameoff) {
        if (strings.outOfBlock(nameoff) || strings.unterminated(nameoff)) {
            return false;
        }
        int n = strings.length(nameoff);
        int a = strings.absolute(nameoff);
        return (n == 7 && equalsAscii(a, "phandle")) || (n == 13 && equalsAscii(a, "linux,phandle"));
    }

    private boolean equalsAscii(int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b.get(at + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * dtc's {@code explicit_phandles} check on a DTB: a {@code phandle} or {@code linux,phandle} value is one
     * cell, neither 0 nor 0xffffffff; the two properties of one node agree; no two nodes share a value.
     */
    private void checkPhandle(int at, int nameoff, int valueOff, int len) {
        String name = propName(nameoff);
        if (len != 4) {
            out.add(FdtRules.NODE_PHANDLE, path(), name, at, "bad length (" + len + ") " + name + " property");
            return;
        }
        int v = b.getInt(valueOff);
        if (v == 0 || v == -1) {
            out.add(FdtRules.NODE_PHANDLE, path(), name, at, String.format("bad value (0x%x) in %s property", v, name));
            return;
        }
        long mine = phandle[depth - 1];
        if (mine >= 0) {
            if (mine != Integer.toUnsignedLong(v)) {
                out.add(FdtRules.NODE_PHANDLE, path(), name, at, "mismatching 'phandle' and 'linux,phandle' properties");
            }
            return;
        }
        phandle[depth - 1] = Integer.toUnsignedLong(v);
        int node = nodeAt[depth - 1];
        Integer first = phandleOwners.putIfAbsent(v, node);
        if (first != null) {
            out.add(FdtRules.NODE_PHANDLE, path(), name, at, String.format(
                    "duplicated phandle 0x%x (seen before at the node at 0x%x)", v, first));
        }
    }

    /** True if the (readable) property name at {@code nameoff} is {@code name}. */
    private boolean isNameProperty(int nameoff) {
        if (strings.outOfBlock(nameoff) || strings.unterminated(nameoff) || strings.length(nameoff) != 4) {
            return false;
        }
        int a = strings.absolute(nameoff);
        return b.get(a) == 'n' && b.get(a + 1) == 'a' && b.get(a + 2) == 'm' && b.get(a + 3) == 'e';
    }

    /**
     * dtc's two checks on a {@code name} property together: one NUL-terminated string ({@code name_is_string})
     * of exactly the node's base name (the name before '@'; {@code name_properties}). Costs at most the
     * value's length.
     */
    private boolean isBaseName(int valueOff, int len) {
        int base = baseLen[depth - 1];
        if (len != base + 1 || b.get(valueOff + base) != 0) {
            return false;
        }
        int name = nameOff[depth - 1];
        for (int i = 0; i < base; i++) {
            if (b.get(valueOff + i) != b.get(name + i)) {
                return false;
            }
        }
        return true;
    }

    /** Name rules, run once per distinct name offset (the first property using it carries the finding). */
    private void checkPropNameChars(int at, int nameoff) {
        int len = strings.length(nameoff);
        int bad = strings.badBits(nameoff);
        int abs = strings.absolute(nameoff);
        if (len == 0) {
            out.add(FdtRules.PROPERTY_NAME_EMPTY, path(), "", at, "property name is empty");
            return;
        }
        if ((bad & NameChars.BAD_PROP) != 0) {
            out.add(FdtRules.PROPERTY_NAME_CHARS, path(), propName(nameoff), at, "property name contains "
                    + firstBad(abs, len, NameChars.BAD_PROP) + ", outside [a-zA-Z0-9,._+*#?-]");
        } else if ((bad & NameChars.BAD_PROP_SPEC) != 0) {
            out.add(FdtRules.PROPERTY_NAME_CHARS_SPEC, path(), propName(nameoff), at,
                    "property name contains '*', outside the spec's [a-zA-Z0-9,._+?#-]");
        }
        if (len > SPEC_MAX_NAME) {
            out.add(FdtRules.PROPERTY_NAME_LENGTH, path(), propName(nameoff), at,
                    "property name is " + len + " characters, the spec allows at most " + SPEC_MAX_NAME);
        }
    }

    private void endNode(int at) {
        if (depth == 0) {
            out.addFatal(FdtRules.STRUCT_UNBALANCED, null, null, at, rootClosed
                    ? "FDT_END_NODE after the root node closed" : "FDT_END_NODE before the root node");
            return;
        }
        depth--;
        if (depth == 0) {
            rootClosed = true;
        }
    }

    private void nop(int at) {
        if (!sawRoot) {
            beforeRoot(at, "FDT_NOP", false);
        } else if (depth == 0 && !nopAfterRootReported) {
            nopAfterRootReported = true;
            out.add(FdtRules.STRUCT_NOP_AFTER_ROOT, null, null, at,
                    "FDT_NOP between the root node's FDT_END_NODE and FDT_END");
        }
    }

    private void end(int at) {
        if (depth != 0) {
            out.addFatal(FdtRules.STRUCT_END_IN_NODE, path(), null, at, "FDT_END with " + depth + " node(s) still open");
            return;
        }
        endTokenEnd = at + 4;
        if (!sawRoot) {
            out.add(FdtRules.STRUCT_NO_ROOT, null, null, at, "structure block has no root node");
        }
        if (declaredEnd >= 0 && endTokenEnd < declaredEnd) {
            out.add(FdtRules.STRUCT_TRAILING_DATA, null, null, endTokenEnd, (declaredEnd - endTokenEnd)
                    + " bytes of size_dt_struct follow FDT_END");
        }
    }

    private void beforeRoot(int at, String what, boolean breaksReader) {
        if (breaksReader) {
            out.markUnreadable();
        }
        if (!beforeRootReported) {
            beforeRootReported = true;
            out.add(FdtRules.STRUCT_BEFORE_ROOT, null, null, at,
                    what + " before the root node; the structure block must start with FDT_BEGIN_NODE");
        }
    }

    // ---------------------------------------------------------------- helpers

    /** DT spec §5.4.1: padding after names and values is zero; libfdt and dtc do not check it. */
    private void checkPad(int from, int to, boolean isProp, int nameoff) {
        int stop = Math.min(to, end);
        for (int p = from; p < stop; p++) {
            byte c = b.get(p);
            if (c != 0) {
                out.add(FdtRules.STRUCT_PAD_NONZERO, path(), isProp ? propName(nameoff) : null, p,
                        String.format("padding byte is 0x%02x, must be 0", c & 0xff));
                return;
            }
        }
    }

    private void push(int off, int len, int base, int at) {
        if (depth == nameOff.length) {
            int n = depth * 2;
            nameOff = Arrays.copyOf(nameOff, n);
            nameLen = Arrays.copyOf(nameLen, n);
            baseLen = Arrays.copyOf(baseLen, n);
            phandle = Arrays.copyOf(phandle, n);
            nodeAt = Arrays.copyOf(nodeAt, n);
            serial = Arrays.copyOf(serial, n);
            hasChild = Arrays.copyOf(hasChild, n);
            propAfterNodeReported = Arrays.copyOf(propAfterNodeReported, n);
        }
        nameOff[depth] = off;
        nameLen[depth] = len;
        baseLen[depth] = base;
        phandle[depth] = -1;
        nodeAt[depth] = at;
        serial[depth] = ++serials;
        hasChild[depth] = false;
        propAfterNodeReported[depth] = false;
        depth++;
    }

    /** Path of the innermost open node, or null outside the root. Allocates; only for findings. */
    private String path() {
        return depth == 0 ? null : Names.path(b, nameOff, nameLen, depth);
    }

    /** Property name for a finding, or null when its offset does not resolve. */
    private String propName(int nameoff) {
        if (strings.outOfBlock(nameoff) || strings.unterminated(nameoff)) {
            return null;
        }
        return Names.name(b, strings.absolute(nameoff), strings.length(nameoff));
    }

    private String firstBad(int off, int len, int kind) {
        for (int i = 0; i < len; i++) {
            byte c = b.get(off + i);
            if ((NameChars.of(c) & kind) != 0) {
                return describe(c);
            }
        }
        return "?";
    }

    private static String describe(byte c) {
        int v = c & 0xff;
        return v > 0x20 && v < 0x7f ? String.format("'%c' (0x%02x)", (char) v, v) : String.format("0x%02x", v);
    }
}
