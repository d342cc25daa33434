package io.khotools.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a whole input file (or standard input for {@code -}) into a buffer, with one clear message per
 * way it can fail. The only CLI class besides the printers' callers that creates a {@link ByteBuf}.
 */
public final class BlobFiles {
    /** The name used in messages for standard input. */
    public static final String STDIN_NAME = "<stdin>";

    /** Largest input accepted: the FDT format's offsets and sizes are 32-bit and libfdt caps totalsize at INT_MAX. */
    static final long MAX_SIZE = Integer.MAX_VALUE - 8;

    private BlobFiles() {}

    /**
     * The name of {@code input} as messages show it: {@code <stdin>} for {@code -}, else as given.
     */
    public static String displayName(String input) {
        return "-".equals(input) ? STDIN_NAME : input;
    }

    /**
     * Reads {@code input} whole.
     *
     * @param context resolves relative names and supplies standard input
     * @param input a file name, or {@code -} for standard input
     * @return a heap buffer holding the bytes, reader index 0; <b>the caller owns it</b> and releases it
     * @throws FileProblemException if the file is missing, a directory, empty, too large or unreadable
     */
    public static ByteBuf read(CliContext context, String input) {
        byte[] bytes = "-".equals(input) ? readStdin(context) : readFile(context, input);
        if (bytes.length == 0) {
            throw new FileProblemException(displayName(input), "-".equals(input)
                    ? "standard input is empty, expected a DTB" : "file is empty, expected a DTB", null);
        }
        return Unpooled.wrappedBuffer(bytes);
    }

    private static byte[] readStdin(CliContext context) {
        try {
            // readNBytes bounds the allocation: one byte past the limit tells "too large" apart
            byte[] bytes = context.stdin().readNBytes((int) MAX_SIZE + 1);
            if (bytes.length > MAX_SIZE) {
                throw new FileProblemException(STDIN_NAME, "input is larger than " + MAX_SIZE + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new FileProblemException(STDIN_NAME, "cannot read: " + reason(e), e);
        }
    }

    private static byte[] readFile(CliContext context, String input) {
        Path path = context.resolve(input);
        if (Files.isDirectory(path)) {
            throw new FileProblemException(input, "is a directory, expected a DTB file", null);
        }
        try {
            if (Files.size(path) > MAX_SIZE) {
                throw new FileProblemException(input, "file is larger than " + MAX_SIZE + " bytes", null);
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new FileProblemException(input, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new FileProblemException(input, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new FileProblemException(input, "cannot read: " + reason(e), e);
        }
    }

    /** The I/O error's own message, without the file name Java repeats in it. */
    static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
