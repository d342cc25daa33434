package io.khotools.fdt.dts.compile;

import io.khotools.fdt.dts.compile.Tok.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Tokenizer for the dtc source language. Like dtc's lexer it has modes: node and property names are only
 * recognized where the parser expects one ({@link Mode#NAME}: at the start of a node-body item), numbers
 * only in values ({@link Mode#VALUE}), byte pairs only inside {@code [ ]} ({@link Mode#BYTES}); the parser
 * passes the mode with each {@link #peek}. {@code /include/ "file"} is handled here, between tokens: the
 * included file's tokens follow as if pasted in (nested at most {@link #MAX_INCLUDE_DEPTH} deep, dtc's
 * limit). Comments are {@code //} to end of line and {@code /* … *}{@code /}.
 */
final class Lexer {
    static final int MAX_INCLUDE_DEPTH = 100;

    enum Mode { NAME, VALUE, BYTES }

    private static final String[] KEYWORDS = {
        "/dts-v1/", "/plugin/", "/memreserve/", "/bits/", "/delete-property/", "/delete-node/",
        "/omit-if-no-ref/", "/incbin/"
    };
    private static final Kind[] KEYWORD_KINDS = {
        Kind.V1, Kind.PLUGIN, Kind.MEMRESERVE, Kind.BITS, Kind.DEL_PROP, Kind.DEL_NODE, Kind.OMIT, Kind.INCBIN
    };

    /** Read position in one source. */
    private static final class Cursor {
        final Source src;
        int pos;
        int line = 1;
        int col = 1;

        Cursor(Source src) {
            this.src = src;
        }
    }

    private final ArrayDeque<Cursor> stack = new ArrayDeque<>();
    private final Diagnostics diags;
    private final List<Path> includePaths;
    private Tok peeked;
    private Mode peekedMode;
    private int startPos;
    private int startLine;
    private int startCol;
    private Cursor startCursor;

    Lexer(Source root, List<Path> includePaths, Diagnostics diags) {
        this.diags = diags;
        this.includePaths = includePaths;
        stack.push(new Cursor(root));
    }

    /** The directory of the file being read, for {@code /incbin/}. */
    Path currentDir() {
        return stack.peek().src.dir();
    }

    /** The next token read in {@code mode}, not consumed. */
    Tok peek(Mode mode) {
        if (peeked != null && peekedMode == mode) {
            return peeked;
        }
        if (peeked != null) {
            // re-read the same characters in another mode: back to where the token started
            Cursor c = startCursor;
            c.pos = startPos;
            c.line = startLine;
            c.col = startCol;
        } else {
            skipTrivia();
            Cursor c = stack.peek();
            startCursor = c;
            startPos = c.pos;
            startLine = c.line;
            startCol = c.col;
        }
        peeked = lex(mode);
        peekedMode = mode;
        return peeked;
    }

    /** Consumes and returns the next token in {@code mode}. */
    Tok next(Mode mode) {
        Tok t = peek(mode);
        if (t.kind() != Kind.EOF) {
            peeked = null;
        }
        return t;
    }

    // ---------------------------------------------------------------- characters

    private int ch(int ahead) {
        Cursor c = stack.peek();
        int i = c.pos + ahead;
        return i < c.src.text().length() ? c.src.text().charAt(i) : -1;
    }

    private void advance(int n) {
        Cursor c = stack.peek();
        String t = c.src.text();
        for (int k = 0; k < n && c.pos < t.length(); k++) {
            if (t.charAt(c.pos++) == '\n') {
                c.line++;
                c.col = 1;
            } else {
                c.col++;
            }
        }
    }

    private boolean startsWith(String s) {
        Cursor c = stack.peek();
        return c.src.text().startsWith(s, c.pos);
    }

    private Pos pos() {
        Cursor c = stack.peek();
        return new Pos(c.src.name(), c.line, c.col);
    }

    // ---------------------------------------------------------------- trivia and includes

    private void skipTrivia() {
        while (true) {
            int c = ch(0);
            if (c == -1) {
                if (stack.size() > 1) {
                    stack.pop();
                    continue;
                }
                return;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b) {
                advance(1);
            } else if (c == '/' && ch(1) == '*') {
                Pos p = pos();
                Cursor cur = stack.peek();
                int end = cur.src.text().indexOf("*/", cur.pos + 2);
                if (end < 0) {
                    diags.error(p, "unterminated comment");
                    advance(cur.src.text().length() - cur.pos);
                } else {
                    advance(end + 2 - cur.pos);
                }
            } else if (c == '/' && ch(1) == '/') {
                while (ch(0) != -1 && ch(0) != '\n') {
                    advance(1);
                }
            } else if (c == '/' && startsWith("/include/")) {
                include();
            } else {
                return;
            }
        }
    }

    private void include() {
        Pos p = pos();
        advance("/include/".length());
        while (ch(0) == ' ' || ch(0) == '\t' || ch(0) == '\n' || ch(0) == '\r') {
            advance(1);
        }
        if (ch(0) != '"') {
            diags.error(p, "/include/ must be followed by a file name in double quotes");
            return;
        }
        Cursor cur = stack.peek();
        int end = cur.src.text().indexOf('"', cur.pos + 1);
        if (end < 0) {
            diags.error(p, "unterminated file name after /include/");
            advance(cur.src.text().length() - cur.pos);
            return;
        }
        // dtc takes the name verbatim: no escapes in include names
        String name = cur.src.text().substring(cur.pos + 1, end);
        advance(end + 1 - cur.pos);
        if (stack.size() >= MAX_INCLUDE_DEPTH) {
            diags.error(p, "includes nested too deeply (more than " + MAX_INCLUDE_DEPTH + ")");
            return;
        }
        Path found = Source.resolve(name, cur.src.dir(), includePaths);
        if (found == null) {
            diags.error(p, "couldn't open \"" + name + "\": no such file");
            return;
        }
        try {
            stack.push(new Cursor(Source.read(found, Source.shownName(name, found))));
        } catch (IOException e) {
            diags.error(p, "couldn't read \"" + name + "\": " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- tokens

    static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ',' || c == '.' || c == '_' || c == '+' || c == '*' || c == '#' || c == '?' || c == '@'
                || c == '-';
    }

    private static boolean isLabelStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean isLabelChar(int c) {
        return isLabelStart(c) || (c >= '0' && c <= '9');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private Tok lex(Mode mode) {
        Pos p = pos();
        int c = ch(0);
        if (c == -1) {
            return Tok.of(Kind.EOF, p, "");
        }
        if (mode == Mode.NAME && (isNameChar(c) || (c == '\\' && isNameChar(ch(1))))) {
            return nameOrLabel(p);
        }
        if (isLabelStart(c)) {
            // outside names, an identifier is only a label; anything else is a stray character
            int n = 1;
            while (isLabelChar(ch(n))) {
                n++;
            }
            if (ch(n) == ':') {
                String text = text(n);
                advance(n + 1);
                return Tok.of(Kind.LABEL, p, text);
            }
        }
        if (mode == Mode.BYTES && isHex(c) && isHex(ch(1))) {
            String text = text(2);
            advance(2);
            return new Tok(Kind.BYTE, p, text, Integer.parseInt(text, 16), null, '\0');
        }
        if (mode == Mode.VALUE && c >= '0' && c <= '9') {
            return literal(p);
        }
        switch (c) {
            case '"':
                return string(p);
            case '\'':
                return charLiteral(p);
            case '&':
                return ampersand(p);
            case '/':
                for (int k = 0; k < KEYWORDS.length; k++) {
                    if (startsWith(KEYWORDS[k])) {
                        advance(KEYWORDS[k].length());
                        return Tok.of(KEYWORD_KINDS[k], p, KEYWORDS[k]);
                    }
                }
                return single(p, c);
            case '<':
                return two(p, c, '<', Kind.LSHIFT, '=', Kind.LE);
            case '>':
                return two(p, c, '>', Kind.RSHIFT, '=', Kind.GE);
            case '=':
                return two(p, c, '=', Kind.EQ, '\0', null);
            case '!':
                return two(p, c, '=', Kind.NE, '\0', null);
            case '|':
                return two(p, c, '|', Kind.OR, '\0', null);
            default:
                return single(p, c);
        }
    }

    private String text(int n) {
        Cursor cur = stack.peek();
        return cur.src.text().substring(cur.pos, cur.pos + n);
    }

    private Tok single(Pos p, int c) {
        advance(1);
        return new Tok(Kind.CHAR, p, String.valueOf((char) c), 0, null, (char) c);
    }

    private Tok two(Pos p, int c, char second1, Kind kind1, char second2, Kind kind2) {
        int d = ch(1);
        if (d == second1 && kind1 != null) {
            String text = text(2);
            advance(2);
            return Tok.of(kind1, p, text);
        }
        if (d == second2 && kind2 != null) {
            String text = text(2);
            advance(2);
            return Tok.of(kind2, p, text);
        }
        return single(p, c);
    }

    private Tok nameOrLabel(Pos p) {
        boolean escaped = ch(0) == '\\';
        int start = escaped ? 1 : 0;
        int n = start;
        while (isNameChar(ch(n))) {
            n++;
        }
        String text = text(n).substring(start);
        if (!escaped && ch(n) == ':' && isLabelStart(text.charAt(0)) && text.chars().allMatch(Lexer::isLabelChar)) {
            advance(n + 1);
            return Tok.of(Kind.LABEL, p, text);
        }
        advance(n);
        return Tok.of(Kind.NAME, p, text);
    }

    private Tok ampersand(Pos p) {
        if (ch(1) == '{' && ch(2) == '/') {
            int n = 3;
            while (isNameChar(ch(n)) || ch(n) == '/') {
                n++;
            }
            if (ch(n) == '}') {
                String path = text(n).substring(2);
                advance(n + 1);
                return Tok.of(Kind.PATH_REF, p, path);
            }
        }
        if (isLabelStart(ch(1))) {
            int n = 2;
            while (isLabelChar(ch(n))) {
                n++;
            }
            String label = text(n).substring(1);
            advance(n);
            return Tok.of(Kind.REF, p, label);
        }
        if (ch(1) == '&') {
            advance(2);
            return Tok.of(Kind.AND, p, "&&");
        }
        return single(p, '&');
    }

    private Tok literal(Pos p) {
        int n;
        boolean hex = ch(0) == '0' && (ch(1) == 'x' || ch(1) == 'X') && isHex(ch(2));
        if (hex) {
            n = 3;
            while (isHex(ch(n))) {
                n++;
            }
        } else {
            n = 1;
            while (ch(n) >= '0' && ch(n) <= '9') {
                n++;
            }
        }
        int digits = n;
        // C suffixes dtc accepts: U, L, UL, LL, ULL
        Cursor cur = stack.peek();
        for (String suffix : new String[] {"ULL", "UL", "LL", "U", "L"}) {
            if (cur.src.text().startsWith(suffix, cur.pos + n)) {
                n += suffix.length();
                break;
            }
        }
        String text = text(n);
        String number = text.substring(0, digits);
        advance(n);
        long value = 0;
        try {
            if (hex) {
                value = Long.parseUnsignedLong(number.substring(2), 16);
            } else if (number.length() > 1 && number.charAt(0) == '0') {
                if (!number.chars().allMatch(d -> d >= '0' && d <= '7')) {
                    diags.error(p, "bad integer literal '" + number + "'");
                    return new Tok(Kind.LITERAL, p, text, 0, null, '\0');
                }
                value = Long.parseUnsignedLong(number.substring(1), 8);
            } else {
                value = Long.parseUnsignedLong(number, 10);
            }
        } catch (NumberFormatException e) {
            // digits were checked above, so this is an overflow of 64 bits
            diags.error(p, "integer literal '" + number + "' out of range");
        }
        return new Tok(Kind.LITERAL, p, text, value, null, '\0');
    }

    private Tok string(Pos p) {
        Cursor cur = stack.peek();
        String t = cur.src.text();
        int i = cur.pos + 1;
        while (i < t.length() && t.charAt(i) != '"') {
            i += t.charAt(i) == '\\' && i + 1 < t.length() ? 2 : 1;
        }
        if (i >= t.length()) {
            diags.error(p, "unterminated string");
            advance(t.length() - cur.pos);
            return new Tok(Kind.STRING, p, "", 0, new byte[0], '\0');
        }
        byte[] bytes = Escapes.decode(t, cur.pos + 1, i, diags, p);
        String raw = t.substring(cur.pos, i + 1);
        advance(i + 1 - cur.pos);
        return new Tok(Kind.STRING, p, raw, 0, bytes, '\0');
    }

    private Tok charLiteral(Pos p) {
        Cursor cur = stack.peek();
        String t = cur.src.text();
        // dtc's pattern '([^']|\\')*' taken longest: the literal ends at the first quote not preceded by a
        // backslash, or else at the last quote there is ('\\' swallows the closing quote, as in dtc)
        int i = -1;
        for (int k = cur.pos + 1; k < t.length(); k++) {
            if (t.charAt(k) == '\'') {
                i = k;
                if (t.charAt(k - 1) != '\\' || k - 1 == cur.pos) {
                    break;
                }
            }
        }
        if (i < 0) {
            i = t.length();
        }
        if (i >= t.length()) {
            diags.error(p, "unterminated character literal");
            advance(t.length() - cur.pos);
            return new Tok(Kind.CHAR_LIT, p, "'", 0, null, '\0');
        }
        byte[] bytes = Escapes.decode(t, cur.pos + 1, i, diags, p);
        String raw = t.substring(cur.pos, i + 1);
        advance(i + 1 - cur.pos);
        if (bytes.length == 0) {
            diags.error(p, "empty character literal");
        } else if (bytes.length > 1) {
            diags.error(p, "character literal has " + bytes.length + " characters instead of 1");
        }
        return new Tok(Kind.CHAR_LIT, p, raw, bytes.length == 0 ? 0 : bytes[0] & 0xff, null, '\0');
    }
}
