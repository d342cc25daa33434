package io.khotools.fdt.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.FdtRules;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.RuleInfo;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@link FdtMutator}, over every valid golden and 120 generated blobs (both versions, all shapes) with
 * several seeds each, makes the validator report its rule; and the catalogue covers every FDT rule.
 */
class FdtMutatorsTest {
    private static final Map<String, byte[]> INPUTS = inputs();

    private static Map<String, byte[]> inputs() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try {
            for (Path p : TestData.list("fdt/valid", ".dtb")) {
                m.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FdtGenOptions[] opts = {FdtGenOptions.defaults(), FdtGenOptions.defaults().withVersion(16),
            FdtGenOptions.defaults().withNodes(1, 1), FdtGenOptions.defaults().withMaxProperties(0).withOnlyShapes(),
            FdtGenOptions.defaults().withNodes(20, 80).withMaxReservations(0)};
        for (int i = 0; i < opts.length; i++) {
            FdtGenerator g = FdtGenerator.of(opts[i]);
            for (long seed = 0; seed < 24; seed++) {
                m.put("gen" + i + "-" + seed, g.blob(seed));
            }
        }
        return m;
    }

    @TestFactory
    Stream<DynamicTest> everyMutatorTriggersItsRuleOnEveryInputItAppliesTo() {
        return FdtMutators.all().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            int applied = 0;
            for (Map.Entry<String, byte[]> in : INPUTS.entrySet()) {
                byte[] valid = in.getValue();
                if (!m.appliesTo(valid)) {
                    continue;
                }
                byte[] before = valid.clone();
                for (long seed = 0; seed < 6; seed++) {
                    byte[] broken = m.apply(valid, seed);
                    Report r = Validator.defaults().validate(broken);
                    assertThat(r.diagnostics()).as("%s on %s seed %d", m.name(), in.getKey(), seed)
                            .extracting(Diagnostic::ruleId).contains(m.ruleId());
                    assertThat(m.apply(valid, seed)).as("deterministic").isEqualTo(broken);
                    applied++;
                }
                assertThat(valid).as("input untouched").isEqualTo(before);
            }
            assertThat(applied).as("%s applies to some inputs", m.name()).isGreaterThanOrEqualTo(6 * 20);
        }));
    }

    @Test
    void everyRuleHasAMutatorOrAReasonWhyNot() {
        List<String> missing = new ArrayList<>();
        for (RuleInfo r : FdtRules.all()) {
            boolean covered = !FdtMutators.forRule(r.id()).isEmpty();
            boolean excused = FdtMutators.unreachable().containsKey(r.id());
            assertThat(covered && excused).as(r.id()).isFalse();
            if (!covered && !excused) {
                missing.add(r.id());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(FdtMutators.unreachable().keySet()).allSatisfy(id -> assertThat(FdtRules.info(id).meta()).isTrue());
        TreeSet<String> ids = new TreeSet<>();
        FdtMutators.all().forEach(m -> ids.add(m.ruleId()));
        assertThat(ids).allSatisfy(id -> assertThat(FdtRules.info(id)).as(id).isNotNull());
    }

    @Test
    void everyMutatorWorksOnATenThousandLevelChain() {
        byte[] deep = FdtGenerator.of(FdtGenOptions.defaults().withNodes(10_000, 10_000).withMaxDepth(10_000)
                .withChainPercent(100).withMaxProperties(1)).blob(5);
        for (FdtMutator m : FdtMutators.all()) {
            if (m.appliesTo(deep)) {
                assertThat(Validator.defaults().validate(m.apply(deep, 1)).diagnostics()).as(m.name())
                        .extracting(Diagnostic::ruleId).contains(m.ruleId());
            }
        }
    }

    @Test
    void lookupByNameAndRefusalOfInputsItCannotBreak() {
        FdtMutator m = FdtMutators.named("fdt.property.duplicate-name--repeat");
        assertThat(m.ruleId()).isEqualTo(FdtRules.PROPERTY_DUPLICATE_NAME);
        assertThat(FdtMutators.forRule(FdtRules.PROPERTY_DUPLICATE_NAME)).containsExactly(m);
        byte[] noProps = FdtGenerator.of(FdtGenOptions.defaults().withMaxProperties(0).withOnlyShapes().withNodes(1, 1))
                .blob(0);
        assertThat(m.appliesTo(noProps)).isFalse();
        assertThatThrownBy(() -> m.apply(noProps, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(m.appliesTo(new byte[3])).isFalse();
        assertThatThrownBy(() -> FdtMutators.named("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
