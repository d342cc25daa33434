package io.khotools.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Where a command's result goes: standard output, or {@code -o FILE} replaced atomically. One char is one
 * byte on both paths (ISO-8859-1): names are printed raw, everything else is ASCII, and binary blobs pass
 * through unchanged.
 */
final class TextOutput {
    private TextOutput() {}

    /** Something to print, decided (and decoded) before any output is opened. */
    @FunctionalInterface
    interface Text {
        /** Appends the whole result to {@code out}. */
        void print(Appendable out) throws IOException;
    }

    /**
     * Prints {@code text} to {@code stdout} when {@code output} is null or {@code -}, else to the file
     * {@code output}, which is replaced only once everything is written.
     *
     * @throws FileProblemException if the file cannot be written (nothing is left behind)
     */
    static void print(CliContext context, String output, PrintWriter stdout, Text text) throws IOException {
        if (output == null || "-".equals(output)) {
            text.print(stdout);
            stdout.flush();
            return;
        }
        try (AtomicOutput file = AtomicOutput.create(context, output)) {
            Writer w = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.ISO_8859_1));
            text.print(w);
            w.flush();
            file.commit();
        }
    }
}
