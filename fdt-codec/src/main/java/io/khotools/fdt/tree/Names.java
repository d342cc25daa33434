package io.khotools.fdt.tree;

/** Checks for node and property names held by the tree. */
final class Names {
    private Names() {}

    /**
     * Requires a name that a blob can carry and that round-trips through the byte-per-char decoding the
     * reader uses: no NUL (it ends the name in the blob, DT spec v0.4 §5.4.1) and no char above 0xFF.
     * Spec charsets are the validator's business, not the model's.
     */
    static String check(String what, String name) {
        if (name == null) {
            throw new NullPointerException(what + " must not be null");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 0 || c > 0xff) {
                throw new IllegalArgumentException(what + " '" + name + "' has char U+"
                        + String.format("%04X", (int) c) + " at " + i + ": names are NUL-free single bytes");
            }
        }
        return name;
    }
}
