package io.khotools.fdt.dts.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.testsupport.DtcRunner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Differential property: random source from dtc's grammar ({@link RandomSource}) compiles to exactly dtc's
 * bytes with the same flags, and when the installed dtc refuses a source our compiler throws
 * {@link DtsException}. Skipped, with a message, where dtc is not installed.
 */
class DtsCompilerDtcPropertiesTest {
    private static Path dir;
    private static int accepted;
    private static int refused;

    @BeforeContainer
    static void scratch() throws IOException {
        dir = Files.createTempDirectory("dtsc-prop");
        if (DtcRunner.version() == null) {
            System.err.println("DtsCompilerDtcPropertiesTest: dtc not installed, every try is skipped");
        }
    }

    @AfterContainer
    static void cleanUp() throws IOException {
        System.err.println("DtsCompilerDtcPropertiesTest: dtc accepted " + accepted + ", refused " + refused);
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 250)
    void compilesLikeDtc(@ForAll long seed) {
        Assume.that(DtcRunner.version() != null);
        RandomSource gen = new RandomSource(seed);
        String dts = gen.generate();
        byte[] expected = dtc(dts, gen.flags);
        CompileOptions options = CompileOptions.fromDtcFlags(gen.flags);
        if (expected == null) {
            refused++;
            assertThatThrownBy(() -> DtsCompiler.compile(dts, "random.dts", options))
                    .as("dtc refused this source (flags %s):%n%s", gen.flags, dts)
                    .isInstanceOf(DtsException.class);
            return;
        }
        accepted++;
        ByteBuf blob;
        try {
            blob = DtsCompiler.compileToBlob(dts, "random.dts", options, PooledByteBufAllocator.DEFAULT);
        } catch (DtsException e) {
            throw new AssertionError("dtc accepted but we refused (flags " + gen.flags + "):\n" + e.getMessage()
                    + "\n" + dts, e);
        }
        try {
            assertThat(ByteBufUtil.hexDump(blob)).as("flags %s, source:%n%s", gen.flags, dts)
                    .isEqualTo(ByteBufUtil.hexDump(expected));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    /** dtc's blob, or null if dtc refuses the source (written byte per char, as our compiler reads it). */
    private static byte[] dtc(String dts, List<String> flags) {
        return DtcRunner.run(dir, dts.getBytes(StandardCharsets.ISO_8859_1), flags).blob();
    }
}
