package io.khotools.fdt.oracle;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the libfdt the oracle runs on, read from the shared object's file name (Debian installs
 * {@code libfdt-1.6.1.so}; {@code libfdt.so.1} links to it). Several documented differences exist only before
 * a given release, so their focused tests expect libfdt's old or new behaviour by version.
 *
 * @param major major version, or -1 when the file name does not say
 * @param minor minor version, or -1
 * @param path the library file the oracle reported
 */
record LibfdtVersion(int major, int minor, String path) {
    private static final Pattern NAME = Pattern.compile("libfdt-(\\d+)\\.(\\d+)(?:\\.\\d+)*\\.so$");

    /** Parses the oracle's library path. */
    static LibfdtVersion of(String path) {
        Matcher m = NAME.matcher(path);
        return m.find() ? new LibfdtVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), path)
                : new LibfdtVersion(-1, -1, path);
    }

    /** True if the version is known. */
    boolean known() {
        return major >= 0;
    }

    /** True if the version is at least {@code major.minor}. */
    boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    @Override
    public String toString() {
        return known() ? major + "." + minor + " (" + path + ")" : "unknown (" + path + ")";
    }
}
