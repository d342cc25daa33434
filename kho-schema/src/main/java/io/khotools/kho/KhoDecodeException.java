package io.khotools.kho;

import io.khotools.fdt.check.Report;
import java.util.Objects;

/**
 * Thrown when KHO bytes cannot be decoded into the typed model at all (an unreadable FDT, a struct shorter
 * than its fixed part, a root file cut off before its {@code totalsize}). Carries the validator's
 * {@link Report} so callers can show the same lines as validation does.
 */
public final class KhoDecodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Report report;

    /**
     * @param message what could not be decoded
     * @param report the findings that explain it (at least one ERROR)
     */
    public KhoDecodeException(String message, Report report) {
        super(message);
        this.report = Objects.requireNonNull(report, "report");
    }

    /** The findings behind this failure. */
    public Report report() {
        return report;
    }
}
