package io.khotools.fdt.dts.compile;

/**
 * One token. {@code text} is the label, reference or name; {@code value} the number of a literal or byte;
 * {@code bytes} the decoded contents of a string (without the NUL dtc appends); {@code ch} the character of
 * a {@link Kind#CHAR} token.
 */
record Tok(Kind kind, Pos pos, String text, long value, byte[] bytes, char ch) {

    /** Token kinds. Operators of two characters have their own kinds; single characters are {@link #CHAR}. */
    enum Kind {
        EOF, V1, PLUGIN, MEMRESERVE, BITS, DEL_PROP, DEL_NODE, OMIT, INCBIN,
        LABEL, REF, PATH_REF, NAME, LITERAL, CHAR_LIT, STRING, BYTE,
        LSHIFT, RSHIFT, LE, GE, EQ, NE, AND, OR, CHAR, BAD
    }

    static Tok of(Kind kind, Pos pos, String text) {
        return new Tok(kind, pos, text, 0, null, '\0');
    }

    boolean is(char c) {
        return kind == Kind.CHAR && ch == c;
    }

    /** How the token reads in a message. */
    String describe() {
        return switch (kind) {
            case EOF -> "end of input";
            case CHAR -> "'" + ch + "'";
            case LABEL -> "label '" + text + ":'";
            case REF -> "reference '&" + text + "'";
            case PATH_REF -> "reference '&{" + text + "}'";
            case NAME -> "name '" + text + "'";
            case LITERAL, CHAR_LIT, BYTE -> "number '" + text + "'";
            case STRING -> "string";
            case BAD -> "'" + text + "'";
            default -> "'" + text + "'";
        };
    }
}
