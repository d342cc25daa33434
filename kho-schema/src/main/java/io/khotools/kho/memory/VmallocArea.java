package io.khotools.kho.memory;

import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.VmallocChunk;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A vmalloc area preserved with a {@code kho_vmalloc} descriptor (kho-format.md §4.3): the descriptor, its
 * chunk pages in chain order, and the content the pieces hold, read as one byte stream piece after piece.
 *
 * @param path where the descriptor sits, e.g. {@code kho_test/folios_info}
 * @param descriptor the {@code kho_vmalloc} descriptor
 * @param chunks the chunk pages followed, in chain order (each blob a {@link VmallocChunk})
 * @param content what the pieces hold (a {@link io.khotools.kho.blob.MemfdFolioArray}, or a
 *     {@link io.khotools.kho.blob.RawBlob} of the kho_test {@code phys | order} words), or null if not read
 */
public record VmallocArea(String path, KhoVmalloc descriptor, List<LocatedBlob> chunks, SubBlob content) {
    /** Copies the list; requires every chunk to be a {@link VmallocChunk}. */
    public VmallocArea {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(descriptor, "descriptor");
        chunks = List.copyOf(chunks);
        for (LocatedBlob c : chunks) {
            if (!(c.blob() instanceof VmallocChunk)) {
                throw new IllegalArgumentException("not a vmalloc chunk: " + c);
            }
        }
    }

    /** The piece addresses of every chunk, in order. */
    public List<Long> pieces() {
        List<Long> out = new ArrayList<>();
        for (LocatedBlob c : chunks) {
            out.addAll(((VmallocChunk) c.blob()).pieces());
        }
        return out;
    }

    /** Bytes one piece holds: {@code 2^(order + pageShift)}. */
    public long pieceBytes(int pageShift) {
        return 1L << (pageShift + descriptor.order());
    }
}
