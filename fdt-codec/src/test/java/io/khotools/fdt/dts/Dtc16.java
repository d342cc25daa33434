package io.khotools.fdt.dts;

import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites our (dtc 1.7.1+) DTS text into what the installed dtc 1.6.1 prints, undoing exactly the one
 * documented difference (docs/dtc-1.6-differences.md): a string list {@code "a", "b"} is printed by 1.6 as
 * one string with embedded NULs, {@code "a\0b"}. Every other line is left alone, so any other difference
 * still fails a differential test.
 */
final class Dtc16 {
    private Dtc16() {}

    static String normalize(String dts) {
        StringBuilder out = new StringBuilder(dts.length());
        for (String line : dts.split("\n", -1)) {
            out.append(joinStringList(line)).append('\n');
        }
        out.setLength(out.length() - 1);
        return out.toString();
    }

    /** {@code \tname = "a", "b";} → {@code \tname = "a\0b";}; other lines unchanged. */
    static String joinStringList(String line) {
        int eq = line.indexOf(" = \"");
        if (eq < 0 || !line.endsWith("\";")) {
            return line;
        }
        List<String> parts = new ArrayList<>();
        int i = eq + 3;
        while (true) {
            if (i >= line.length() || line.charAt(i) != '"') {
                return line;
            }
            int j = i + 1;
            while (j < line.length() && line.charAt(j) != '"') {
                j += line.charAt(j) == '\\' ? 2 : 1; // skip an escaped char, \" included
            }
            if (j >= line.length()) {
                return line;
            }
            parts.add(line.substring(i + 1, j));
            if (line.startsWith("\";", j) && j + 2 == line.length()) {
                break;
            }
            if (!line.startsWith("\", \"", j)) {
                return line;
            }
            i = j + 3;
        }
        return parts.size() < 2 ? line : line.substring(0, eq + 3) + "\"" + String.join("\\0", parts) + "\";";
    }
}
