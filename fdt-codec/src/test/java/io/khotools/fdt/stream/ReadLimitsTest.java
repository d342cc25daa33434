package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.dts.FdtDumpPrinter;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.fdt.tree.FdtTree;
import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

/** The limits' defaults, and the size limit as every reader applies it (docs/limits.md). */
class ReadLimitsTest {
    @Test
    void defaultsAreFinite() {
        assertThat(ReadLimits.DEFAULT).isEqualTo(new ReadLimits(1000, 1 << 20, 1 << 22, 64L << 20));
        assertThat(new ReadLimits(5, 6, 7)).isEqualTo(new ReadLimits(5, 6, 7, ReadLimits.DEFAULT_MAX_TOTAL_SIZE));
        assertThat(ReadLimits.DEFAULT.withMaxTotalSize(100).maxTotalSize()).isEqualTo(100);
    }

    @Test
    void sizeBelowAHeaderIsRefused() {
        assertThatThrownBy(() -> ReadLimits.DEFAULT.withMaxTotalSize(FdtFormat.HEADER_SIZE_V1 - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blobOverTheSizeLimitIsLimitAtTheTotalsizeField() {
        ByteBuf blob = TestData.buffer("fdt/valid/basic.dtb");
        try {
            int total = blob.readableBytes();
            ReadLimits tight = ReadLimits.DEFAULT.withMaxTotalSize(total - 1);
            for (Runnable read : new Runnable[] {
                () -> FdtReader.open(blob, tight, ReadMode.STRICT),
                () -> FdtTree.read(blob, tight, ReadMode.LENIENT),
                () -> FdtIndex.build(blob, tight, ReadMode.STRICT),
                () -> {
                    try {
                        FdtDumpPrinter.print(blob, new StringBuilder(), tight);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }}) {
                assertThatThrownBy(read::run).isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.error()).isEqualTo(FdtError.LIMIT);
                    assertThat(e.offset()).isEqualTo(FdtFormat.OFF_TOTALSIZE);
                });
            }
            assertThat(FdtTree.read(blob, ReadLimits.DEFAULT.withMaxTotalSize(total), ReadMode.STRICT).root().name())
                    .isEmpty();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }
}
