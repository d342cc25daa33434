package io.khotools.fdt.oracle;

import static io.khotools.fdt.FdtFormat.*;

import java.util.Arrays;

/**
 * Small independent readings of a blob that the difference classifiers use to confirm what a finding claims
 * (a name really has a bad character, a token really is FDT_END), so a wrong finding cannot hide behind a
 * documented difference. Written from the format description, not from the validator; bounded by the array.
 */
final class BlobFacts {
    /** dtc's node-name characters (checks.c node_name_chars): DT spec §2.2.1 plus '@'. */
    static final String NODE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-@";
    /** dtc's property-name characters: DT spec §2.2.4 plus '*'. */
    static final String PROP_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-?#*";

    private BlobFacts() {}

    /** The u32 at {@code off}, or -1 when it is not inside the array (no token has that value). */
    static int word(byte[] b, long off) {
        return off < 0 || off + 4 > b.length ? -1 : BlobEdit.getInt(b, (int) off);
    }

    /**
     * The unit name of the FDT_BEGIN_NODE at {@code at}: the bytes before the NUL (v1-v3 blobs store full paths;
     * their unit name follows the last '/'), or null when there is no NUL inside the array.
     */
    static byte[] nodeName(byte[] b, long at) {
        byte[] full = fullName(b, at);
        if (full == null || Integer.compareUnsigned(BlobEdit.version(b), 16) >= 0) {
            return full;
        }
        int slash = -1;
        for (int i = 0; i < full.length; i++) {
            slash = full[i] == '/' ? i : slash;
        }
        return Arrays.copyOfRange(full, slash + 1, full.length);
    }

    /** The name bytes of the FDT_BEGIN_NODE at {@code at} as stored (a full path before v16), or null. */
    static byte[] fullName(byte[] b, long at) {
        int start = (int) at + 4;
        if (at < 0 || start > b.length) {
            return null;
        }
        int nul = start;
        while (nul < b.length && b[nul] != 0) {
            nul++;
        }
        return nul == b.length ? null : Arrays.copyOfRange(b, start, nul);
    }

    /** Index of the first {@code c} in {@code bytes}, or -1. */
    static int indexOf(byte[] bytes, char c) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The property name of the FDT_PROP at {@code at} (strings block, NUL-terminated), or null if unreadable. */
    static byte[] propName(byte[] b, long at) {
        int nameoff = word(b, at + 8);
        long start = Integer.toUnsignedLong(BlobEdit.getInt(b, OFF_OFF_DT_STRINGS)) + Integer.toUnsignedLong(nameoff);
        if (at < 0 || at + 12 > b.length || nameoff < 0 || start >= b.length) {
            return null;
        }
        int nul = (int) start;
        while (nul < b.length && b[nul] != 0) {
            nul++;
        }
        return nul == b.length ? null : Arrays.copyOfRange(b, (int) start, nul);
    }

    /** True if some byte of {@code name} is not in {@code allowed}. */
    static boolean hasCharOutside(byte[] name, String allowed) {
        for (byte c : name) {
            if (allowed.indexOf(c & 0xff) < 0) {
                return true;
            }
        }
        return false;
    }

    /** Number of '@' in {@code name}. */
    static int ats(byte[] name) {
        int n = 0;
        for (byte c : name) {
            n += c == '@' ? 1 : 0;
        }
        return n;
    }

    /** True if an earlier sibling of the node at {@code at} has the same unit name. */
    static boolean earlierSiblingNamed(byte[] b, TokenMap map, long at) {
        int i = map.nodeIndex(at);
        byte[] name = nodeName(b, at);
        if (i < 0 || name == null) {
            return false;
        }
        for (int j = 0; j < i; j++) {
            if (map.nodeParents()[j] == map.nodeParents()[i] && Arrays.equals(name, nodeName(b, map.nodes()[j]))) {
                return true;
            }
        }
        return false;
    }

    /** True if an earlier property of the same node as the FDT_PROP at {@code at} has the same name. */
    static boolean earlierPropertyNamed(byte[] b, TokenMap map, long at) {
        int i = map.propIndex(at);
        byte[] name = propName(b, at);
        if (i < 0 || name == null || map.propOwners()[i] < 0) {
            return false;
        }
        for (int j = 0; j < i; j++) {
            if (map.propOwners()[j] == map.propOwners()[i] && Arrays.equals(name, propName(b, map.props()[j]))) {
                return true;
            }
        }
        return false;
    }
}
