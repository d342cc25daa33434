package io.khotools.kho.memory;

import io.khotools.kho.blob.SubBlob;
import java.util.Objects;

/**
 * A structure found by following a pointer: where it is and what it decodes to. Its bytes are
 * {@link io.khotools.kho.blob.SubBlobCodec#encode} of the blob, written at {@code address} (page-sized
 * structures, vmalloc chunks and KHO blocks, encode as one whole page).
 *
 * @param path where it was reached from, e.g. {@code LUO/sessions[0]/files[1]/memfd}
 * @param address physical address
 * @param blob the decoded structure
 */
public record LocatedBlob(String path, long address, SubBlob blob) {
    /** Requires non-null components. */
    public LocatedBlob {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(blob, "blob");
    }
}
