package io.khotools.kho.memory;

import java.util.Objects;

/**
 * A range of memory some subsystem relies on surviving the kexec, so the memory map must cover it
 * (kho-format.md §7.6). Which rule judges a gap depends on the kind.
 *
 * @param what the structure, e.g. {@code LUO/sessions[0]/files}
 * @param range the bytes
 * @param kind what sort of memory it is
 */
public record PreservationNeed(String what, PhysRange range, Kind kind) {
    /** What sort of memory a need is. */
    public enum Kind {
        /** A root subtree's blob ({@code kho.state.blob-not-preserved}). */
        BLOB,
        /** A vmalloc chunk page or a KHO block page ({@code kho.state.chunk-not-preserved}). */
        CHUNK,
        /** A vmalloc piece ({@code kho.state.piece-not-preserved}). */
        PIECE,
        /**
         * Anything else reached through a pointer: LUO arrays, memfd structs and folios, reserve_mem regions,
         * kho_test folios ({@code kho.state.data-not-preserved}).
         */
        DATA
    }

    /** Requires non-null components. */
    public PreservationNeed {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(kind, "kind");
    }
}
