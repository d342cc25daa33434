package io.khotools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the Maven project version, which the build writes into {@code version.properties}
 * (resource filtering), so the same text appears in the jar and in tests run from classes.
 */
final class VersionProvider implements IVersionProvider {
    /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} if the resource is missing. */
    static String version() {
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"kho " + version()};
    }
}
