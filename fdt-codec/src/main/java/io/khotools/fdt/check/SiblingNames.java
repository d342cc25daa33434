package io.khotools.fdt.check;

import java.nio.ByteBuffer;

/**
 * Finds duplicate sibling node names in O(1) per node: an open-addressing table keyed by (parent serial,
 * name bytes). It grows by doubling, so its size stays proportional to the number of nodes actually read,
 * which the input length bounds (a node takes at least 8 bytes).
 */
final class SiblingNames {
    private final ByteBuffer b;
    private int[] parent = new int[64];
    private int[] nameOff = new int[64];
    private int[] nameLen = new int[64];
    private int[] hashes = new int[64];
    private int size;

    SiblingNames(ByteBuffer b) {
        this.b = b;
    }

    /**
     * Records a node name under its parent.
     *
     * @return the absolute name offset of an earlier sibling with the same name, or -1 if it is new
     */
    int add(int parentSerial, int off, int len, int nameHash) {
        int h = StringsIndex.mix(nameHash * 31 + parentSerial);
        int mask = parent.length - 1;
        int slot = h & mask;
        while (parent[slot] != 0) {
            if (parent[slot] == parentSerial && hashes[slot] == h && nameLen[slot] == len && same(nameOff[slot], off, len)) {
                return nameOff[slot];
            }
            slot = (slot + 1) & mask;
        }
        parent[slot] = parentSerial; // serials start at 1, so 0 marks a free slot
        nameOff[slot] = off;
        nameLen[slot] = len;
        hashes[slot] = h;
        if (++size * 2 > parent.length) {
            grow();
        }
        return -1;
    }

    private boolean same(int x, int y, int len) {
        for (int i = 0; i < len; i++) {
            if (b.get(x + i) != b.get(y + i)) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int[] op = parent;
        int[] oo = nameOff;
        int[] ol = nameLen;
        int[] oh = hashes;
        int n = op.length * 2;
        parent = new int[n];
        nameOff = new int[n];
        nameLen = new int[n];
        hashes = new int[n];
        int mask = n - 1;
        for (int i = 0; i < op.length; i++) {
            if (op[i] != 0) {
                int slot = oh[i] & mask;
                while (parent[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                parent[slot] = op[i];
                nameOff[slot] = oo[i];
                nameLen[slot] = ol[i];
                hashes[slot] = oh[i];
            }
        }
    }
}
