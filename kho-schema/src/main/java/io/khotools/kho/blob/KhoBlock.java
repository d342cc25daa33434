package io.khotools.kho.blob;

import io.khotools.kho.PhysPointer;
import java.util.List;
import java.util.Objects;

/**
 * One KHO block page (kho-format.md §5.6, G4): packed header {@code next} u64 (phys of the next block, 0 =
 * end) and {@code count} u64, then {@code count} fixed-size entries right after the 16-byte header.
 *
 * @param type which entries the block holds ({@link SubBlobType#KHO_BLOCK_SESSIONS}, {@code _FILES} or
 *     {@code _FLBS})
 * @param next physical address of the next block, 0 at the end
 * @param entries the entries
 */
public record KhoBlock(SubBlobType type, long next, List<LuoRecord> entries) implements SubBlob {
    /** Header size. */
    public static final int HEADER_SIZE = 16;
    /** Restore refuses chains longer than this (kho_block.c). */
    public static final int MAX_CHAIN = 10_000;

    /** Copies the list; requires a block type. */
    public KhoBlock {
        Objects.requireNonNull(type, "type");
        if (entrySize(type) == 0) {
            throw new IllegalArgumentException("not a block type: " + type);
        }
        entries = List.copyOf(entries);
    }

    /** Entry size for a block type, 0 for other types. */
    public static int entrySize(SubBlobType type) {
        return switch (type) {
            case KHO_BLOCK_SESSIONS -> LuoRecord.SESSION_SIZE;
            case KHO_BLOCK_FILES -> LuoRecord.FILE_SIZE;
            case KHO_BLOCK_FLBS -> LuoRecord.FLB_SIZE;
            default -> 0;
        };
    }

    /** Entries that fit one block of {@code pageSize} bytes. */
    public static int capacity(SubBlobType type, int pageSize) {
        return (pageSize - HEADER_SIZE) / entrySize(type);
    }

    @Override
    public List<PhysPointer> pointers() {
        return next == 0 ? List.of() : List.of(new PhysPointer("kho_block.next", next, -1));
    }
}
