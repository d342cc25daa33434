package io.khotools.fdt.dts.compile;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The source did not compile: syntax errors, unreadable included files, or one of the dtc checks that stop
 * dtc from writing output (duplicate or undefined labels, duplicate names, bad name characters, bad explicit
 * phandles, wrong {@code name} properties). Carries every error found, in source order within each phase
 * (lexing and parsing first, then the tree checks); nothing was written.
 */
public final class DtsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<DtsDiagnostic> diagnostics;

    /**
     * An exception for one or more errors.
     *
     * @throws IllegalArgumentException if {@code diagnostics} is empty
     */
    public DtsException(List<DtsDiagnostic> diagnostics) {
        super(message(diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String message(List<DtsDiagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a DtsException needs at least one diagnostic");
        }
        return diagnostics.stream().map(DtsDiagnostic::format).collect(Collectors.joining("\n"));
    }

    /** Every error, each formatted by {@link DtsDiagnostic#format()} in {@link #getMessage()}, one a line. */
    public List<DtsDiagnostic> diagnostics() {
        return diagnostics;
    }
}
