package io.khotools.fdt.dts;

/**
 * Small allocation-free number formatting for the printers: {@code String.format} is far slower and
 * the printers format one number per cell of a possibly huge blob.
 */
final class TextFormat {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TextFormat() {}

    /** Appends {@code v} as unsigned lower-case hex with at least {@code minDigits} digits, no prefix. */
    static StringBuilder hex(StringBuilder sb, long v, int minDigits) {
        int digits = Math.max(minDigits, (64 - Long.numberOfLeadingZeros(v) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            sb.append(HEX[(int) (v >>> shift) & 0xf]);
        }
        return sb;
    }

    /** Appends one byte as two lower-case hex digits. */
    static StringBuilder hexByte(StringBuilder sb, int b) {
        return sb.append(HEX[(b >>> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /** Appends {@code n} copies of {@code c}. */
    static StringBuilder repeat(StringBuilder sb, char c, int n) {
        for (int i = 0; i < n; i++) {
            sb.append(c);
        }
        return sb;
    }
}
