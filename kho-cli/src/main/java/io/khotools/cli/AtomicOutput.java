package io.khotools.cli;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that it either appears complete or not at all: bytes go to a temporary file in the
 * target's directory, and {@link #commit()} syncs it and renames it over the target (atomic on POSIX file
 * systems). {@link #close()} without a commit deletes the temporary file, so a command that fails halfway
 * leaves the old target, if any, untouched.
 *
 * <pre>{@code
 * try (AtomicOutput out = AtomicOutput.create(context, "board.dts")) {
 *     write(out.stream());
 *     out.commit();
 * }
 * }</pre>
 *
 * Not thread-safe.
 */
public final class AtomicOutput implements Closeable {
    /** Permissions of a new output file (the temporary file starts owner-only). */
    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private final String name;
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private boolean done;

    private AtomicOutput(String name, Path target, Path temp, FileChannel channel) {
        this.name = name;
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
    }

    /** Direct output to a device or pipe ({@code /dev/null}, {@code /dev/stdout}, a FIFO): nothing to rename. */
    private AtomicOutput(String name, Path target, OutputStream direct) {
        this.name = name;
        this.target = target;
        this.temp = null;
        this.channel = null;
        this.stream = new BufferedOutputStream(direct, 1 << 16);
    }

    /**
     * Starts writing {@code name}.
     *
     * @param context resolves a relative name
     * @param name the output file as the user named it
     * @return an open output; the caller closes it
     * @throws FileProblemException if the target is a directory or its directory cannot take a new file
     */
    public static AtomicOutput create(CliContext context, String name) {
        Path target = context.resolve(name).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileProblemException(name, "is a directory, expected an output file name", null);
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            Path shown = Path.of(name).getParent();
            throw new FileProblemException(name, "cannot write: directory " + (shown == null ? dir : shown)
                    + " does not exist", null);
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // a device or a pipe cannot be replaced by renaming (and /dev/null must never be): write through
            try {
                return new AtomicOutput(name, target, Files.newOutputStream(target, StandardOpenOption.WRITE));
            } catch (IOException e) {
                throw new FileProblemException(name, "cannot write: " + BlobFiles.reason(e), e);
            }
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            return new AtomicOutput(name, target, temp, FileChannel.open(temp, StandardOpenOption.WRITE));
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new FileProblemException(name, "cannot write: " + BlobFiles.reason(e), e);
        }
    }

    /** The stream to write to; buffered; do not close it, {@link #commit()} or {@link #close()} does. */
    public OutputStream stream() {
        return stream;
    }

    /**
     * Flushes, syncs and renames the temporary file over the target.
     *
     * @throws FileProblemException if any of that fails (the temporary file is then deleted)
     * @throws IllegalStateException if already committed or closed
     */
    public void commit() {
        if (done) {
            throw new IllegalStateException("output " + name + " already committed or closed");
        }
        done = true;
        if (channel == null) {
            try {
                stream.close();
            } catch (IOException e) {
                throw new FileProblemException(name, "cannot write: " + BlobFiles.reason(e), e);
            }
            return;
        }
        try {
            stream.flush();
            channel.force(true);
            channel.close();
            keepPermissions();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            closeQuietly();
            deleteQuietly(temp);
            throw new FileProblemException(name, "cannot write: " + BlobFiles.reason(e), e);
        }
    }

    /** A replaced file keeps its permissions; a new one gets rw-r--r-- instead of the temp file's rw-------. */
    private void keepPermissions() throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> perms = Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE;
        Files.setPosixFilePermissions(temp, perms);
    }

    /** Discards the output unless it was committed. Never throws. */
    @Override
    public void close() {
        if (!done) {
            done = true;
            closeQuietly();
            deleteQuietly(temp);
        }
    }

    private void closeQuietly() {
        try {
            if (channel == null) {
                stream.close();
                return;
            }
            channel.close();
        } catch (IOException ignored) {
            // the file is deleted next or already renamed; nothing else to do
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a leftover dot-file is harmless and named after its target
            }
        }
    }
}
