package io.khotools.fdt.check;

import java.util.List;

/**
 * The findings of one validation, in the order they were found (header, blocks, reservation map, then the
 * structure block front to back, then tree rules). Immutable.
 *
 * @param diagnostics every finding, at most the validator's cap plus one suppression notice
 */
public record Report(List<Diagnostic> diagnostics) {

    public Report {
        diagnostics = List.copyOf(diagnostics);
    }

    /** True if any finding is an {@link Severity#ERROR}. */
    public boolean hasErrors() {
        return count(Severity.ERROR) > 0;
    }

    /** The ERROR findings, in order. */
    public List<Diagnostic> errors() {
        return of(Severity.ERROR);
    }

    /** The WARNING findings, in order. */
    public List<Diagnostic> warnings() {
        return of(Severity.WARNING);
    }

    /** Number of findings with the given severity. */
    public int count(Severity severity) {
        int n = 0;
        for (Diagnostic d : diagnostics) {
            if (d.severity() == severity) {
                n++;
            }
        }
        return n;
    }

    /** Every finding as its {@link Diagnostic#format()} line. */
    public List<String> lines() {
        return diagnostics.stream().map(Diagnostic::format).toList();
    }

    private List<Diagnostic> of(Severity severity) {
        return diagnostics.stream().filter(d -> d.severity() == severity).toList();
    }
}
