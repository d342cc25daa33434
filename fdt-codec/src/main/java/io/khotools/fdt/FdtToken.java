package io.khotools.fdt;

/** Structure block tokens (DT spec §5.4.1), as returned by the pull reader. */
public enum FdtToken {
    /** Start of a node; the node's name follows. */
    BEGIN_NODE(FdtFormat.TOKEN_BEGIN_NODE),
    /** End of the node opened by the matching {@link #BEGIN_NODE}. */
    END_NODE(FdtFormat.TOKEN_END_NODE),
    /** A property: length, name offset and value follow. */
    PROP(FdtFormat.TOKEN_PROP),
    /** No operation; the reader skips these and never returns them. */
    NOP(FdtFormat.TOKEN_NOP),
    /** End of the structure block. Once returned, the reader keeps returning it. */
    END(FdtFormat.TOKEN_END);

    private final int code;

    FdtToken(int code) {
        this.code = code;
    }

    /** The token's 32-bit value in the blob. */
    public int code() {
        return code;
    }
}
