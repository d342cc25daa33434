package io.khotools.fdt.index;

/**
 * A small open-addressing hash map from non-zero int keys to int values, so phandle lookups neither box
 * nor allocate. Key 0 marks an empty slot, which is safe because 0 is never a valid phandle.
 * Not thread-safe while being filled; read-only use after construction is safe.
 */
final class IntIntMap {
    private static final int EMPTY = 0;

    private int[] keys;
    private int[] values;
    private int size;

    IntIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new int[cap];
        values = new int[cap];
    }

    /** Stores {@code key → value} unless the key is already present; returns whether it was stored. */
    boolean putIfAbsent(int key, int value) {
        if (key == EMPTY) {
            throw new IllegalArgumentException("key 0 is reserved");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return true;
            }
            if (keys[i] == key) {
                return false;
            }
        }
    }

    /** The value for {@code key}, or {@code missing}. */
    int get(int key, int missing) {
        if (key == EMPTY) {
            return missing;
        }
        int mask = keys.length - 1;
        // load factor ≤ 1/2, so an empty slot always ends the probe
        for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return missing;
            }
        }
    }

    int size() {
        return size;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            int k = oldKeys[j];
            if (k != EMPTY) {
                int i = mix(k) & mask;
                while (keys[i] != EMPTY) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    /** Spreads sequential phandles (1, 2, 3, ...) and adversarial ones alike over the table. */
    private static int mix(int k) {
        int h = k * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
