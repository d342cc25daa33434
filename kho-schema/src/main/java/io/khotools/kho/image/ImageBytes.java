package io.khotools.kho.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * The bytes of an image file: a borrowed byte array, or a read-only memory mapping of a file cut into windows of
 * at most {@link #WINDOW} bytes (one {@code MappedByteBuffer} cannot pass 2 GiB). A mapping outlives the channel
 * that made it, so nothing needs closing. Reads use absolute gets and never move a buffer's position, so one
 * instance may be shared by threads.
 */
final class ImageBytes {
    /** Bytes per mapped window: 1 GiB. */
    static final long WINDOW = 1L << 30;
    private final byte[] array;
    private final ByteBuffer[] windows;
    private final long length;

    private ImageBytes(byte[] array, ByteBuffer[] windows, long length) {
        this.array = array;
        this.windows = windows;
        this.length = length;
    }

    /** Borrows {@code bytes} (not copied; later writes show through). */
    static ImageBytes of(byte[] bytes) {
        return new ImageBytes(Objects.requireNonNull(bytes, "bytes"), null, bytes.length);
    }

    /** Maps {@code file} read-only. */
    static ImageBytes map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) ((size + WINDOW - 1) / WINDOW);
            ByteBuffer[] w = new ByteBuffer[n];
            for (int i = 0; i < n; i++) {
                long at = i * WINDOW;
                MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, at, Math.min(WINDOW, size - at));
                w[i] = m;
            }
            return new ImageBytes(null, w, size);
        }
    }

    long length() {
        return length;
    }

    /** Copies {@code len} bytes at file offset {@code at}; the caller has bounded {@code at + len} by {@link #length}. */
    void read(long at, byte[] dst, int off, int len) {
        if (at < 0 || len < 0 || at > length - len) {
            throw new IndexOutOfBoundsException("file range 0x" + Long.toHexString(at) + "+" + len + " past 0x"
                    + Long.toHexString(length));
        }
        if (array != null) {
            System.arraycopy(array, (int) at, dst, off, len);
            return;
        }
        int done = 0;
        while (done < len) {
            long a = at + done;
            ByteBuffer w = windows[(int) (a / WINDOW)];
            int in = (int) (a % WINDOW);
            int n = Math.min(len - done, w.capacity() - in);
            w.get(in, dst, off + done, n);
            done += n;
        }
    }
}
