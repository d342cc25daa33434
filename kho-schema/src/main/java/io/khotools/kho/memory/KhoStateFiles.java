package io.khotools.kho.memory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A handover state as a directory: {@code root.dtb}, optional {@code scratch.bin} (the raw scratch array) and
 * {@code mem/<16 hex digits>.bin} files, each a raw memory segment at that physical address (the test
 * fixtures' format). Segments must be page-aligned and whole pages.
 */
public final class KhoStateFiles {
    /** Largest segment file read (64 MiB): fixtures are small, and memory images have their own readers. */
    public static final long MAX_SEGMENT = 64L << 20;
    private static final Pattern SEGMENT = Pattern.compile("([0-9a-f]{16})\\.bin");

    private KhoStateFiles() {
    }

    /**
     * Reads a state directory into a {@link SparseMemory} of {@code 1 << pageShift}-byte pages.
     *
     * @throws IOException if a file cannot be read, a segment is misaligned, too large or not whole pages
     */
    public static KhoState read(Path dir, int pageShift) throws IOException {
        byte[] root = Files.readAllBytes(dir.resolve("root.dtb"));
        Path s = dir.resolve("scratch.bin");
        byte[] scratch = Files.exists(s) ? Files.readAllBytes(s) : null;
        SparseMemory m = new SparseMemory(pageShift);
        Path mem = dir.resolve("mem");
        if (Files.isDirectory(mem)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(mem)) {
                for (Path p : ds) {
                    Matcher x = SEGMENT.matcher(p.getFileName().toString());
                    if (!x.matches()) {
                        throw new IOException("not a segment file name: " + p);
                    }
                    long at = Long.parseUnsignedLong(x.group(1), 16);
                    long size = Files.size(p);
                    long mask = (1L << pageShift) - 1;
                    if (size > MAX_SEGMENT || (at & mask) != 0 || (size & mask) != 0) {
                        throw new IOException("segment not whole aligned pages or too large: " + p);
                    }
                    m.write(at, Files.readAllBytes(p));
                }
            }
        }
        return new KhoState(root, scratch, m);
    }

    /** Writes a state whose memory is a {@link SparseMemory}: one file per run of consecutive pages. */
    public static void write(byte[] root, byte[] scratch, SparseMemory memory, Path dir) throws IOException {
        Files.createDirectories(dir.resolve("mem"));
        Files.write(dir.resolve("root.dtb"), root);
        if (scratch != null) {
            Files.write(dir.resolve("scratch.bin"), scratch);
        }
        for (PhysRange r : memory.segments()) {
            byte[] b = new byte[Math.toIntExact(r.size())];
            memory.read(r.start(), b, 0, b.length);
            Files.write(dir.resolve("mem").resolve(String.format("%016x.bin", r.start())), b);
        }
    }
}
