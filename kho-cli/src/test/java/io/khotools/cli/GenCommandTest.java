package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Validator;
import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.gen.FdtMutators;
import io.khotools.kho.gen.KhoMutationTarget;
import io.khotools.kho.gen.KhoMutators;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kho gen}: same options, same bytes; every kind readable by the other commands; every {@code --invalid}
 * item reported by {@code kho validate} with the rule its manifest line names.
 */
class GenCommandTest {
    @TempDir
    Path tmp;

    private CliRun kho(String... args) {
        return CliRun.run(tmp, new ByteArrayInputStream(new byte[0]), args);
    }

    /** Every file under {@code dir} (relative name → bytes), the manifest included. */
    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return m;
    }

    /** Manifest lines of a run's standard output, split into their six columns. */
    private static List<String[]> manifest(CliRun run) {
        return run.out().lines().map(l -> l.split("\t")).toList();
    }

    @Test
    void sameSeedSameBytesForEveryKind() throws IOException {
        for (String kind : List.of("fdt", "dts", "kho", "image")) {
            CliRun a = kho("gen", "--seed", "42", "--count", "4", "--kind", kind, "--out", "a-" + kind);
            CliRun b = kho("gen", "--seed", "42", "--count", "4", "--kind", kind, "--out", "b-" + kind);
            assertThat(a.exit()).as(kind + ": " + a.err()).isZero();
            assertThat(a.out()).isEqualTo(b.out());
            Map<String, byte[]> fa = files(tmp.resolve("a-" + kind));
            Map<String, byte[]> fb = files(tmp.resolve("b-" + kind));
            assertThat(fa.keySet()).isEqualTo(fb.keySet()).contains("manifest.tsv");
            fa.forEach((name, bytes) -> assertThat(fb.get(name)).as(kind + " " + name).isEqualTo(bytes));
            // no temporary file or directory left behind
            assertThat(fa.keySet()).noneMatch(n -> n.startsWith(".") || n.contains("/."));
        }
        CliRun other = kho("gen", "--seed", "43", "--count", "4", "--out", "c");
        assertThat(files(tmp.resolve("c")).get("fdt-0000.dtb")).isNotEqualTo(files(tmp.resolve("a-fdt")).get("fdt-0000.dtb"));
        assertThat(other.exit()).isZero();
    }

    @Test
    void itemsDoNotDependOnTheCountOrTheFirstItem() throws IOException {
        assertThat(kho("gen", "--seed", "0x7", "--count", "6", "--out", "whole").exit()).isZero();
        assertThat(kho("gen", "--seed", "7", "--count", "2", "--first", "4", "--out", "tail").exit()).isZero();
        Map<String, byte[]> whole = files(tmp.resolve("whole"));
        Map<String, byte[]> tail = files(tmp.resolve("tail"));
        assertThat(tail.keySet()).containsExactlyInAnyOrder("fdt-0004.dtb", "fdt-0005.dtb", "manifest.tsv");
        assertThat(tail.get("fdt-0004.dtb")).isEqualTo(whole.get("fdt-0004.dtb"));
        assertThat(tail.get("fdt-0005.dtb")).isEqualTo(whole.get("fdt-0005.dtb"));
    }

    @Test
    void validItemsValidateCleanAndDtsCompiles() throws IOException {
        CliRun fdt = kho("gen", "--seed", "1", "--count", "5", "--out", "f");
        for (String[] line : manifest(fdt)) {
            assertThat(Validator.defaults().validate(Files.readAllBytes(tmp.resolve("f").resolve(line[0])))
                    .errors()).as(line[0]).isEmpty();
        }
        CliRun dts = kho("gen", "--seed", "1", "--count", "3", "--kind", "dts", "--out", "d");
        for (String[] line : manifest(dts)) {
            String source = Files.readString(tmp.resolve("d").resolve(line[0]), StandardCharsets.UTF_8);
            assertThat(DtsCompiler.compile(source, line[0], CompileOptions.defaults()).root().children())
                    .as(line[0]).isNotNull();
        }
        // every generation, as a debugfs directory and as an image: kho validate finds nothing wrong
        for (String kind : List.of("kho", "image")) {
            CliRun run = kho("gen", "--seed", "1", "--count", "6", "--kind", kind, "--out", kind);
            List<String[]> lines = manifest(run);
            assertThat(lines).extracting(l -> l[3]).containsExactly("kho-v1-512", "kho-v1", "kho-v2", "kho-v3",
                    "kho-v4", "kho-v4-vmalloc");
            for (String[] line : lines) {
                CliRun v = validate(kind + "/" + line[0], line[3]);
                assertThat(v.exit()).as(line[0] + ": " + v.out() + v.err()).isZero();
                assertThat(v.out()).as(line[0]).doesNotContain("error ");
            }
        }
    }

    @Test
    void everyInvalidFdtItemBreaksItsRule() {
        int n = FdtMutators.all().size();
        CliRun run = kho("gen", "--seed", "3", "--count", String.valueOf(n), "--invalid", "--out", "bad");
        assertThat(run.exit()).as(run.err()).isZero();
        List<String> rules = new ArrayList<>();
        for (String[] line : manifest(run)) {
            assertThat(line[0]).isEqualTo(String.format("fdt-%04d.%s.dtb", Integer.parseInt(line[0].substring(4, 8)),
                    line[4]));
            CliRun v = kho("validate", "bad/" + line[0]);
            assertThat(v.out()).as(line[0]).contains(" " + line[5] + " ");
            rules.add(line[5]);
        }
        // consecutive items use different mutations: one corpus of that size reaches every mutator's rule
        assertThat(rules).containsAll(FdtMutators.all().stream().map(m -> m.ruleId()).distinct().toList());
    }

    @Test
    void everyInvalidKhoDirectoryAndImageBreaksItsRule() {
        long dirMutators = KhoMutators.all().stream()
                .filter(m -> m.target() != KhoMutationTarget.STATE && m.target() != KhoMutationTarget.MODEL).count();
        int memoryMutators = KhoMutators.stateMutators().size() + KhoMutators.modelMutators().size();
        for (String kind : List.of("kho", "image")) {
            int count = kind.equals("kho") ? (int) dirMutators : 2 * memoryMutators;
            CliRun run = kho("gen", "--seed", "5", "--count", String.valueOf(count), "--kind", kind, "--invalid",
                    "--out", kind);
            assertThat(run.exit()).as(run.err()).isZero();
            for (String[] line : manifest(run)) {
                CliRun v = validate(kind + "/" + line[0], line[3]);
                assertThat(v.out()).as(line[0] + "\n" + v.err()).contains(" " + line[5] + " ");
            }
        }
    }

    @Test
    void ruleNarrowsTheMutations() {
        CliRun run = kho("gen", "--seed", "2", "--count", "4", "--invalid", "--rule", "fdt.header.magic", "--out", "m");
        assertThat(run.exit()).isZero();
        assertThat(manifest(run)).extracting(l -> l[5]).containsOnly("fdt.header.magic");
    }

    @Test
    void usageErrorsSayWhatIsWrong() throws IOException {
        assertThat(kho("gen", "--seed", "1", "--out", "x", "--kind", "dts", "--invalid").err())
                .contains("--invalid needs --kind fdt, kho or image");
        assertThat(kho("gen", "--seed", "1", "--out", "x", "--rule", "fdt.header.magic").err())
                .contains("--rule needs --invalid");
        assertThat(kho("gen", "--seed", "1", "--out", "x", "--invalid", "--rule", "no.such.rule").err())
                .contains("no mutation of a fdt item breaks rule 'no.such.rule'");
        assertThat(kho("gen", "--seed", "1", "--out", "x", "--count", "0").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(kho("gen", "--seed", "1", "--out", "x", "--generation", "kho-v9", "--kind", "kho").err())
                .contains("kho-v1-512, kho-v1, kho-v2, kho-v3, kho-v4, kho-v4-vmalloc");
        assertThat(kho("gen", "--out", "x").exit()).isEqualTo(ExitCodes.USAGE);
        Files.writeString(tmp.resolve("file"), "not a directory");
        CliRun notDir = kho("gen", "--seed", "1", "--out", "file");
        assertThat(notDir.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(notDir.err()).isEqualTo("kho: file: is not a directory (--out names the directory to write into)\n");
        assertThat(Files.readString(tmp.resolve("file"))).isEqualTo("not a directory");
    }

    private CliRun validate(String path, String generation) {
        return generation.equals("kho-v1-512") ? kho("validate", "--v1-bitmap", "512", path) : kho("validate", path);
    }
}
