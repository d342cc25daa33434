package io.khotools.fdt.check;

import java.util.Objects;

/**
 * Catalogue entry of a built-in rule.
 *
 * @param id the stable rule id
 * @param defaultSeverity the severity used unless {@link Validator#withSeverity} changes it
 * @param meta true for rules about the validation run itself (finding cap, failing plugin rule) rather
 *     than about the blob; they have no fixture in {@code testdata/fdt/invalid/}
 * @param summary one line saying what triggers the rule
 */
public record RuleInfo(String id, Severity defaultSeverity, boolean meta, String summary) {
    public RuleInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(defaultSeverity, "defaultSeverity");
        Objects.requireNonNull(summary, "summary");
    }
}
