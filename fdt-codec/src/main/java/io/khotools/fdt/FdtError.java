package io.khotools.fdt;

/**
 * Documented error codes of the codec. The first group mirrors libfdt's {@code FDT_ERR_*} values
 * (same meaning, same number, see {@link #libfdtCode()}); the rest are codes libfdt does not need.
 */
public enum FdtError {
    /** The requested node or property does not exist. */
    NOTFOUND(1, "not found"),
    /** The node or property to create already exists. */
    EXISTS(2, "already exists"),
    /** The output buffer is too small; retry with a larger one. */
    NOSPACE(3, "no space"),
    /** An offset does not point at the expected token or into the strings block. */
    BADOFFSET(4, "bad offset"),
    /** A path is malformed or names a node that cannot exist. */
    BADPATH(5, "bad path"),
    /** A phandle value is invalid (0 or 0xffffffff) or resolves to nothing. */
    BADPHANDLE(6, "bad phandle"),
    /** A writer or reader was used in a state that does not allow the call. */
    BADSTATE(7, "bad state"),
    /** Something ends past the end of the blob or of its block: the data is cut short. */
    TRUNCATED(8, "truncated"),
    /** The blob does not start with 0xd00dfeed. */
    BADMAGIC(9, "bad magic"),
    /** The version or last_comp_version is not one we can read. */
    BADVERSION(10, "bad version"),
    /** The structure block violates the token grammar (unknown token, unbalanced nodes, two roots). */
    BADSTRUCTURE(11, "bad structure"),
    /** The blocks are not in the order a writer needs. */
    BADLAYOUT(12, "bad layout"),
    /** An internal inconsistency: a bug in this codec. */
    INTERNAL(13, "internal error"),
    /** #address-cells or #size-cells is missing a usable value. */
    BADNCELLS(14, "bad #cells"),
    /** A property value has the wrong length or shape for the requested type. */
    BADVALUE(15, "bad value"),
    /** A device tree overlay is malformed. */
    BADOVERLAY(16, "bad overlay"),
    /** No phandle value is left to assign. */
    NOPHANDLES(17, "no phandles"),
    /** Invalid flags were passed. */
    BADFLAGS(18, "bad flags"),
    /** A block offset is not aligned as the format (libfdt 1.8) requires. */
    ALIGNMENT(19, "misaligned"),
    /** A configured {@code ReadLimits} bound (depth, node count, size) was exceeded. */
    LIMIT(0, "limit exceeded");

    private final int libfdtCode;
    private final String text;

    FdtError(int libfdtCode, String text) {
        this.libfdtCode = libfdtCode;
        this.text = text;
    }

    /** libfdt's positive error number ({@code -FDT_ERR_x} is returned there), or 0 where libfdt has none. */
    public int libfdtCode() {
        return libfdtCode;
    }

    /** A short lower-case description, e.g. {@code "truncated"}. */
    public String text() {
        return text;
    }

    /** The lower-case, kebab-style id used in diagnostic rule ids, e.g. {@code "truncated"}. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
