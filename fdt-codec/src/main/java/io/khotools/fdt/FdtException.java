package io.khotools.fdt;

/**
 * Thrown when bytes cannot be decoded any further: bad magic, truncation, an offset out of bounds,
 * an unterminated name, a broken token stream. This is the only exception type the reader throws
 * for bad input. The message says what went wrong, where, and the bounds that were broken.
 */
public final class FdtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FdtError error;
    private final long offset;

    /**
     * @param error the error code
     * @param offset absolute byte offset in the blob where the problem was found, or -1 if unknown
     * @param message what was found and what was expected
     */
    public FdtException(FdtError error, long offset, String message) {
        super(message);
        this.error = error;
        this.offset = offset;
    }

    /** The error code. */
    public FdtError error() {
        return error;
    }

    /** Absolute byte offset in the blob (0 = first header byte), or -1 if not tied to a position. */
    public long offset() {
        return offset;
    }

    /** The message prefixed by the error text and offset, e.g. {@code "truncated @0x1c4: ..."}. */
    public String describe() {
        return offset >= 0
                ? error.text() + " @0x" + Long.toHexString(offset) + ": " + getMessage()
                : error.text() + ": " + getMessage();
    }
}
