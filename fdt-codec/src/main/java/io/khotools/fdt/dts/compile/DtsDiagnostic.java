package io.khotools.fdt.dts.compile;

import java.util.Objects;

/**
 * One compile error with its source position, formatted like a C compiler's: {@code file:line:col: message}.
 *
 * @param file the source name as given (a path as passed to the compiler, or the name of a string source)
 * @param line 1-based line
 * @param column 1-based column, counted in bytes of the source line
 * @param message what is wrong, naming the label, path or property involved
 */
public record DtsDiagnostic(String file, int line, int column, String message) {

    /** Requires a file name and a message. */
    public DtsDiagnostic {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:col: message}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
