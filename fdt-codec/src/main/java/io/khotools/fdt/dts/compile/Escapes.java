package io.khotools.fdt.dts.compile;

import java.io.ByteArrayOutputStream;

/**
 * dtc's escapes in strings and character literals: {@code \a \b \t \n \v \f \r}, one to three octal digits
 * (kept to the low byte: {@code \400} is 0), {@code \x} with one or two hex digits, and any other escaped
 * character standing for itself ({@code \q} is {@code q}, {@code \"} is {@code "}).
 */
final class Escapes {
    private Escapes() {}

    /**
     * Decodes {@code raw[from, to)}.
     *
     * @return the bytes (chars are ISO-8859-1 bytes)
     */
    static byte[] decode(String raw, int from, int to, Diagnostics diags, Pos pos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = raw.charAt(i++);
            if (c != '\\' || i >= to) {
                out.write(c);
                continue;
            }
            char e = raw.charAt(i++);
            switch (e) {
                case 'a' -> out.write(7);
                case 'b' -> out.write(8);
                case 't' -> out.write(9);
                case 'n' -> out.write(10);
                case 'v' -> out.write(11);
                case 'f' -> out.write(12);
                case 'r' -> out.write(13);
                case 'x' -> {
                    int v = 0;
                    int n = 0;
                    while (n < 2 && i < to && Character.digit(raw.charAt(i), 16) >= 0 && raw.charAt(i) < 128) {
                        v = v * 16 + Character.digit(raw.charAt(i++), 16);
                        n++;
                    }
                    if (n == 0) {
                        diags.error(pos, "\\x used with no following hex digits");
                    }
                    out.write(v);
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < to && raw.charAt(i) >= '0' && raw.charAt(i) <= '7') {
                            v = v * 8 + (raw.charAt(i++) - '0');
                            n++;
                        }
                        out.write(v & 0xff);
                    } else {
                        out.write(e);
                    }
                }
            }
        }
        return out.toByteArray();
    }
}
