package io.khotools.kho.image;

/**
 * Something wrong with one segment of an image that does not stop the rest being read; the bytes concerned read
 * as absent (or, for an overlap, come from the other segment).
 *
 * @param segment index of the program header concerned
 * @param kind what is wrong
 * @param message the values read, for people
 */
public record ImageIssue(int segment, Kind kind, String message) {
    /** The kinds of segment damage. */
    public enum Kind {
        /** {@code p_offset + p_filesz} passes the end of the file (or overflows): the missing part is absent. */
        PAST_END_OF_FILE,
        /** {@code p_filesz > p_memsz}: only {@code p_memsz} bytes are used. */
        FILE_SIZE_OVER_MEMORY_SIZE,
        /** {@code p_paddr} at or above 2^63, or {@code p_paddr + p_memsz} overflowing: clipped or skipped. */
        ADDRESS_RANGE,
        /** The segment overlaps one starting lower (or earlier in the table at the same address), which wins. */
        OVERLAP
    }
}
