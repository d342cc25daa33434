package io.khotools.fdt.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects findings for one validation run: applies severity overrides and disabled rules, caps the
 * number kept so hostile input cannot grow the report without bound, and remembers whether the structure
 * is readable (which gates {@link TreeRule}s). Single-use, not thread-safe.
 */
final class Findings implements DiagnosticSink {
    private final Map<String, Severity> overrides;
    private final Set<String> disabled;
    private final int max;
    private final List<Diagnostic> kept = new ArrayList<>();
    private boolean keptError;
    private int suppressed;
    private boolean unreadable;

    Findings(Map<String, Severity> overrides, Set<String> disabled, int max) {
        this.overrides = overrides;
        this.disabled = disabled;
        this.max = max;
    }

    /** Reports a built-in rule's finding with its catalogue severity. */
    void add(String ruleId, String path, String property, long offset, String message) {
        if (disabled.contains(ruleId)) {
            return; // checked before building the Diagnostic: disabled rules cost no allocation
        }
        report(new Diagnostic(ruleId, FdtRules.defaultSeverity(ruleId), path, property, offset, message));
    }

    /** Reports a finding that also means a strict {@code FdtReader} walk would throw. */
    void addFatal(String ruleId, String path, String property, long offset, String message) {
        unreadable = true;
        add(ruleId, path, property, offset, message);
    }

    /** Marks the structure unreadable without a finding of its own. */
    void markUnreadable() {
        unreadable = true;
    }

    boolean unreadable() {
        return unreadable;
    }

    @Override
    public void report(Diagnostic diagnostic) {
        if (disabled.contains(diagnostic.ruleId())) {
            return;
        }
        Severity severity = overrides.get(diagnostic.ruleId());
        Diagnostic d = severity == null ? diagnostic : diagnostic.withSeverity(severity);
        // Past the cap keep nothing, except the first ERROR if none was kept: hasErrors() must stay truthful.
        if (kept.size() >= max && !(d.severity() == Severity.ERROR && !keptError)) {
            suppressed++;
            return;
        }
        kept.add(d);
        keptError |= d.severity() == Severity.ERROR;
    }

    Report toReport() {
        List<Diagnostic> out = kept;
        if (suppressed > 0 && !disabled.contains(FdtRules.REPORT_LIMIT)) {
            out = new ArrayList<>(kept);
            Severity s = overrides.getOrDefault(FdtRules.REPORT_LIMIT, FdtRules.defaultSeverity(FdtRules.REPORT_LIMIT));
            out.add(new Diagnostic(FdtRules.REPORT_LIMIT, s, null, null, -1,
                    suppressed + " more findings suppressed (cap " + max + ")"));
        }
        return new Report(out);
    }
}
