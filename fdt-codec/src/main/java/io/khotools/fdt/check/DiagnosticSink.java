package io.khotools.fdt.check;

/**
 * Receives findings from a rule. The validator behind it applies the configured severity overrides,
 * drops disabled rules and caps the number of findings kept, so a rule simply reports everything it finds
 * with its default severity.
 */
@FunctionalInterface
public interface DiagnosticSink {
    /** Reports one finding. */
    void report(Diagnostic diagnostic);
}
