package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobFilesTest {
    @Test
    void readsAWholeFileIntoAnOwnedBuffer(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("x.dtb"), new byte[] {1, 2, 3});
        ByteBuf buf = BlobFiles.read(new CliContext(dir, InputStream.nullInputStream(), io.netty.buffer.PooledByteBufAllocator.DEFAULT), "x.dtb");
        try {
            assertThat(buf.readableBytes()).isEqualTo(3);
            assertThat(buf.getByte(2)).isEqualTo((byte) 3);
            assertThat(buf.refCnt()).isEqualTo(1);
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    @Test
    void explainsEachUnusableFile(@TempDir Path dir) throws IOException {
        CliContext ctx = new CliContext(dir, InputStream.nullInputStream());
        Files.createFile(dir.resolve("empty.dtb"));
        Files.createDirectory(dir.resolve("sub"));
        assertThatThrownBy(() -> BlobFiles.read(ctx, "missing.dtb")).isInstanceOfSatisfying(FileProblemException.class,
                e -> assertThat(e.file() + ": " + e.getMessage()).isEqualTo("missing.dtb: no such file"));
        assertThatThrownBy(() -> BlobFiles.read(ctx, "sub")).isInstanceOfSatisfying(FileProblemException.class,
                e -> assertThat(e.getMessage()).isEqualTo("is a directory, expected a DTB file"));
        assertThatThrownBy(() -> BlobFiles.read(ctx, "empty.dtb")).isInstanceOfSatisfying(FileProblemException.class,
                e -> assertThat(e.getMessage()).isEqualTo("file is empty, expected a DTB"));
        assertThatThrownBy(() -> BlobFiles.read(ctx, "-")).isInstanceOfSatisfying(FileProblemException.class,
                e -> assertThat(e.file()).isEqualTo("<stdin>"));
    }
}
