package io.khotools.cli;

import io.khotools.fdt.dts.JsonPrinter;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.kho.KhoImage;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.view.HandoverMemory;
import io.khotools.kho.view.KhoView;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.util.Map;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kho dump}: prints a DTB as DTS source, fdtdump text or JSON. Thin: reads the file, hands it to a
 * printer, writes the text to stdout or atomically to {@code --output}.
 */
@Command(name = "dump",
        header = "Print a DTB as DTS source, fdtdump text, JSON or the decoded KHO view.",
        description = {
            "Reads INPUT (a DTB; - for standard input; a debugfs KHO directory such as",
            "/sys/kernel/debug/kho/out, whose root fdt the FDT formats print; or a memory",
            "image: an ELF core, or a raw memory file with --raw-base) and prints it.",
            "In a memory image the KHO root FDT is found at --fdt-addr, else through the",
            "x86 setup_data KHO record (--setup-data, or found in the image), else by",
            "scanning; the kho and json formats then add the memory map: blocks per",
            "order, merged preserved ranges, map pages, sub-blobs read; and per subtree",
            "what its pointers lead to (followed): structures reached, vmalloc areas,",
            "and the ranges it needs preserved, each with whether the preserved blocks",
            "cover it. A big-endian ELF image is read big-endian unless --endian says",
            "otherwise. Memory the image lacks is said per pointer; damaged segments",
            "are warnings on standard error.",
            "The input is checked completely first: if it cannot be decoded nothing is",
            "printed and kho exits with 3."
        },
        footer = {
            "",
            "Formats:",
            "  dts      what `dtc -I dtb -O dts` (1.7.1 and later) prints",
            "  fdtdump  what `fdtdump` prints on stdout (header, NOPs, blob order)",
            "  json     stable JSON, see docs/json-format.md; a KHO input adds a kho object",
            "  kho      the decoded KHO view: generation, pointers as addresses, each",
            "           sub-blob decoded (debugfs directory, memory image), scratch",
            "           areas, and the memory map summary (memory image)",
            "",
            "Examples:",
            "  kho dump board.dtb",
            "  kho dump --format fdtdump board.dtb",
            "  kho dump --format json -o board.json board.dtb",
            "  kho dump --format kho /sys/kernel/debug/kho/out",
            "  cat board.dtb | kho dump -",
            "  kho dump --format kho --as kexec-metadata metadata.bin",
            "  kho dump --format json /sys/kernel/debug/kho/in/sub_fdts/memblock",
            "  kho dump --format kho vmcore.elf              root found in the image",
            "  kho dump --format kho --fdt-addr 0x80000000 vmcore.elf",
            "  kho dump --format kho --all vmcore.elf        every structure followed",
            "  kho dump --format json --setup-data 0x9000 vmcore.elf",
            "  kho dump --format kho --raw-base 0x80000000 ram.bin",
            "",
            "Exit codes: 0 printed, 2 usage error, 3 input cannot be read or decoded,",
            "4 internal error (please report)."
        })
final class DumpCommand implements Callable<Integer>, NamesInput {
    @Parameters(index = "0", paramLabel = "INPUT", description = "DTB file, - for standard input, a debugfs KHO directory, or a memory image (ELF core;"
                    + " raw file with --raw-base)")
    String input;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "dts",
            converter = DumpFormat.Converter.class, completionCandidates = DumpFormat.Candidates.class,
            description = "dts, fdtdump, json or kho (default: ${DEFAULT-VALUE})")
    DumpFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write to FILE instead of standard output; FILE is replaced only once the whole text is written")
    String output;

    @Option(names = "--as", paramLabel = "NAME", converter = SubBlobInputs.Converter.class,
            completionCandidates = SubBlobInputs.Candidates.class,
            description = "formats kho and json: INPUT is a lone sub-blob of this type (memblock, kho_test,"
                    + " kexec-metadata, LUO, memfd-v2, ...); implied for a file in a sub_fdts folder")
    SubBlobInputs.As as;

    @Option(names = "--all",
            description = "format kho: list every structure, vmalloc chunk and preservation need the chain walk"
                    + " followed in a memory image (default: the first " + KhoView.TEXT_LIST_LIMIT
                    + " of each list, then how many more)")
    boolean all;

    @Mixin
    KhoOptionsMixin kho = new KhoOptionsMixin();

    @Mixin
    ImageOptionsMixin images = new ImageOptionsMixin();

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
        CliContext ctx = parent.context();
        if (as != null && format != DumpFormat.KHO && format != DumpFormat.JSON) {
            throw new ParameterException(spec.commandLine(), "--as applies to --format kho and json");
        }
        KhoImage image = null;
        HandoverMemory memory = null;
        ByteBuf blob;
        KhoSource source = KhoSource.open(spec.commandLine(), ctx, input, images, kho);
        if (source instanceof KhoSource.Debugfs d) {
            // a debugfs KHO directory: the FDT formats show its root fdt, the kho view all of it
            image = d.image();
            blob = ctx.allocator().heapBuffer(image.root().length).writeBytes(image.root());
        } else if (source instanceof KhoSource.Image i) {
            // a memory image: the FDT formats show the root FDT found in it, the kho view the whole state
            memory = i.loaded().memory();
            MemoryImages.warn(spec.commandLine().getErr(), inputName(), i.loaded().warnings());
            byte[] root = memory.state().root();
            blob = ctx.allocator().heapBuffer(root.length).writeBytes(root);
        } else {
            blob = ((KhoSource.Fdt) source).blob();
        }
        try {
            if (as != null && (image != null || memory != null)) {
                throw new ParameterException(spec.commandLine(), "--as applies to a lone sub-blob file, not to "
                        + (image != null ? "a debugfs directory" : "a memory image"));
            }
            SubBlobInputs.As lone = as != null ? as
                    : image == null && memory == null && (format == DumpFormat.KHO || format == DumpFormat.JSON)
                    ? SubBlobInputs.implied(ctx, input) : null;
            TextOutput.Text text = lone != null ? loneText(blob, lone) : text(blob, image, memory);
            TextOutput.print(ctx, output, spec.commandLine().getOut(), text);
        } finally {
            blob.release();
        }
        return ExitCodes.OK;
    }

    /** A lone sub-blob: its decoded view; as JSON, inside the FDT JSON when the blob is an FDT. */
    private TextOutput.Text loneText(ByteBuf blob, SubBlobInputs.As lone) {
        byte[] bytes = ByteBufUtil.getBytes(blob);
        Map<String, Object> view = SubBlobInputs.view(lone, bytes, kho.options());
        if (format == DumpFormat.KHO) {
            String s = KhoView.text(view);
            return out -> out.append(s);
        }
        String json = KhoView.json(new StringBuilder(), view).toString();
        if (SubBlobCodec.isFdt(bytes)) {
            return out -> JsonPrinter.print(blob, out, ReadLimits.DEFAULT, "kho", json);
        }
        // a raw struct has no FDT part: the same top-level object with only the kho member
        return out -> out.append("{\n  \"kho\": ").append(json).append("\n}\n");
    }

    private TextOutput.Text text(ByteBuf blob, KhoImage image, HandoverMemory memory) {
        if (format == DumpFormat.KHO) {
            String s = KhoView.text(view(blob, image, memory), all ? Integer.MAX_VALUE : KhoView.TEXT_LIST_LIMIT);
            return out -> out.append(s);
        }
        if (format == DumpFormat.JSON && (image != null || memory != null || KhoInputs.isKhoRoot(blob))) {
            Map<String, Object> view = view(blob, image, memory);
            String json = KhoView.json(new StringBuilder(), view).toString();
            return out -> JsonPrinter.print(blob, out, ReadLimits.DEFAULT, "kho", json);
        }
        return out -> format.print(blob, out);
    }

    private Map<String, Object> view(ByteBuf blob, KhoImage image, HandoverMemory memory) {
        return memory != null ? KhoView.model(memory) : image != null ? KhoInputs.imageView(image, kho.options())
                : KhoInputs.rootView(ByteBufUtil.getBytes(blob), kho.options());
    }
}
