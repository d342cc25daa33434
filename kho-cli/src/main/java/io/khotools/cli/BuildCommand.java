package io.khotools.cli;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.stream.FdtCopier;
import io.khotools.fdt.stream.Layout;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.kho.gen.HandoverDescription;
import io.khotools.kho.gen.HandoverDescription.DescribedHandover;
import io.khotools.kho.memory.KhoStateValidator;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kho build}: re-lays a DTB out byte for byte as dtc (or libfdt's sequential writer) would write the
 * same tree, with dtc's padding options. The input is validated first; a blob with error findings is not
 * written unless {@code --force}. A handover description (DTS or DTB whose root is
 * {@code compatible = "khotools,handover-v1"}, docs/kho-build.md) becomes a whole handover image instead: an
 * ELF64 core holding the root FDT, the scratch array, the {@code setup_data} record, the memory map and every
 * blob and structure; a state with error findings is not written unless {@code --force}.
 */
@Command(name = "build",
        header = "Compile DTS, or re-lay a DTB, into dtc's or libfdt's exact bytes.",
        description = {
            "Reads INPUT (a DTB; - for standard input), validates it, and writes the",
            "same tree as a new blob: --layout dtc gives the bytes `dtc -I dtb -O dtb`",
            "writes with the same options, --layout libfdt those of libfdt's",
            "sequential-write API (QEMU, U-Boot, the kernel). The output file is",
            "replaced only once the whole blob is written. INPUT may also be DTS source:",
            "it is compiled to the bytes `dtc -I dts -O dtb` writes with the same options.",
            "",
            "A handover description (DTS or DTB with compatible = \"khotools,handover-v1\",",
            "see docs/kho-build.md) is built into a whole KHO handover image instead: an",
            "ELF64 core with the root FDT, scratch array, setup_data record, memory map",
            "and every sub-blob, which `kho dump`, `kho validate` and gdb read. The",
            "state is validated first; one with error findings is not written unless",
            "--force."
        },
        footer = {
            "",
            "Examples:",
            "  kho build -o packed.dtb board.dtb             repack as dtc does",
            "  kho build -p 4096 -o roomy.dtb board.dtb      4 KiB of free space at the end",
            "  kho build --layout libfdt -o sw.dtb board.dtb",
            "  kho build -@ -o board.dtb board.dts            compile DTS with __symbols__",
            "  kho build -o kho.elf handover.dts             KHO image from a description",
            "",
            "Exit codes: 0 written, 1 the input has error findings (nothing written),",
            "2 usage error, 3 input cannot be read or decoded, or output cannot be",
            "written, 4 internal error (please report)."
        })
final class BuildCommand implements Callable<Integer>, NamesInput {

    @Parameters(index = "0", paramLabel = "INPUT", description = "DTB or DTS file, or - for standard input")
    String input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "output file (default: standard output, unless it is a terminal)")
    String output;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "dtc",
            description = "dtc or libfdt (default: ${DEFAULT-VALUE})")
    String layout;

    @Option(names = {"-p", "--pad"}, paramLabel = "N", converter = NumberConverter.class,
            description = "add N bytes of free space after the strings block (dtc -p)")
    Integer pad;

    @Option(names = {"-S", "--space"}, paramLabel = "N", converter = NumberConverter.class,
            description = "make the blob at least N bytes (dtc -S; not with -p)")
    Integer space;

    @Option(names = {"-a", "--align"}, paramLabel = "N", converter = NumberConverter.class,
            description = "round the blob size up to a multiple of N, a power of two (dtc -a)")
    Integer align;

    @Option(names = {"-R", "--reserve"}, paramLabel = "N", converter = NumberConverter.class,
            description = "add N empty memory reservation entries (dtc -R)")
    Integer reserve;

    @Option(names = {"-b", "--boot-cpu"}, paramLabel = "N", converter = NumberConverter.class,
            description = "boot_cpuid_phys of the output (default: the input's)")
    Integer bootCpu;

    @Option(names = "--out-version", paramLabel = "N", converter = NumberConverter.class,
            description = "blob version, 16 or 17 (default: 17; dtc layout only for 16)")
    Integer version;

    @Option(names = {"-@", "--symbols"}, description = "DTS input: add a __symbols__ node with every label (dtc -@)")
    boolean symbols;

    @Option(names = "--force", description = "write even if the input has error findings (as far as it can be read)")
    boolean force;

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
        WriteOptions options = options();
        boolean toStdout = output == null || "-".equals(output);
        if (toStdout && System.console() != null) {
            throw new ParameterException(spec.commandLine(),
                    "refusing to write a binary blob to the terminal: use -o FILE or redirect standard output");
        }
        PrintWriter err = spec.commandLine().getErr();
        ByteBuf blob = BlobFiles.read(parent.context(), input);
        try {
            if (looksLikeDts(blob)) {
                FdtTree tree = compile(blob, options);
                if (HandoverDescription.isDescription(tree)) {
                    return image(tree, err);
                }
                ByteBuf compiled = tree.write(parent.context().allocator(), options.lenient());
                try {
                    write(compiled);
                } finally {
                    compiled.release();
                }
                return ExitCodes.OK;
            }
            if (symbols) {
                throw new ParameterException(spec.commandLine(), "--symbols (-@) needs DTS input");
            }
            // not a DTB at all (bad magic, version, sizes): one line and exit 3, like dump
            FdtHeader.readChecked(blob);
            Report report = Validator.defaults().validate(blob);
            if (report.hasErrors()) {
                if (refused(report, "", err)) {
                    return ExitCodes.FINDINGS;
                }
                options = options.lenient();
            } else if (HandoverDescription.isDescription(blob)) {
                return image(FdtTree.read(blob), err);
            }
            ByteBuf result = FdtCopier.copy(blob, parent.context().allocator(), options);
            try {
                write(result);
            } finally {
                result.release();
            }
        } finally {
            blob.release();
        }
        return ExitCodes.OK;
    }

    /**
     * Builds the handover a description describes and writes it as an ELF64 core (little-endian x86-64, or
     * big-endian PowerPC64 for a big-endian state).
     *
     * @throws HandoverDescription.DescriptionException for a description that cannot be built (exit 3)
     */
    private int image(FdtTree description, PrintWriter err) throws IOException {
        if (symbols || pad != null || space != null || align != null || reserve != null || bootCpu != null
                || version != null || !"dtc".equals(layout)) {
            throw new ParameterException(spec.commandLine(), "a handover description builds an image: -@, -p, -S,"
                    + " -a, -R, -b, --out-version and --layout are for DTB output");
        }
        DescribedHandover h = HandoverDescription.build(description);
        Report report = KhoStateValidator.of(h.options()).validate(h.state());
        if (report.hasErrors() && refused(report, "the state has ", err)) {
            return ExitCodes.FINDINGS;
        }
        byte[] elf = h.toElf();
        TextOutput.print(parent.context(), output, spec.commandLine().getOut(),
                out -> out.append(new String(elf, StandardCharsets.ISO_8859_1)));
        return ExitCodes.OK;
    }

    /**
     * Prints every error finding; without {@code --force} also that nothing is written.
     *
     * @return true if the output must not be written
     */
    private boolean refused(Report report, String what, PrintWriter err) {
        for (Diagnostic d : report.errors()) {
            err.println("kho: " + inputName() + ": " + d.format());
        }
        if (force) {
            return false;
        }
        err.println("kho: " + inputName() + ": not written: " + what + report.errors().size()
                + " error finding(s); --force writes anyway");
        err.flush();
        return true;
    }

    /**
     * Compiles DTS source as dtc would with the same options.
     *
     * @throws DtsException with every source error (the error handler prints them as file:line:col lines)
     */
    private FdtTree compile(ByteBuf source, WriteOptions options) {
        CompileOptions co = CompileOptions.defaults().withWriteOptions(options).withSymbols(symbols);
        if (bootCpu != null) {
            co = co.withBootCpuId(bootCpu);
        }
        if ("-".equals(input)) {
            return DtsCompiler.compile(source.toString(StandardCharsets.ISO_8859_1), BlobFiles.STDIN_NAME, co);
        }
        // from the file, so that /include/ and /incbin/ resolve next to it
        return DtsCompiler.compile(parent.context().resolve(input), input, co);
    }

    private WriteOptions options() {
        WriteOptions o;
        switch (layout) {
            case "dtc" -> o = WriteOptions.dtc();
            case "libfdt" -> o = WriteOptions.libfdt();
            default -> throw new ParameterException(spec.commandLine(),
                    "--layout: expected dtc or libfdt but was '" + layout + "'");
        }
        try {
            if (pad != null && space != null) {
                throw new IllegalArgumentException("-p and -S cannot be used together (dtc refuses them too)");
            }
            if (version != null) {
                o = o.withVersion(version);
            }
            if (pad != null) {
                o = o.withPadding(pad);
            }
            if (space != null) {
                o = o.withMinTotalSize(space);
            }
            if (align != null) {
                o = o.withAlignment(align);
            }
            if (reserve != null) {
                o = o.withExtraReserveEntries(reserve);
            }
            if (bootCpu != null) {
                o = o.withBootCpuId(bootCpu);
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return o;
    }

    private void write(ByteBuf result) throws IOException {
        TextOutput.print(parent.context(), output, spec.commandLine().getOut(),
                out -> out.append(result.toString(StandardCharsets.ISO_8859_1)));
    }

    /** Not a DTB but text that starts like DTS source (after blanks and comments, or anywhere early). */
    private static boolean looksLikeDts(ByteBuf blob) {
        if (blob.readableBytes() >= 4 && blob.getInt(blob.readerIndex()) == FdtFormat.MAGIC) {
            return false;
        }
        int n = Math.min(blob.readableBytes(), 4096);
        return blob.toString(blob.readerIndex(), n, StandardCharsets.ISO_8859_1).contains("/dts-v1/");
    }
}
