package io.khotools.fdt.oracle;

import static io.khotools.fdt.FdtFormat.*;

import java.util.Arrays;

/**
 * Where a blob's structure-block tokens are, found by a forgiving walk (header as written, bounded by the
 * array) that stops at the first token it cannot step over. Mutators use it to aim at tokens, names and
 * name offsets; it judges nothing.
 *
 * @param tokens absolute offsets of every token reached, FDT_END included
 * @param nodes absolute offsets of the FDT_BEGIN_NODE tokens among them
 * @param props absolute offsets of the FDT_PROP tokens among them
 * @param nodeEnds for each entry of {@code nodes}, the offset just past its matching FDT_END_NODE, or -1
 * @param nodeParents for each entry of {@code nodes}, the index in {@code nodes} of its parent, or -1
 * @param propOwners for each entry of {@code props}, the index in {@code nodes} of its node, or -1
 */
record TokenMap(int[] tokens, int[] nodes, int[] props, int[] nodeEnds, int[] nodeParents, int[] propOwners) {
    private static final int MAX_TOKENS = 1 << 16;

    /** Walks {@code b}'s structure block. */
    static TokenMap of(byte[] b) {
        IntList tokens = new IntList();
        IntList nodes = new IntList();
        IntList props = new IntList();
        IntList ends = new IntList();
        IntList parents = new IntList();
        IntList owners = new IntList();
        IntList open = new IntList(); // indexes into nodes
        if (b.length >= HEADER_SIZE_V17 && BlobEdit.getInt(b, OFF_MAGIC) == MAGIC) {
            int start = BlobEdit.getInt(b, OFF_OFF_DT_STRUCT);
            boolean v1Align = Integer.compareUnsigned(BlobEdit.version(b), 16) < 0;
            long pos = Integer.toUnsignedLong(start);
            while (pos >= 0 && pos + 4 <= b.length && tokens.size < MAX_TOKENS) {
                int at = (int) pos;
                int tag = BlobEdit.getInt(b, at);
                tokens.add(at);
                int current = open.size == 0 ? -1 : open.data[open.size - 1];
                if (tag == TOKEN_BEGIN_NODE) {
                    parents.add(current);
                    open.add(nodes.size);
                    nodes.add(at);
                    ends.add(-1);
                    int p = at + 4;
                    while (p < b.length && b[p] != 0) {
                        p++;
                    }
                    pos = at + align(p + 1 - at);
                } else if (tag == TOKEN_PROP) {
                    props.add(at);
                    owners.add(current);
                    long len = Integer.toUnsignedLong(BlobEdit.getInt(b, at + 4));
                    long value = at + 12L;
                    if (v1Align && len >= V1_VALUE_ALIGN && ((value - start) & 7) != 0) {
                        value += 4;
                    }
                    pos = at + align(value + len - at);
                } else if (tag == TOKEN_END_NODE) {
                    if (open.size > 0) {
                        ends.data[open.data[--open.size]] = at + 4;
                    }
                    pos = at + 4L;
                } else if (tag == TOKEN_NOP) {
                    pos = at + 4L;
                } else {
                    break; // FDT_END or a token we cannot step over
                }
            }
        }
        return new TokenMap(tokens.toArray(), nodes.toArray(), props.toArray(), ends.toArray(), parents.toArray(),
                owners.toArray());
    }

    /** Index of {@code offset} in {@link #nodes()}, or -1. */
    int nodeIndex(long offset) {
        return indexOf(nodes, offset);
    }

    /** Index of {@code offset} in {@link #props()}, or -1. */
    int propIndex(long offset) {
        return indexOf(props, offset);
    }

    private static int indexOf(int[] sorted, long offset) {
        int i = Arrays.binarySearch(sorted, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, offset)));
        return i >= 0 ? i : -1;
    }

    private static long align(long n) {
        return (n + 3) & ~3L;
    }

    /** A growable int array; the JDK has none without boxing. */
    private static final class IntList {
        int[] data = new int[32];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(data, size);
        }
    }
}
