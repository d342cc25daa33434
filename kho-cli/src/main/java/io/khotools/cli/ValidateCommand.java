package io.khotools.cli;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Severity;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.dts.JsonStrings;
import io.khotools.kho.KhoImage;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.view.HandoverMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kho validate}: every structural finding for one or more DTBs, as text lines or JSON. Thin: reads
 * each input, runs the FDT validator, renders the report, and turns the worst outcome into the exit code.
 */
@Command(name = "validate",
        header = "Check DTBs: every libfdt check and more, all findings at once.",
        description = {
            "Checks each INPUT (a DTB, - for standard input, or a debugfs KHO directory such",
            "as /sys/kernel/debug/kho/out) and prints one line per finding:",
            "  severity rule-id path @offset: message",
            "With several inputs each line starts with the input's name. A summary per input",
            "goes to standard error (--quiet drops it). A KHO root FDT (compatible kho-v*)",
            "also gets the KHO rules. Rule ids are stable; the catalogues are",
            "docs/validation-rules.md and docs/kho-schema.md. A lone sub-blob (--as NAME,",
            "or a file in a debugfs sub_fdts folder) gets the rules of its type.",
            "A memory image (an ELF core; a raw file with --raw-base) gets the whole-state",
            "rules: root, scratch, the memory map read through the image, scratch and",
            "sub-blobs against the preserved memory, each sub-blob's own rules, and",
            "image.* warnings for damaged segments (docs/kho-memory.md)."
        },
        footer = {
            "",
            "Examples:",
            "  kho validate board.dtb",
            "  kho validate --format json out/*.dtb > report.json",
            "  kho validate -q board.dtb && echo valid",
            "  kho validate --as kexec-metadata metadata.bin",
            "  kho validate /sys/kernel/debug/kho/in/sub_fdts/memblock",
            "  kho validate vmcore.elf",
            "  kho validate --setup-data 0x9000 vmcore.elf",
            "  kho validate --raw-base 0x80000000 --fdt-addr 0x80000000 ram.bin",
            "",
            "Exit codes: 0 no error findings (warnings allowed), 1 error findings,",
            "2 usage error, 3 an input cannot be read or is not a DTB at all (its",
            "findings are still printed), 4 internal error (please report)."
        })
final class ValidateCommand implements Callable<Integer> {

    /** Which rule sets to run. */
    enum Schema { auto, fdt, kho }

    /** Output form. */
    enum Format { text, json }

    @Parameters(index = "0..*", arity = "1..*", paramLabel = "INPUT", description = "DTB files, - for standard input, debugfs KHO directories, memory images")
    List<String> inputs;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}); json is described in docs/json-format.md")
    Format format;

    @Option(names = "--schema", paramLabel = "SCHEMA", defaultValue = "auto",
            description = "auto, fdt or kho (default: ${DEFAULT-VALUE}). auto adds the KHO rules when the root is"
                    + " compatible with kho-v*; kho always adds them")
    Schema schema;

    @Option(names = "--as", paramLabel = "NAME", converter = SubBlobInputs.Converter.class,
            completionCandidates = SubBlobInputs.Candidates.class,
            description = "check each INPUT as a lone sub-blob of this type (memblock, kho_test, kexec-metadata,"
                    + " LUO, memfd-v2, ...); with --schema auto, implied for a file in a sub_fdts folder")
    SubBlobInputs.As as;

    @Mixin
    KhoOptionsMixin kho = new KhoOptionsMixin();

    @Mixin
    ImageOptionsMixin images = new ImageOptionsMixin();

    @Option(names = {"-q", "--quiet"}, description = "no summary on standard error")
    boolean quiet;

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    /**
     * One input's outcome.
     *
     * @param unreadable the file itself could not be read (already said on stderr)
     * @param undecodable the bytes are not a DTB at all (header unreadable), or the file is unreadable
     * @param note what was not checked, said after the summary (null when all was)
     */
    private record Outcome(String input, List<Diagnostic> diagnostics, boolean undecodable, boolean unreadable,
            String note) {
        Outcome(String input, List<Diagnostic> diagnostics, boolean undecodable, boolean unreadable) {
            this(input, diagnostics, undecodable, unreadable, null);
        }

        long count(Severity s) {
            return diagnostics.stream().filter(d -> d.severity() == s).count();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Outcome> outcomes = new ArrayList<>(inputs.size());
        for (String input : inputs) {
            outcomes.add(check(input, err));
        }
        if (format == Format.json) {
            out.print(json(outcomes));
        } else {
            boolean prefix = inputs.size() > 1;
            for (Outcome o : outcomes) {
                for (Diagnostic d : o.diagnostics) {
                    out.println(prefix ? o.input + ": " + d.format() : d.format());
                }
            }
        }
        out.flush();
        if (!quiet) {
            for (Outcome o : outcomes) {
                if (o.unreadable) {
                    continue;
                }
                err.println("kho: " + o.input + ": " + plural(o.count(Severity.ERROR), "error") + ", "
                        + plural(o.count(Severity.WARNING), "warning"));
                if (o.note != null) {
                    err.println("kho: " + o.input + ": note: " + o.note);
                }
            }
        }
        err.flush();
        if (outcomes.stream().anyMatch(Outcome::undecodable)) {
            return ExitCodes.BAD_INPUT;
        }
        return outcomes.stream().anyMatch(o -> o.count(Severity.ERROR) > 0) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private Outcome check(String input, PrintWriter err) {
        String name = BlobFiles.displayName(input);
        ByteBuf blob;
        try {
            KhoSource source = KhoSource.open(spec.commandLine(), parent.context(), input, images, kho);
            if (source instanceof KhoSource.Debugfs d) {
                // a debugfs KHO directory: the root, every sub-blob and the scratch areas
                return new Outcome(name, khoValidator().validateImage(d.image()).diagnostics(), false, false,
                        "a debugfs directory has no memory: the memory map and the kho.state rules are not checked"
                                + " (validate a memory image for those)");
            }
            if (source instanceof KhoSource.Image i) {
                return new Outcome(name, imageFindings(i.loaded()), false, false);
            }
            blob = ((KhoSource.Fdt) source).blob();
        } catch (FileProblemException e) {
            // one unreadable input does not stop the others; it is reported like a finding
            err.println("kho: " + e.file() + ": " + e.getMessage());
            return new Outcome(name, List.of(new Diagnostic("input.unreadable", Severity.ERROR, null, null, -1,
                    e.getMessage())), true, true);
        }
        try {
            SubBlobInputs.As lone = as != null ? as
                    : schema == Schema.auto ? SubBlobInputs.implied(parent.context(), input) : null;
            if (lone != null) {
                byte[] bytes = ByteBufUtil.getBytes(blob);
                Report report = khoValidator().validateBlob(lone.type(), bytes);
                // an FDT sub-blob whose header does not read is not decodable at all; a short struct is a finding
                boolean fdt = lone.type().alwaysFdt() || SubBlobCodec.isFdt(bytes);
                return new Outcome(name, report.diagnostics(), fdt && !headerReadable(blob), false);
            }
            Report report = isKho(blob) ? khoValidator().validateRoot(ByteBufUtil.getBytes(blob))
                    : Validator.defaults().validate(blob);
            return new Outcome(name, report.diagnostics(), !headerReadable(blob), false);
        } finally {
            blob.release();
        }
    }

    /**
     * A memory image's findings: the image's own warnings, then the whole-state rules (root, scratch, memory
     * map, scratch and blobs against the preserved memory), then each sub-blob's rules.
     */
    private List<Diagnostic> imageFindings(MemoryImages.Loaded loaded) {
        List<Diagnostic> out = new ArrayList<>();
        for (MemoryImages.Warning w : loaded.warnings()) {
            out.add(new Diagnostic(w.rule(), Severity.WARNING, "[image]", null, -1, w.message()));
        }
        HandoverMemory memory = loaded.memory();
        // the options the image was read with: its own byte order when --endian is absent
        out.addAll(KhoStateValidator.of(memory.options()).validate(memory.state()).diagnostics());
        // validateImage checks the root first, then each blob: the state validator has done the root
        byte[] root = memory.state().root();
        KhoValidator kv = KhoValidator.of(memory.options());
        List<Diagnostic> image = kv.validateImage(new KhoImage(root, memory.blobs(), null)).diagnostics();
        int rootFindings = kv.validateRoot(root).diagnostics().size();
        out.addAll(image.subList(Math.min(rootFindings, image.size()), image.size()));
        return out;
    }

    /** Whether the KHO rules apply: always with --schema kho, with auto when the root says kho-v*. */
    private boolean isKho(ByteBuf blob) {
        return schema == Schema.auto ? KhoInputs.isKhoRoot(blob) : schema == Schema.kho;
    }

    private KhoValidator khoValidator() {
        return KhoValidator.of(kho.options());
    }

    /** Whether the blob is a DTB at all: its header reads and checks (else exit 3). */
    private static boolean headerReadable(ByteBuf blob) {
        try {
            FdtHeader.readChecked(blob);
            return true;
        } catch (FdtException e) {
            return false;
        }
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    /** The JSON array of docs/json-format.md ("kho validate"). */
    private static String json(List<Outcome> outcomes) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            sb.append(i == 0 ? "\n  {" : ",\n  {");
            sb.append("\"input\": ");
            JsonStrings.quote(sb, o.input);
            sb.append(", \"errors\": ").append(o.count(Severity.ERROR));
            sb.append(", \"warnings\": ").append(o.count(Severity.WARNING));
            sb.append(", \"diagnostics\": [");
            for (int j = 0; j < o.diagnostics.size(); j++) {
                Diagnostic d = o.diagnostics.get(j);
                sb.append(j == 0 ? "\n    {" : ",\n    {");
                sb.append("\"severity\": \"").append(d.severity().label()).append('"');
                sb.append(", \"rule\": ");
                JsonStrings.quote(sb, d.ruleId());
                sb.append(", \"path\": ");
                nullable(sb, d.path());
                sb.append(", \"property\": ");
                nullable(sb, d.property());
                sb.append(", \"offset\": ").append(d.offset() < 0 ? "null" : Long.toString(d.offset()));
                sb.append(", \"message\": ");
                JsonStrings.quote(sb, d.message());
                sb.append('}');
            }
            sb.append(o.diagnostics.isEmpty() ? "]}" : "\n  ]}");
        }
        return sb.append(outcomes.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    private static void nullable(StringBuilder sb, String s) {
        if (s == null) {
            sb.append("null");
        } else {
            JsonStrings.quote(sb, s);
        }
    }
}
