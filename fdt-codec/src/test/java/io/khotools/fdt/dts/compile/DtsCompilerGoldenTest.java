package io.khotools.fdt.dts.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Acceptance: every compiler fixture {@code testdata/dts/x.dts} compiles to exactly the bytes of {@code x.dtb},
 * which testdata/dts/regen.sh made with dtc and the flags on the fixture's first line; every error fixture
 * (with an {@code x.expected-error.txt}) fails with exactly those messages, one {@code file:line:col: message}
 * a line ({@code -Dgolden.update=true} rewrites them instead: review the diff).
 */
class DtsCompilerGoldenTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<Path> valid() {
        return TestData.list("dts", ".dts").stream().filter(p -> !Files.exists(errorFile(p)));
    }

    static Stream<Path> invalid() {
        return TestData.list("dts", ".dts").stream().filter(p -> Files.exists(errorFile(p)));
    }

    private static Path errorFile(Path dts) {
        return sibling(dts, ".expected-error.txt");
    }

    private static Path sibling(Path dts, String suffix) {
        String name = dts.getFileName().toString();
        return dts.resolveSibling(name.substring(0, name.length() - ".dts".length()) + suffix);
    }

    static CompileOptions options(Path dts) throws IOException {
        String first = Files.readAllLines(dts, StandardCharsets.ISO_8859_1).get(0);
        if (!first.startsWith("// dtc-flags:")) {
            return CompileOptions.defaults();
        }
        String rest = first.substring("// dtc-flags:".length()).trim();
        return CompileOptions.fromDtcFlags(Arrays.asList(rest.split("\\s+")));
    }

    @Test
    void hasAtLeastFortyFixturesIncludingErrors() {
        assertThat(valid().count()).isGreaterThanOrEqualTo(40);
        assertThat(invalid().count()).isGreaterThanOrEqualTo(10);
        valid().forEach(p -> assertThat(sibling(p, ".dtb")).as("run testdata/dts/regen.sh").exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void compilesToDtcBytes(Path dts) throws IOException {
        byte[] expected = Files.readAllBytes(sibling(dts, ".dtb"));
        ByteBuf blob = DtsCompiler.compileToBlob(dts, options(dts), PooledByteBufAllocator.DEFAULT);
        try {
            byte[] actual = ByteBufUtil.getBytes(blob);
            assertThat(ByteBufUtil.hexDump(actual)).as(dts.getFileName().toString())
                    .isEqualTo(ByteBufUtil.hexDump(expected));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void reportsEveryError(Path dts) throws IOException {
        Path dir = dts.getParent();
        assertThatThrownBy(() -> DtsCompiler.compile(dts, options(dts)))
                .isInstanceOfSatisfying(DtsException.class, e -> {
                    String actual = e.diagnostics().stream()
                            .map(d -> new DtsDiagnostic(dir.relativize(Path.of(d.file())).toString(), d.line(),
                                    d.column(), d.message()).format())
                            .collect(Collectors.joining("\n", "", "\n"));
                    try {
                        if (UPDATE) {
                            Files.writeString(errorFile(dts), actual, StandardCharsets.UTF_8);
                        }
                        assertThat(actual).isEqualTo(Files.readString(errorFile(dts), StandardCharsets.UTF_8));
                    } catch (IOException io) {
                        throw new AssertionError(io);
                    }
                });
    }

    @Test
    void errorFixturesNameTheirFile() {
        for (Path dts : invalid().toList()) {
            List<String> lines;
            try {
                lines = Files.readAllLines(errorFile(dts));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(lines).as(dts.toString()).isNotEmpty();
        }
    }
}
