package io.khotools.fdt.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.dts.compile.DtsException;
import io.khotools.fdt.testsupport.DtcRunner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated DTS compiles with our compiler and with dtc to the same bytes. */
class DtsGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameText() {
        DtsGenerator g = DtsGenerator.of(FdtGenOptions.defaults());
        for (long seed = 0; seed < 20; seed++) {
            assertThat(DtsGenerator.of(FdtGenOptions.defaults()).source(seed)).isEqualTo(g.source(seed));
        }
        assertThat(g.source(1)).isNotEqualTo(g.source(2)).startsWith("/dts-v1/;");
    }

    @Test
    void printsATenThousandLevelChainWithoutRecursion() {
        String dts = DtsGenerator.of(FdtGenOptions.defaults().withNodes(10_000, 10_000).withMaxDepth(10_000)
                .withChainPercent(100).withMaxProperties(1)).source(9);
        assertThat(dts.lines().filter(l -> l.endsWith(" {")).count()).isGreaterThanOrEqualTo(10_000);
        assertThat(dts.lines().filter(l -> l.strip().equals("};")).count()).isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void ourCompilerAcceptsEverySource() {
        DtsGenerator g = DtsGenerator.of(FdtGenOptions.defaults().withNodes(1, 80).withMaxDepth(8));
        for (long seed = 0; seed < 300; seed++) {
            String dts = g.source(seed);
            try {
                DtsCompiler.compile(dts, "gen.dts", CompileOptions.defaults());
            } catch (DtsException e) {
                throw new AssertionError(e.getMessage() + "\n" + dts, e);
            }
        }
    }

    @Test
    void compilesToDtcsBytes() throws IOException {
        Assumptions.assumeTrue(DtcRunner.version() != null, "dtc is not installed");
        int features = 0;
        for (FdtGenOptions o : List.of(FdtGenOptions.defaults(), FdtGenOptions.defaults().withNodes(20, 120)
                .withMaxDepth(10).withChainPercent(50), FdtGenOptions.defaults().withOnlyShapes(ValueShape.PHANDLE_REF,
                ValueShape.BYTES, ValueShape.STRING_LIST))) {
            DtsGenerator g = DtsGenerator.of(o);
            for (long seed = 0; seed < 40; seed++) {
                String dts = g.source(seed);
                features += dts.contains("/delete-node/ &") || dts.contains("<&") ? 1 : 0;
                byte[] expected = DtcRunner.compile(dir, dts, List.of());
                ByteBuf ours = DtsCompiler.compileToBlob(dts, "gen.dts", CompileOptions.defaults(),
                        PooledByteBufAllocator.DEFAULT);
                try {
                    assertThat(ByteBufUtil.hexDump(ours)).as("source:%n%s", dts).isEqualTo(ByteBufUtil.hexDump(expected));
                } finally {
                    assertThat(ours.release()).isTrue();
                }
            }
        }
        assertThat(features).isGreaterThan(50);
        Files.writeString(dir.resolve("done"), "ok", StandardCharsets.UTF_8);
    }
}
