package io.khotools.kho;

import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a debugfs KHO directory ({@code /sys/kernel/debug/kho/out} or {@code in}, or a copy): {@code fdt},
 * {@code sub_fdts/<name>}, and when present {@code scratch_phys}/{@code scratch_len} (kho-format.md §6).
 * Nothing there exposes the memory map; {@link KhoTree#pointers()} lists what would need memory. A root
 * {@code fdt} shorter than its totalsize (normal for {@code out/fdt} on liveupdate-era kernels) is read as is;
 * {@link io.khotools.kho.check.KhoValidator#validateRoot} reports it as {@code kho.root.truncated}.
 */
public final class KhoDebugfs {
    /** Root FDT file name. */
    public static final String FDT = "fdt";
    /** Directory of subtree blobs. */
    public static final String SUB_FDTS = "sub_fdts";
    /** Scratch addresses. */
    public static final String SCRATCH_PHYS = "scratch_phys";
    /** Scratch sizes. */
    public static final String SCRATCH_LEN = "scratch_len";
    /** Largest file read (debugfs blobs are at most a few pages). */
    public static final long MAX_FILE = 16L << 20;

    private KhoDebugfs() {
    }

    /**
     * Reads the directory into an image: sub-blobs in file-name order, scratch encoded in {@code options}'
     * byte order when both text files exist.
     *
     * @throws IOException if {@code fdt} is missing or a file is unreadable or larger than {@link #MAX_FILE}
     * @throws IllegalArgumentException if the scratch text files are malformed
     */
    public static KhoImage read(Path dir, KhoOptions options) throws IOException {
        byte[] root = readSmall(dir.resolve(FDT));
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        Path subs = dir.resolve(SUB_FDTS);
        if (Files.isDirectory(subs)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(subs)) {
                ds.forEach(files::add);
            }
            files.sort(null);
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    blobs.put(f.getFileName().toString(), readSmall(f));
                }
            }
        }
        byte[] scratch = null;
        Path phys = dir.resolve(SCRATCH_PHYS);
        Path len = dir.resolve(SCRATCH_LEN);
        if (Files.isRegularFile(phys) && Files.isRegularFile(len)) {
            List<ScratchArea> areas = ScratchCodec.fromDebugfs(
                    new String(readSmall(phys), StandardCharsets.US_ASCII),
                    new String(readSmall(len), StandardCharsets.US_ASCII));
            scratch = ScratchCodec.encode(areas, options.byteOrder());
        }
        return new KhoImage(root, blobs, scratch);
    }

    /** Writes an image in the debugfs layout (scratch decoded with {@code options}' byte order). */
    public static void write(KhoImage image, Path dir, KhoOptions options) throws IOException {
        Files.createDirectories(dir.resolve(SUB_FDTS));
        Files.write(dir.resolve(FDT), image.root());
        for (String name : image.blobNames()) {
            Files.write(dir.resolve(SUB_FDTS).resolve(name), image.blob(name));
        }
        byte[] s = image.scratch();
        if (s != null) {
            List<ScratchArea> areas = ScratchCodec.decode(s, options.byteOrder());
            Files.writeString(dir.resolve(SCRATCH_PHYS), ScratchCodec.toDebugfs(areas, false), StandardCharsets.US_ASCII);
            Files.writeString(dir.resolve(SCRATCH_LEN), ScratchCodec.toDebugfs(areas, true), StandardCharsets.US_ASCII);
        }
    }

    private static byte[] readSmall(Path f) throws IOException {
        long size = Files.size(f);
        if (size > MAX_FILE) {
            throw new IOException(f + ": " + size + " bytes, more than a KHO blob can be");
        }
        return Files.readAllBytes(f);
    }
}
