package io.khotools.fdt.dts.compile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * One source file's text. Bytes map one-to-one onto chars (ISO-8859-1), so strings and names keep their exact
 * bytes whatever the encoding; {@code dir} is where relative {@code /include/} and {@code /incbin/} names are
 * looked up first (null for a string source: only the include path is searched).
 */
record Source(String name, String text, Path dir) {

    static Source read(Path file, String shownName) throws IOException {
        byte[] data = Files.readAllBytes(file);
        Path parent = file.toAbsolutePath().getParent();
        return new Source(shownName, new String(data, StandardCharsets.ISO_8859_1), parent);
    }

    /**
     * Finds {@code name} as dtc does: absolute as is; otherwise next to the including file, then in each
     * include folder in order.
     *
     * @return the existing file, or null (also for a name no file can have, such as one holding a NUL byte)
     */
    static Path resolve(String name, Path dir, List<Path> includePaths) {
        Path p;
        try {
            p = Path.of(name);
        } catch (InvalidPathException e) {
            return null; // dtc's C string stops at the NUL: no such file either way
        }
        if (p.isAbsolute()) {
            return Files.isRegularFile(p) ? p : null;
        }
        if (dir != null && Files.isRegularFile(dir.resolve(p))) {
            return dir.resolve(p);
        }
        for (Path inc : includePaths) {
            if (Files.isRegularFile(inc.resolve(p))) {
                return inc.resolve(p);
            }
        }
        return null;
    }

    /** The name to show for a file found from {@code name} in {@code from}: dtc shows the joined path. */
    static String shownName(String name, Path found) {
        return Path.of(name).isAbsolute() ? name : found.toString();
    }
}
