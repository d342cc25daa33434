package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.testsupport.DtcFlags;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: every golden {@code testdata/fdt/valid/x.dtb} (made by dtc from {@code x.dts} with the flags on
 * its first line) comes back byte-identical when read and written again in the dtc layout with the same
 * options.
 */
class DtcGoldenTest {

    static Stream<Path> goldens() {
        return TestData.list("fdt/valid", ".dts").stream();
    }

    @Test
    void everyGoldenSourceHasItsBlob() {
        List<Path> sources = goldens().toList();
        assertThat(sources).hasSizeGreaterThanOrEqualTo(19);
        for (Path dts : sources) {
            assertThat(sibling(dts, ".dtb")).as("run testdata/regen.sh").exists();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void copyInDtcLayoutIsByteIdentical(Path dts) throws Exception {
        List<String> flags = DtcFlags.of(dts);
        WriteOptions options = DtcFlags.toOptions(flags);
        byte[] expected = Files.readAllBytes(sibling(dts, ".dtb"));
        ByteBuf source = PooledByteBufAllocator.DEFAULT.directBuffer(expected.length).writeBytes(expected);
        ByteBuf copy = null;
        try {
            FdtHeader header = FdtHeader.readChecked(source);
            if (options.bootCpuId().isPresent()) {
                assertThat(header.bootCpuidPhys()).isEqualTo(options.bootCpuId().getAsInt());
            }
            copy = FdtCopier.copy(source, PooledByteBufAllocator.DEFAULT, options);
            assertThat(ByteBufUtil.hexDump(copy)).as("%s with dtc flags %s", dts.getFileName(), flags)
                    .isEqualTo(ByteBufUtil.hexDump(expected));
            assertThat(source.refCnt()).isEqualTo(1);
            assertThat(source.readerIndex()).isZero();
        } finally {
            assertThat(source.release()).isTrue();
            if (copy != null) {
                assertThat(copy.release()).isTrue();
            }
        }
    }

    private static Path sibling(Path dts, String suffix) {
        String name = dts.getFileName().toString();
        return dts.resolveSibling(name.substring(0, name.length() - ".dts".length()) + suffix);
    }
}
