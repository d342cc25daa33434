package io.khotools.cli;

import io.netty.buffer.ByteBuf;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kho dump}: prints a DTB as DTS source, fdtdump text or JSON. Thin: reads the file, hands it to a
 * printer, writes the text to stdout or atomically to {@code --output}.
 */
@Command(name = "dump",
        header = "Print a DTB as DTS source, fdtdump text or JSON.",
        description = {
            "Reads INPUT (a flattened device tree blob; - for standard input) and prints it.",
            "The blob is checked completely first: if it cannot be decoded nothing is printed",
            "and kho exits with 3."
        },
        footer = {
            "",
            "Formats:",
            "  dts      what `dtc -I dtb -O dts` (1.7.1 and later) prints",
            "  fdtdump  what `fdtdump` prints on stdout (header, NOPs, blob order)",
            "  json     stable JSON, see docs/json-format.md",
            "",
            "Examples:",
            "  kho dump board.dtb",
            "  kho dump --format fdtdump board.dtb",
            "  kho dump --format json -o board.json board.dtb",
            "  cat board.dtb | kho dump -",
            "",
            "Exit codes: 0 printed, 2 usage error, 3 input cannot be read or decoded,",
            "4 internal error (please report)."
        })
final class DumpCommand implements Callable<Integer>, NamesInput {
    @Parameters(index = "0", paramLabel = "INPUT", description = "DTB file to print, or - for standard input")
    String input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "dts",
            converter = DumpFormat.Converter.class, completionCandidates = DumpFormat.Candidates.class,
            description = "dts, fdtdump or json (default: ${DEFAULT-VALUE})")
    DumpFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write to FILE instead of standard output; FILE is replaced only once the whole text is written")
    String output;

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public String inputName() {
        return input == null ? null : BlobFiles.displayName(input);
    }

    @Override
    public Integer call() throws IOException {
        ByteBuf blob = BlobFiles.read(parent.context(), input);
        try {
            if (output == null || "-".equals(output)) {
                PrintWriter out = spec.commandLine().getOut();
                format.print(blob, out);
                out.flush();
            } else {
                try (AtomicOutput file = AtomicOutput.create(parent.context(), output)) {
                    // one char = one byte: names are printed raw, everything else is ASCII
                    Writer w = new BufferedWriter(new OutputStreamWriter(file.stream(), StandardCharsets.ISO_8859_1));
                    format.print(blob, w);
                    w.flush();
                    file.commit();
                }
            }
        } finally {
            blob.release();
        }
        return ExitCodes.OK;
    }
}
