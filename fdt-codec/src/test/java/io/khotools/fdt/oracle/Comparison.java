package io.khotools.fdt.oracle;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Both verdicts on one blob. Ours is "accept" when the report has no ERROR: warnings and remarks are
 * spec-only strictness that libfdt and dtc accept (docs/validation-rules.md, severity policy), so they do
 * not count as a rejection.
 *
 * @param mutant the blob
 * @param ours {@code Validator.defaults().validate(blob)}
 * @param libfdt the oracle's answer
 */
record Comparison(Mutant mutant, Report ours, LibfdtVerdict libfdt) {
    /** True if our validator reports no ERROR. */
    boolean weAccept() {
        return !ours.hasErrors();
    }

    /** True if both accept or both reject; never when libfdt crashed or hung. */
    boolean agree() {
        return !libfdt.crashed() && !libfdt.hung() && weAccept() == libfdt.accepted();
    }

    /** Our ERROR findings. */
    List<Diagnostic> errors() {
        return ours.errors();
    }

    /** True if the report has a finding (any severity) of {@code ruleId}. */
    boolean has(String ruleId) {
        return ours.diagnostics().stream().anyMatch(d -> d.ruleId().equals(ruleId));
    }

    /**
     * What kind of disagreement this is, for grouping unexplained ones: who rejects, our ERROR rule ids and
     * libfdt's code, e.g. {@code "we reject [fdt.header.alignment], libfdt OK"}.
     */
    String signature() {
        Set<String> rules = new TreeSet<>();
        errors().forEach(d -> rules.add(d.ruleId()));
        return (weAccept() ? "we accept" : "we reject " + rules) + ", libfdt " + libfdt;
    }
}
