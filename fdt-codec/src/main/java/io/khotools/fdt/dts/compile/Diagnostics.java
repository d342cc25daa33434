package io.khotools.fdt.dts.compile;

import java.util.ArrayList;
import java.util.List;

/** Collects errors of one compilation; {@link #throwIfAny()} ends a phase that found some. */
final class Diagnostics {
    /** Stop collecting after this many: a garbage input should not produce a gigabyte of messages. */
    static final int MAX_ERRORS = 1000;

    private final List<DtsDiagnostic> errors = new ArrayList<>();

    void error(Pos pos, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(pos.diag(message));
        }
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    int count() {
        return errors.size();
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new DtsException(errors);
        }
    }
}
