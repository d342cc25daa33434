package io.khotools.cli;

/**
 * A file the command needs cannot be used: an input that is missing, a directory, empty or unreadable,
 * or an output that cannot be written. Mapped to {@link ExitCodes#BAD_INPUT} with one line on stderr:
 * {@code kho: <file>: <message>}.
 */
public final class FileProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file the file as the user named it ({@code <stdin>} for standard input)
     * @param message what is wrong with it, lower case, no trailing period
     * @param cause the underlying I/O error, or null
     */
    public FileProblemException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
    }

    /** The file as the user named it. */
    public String file() {
        return file;
    }
}
