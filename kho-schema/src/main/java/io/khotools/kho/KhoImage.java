package io.khotools.kho;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The bytes of a handover as files: the root FDT, each subtree's blob by name (what debugfs shows as
 * {@code sub_fdts/<name>}) and the scratch array. Immutable; arrays are copied in and out.
 */
public final class KhoImage {
    private final byte[] root;
    private final Map<String, byte[]> blobs;
    private final byte[] scratch;

    /**
     * @param root the root FDT
     * @param blobs blob bytes by subtree name, in blob order (copied)
     * @param scratchOrNull the binary scratch array, or null when not known
     */
    public KhoImage(byte[] root, Map<String, byte[]> blobs, byte[] scratchOrNull) {
        this.root = Objects.requireNonNull(root, "root").clone();
        Map<String, byte[]> m = new LinkedHashMap<>();
        blobs.forEach((k, v) -> m.put(k, v.clone()));
        this.blobs = Collections.unmodifiableMap(m);
        this.scratch = scratchOrNull == null ? null : scratchOrNull.clone();
    }

    /** A copy of the root FDT. */
    public byte[] root() {
        return root.clone();
    }

    /** The subtree names that have blob bytes, in blob order. */
    public java.util.Set<String> blobNames() {
        return blobs.keySet();
    }

    /** A copy of the blob of subtree {@code name}, or null. */
    public byte[] blob(String name) {
        byte[] b = blobs.get(name);
        return b == null ? null : b.clone();
    }

    /** A copy of the scratch array, or null when not known. */
    public byte[] scratch() {
        return scratch == null ? null : scratch.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KhoImage k) || !Arrays.equals(root, k.root) || !Arrays.equals(scratch, k.scratch)
                || !blobs.keySet().equals(k.blobs.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : blobs.entrySet()) {
            if (!Arrays.equals(e.getValue(), k.blobs.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(root) * 31 + blobs.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "KhoImage[root " + root.length + " bytes, blobs " + blobs.keySet() + ", scratch "
                + (scratch == null ? "unknown" : scratch.length + " bytes") + "]";
    }
}
