package io.khotools.cli;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a command may touch besides its output streams: the directory relative paths are resolved against
 * and the standard input ({@code -} as a file name). Tests substitute both so that they run in-process
 * with the same relative paths a user types.
 *
 * @param workingDir relative file names resolve against this directory
 * @param stdin read when an input is named {@code -}; never closed by kho
 */
public record CliContext(Path workingDir, InputStream stdin) {
    public CliContext {
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** The process's current directory and {@code System.in}. */
    public static CliContext system() {
        return new CliContext(Path.of(""), System.in);
    }

    /** {@code name} resolved against {@link #workingDir()}. */
    public Path resolve(String name) {
        return workingDir.resolve(name);
    }
}
