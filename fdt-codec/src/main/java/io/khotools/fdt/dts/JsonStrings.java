package io.khotools.fdt.dts;

/**
 * JSON string escaping shared by every JSON kho writes (RFC 8259 §7). Output is pure ASCII: anything outside
 * printable ASCII becomes a backslash-u escape, so JSON output never depends on the terminal's charset.
 */
public final class JsonStrings {
    private JsonStrings() {}

    /** Appends {@code s} as a quoted JSON string. */
    public static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        append(sb, s);
        return sb.append('"');
    }

    /** Appends a Java string's chars as JSON string content (no quotes). */
    public static StringBuilder append(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            escaped(sb, s.charAt(i));
        }
        return sb;
    }

    /** Appends one char (0..0xffff) as JSON string content. */
    public static StringBuilder escaped(StringBuilder sb, int c) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c >= 0x20 && c <= 0x7e) {
                    sb.append((char) c);
                } else {
                    TextFormat.hex(sb.append("\\u"), c, 4);
                }
            }
        }
        return sb;
    }
}
