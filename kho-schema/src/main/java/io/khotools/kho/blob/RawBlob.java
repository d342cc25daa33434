package io.khotools.kho.blob;

import io.khotools.fdt.tree.FdtTree;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A blob of an unknown subsystem, kept whole: its bytes and, when they are a readable FDT, the generic tree.
 * Immutable; the array is copied in and out.
 */
public final class RawBlob implements SubBlob {
    private final byte[] bytes;
    private final FdtTree fdt;

    /**
     * @param bytes the blob (copied)
     * @param fdtOrNull the tree read from it, or null when it is not an FDT
     */
    public RawBlob(byte[] bytes, FdtTree fdtOrNull) {
        this.bytes = Objects.requireNonNull(bytes, "bytes").clone();
        this.fdt = fdtOrNull;
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The generic FDT view, when the bytes are one. */
    public Optional<FdtTree> fdt() {
        return Optional.ofNullable(fdt);
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.RAW;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawBlob r && Arrays.equals(bytes, r.bytes) && Objects.equals(fdt, r.fdt);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        int n = Math.min(bytes.length, 32);
        return "RawBlob[" + bytes.length + " bytes: " + HexFormat.of().formatHex(bytes, 0, n)
                + (n < bytes.length ? "..." : "") + (fdt != null ? ", fdt" : "") + "]";
    }
}
