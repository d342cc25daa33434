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
 * written unless {@code --force}.
 */
@Command(name = "build",
        header = "Compile DTS, or re-lay a DTB, into dtc's or libfdt's exact bytes.",
        description = {
            "Reads INPUT (a DTB; - for standard input), validates it, and writes the",
            "same tree as a new blob: --layout dtc gives the bytes `dtc -I dtb -O dtb`",
            "writes with the same options, --layout libfdt those of libfdt's",
            "sequential-write API (QEMU, U-Boot, the kernel). The output file is",
            "replaced only once the whole blob is written. INPUT may also be DTS source:",
            "it is compiled to the bytes `dtc -I dts -O dtb` writes with the same options."
        },
        footer = {
            "",
            "Examples:",
            "  kho build -o packed.dtb board.dtb             repack as dtc does",
            "  kho build -p 4096 -o roomy.dtb board.dtb      4 KiB of free space at the end",
            "  kho build --layout libfdt -o sw.dtb board.dtb",
            "  kho build -@ -o board.dtb board.dts            compile DTS with __symbols__",
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
                ByteBuf compiled = compile(blob, options);
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
                for (Diagnostic d : report.errors()) {
                    err.println("kho: " + inputName() + ": " + d.format());
                }
                if (!force) {
                    err.println("kho: " + inputName() + ": not written: " + report.errors().size()
                            + " error finding(s); --force writes anyway");
                    err.flush();
                    return ExitCodes.FINDINGS;
                }
                options = options.lenient();
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
     * Compiles DTS source as dtc would with the same options.
     *
     * @throws DtsException with every source error (the error handler prints them as file:line:col lines)
     */
    private ByteBuf compile(ByteBuf source, WriteOptions options) {
        CompileOptions co = CompileOptions.defaults().withWriteOptions(options).withSymbols(symbols);
        if (bootCpu != null) {
            co = co.withBootCpuId(bootCpu);
        }
        if ("-".equals(input)) {
            return DtsCompiler.compileToBlob(source.toString(StandardCharsets.ISO_8859_1), BlobFiles.STDIN_NAME, co,
                    parent.context().allocator());
        }
        // from the file, so that /include/ and /incbin/ resolve next to it
        return DtsCompiler.compileToBlob(parent.context().resolve(input), input, co, parent.context().allocator());
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
