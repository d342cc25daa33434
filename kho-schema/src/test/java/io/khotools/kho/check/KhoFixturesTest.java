package io.khotools.kho.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.RuleInfo;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoDebugfs;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * testdata/kho/{valid,invalid}: the files equal what {@link KhoFixtures} generates
 * ({@code -Dgolden.update=true} rewrites them and the {@code .expected.txt} findings), valid ones validate
 * clean, invalid ones give exactly their expected lines including their rule, and every rule has a failing
 * fixture whose kind also has a passing one.
 */
class KhoFixturesTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Report validate(Path p) {
        String name = p.getFileName().toString();
        KhoValidator v = KhoValidator.of(KhoOptions.DEFAULT);
        try {
            if (name.endsWith(".image")) {
                return v.validateImage(KhoDebugfs.read(p, KhoOptions.DEFAULT));
            }
            byte[] b = Files.readAllBytes(p);
            String kind = kind(name);
            return switch (kind) {
                case "root" -> v.validateRoot(b);
                case "scratch" -> v.validateScratch(b);
                default -> v.validateBlob(SubBlobType.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_')), b);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The kind part of {@code <case>.<kind>.<ext>}. */
    static String kind(String name) {
        if (name.endsWith(".image")) {
            return "image";
        }
        if (name.endsWith(".state")) {
            return "state"; // testdata/kho/memory: whole states with physical memory (io.khotools.kho.memory)
        }
        String stem = name.substring(0, name.lastIndexOf('.'));
        return stem.substring(stem.lastIndexOf('.') + 1);
    }

    private static void sync(String dir, KhoFixtures.Case c) throws IOException {
        Path p = TestData.root().resolve("kho").resolve(dir).resolve(c.file());
        if (c.image() != null) {
            if (UPDATE) {
                KhoDebugfs.write(c.image(), p, KhoOptions.DEFAULT);
            }
            assertThat(KhoDebugfs.read(p, KhoOptions.DEFAULT)).as(c.file()).isEqualTo(c.image());
        } else {
            if (UPDATE) {
                Files.createDirectories(p.getParent());
                Files.write(p, c.bytes());
            }
            assertThat(Files.readAllBytes(p)).as(c.file()).isEqualTo(c.bytes());
        }
    }

    @Test
    void validFixturesMatchTheirGeneratorAndValidateClean() throws IOException {
        for (KhoFixtures.Case c : KhoFixtures.valid()) {
            sync("valid", c);
            Path p = TestData.root().resolve("kho/valid").resolve(c.file());
            assertThat(validate(p).lines()).as(c.file()).isEmpty();
        }
        // the pylibfdt roots too
        for (Path p : TestData.list("kho/valid", ".root.dtb")) {
            assertThat(validate(p).lines()).as(p.toString()).isEmpty();
        }
    }

    @Test
    void invalidFixturesGiveExactlyTheirExpectedFindings() throws IOException {
        for (KhoFixtures.Case c : KhoFixtures.invalid()) {
            sync("invalid", c);
            Path p = TestData.root().resolve("kho/invalid").resolve(c.file());
            String rule = c.file().substring(0, c.file().indexOf("--"));
            Report r = validate(p);
            assertThat(r.diagnostics()).as(c.file()).extracting(d -> d.ruleId()).contains(rule);
            Path expected = TestData.root().resolve("kho/invalid").resolve(c.file() + ".expected.txt");
            String text = String.join("\n", r.lines()) + "\n";
            if (UPDATE) {
                Files.writeString(expected, text, StandardCharsets.UTF_8);
            }
            assertThat(Files.readString(expected, StandardCharsets.UTF_8)).as(c.file()).isEqualTo(text);
        }
    }

    @Test
    void everyRuleHasAFailingFixtureAndItsKindAPassingOne() throws IOException {
        List<String> invalid = names("invalid");
        Set<String> validKinds = new HashSet<>();
        for (String v : names("valid")) {
            validKinds.add(kind(v));
        }
        List<String> missing = new ArrayList<>();
        for (RuleInfo r : KhoRules.all()) {
            List<String> files = invalid.stream().filter(f -> f.startsWith(r.id() + "--")).toList();
            if (files.isEmpty() || files.stream().noneMatch(f -> validKinds.contains(kind(f)))) {
                missing.add(r.id());
            }
        }
        assertThat(missing).as("rules without a failing fixture or a passing counterpart").isEmpty();
        // and no fixture names a rule that does not exist
        assertThat(invalid.stream().filter(f -> !f.endsWith(".expected.txt"))
                .map(f -> f.substring(0, f.indexOf("--"))).filter(id -> KhoRules.info(id) == null)).isEmpty();
    }

    private static List<String> names(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path base : List.of(TestData.root().resolve("kho").resolve(dir), TestData.root().resolve("kho/memory").resolve(dir))) {
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> s = Files.list(base)) {
                s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".expected.txt")).forEach(out::add);
            }
        }
        return out.stream().sorted().toList();
    }
}
