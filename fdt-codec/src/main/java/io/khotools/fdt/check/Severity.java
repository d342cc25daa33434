package io.khotools.fdt.check;

/**
 * How serious a {@link Diagnostic} is. The policy (docs/validation-rules.md): ERROR for everything that makes
 * libfdt 1.8.1's {@code fdt_check_header}/{@code fdt_check_full} fail or makes dtc refuse the blob; WARNING
 * for spec-only strictness that every tool accepts; INFO for remarks.
 */
public enum Severity {
    /** The blob is broken for libfdt or dtc. */
    ERROR,
    /** Tools accept the blob, but it breaks a rule of the DT specification. */
    WARNING,
    /** A remark that needs no action. */
    INFO;

    /** The lower-case name used in {@link Diagnostic#format()}, e.g. {@code "error"}. */
    public String label() {
        return switch (this) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "info";
        };
    }
}
