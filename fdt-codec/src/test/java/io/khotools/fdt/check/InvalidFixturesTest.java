package io.khotools.fdt.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestBlobs;
import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The invalid fixtures in {@code testdata/fdt/invalid/}: each {@code <rule-id>--<case>.dtb} equals what its
 * {@link TestBlobs} mutation produces, triggers its rule, and validates to exactly the lines of its
 * {@code .expected.txt}. With {@code -Dgolden.update=true} the files are rewritten instead (review the diff).
 */
class InvalidFixturesTest {
    private static final String DIR = "fdt/invalid";
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> everyCaseMatchesItsCheckedInFiles() {
        return TestBlobs.invalidCases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            byte[] blob = c.build();
            Path dtb = TestData.path(DIR).resolve(c.name() + ".dtb");
            Path expected = TestData.path(DIR).resolve(c.name() + ".expected.txt");
            List<String> lines = Validator.defaults().validate(blob).lines();
            if (UPDATE) {
                Files.write(dtb, blob);
                Files.write(expected, lines, StandardCharsets.UTF_8);
            }
            assertThat(Files.readAllBytes(dtb)).as("checked-in %s equals the mutation's output", dtb.getFileName())
                    .isEqualTo(blob);
            assertThat(lines).as("validation of %s", c.name()).isEqualTo(Files.readAllLines(expected, StandardCharsets.UTF_8));
            assertThat(lines).as("%s triggers its rule", c.name())
                    .anySatisfy(l -> assertThat(l.split(" ")[1]).isEqualTo(c.ruleId()));
        }));
    }

    @Test
    void everyCatalogueRuleHasAFixtureAndEveryFixtureACase() throws IOException {
        Set<String> fixtureRules = new TreeSet<>();
        Set<String> fixtureNames = new TreeSet<>();
        for (Path p : TestData.list(DIR, ".dtb")) {
            String name = p.getFileName().toString().replaceFirst("\\.dtb$", "");
            assertThat(name).contains("--");
            fixtureNames.add(name);
            fixtureRules.add(name.substring(0, name.indexOf("--")));
            assertThat(p.resolveSibling(name + ".expected.txt")).exists();
        }
        List<String> required = new ArrayList<>();
        for (RuleInfo r : FdtRules.all()) {
            if (!r.meta()) {
                required.add(r.id());
            }
        }
        assertThat(fixtureRules).containsAll(required);
        assertThat(required).containsAll(fixtureRules);
        assertThat(fixtureNames).containsExactlyInAnyOrderElementsOf(
                TestBlobs.invalidCases().stream().map(TestBlobs.Case::name).toList());
    }

    @TestFactory
    Stream<DynamicTest> everyValidGoldenHasNoErrorsOrWarnings() {
        return TestData.list("fdt/valid", ".dtb").stream().map(p -> DynamicTest.dynamicTest(
                p.getFileName().toString(), () -> {
                    Report r = Validator.defaults().validate(Files.readAllBytes(p));
                    assertThat(r.errors()).isEmpty();
                    assertThat(r.warnings()).isEmpty();
                }));
    }
}
