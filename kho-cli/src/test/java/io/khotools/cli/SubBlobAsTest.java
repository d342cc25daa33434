package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --as} on every lone sub-blob fixture in testdata/kho ({@code <case>.<type>.bin|dtb}, the type in
 * kebab case): {@code kho validate --as TYPE} prints exactly the fixture's {@code .expected.txt} findings
 * (none for valid ones), and {@code kho dump --format kho|json --as TYPE} decodes every valid one.
 */
class SubBlobAsTest {
    /** Fixture kinds that are not sub-blobs: the root FDT, the scratch array, debugfs images. */
    private static final List<String> NOT_SUB_BLOBS = List.of("root", "scratch", "image");

    private static String type(Path fixture) {
        String name = fixture.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        return stem.substring(stem.lastIndexOf('.') + 1);
    }

    private static List<Path> fixtures(String dir) {
        return java.util.stream.Stream.concat(TestData.list(dir, ".bin").stream(), TestData.list(dir, ".dtb").stream())
                .filter(p -> !NOT_SUB_BLOBS.contains(type(p)))
                .toList();
    }

    @Test
    void validateAsTypePrintsTheFixtureFindings() throws IOException {
        int checked = 0;
        for (String dir : List.of("kho/valid", "kho/invalid")) {
            for (Path f : fixtures(dir)) {
                String rel = TestData.root().relativize(f).toString();
                assertThat(SubBlobInputs.type(type(f))).as(rel).isNotNull();
                CliRun run = CliRun.run("validate", "-q", "--as", type(f), rel);
                Path expected = f.resolveSibling(f.getFileName() + ".expected.txt");
                String want = dir.endsWith("valid") && !dir.endsWith("invalid") ? ""
                        : Files.readString(expected, StandardCharsets.UTF_8);
                assertThat(run.out()).as(rel).isEqualTo(want);
                assertThat(run.exit()).as(rel).isEqualTo(want.startsWith("error") || want.contains("\nerror")
                        ? ExitCodes.FINDINGS : ExitCodes.OK);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    @Test
    void dumpAsTypeDecodesEveryValidFixture() {
        int decoded = 0;
        for (Path f : fixtures("kho/valid")) {
            String rel = TestData.root().relativize(f).toString();
            for (String format : List.of("kho", "json")) {
                CliRun run = CliRun.run("dump", "--format", format, "--as", type(f), rel);
                assertThat(run.exit()).as(rel + " " + run.err()).isZero();
                String kind = SubBlobInputs.type(type(f)).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                assertThat(run.out()).as(rel).contains(format.equals("kho")
                        ? "type: " + kind + "\n" : "\"type\": \"" + kind + "\"");
                assertThat(run.out()).as(rel).contains(format.equals("kho") ? "\ndecoded:" : "\"decoded\": ");
                decoded++;
            }
        }
        assertThat(decoded).isGreaterThan(30);
    }

    @Test
    void subFdtsFolderImpliesTheType() {
        CliRun run = CliRun.run("dump", "--format", "kho", "kho/valid/kho-v4.image/sub_fdts/kexec-metadata");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("blob: kexec-metadata\ntype: kexec-metadata\n");
        // the FDT formats still print a sub-FDT as it is
        CliRun dts = CliRun.run("dump", "kho/valid/kho-v4.image/sub_fdts/memblock");
        assertThat(dts.exit()).isZero();
        assertThat(dts.out()).startsWith("/dts-v1/;");
    }
}
