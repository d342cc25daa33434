package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
    @Test
    void commitReplacesTheTargetAndKeepsItsPermissions(@TempDir Path dir) throws IOException {
        CliContext ctx = new CliContext(dir, InputStream.nullInputStream());
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        try (AtomicOutput out = AtomicOutput.create(ctx, "out.txt")) {
            out.stream().write("new".getBytes());
            assertThat(Files.readString(target)).as("not replaced before commit").isEqualTo("old");
            out.commit();
        }
        assertThat(Files.readString(target)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-rw----");
        assertThat(names(dir)).containsExactly("out.txt");
    }

    @Test
    void aNewFileIsWorldReadable(@TempDir Path dir) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(new CliContext(dir, InputStream.nullInputStream()), "n.txt")) {
            out.stream().write('x');
            out.commit();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("n.txt")))).isEqualTo("rw-r--r--");
    }

    @Test
    void closeWithoutCommitLeavesNothing(@TempDir Path dir) throws IOException {
        try (AtomicOutput out = AtomicOutput.create(new CliContext(dir, InputStream.nullInputStream()), "out.txt")) {
            out.stream().write("partial".getBytes());
        }
        assertThat(names(dir)).isEmpty();
    }

    @Test
    void refusesADirectoryAsTarget(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("d"));
        assertThatThrownBy(() -> AtomicOutput.create(new CliContext(dir, InputStream.nullInputStream()), "d"))
                .isInstanceOfSatisfying(FileProblemException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("is a directory, expected an output file name"));
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** Regression: a rename over /dev/null would have replaced the device with a regular file. */
    @Test
    void writesThroughToDevicesInsteadOfReplacingThem() throws java.io.IOException {
        java.nio.file.Path devNull = java.nio.file.Path.of("/dev/null");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(devNull), "no /dev/null here");
        try (AtomicOutput out = AtomicOutput.create(CliContext.system(), "/dev/null")) {
            out.stream().write(new byte[] {1, 2, 3});
            out.commit();
        }
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.isRegularFile(devNull)).isFalse();
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.size(devNull)).isZero();
    }
}
