package io.khotools.kho.blob;

import io.khotools.kho.PhysPointer;
import java.util.List;

/**
 * One {@code kho_vmalloc_chunk} page (kho-format.md §4.3): {@code next} u64, then up to
 * {@code (PAGE_SIZE - 8) / 8} u64 piece addresses, zero-terminated unless full.
 *
 * @param next physical address of the next chunk, 0 at the end
 * @param pieces the piece addresses before the first zero
 */
public record VmallocChunk(long next, List<Long> pieces) implements SubBlob {
    /** Copies the list. */
    public VmallocChunk {
        pieces = List.copyOf(pieces);
    }

    /** Piece slots in one chunk of {@code pageSize} bytes. */
    public static int capacity(int pageSize) {
        return (pageSize - 8) / 8;
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.VMALLOC_CHUNK;
    }

    @Override
    public List<PhysPointer> pointers() {
        return next == 0 ? List.of() : List.of(new PhysPointer("kho_vmalloc_chunk.next", next, -1));
    }
}
