package io.khotools.fdt.oracle;

import io.khotools.fdt.FdtError;

/**
 * libfdt's answer for one blob, as the oracle printed it.
 *
 * @param stage {@code 's'} refused before libfdt (shorter than the 40-byte header), {@code 'h'}
 *              {@code fdt_check_header} failed, {@code 'f'} {@code fdt_check_full}'s result, {@code 'c'}
 *              libfdt crashed, {@code 't'} libfdt used up the oracle's CPU-time limit (an endless loop)
 * @param code 0 or a negated libfdt error number ({@code -FDT_ERR_*}); for {@code 'c'} the signal number
 */
record LibfdtVerdict(char stage, int code) {
    /** SIGSEGV: what a NULL or out-of-bounds read in libfdt raises. */
    static final int SIGSEGV = 11;

    /** Parses one oracle line ({@code "f 0"}, {@code "h -9"}, {@code "crash 11"}, {@code "hang"}); else null. */
    static LibfdtVerdict parse(String line) {
        if (line.equals("hang")) {
            return new LibfdtVerdict('t', 0);
        }
        String number;
        char stage;
        if (line.startsWith("crash ")) {
            stage = 'c';
            number = line.substring(6);
        } else if (line.length() >= 3 && line.charAt(1) == ' ' && "shf".indexOf(line.charAt(0)) >= 0) {
            stage = line.charAt(0);
            number = line.substring(2);
        } else {
            return null;
        }
        try {
            return new LibfdtVerdict(stage, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True if libfdt crashed on the blob (a fault signal). */
    boolean crashed() {
        return stage == 'c';
    }

    /** True if libfdt spent more than the oracle's CPU-time limit on the blob: it loops forever. */
    boolean hung() {
        return stage == 't';
    }

    /** True if libfdt accepted the blob: {@code fdt_check_full} returned 0. */
    boolean accepted() {
        return stage == 'f' && code == 0;
    }

    /** The error's name ({@code BADSTRUCTURE}), {@code OK}, or the raw number when libfdt has no such code. */
    String codeName() {
        if (crashed()) {
            return "signal " + code;
        }
        if (hung()) {
            return "endless loop";
        }
        if (code == 0) {
            return "OK";
        }
        for (FdtError e : FdtError.values()) {
            if (e.libfdtCode() != 0 && e.libfdtCode() == -code) {
                return e.name();
            }
        }
        return Integer.toString(code);
    }

    @Override
    public String toString() {
        String who = switch (stage) {
            case 's' -> "shorter than a header";
            case 'h' -> "fdt_check_header";
            case 'c' -> "crashed,";
            case 't' -> "hung,";
            default -> "fdt_check_full";
        };
        return who + " " + codeName();
    }
}
