package io.khotools.kho.blob;

import io.khotools.kho.PhysPointer;
import java.util.List;

/**
 * {@code struct kho_vmalloc} (16 bytes, native order; kho-format.md §4.3): {@code first} u64 @0 (phys of the
 * first chunk page), {@code total_pages} u32 @8, {@code flags} u16 @12, {@code order} u16 @14.
 *
 * @param first physical address of the first {@link VmallocChunk}, 0 for none
 * @param totalPages pages preserved in all pieces (unsigned 32-bit)
 * @param flags bit 0 {@link #FLAG_ALLOC}, bit 1 {@link #FLAG_HUGE_VMAP} (unsigned 16-bit)
 * @param order page order of every piece (unsigned 16-bit)
 */
public record KhoVmalloc(long first, int totalPages, int flags, int order) implements SubBlob {
    /** Encoded size. */
    public static final int SIZE = 16;
    /** {@code KHO_VMALLOC_ALLOC}. */
    public static final int FLAG_ALLOC = 1;
    /** {@code KHO_VMALLOC_HUGE_VMAP}. */
    public static final int FLAG_HUGE_VMAP = 2;

    /** Checks the 16-bit fields' ranges. */
    public KhoVmalloc {
        if ((flags & ~0xffff) != 0 || (order & ~0xffff) != 0) {
            throw new IllegalArgumentException("flags and order are u16: " + flags + ", " + order);
        }
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.VMALLOC;
    }

    @Override
    public List<PhysPointer> pointers() {
        return first == 0 ? List.of() : List.of(new PhysPointer("kho_vmalloc.first", first, -1));
    }
}
