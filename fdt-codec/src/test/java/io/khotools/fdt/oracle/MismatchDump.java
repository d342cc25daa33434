package io.khotools.fdt.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes blobs the differential test could not explain to {@code target/oracle-mismatches/}: {@code <name>.dtb}
 * and {@code <name>.txt} with both verdicts, our findings, the header fields and a hex dump (first 1 KiB), so a
 * failure can be studied (and fed to {@code fdtdump} or {@code kho validate}) without rerunning.
 */
final class MismatchDump {
    private static final int HEX_LIMIT = 1024;
    private static final String[] FIELDS = {"magic", "totalsize", "off_dt_struct", "off_dt_strings",
        "off_mem_rsvmap", "version", "last_comp_version", "boot_cpuid_phys", "size_dt_strings", "size_dt_struct"};

    private MismatchDump() {}

    /** The folder the files go to. */
    static Path dir() {
        return OracleBuild.targetDir().resolve("oracle-mismatches");
    }

    /**
     * Writes one blob and its summary.
     *
     * @param name file stem, e.g. {@code seed-42-blob-1234}
     * @param why first line of the summary (the verdicts, or why the oracle failed)
     * @return the {@code .dtb} path
     */
    static Path write(String name, Mutant m, String why, List<String> findings) {
        try {
            Path dir = Files.createDirectories(dir());
            Path dtb = dir.resolve(name + ".dtb");
            Files.write(dtb, m.bytes());
            List<String> lines = new ArrayList<>();
            lines.add(why);
            lines.add("blob " + m.describe());
            lines.add("our findings:");
            findings.forEach(f -> lines.add("  " + f));
            lines.add("header:");
            for (int i = 0; i < FIELDS.length && 4 * i + 4 <= m.bytes().length; i++) {
                int v = BlobEdit.getInt(m.bytes(), 4 * i);
                lines.add(String.format("  0x%02x %-18s 0x%08x (%s)", 4 * i, FIELDS[i], v, Integer.toUnsignedString(v)));
            }
            lines.add("bytes" + (m.bytes().length > HEX_LIMIT ? " (first " + HEX_LIMIT + ")" : "") + ":");
            lines.addAll(hex(m.bytes(), Math.min(HEX_LIMIT, m.bytes().length)));
            Files.write(dir.resolve(name + ".txt"), lines, StandardCharsets.UTF_8);
            return dtb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 16 bytes a row: offset, hex words, printable ASCII. */
    static List<String> hex(byte[] b, int len) {
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < len; row += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < len) {
                    hex.append(String.format("%02x", b[i] & 0xff));
                    text.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '.');
                } else {
                    hex.append("  ");
                }
                if (i % 4 == 3) {
                    hex.append(' ');
                }
            }
            rows.add(String.format("  %06x  %s %s", row, hex, text));
        }
        return rows;
    }
}
