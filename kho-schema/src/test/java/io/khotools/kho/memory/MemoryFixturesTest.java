package io.khotools.kho.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Report;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * testdata/kho/memory/{valid,invalid}: the state directories equal what {@link MemoryFixtures} generates
 * ({@code -Dgolden.update=true} rewrites them and the {@code .expected.txt} findings), valid ones validate
 * clean, invalid ones give exactly their expected lines including their rule.
 */
class MemoryFixturesTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static KhoOptions options(String name) {
        return name.contains("v1-512") ? KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512) : KhoOptions.DEFAULT;
    }

    static Report validate(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        java.util.regex.Matcher chain = java.util.regex.Pattern.compile("max-chain-(\\d+)").matcher(name);
        WalkLimits limits = chain.find()
                ? WalkLimits.DEFAULT.withMaxChain(Integer.parseInt(chain.group(1))) : WalkLimits.DEFAULT;
        return KhoStateValidator.of(options(name), limits).validate(KhoStateFiles.read(dir, 12));
    }

    private static Path sync(String sub, String name, MemoryFixtures.Built b) throws IOException {
        Path dir = TestData.root().resolve("kho/memory").resolve(sub).resolve(name);
        byte[] scratch = MemoryFixtures.scratchBytes(b);
        if (UPDATE) {
            KhoStateFiles.write(b.root, scratch, b.mem, dir);
        }
        KhoState read = KhoStateFiles.read(dir, 12);
        assertThat(read.root()).as(name).isEqualTo(b.root);
        assertThat(read.scratch()).as(name).isEqualTo(scratch);
        assertThat(read.memory()).as(name).isEqualTo(b.mem);
        return dir;
    }

    @Test
    void validStatesMatchTheirGeneratorAndValidateClean() throws IOException {
        for (Map.Entry<String, MemoryFixtures.Built> e : MemoryFixtures.valid().entrySet()) {
            Path dir = sync("valid", e.getKey(), e.getValue());
            assertThat(validate(dir).lines()).as(e.getKey()).isEmpty();
        }
    }

    @Test
    void invalidStatesGiveExactlyTheirExpectedFindings() throws IOException {
        for (Map.Entry<String, MemoryFixtures.Built> e : MemoryFixtures.invalid().entrySet()) {
            String name = e.getKey();
            Path dir = sync("invalid", name, e.getValue());
            Report r = validate(dir);
            assertThat(r.diagnostics()).as(name).extracting(d -> d.ruleId()).contains(name.substring(0, name.indexOf("--")));
            Path expected = dir.resolveSibling(name + ".expected.txt");
            String text = String.join("\n", r.lines()) + "\n";
            if (UPDATE) {
                Files.writeString(expected, text, StandardCharsets.UTF_8);
            }
            assertThat(Files.readString(expected, StandardCharsets.UTF_8)).as(name).isEqualTo(text);
        }
    }
}
