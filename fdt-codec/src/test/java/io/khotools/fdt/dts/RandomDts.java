package io.khotools.fdt.dts;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Random DTS source for differential tests, biased towards the shapes where printers differ: values on
 * the string/cells/bytes boundary (NULs, escapes, bytes >= 0x7f, lengths near multiples of 4), string
 * lists with empty strings, nested and empty nodes, memreserves. Deterministic per seed.
 */
final class RandomDts {
    private static final String NAME_FIRST = "abcdefghijklmnopqrstuvwxyz";
    private static final String NODE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789,._+-";
    private static final String PROP_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789,._+?#-";
    private static final String[] STRING_PIECES = {
        "a", "b", "z", "0", "1", " ", "'", "?", "=", "{", "abc", "acme,board", "\\\"", "\\\\", "\\t", "\\n",
        "\\r", "\\a", "\\b", "\\v", "\\f", "\\x01", "\\x1b", "\\x7f", "\\xe9", "\\0", "\\x00", "~", "`"
    };
    private static final int[] BYTES = {0x00, 0x00, 0x01, 0x07, 0x09, 0x0a, 0x1b, 0x20, 0x22, 0x5c, 0x61, 0x62,
        0x7a, 0x7e, 0x7f, 0x80, 0xe9, 0xff};

    private final Random r;

    private RandomDts(long seed) {
        this.r = new Random(seed);
    }

    /** One DTS document for {@code seed}. */
    static String generate(long seed) {
        return new RandomDts(seed).document();
    }

    private String document() {
        StringBuilder sb = new StringBuilder("/dts-v1/;\n\n");
        int reserves = r.nextInt(4) == 0 ? r.nextInt(3) + 1 : 0;
        for (int i = 0; i < reserves; i++) {
            sb.append("/memreserve/ 0x").append(Long.toHexString(r.nextLong() >>> r.nextInt(64)))
                    .append(" 0x").append(Long.toHexString((r.nextLong() >>> r.nextInt(64)) | 1)).append(";\n");
        }
        sb.append("/ {\n");
        node(sb, 1);
        sb.append("};\n");
        return sb.toString();
    }

    private void node(StringBuilder sb, int depth) {
        Set<String> used = new HashSet<>();
        int props = r.nextInt(6);
        for (int i = 0; i < props; i++) {
            String name = name(PROP_CHARS);
            if (!used.add(name) || name.equals("name")) {
                continue;
            }
            sb.append("\t".repeat(depth)).append(name);
            if (r.nextInt(8) != 0) {
                sb.append(" = ").append(value());
            }
            sb.append(";\n");
        }
        int children = depth >= 4 ? 0 : r.nextInt(depth == 1 ? 4 : 3);
        for (int i = 0; i < children; i++) {
            String name = name(NODE_CHARS);
            if (r.nextBoolean()) {
                name += "@" + Integer.toHexString(r.nextInt(0x10000));
            }
            if (!used.add(name)) {
                continue;
            }
            sb.append("\t".repeat(depth)).append(name).append(" {\n");
            node(sb, depth + 1);
            sb.append("\t".repeat(depth)).append("};\n");
        }
    }

    private String name(String chars) {
        StringBuilder sb = new StringBuilder().append(NAME_FIRST.charAt(r.nextInt(NAME_FIRST.length())));
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private String value() {
        int parts = r.nextInt(5) == 0 ? 2 : 1;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            switch (r.nextInt(6)) {
                case 0, 1 -> stringList(sb);
                case 2 -> cells(sb, 32);
                case 3 -> bytes(sb);
                case 4 -> cells(sb, new int[] {8, 16, 64}[r.nextInt(3)]);
                default -> sb.append(r.nextBoolean() ? "\"\"" : "[00]");
            }
        }
        return sb.toString();
    }

    private void stringList(StringBuilder sb) {
        int n = 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"');
            int pieces = r.nextInt(5) == 0 ? 0 : 1 + r.nextInt(6);
            for (int j = 0; j < pieces; j++) {
                // mostly printable pieces, so that many values really are strings
                sb.append(r.nextInt(3) == 0 ? STRING_PIECES[r.nextInt(STRING_PIECES.length)]
                        : STRING_PIECES[r.nextInt(12)]);
            }
            sb.append('"');
        }
    }

    private void cells(StringBuilder sb, int bits) {
        if (bits != 32) {
            sb.append("/bits/ ").append(bits).append(' ');
        }
        sb.append('<');
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            long v = switch (r.nextInt(5)) {
                case 0 -> 0;
                case 1 -> r.nextInt(16);
                case 2 -> 0x61626300L; // "abc\0": a cell that reads as a string
                case 3 -> -1L;
                default -> r.nextLong();
            };
            long mask = bits == 64 ? -1L : (1L << bits) - 1;
            sb.append("0x").append(Long.toHexString(v & mask));
        }
        sb.append('>');
    }

    private void bytes(StringBuilder sb) {
        sb.append('[');
        int n = 1 + r.nextInt(9);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", BYTES[r.nextInt(BYTES.length)]));
        }
        sb.append(']');
    }
}
