package io.khotools.cli;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a whole input file (or standard input for {@code -}) into a buffer, with one clear message per
 * way it can fail. Files are read straight into the buffer (no intermediate array), sized from the file.
 */
public final class BlobFiles {
    /** The name used in messages for standard input. */
    public static final String STDIN_NAME = "<stdin>";

    /** Largest input accepted: the FDT format's offsets and sizes are 32-bit and libfdt caps totalsize at INT_MAX. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

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
     * @param context resolves relative names, supplies standard input and the allocator
     * @param input a file name, or {@code -} for standard input
     * @return a heap buffer holding the bytes from reader index 0; <b>the caller owns it</b> and releases it
     * @throws FileProblemException if the file is missing, a directory, empty, too large or unreadable
     */
    public static ByteBuf read(CliContext context, String input) {
        String name = displayName(input);
        ByteBuf buf;
        try {
            if ("-".equals(input)) {
                buf = readStream(context.allocator(), context.stdin(), name);
            } else {
                buf = readFile(context, input);
            }
        } catch (NoSuchFileException e) {
            throw new FileProblemException(name, "no such file", e);
        } catch (AccessDeniedException e) {
            throw new FileProblemException(name, "cannot read: permission denied", e);
        } catch (IOException e) {
            throw new FileProblemException(name, "cannot read: " + reason(e), e);
        }
        if (!buf.isReadable()) {
            buf.release();
            throw new FileProblemException(name, "-".equals(input)
                    ? "standard input is empty, expected a DTB" : "file is empty, expected a DTB", null);
        }
        return buf;
    }

    private static ByteBuf readFile(CliContext context, String input) throws IOException {
        Path path = context.resolve(input);
        if (Files.isDirectory(path)) {
            throw new FileProblemException(input, "is a directory, expected a DTB file", null);
        }
        try (InputStream in = Files.newInputStream(path)) {
            long size = Files.size(path);
            if (size > MAX_SIZE) {
                throw new FileProblemException(input, "file is larger than " + MAX_SIZE + " bytes", null);
            }
            if (size == 0) {
                // pipes and some kernel files report size 0 and still have content: read to EOF
                return readStream(context.allocator(), in, input);
            }
            ByteBuf buf = context.allocator().heapBuffer((int) size, (int) size);
            try {
                while (buf.isWritable() && buf.writeBytes(in, buf.writableBytes()) >= 0) {
                    // writeBytes returns -1 at EOF: a file that shrank meanwhile is taken as it is now
                }
                return buf;
            } catch (IOException | RuntimeException e) {
                buf.release();
                throw e;
            }
        }
    }

    private static ByteBuf readStream(ByteBufAllocator alloc, InputStream in, String name) throws IOException {
        // readNBytes bounds the allocation; a byte beyond the limit means the input is too large
        byte[] bytes = in.readNBytes(MAX_SIZE);
        if (bytes.length == MAX_SIZE && in.read() >= 0) {
            throw new FileProblemException(name, "input is larger than " + MAX_SIZE + " bytes", null);
        }
        // capacity at least 1: a zero-capacity request may return a shared empty buffer, not an owned one
        int capacity = Math.max(bytes.length, 1);
        return alloc.heapBuffer(capacity, capacity).writeBytes(bytes);
    }

    /** The I/O error's own message, without the file name Java repeats in it. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return fse.getReason(); // the reason alone: the exception's message repeats (temporary) file names
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
