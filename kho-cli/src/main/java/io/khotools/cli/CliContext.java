package io.khotools.cli;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
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
 * @param allocator allocates the buffers inputs are read into (tests pass a leak-tracked pooled allocator)
 */
public record CliContext(Path workingDir, InputStream stdin, ByteBufAllocator allocator) {
    public CliContext {
        Objects.requireNonNull(workingDir, "workingDir");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(allocator, "allocator");
    }

    /** A context with the unpooled heap allocator, which starts fastest: a command reads one or two blobs. */
    public CliContext(Path workingDir, InputStream stdin) {
        this(workingDir, stdin, UnpooledByteBufAllocator.DEFAULT);
    }

    /** The process's current directory, {@code System.in} and the unpooled heap allocator. */
    public static CliContext system() {
        return new CliContext(Path.of(""), System.in);
    }

    /** {@code name} resolved against {@link #workingDir()}. */
    public Path resolve(String name) {
        return workingDir.resolve(name);
    }
}
