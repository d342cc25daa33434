package io.khotools.fdt.dts.compile;

/** A source position: file name as shown in diagnostics, 1-based line and column. */
record Pos(String file, int line, int column) {
    static final Pos NONE = new Pos("<none>", 0, 0);

    DtsDiagnostic diag(String message) {
        return new DtsDiagnostic(file, line, column, message);
    }
}
