package io.khotools.fdt.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the shared {@code testdata/} folder through the {@code testdata.dir} system property. */
public final class TestData {
    private TestData() {}

    /** The testdata root; Surefire sets {@code testdata.dir}, IDE runs fall back to walking up from the cwd. */
    public static Path root() {
        String dir = System.getProperty("testdata.dir");
        if (dir != null && !dir.isEmpty() && Files.isDirectory(Path.of(dir))) {
            return Path.of(dir);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/fdt"))) {
                return p.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata folder not found; set -Dtestdata.dir");
    }

    /** A path below the testdata root. */
    public static Path path(String relative) {
        return root().resolve(relative);
    }

    /** The file's bytes. */
    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as an unpooled heap buffer; the caller owns it. */
    public static ByteBuf buffer(String relative) {
        return Unpooled.wrappedBuffer(bytes(relative));
    }

    /** Files below {@code relative} whose names end in {@code suffix}, sorted. */
    public static List<Path> list(String relative, String suffix) {
        try (Stream<Path> s = Files.walk(path(relative))) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
