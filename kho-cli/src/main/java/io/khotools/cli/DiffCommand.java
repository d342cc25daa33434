package io.khotools.cli;

import io.khotools.fdt.dts.DtsPrinter;
import io.khotools.fdt.dts.JsonStrings;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.TreeChange;
import io.khotools.fdt.tree.TreeDiff;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.view.KhoDiff;
import io.khotools.kho.view.KhoView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kho diff}: structural difference of two DTBs, values shown as DTS. Thin: reads both trees, asks
 * {@link TreeDiff}, renders the changes.
 */
@Command(name = "diff",
        header = "Show how two DTBs or KHO handovers differ: structure, then KHO meaning.",
        description = {
            "Compares A with B node by node (matched by path; order does not count)",
            "and prints one line per side of each difference, like diff -u:",
            "  - /chosen:bootargs = \"console=ttyS0\";",
            "  + /chosen:bootargs = \"quiet\";",
            "  + node /memory@0",
            "Values are printed as `kho dump` (and dtc) prints them. The header's",
            "boot_cpuid_phys and the memory reservations are compared too.",
            "When both inputs are KHO (root FDTs, debugfs directories, memory images)",
            "a section headed @@ kho @@ follows: generation, subsystems added, removed",
            "or changed field by field, merged preserved ranges added or removed (both",
            "memory images), scratch areas changed; # lines say what was not compared.",
            "With --as NAME both inputs are lone sub-blobs and their decoded fields are",
            "compared. Any difference in either section exits with 1."
        },
        footer = {
            "",
            "Examples:",
            "  kho diff old.dtb new.dtb",
            "  kho diff --ignore-phandles --format json a.dtb b.dtb",
            "  kho diff /sys/kernel/debug/kho/out /sys/kernel/debug/kho/in",
            "  kho diff before.elf after.elf               preserved ranges too",
            "  kho diff --as kexec-metadata old.bin new.bin",
            "",
            "Exit codes: 0 no differences, 1 differences, 2 usage error,",
            "3 an input cannot be read or decoded, 4 internal error (please report)."
        })
final class DiffCommand implements Callable<Integer>, NamesInput {

    /** Output form. */
    enum Format { text, json }

    @Parameters(index = "0", paramLabel = "A", description = "the first input: DTB (- for standard input), debugfs KHO directory, memory image")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "the second input")
    String b;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}); json is described in docs/json-format.md")
    Format format;

    @Option(names = "--ignore-phandles",
            description = "ignore phandle values, and cells that are phandles of the same node on both sides")
    boolean ignorePhandles;

    @Option(names = "--as", paramLabel = "NAME", converter = SubBlobInputs.Converter.class,
            completionCandidates = SubBlobInputs.Candidates.class,
            description = "A and B are lone sub-blobs of this type (memblock, kho_test, kexec-metadata, LUO,"
                    + " memfd-v2, ...): their decoded fields are compared too")
    SubBlobInputs.As as;

    @Mixin
    KhoOptionsMixin kho = new KhoOptionsMixin();

    @Mixin
    ImageOptionsMixin images = new ImageOptionsMixin();

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    /** The input being read, for error messages. */
    private String reading;

    @Override
    public String inputName() {
        return reading;
    }

    @Override
    public Integer call() {
        Side sa = read(a);
        Side sb = read(b);
        reading = null;
        String nameA = BlobFiles.displayName(a);
        String nameB = BlobFiles.displayName(b);
        List<TreeChange> changes = sa.tree != null && sb.tree != null
                ? TreeDiff.diff(sa.tree, sb.tree, new TreeDiff.Options(ignorePhandles)) : List.of();
        KhoDiff.Result kho = null;
        if (sa.model != null && sb.model != null) {
            kho = as != null ? KhoDiff.diffLone(as.name(), sa.model, sb.model)
                    : KhoDiff.diff(sa.model, sb.model, nameA, nameB);
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean differ = !changes.isEmpty() || (kho != null && !kho.changes().isEmpty());
        if (format == Format.json) {
            out.print(json(nameA, nameB, changes, kho));
        } else if (differ) {
            out.println("--- " + nameA);
            out.println("+++ " + nameB);
            for (TreeChange c : changes) {
                text(c, out);
            }
            if (kho != null && !kho.changes().isEmpty()) {
                out.println("@@ kho @@");
                out.print(KhoDiff.text(kho));
                for (String note : kho.notes()) {
                    out.println("# " + note);
                }
            }
        }
        out.flush();
        return differ ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /**
     * One side: its FDT (the root FDT of a debugfs directory or image; null for a lone raw struct) and, for
     * KHO inputs, the view model the semantic diff compares (null otherwise).
     */
    private record Side(FdtTree tree, Map<String, Object> model) {}

    private Side read(String input) {
        reading = BlobFiles.displayName(input);
        CliContext ctx = parent.context();
        KhoOptions options = kho.options();
        KhoSource source = KhoSource.open(spec.commandLine(), ctx, input, images, kho);
        if (source instanceof KhoSource.Debugfs d) {
            if (as != null) {
                throw new ParameterException(spec.commandLine(), "--as applies to lone sub-blob files; " + reading
                        + " is a debugfs directory");
            }
            return new Side(tree(d.image().root()), KhoInputs.imageView(d.image(), options));
        }
        if (source instanceof KhoSource.Image i) {
            if (as != null) {
                throw new ParameterException(spec.commandLine(), "--as applies to lone sub-blob files; " + reading
                        + " is a memory image");
            }
            MemoryImages.warn(spec.commandLine().getErr(), reading, i.loaded().warnings());
            return new Side(tree(i.loaded().memory().state().root()), KhoView.model(i.loaded().memory()));
        }
        ByteBuf blob = ((KhoSource.Fdt) source).blob();
        try {
            if (as != null) {
                byte[] bytes = ByteBufUtil.getBytes(blob);
                Map<String, Object> view = SubBlobInputs.view(as, bytes, options);
                return new Side(SubBlobCodec.isFdt(bytes) ? FdtTree.read(blob) : null, view);
            }
            FdtTree tree = FdtTree.read(blob);
            Map<String, Object> model = KhoInputs.isKhoRoot(blob)
                    ? KhoInputs.rootView(ByteBufUtil.getBytes(blob), options) : null;
            return new Side(tree, model);
        } finally {
            blob.release();
        }
    }

    private FdtTree tree(byte[] root) {
        ByteBuf blob = parent.context().allocator().heapBuffer(root.length).writeBytes(root);
        try {
            return FdtTree.read(blob);
        } finally {
            blob.release();
        }
    }

    private static void text(TreeChange c, PrintWriter out) {
        switch (c.kind()) {
            case NODE_ADDED -> out.println("+ node " + c.path());
            case NODE_REMOVED -> out.println("- node " + c.path());
            case PROPERTY_ADDED -> out.println("+ " + where(c) + DtsPrinter.valueText(c.newValue()));
            case PROPERTY_REMOVED -> out.println("- " + where(c) + DtsPrinter.valueText(c.oldValue()));
            case PROPERTY_CHANGED -> {
                out.println("- " + where(c) + DtsPrinter.valueText(c.oldValue()));
                out.println("+ " + where(c) + DtsPrinter.valueText(c.newValue()));
            }
            case BOOT_CPU -> {
                out.println("- boot_cpuid_phys 0x" + Integer.toHexString(ByteBuffer.wrap(c.oldValue()).getInt()));
                out.println("+ boot_cpuid_phys 0x" + Integer.toHexString(ByteBuffer.wrap(c.newValue()).getInt()));
            }
            case RESERVATIONS -> {
                reservations("- ", c.oldValue(), out);
                reservations("+ ", c.newValue(), out);
            }
        }
    }

    private static void reservations(String sign, byte[] entries, PrintWriter out) {
        ByteBuffer bb = ByteBuffer.wrap(entries);
        if (!bb.hasRemaining()) {
            out.println(sign + "/memreserve/ (none)");
        }
        while (bb.remaining() >= 16) {
            out.printf(Locale.ROOT, "%s/memreserve/ 0x%016x 0x%016x;%n", sign, bb.getLong(), bb.getLong());
        }
    }

    private static String where(TreeChange c) {
        return c.path() + ":" + c.property();
    }

    /** docs/json-format.md, "kho diff". */
    private static String json(String nameA, String nameB, List<TreeChange> changes, KhoDiff.Result kho) {
        StringBuilder sb = new StringBuilder("{\"a\": ");
        JsonStrings.quote(sb, nameA).append(", \"b\": ");
        JsonStrings.quote(sb, nameB).append(", \"changes\": [");
        for (int i = 0; i < changes.size(); i++) {
            TreeChange c = changes.get(i);
            sb.append(i == 0 ? "\n  {" : ",\n  {");
            sb.append("\"kind\": \"").append(c.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')).append('"');
            sb.append(", \"path\": ");
            JsonStrings.quote(sb, c.path());
            sb.append(", \"property\": ");
            if (c.property() == null) {
                sb.append("null");
            } else {
                JsonStrings.quote(sb, c.property());
            }
            value(sb.append(", \"old\": "), c, c.oldValue());
            value(sb.append(", \"new\": "), c, c.newValue());
            sb.append('}');
        }
        sb.append(changes.isEmpty() ? "]" : "\n]");
        if (kho != null) {
            KhoDiff.json(sb.append(",\n\"kho\": "), kho);
        }
        return sb.append("}\n").toString();
    }

    private static void value(StringBuilder sb, TreeChange c, byte[] v) {
        if (v == null) {
            sb.append("null");
            return;
        }
        sb.append("{\"hex\": \"").append(HexFormat.of().formatHex(v)).append('"');
        if (c.property() != null) {
            // the value alone, as after "name = " in DTS ("" for an empty property)
            String text = DtsPrinter.valueText(v);
            sb.append(", \"dts\": ");
            JsonStrings.quote(sb, text.equals(";") ? "" : text.substring(" = ".length(), text.length() - 1));
        }
        sb.append('}');
    }
}
