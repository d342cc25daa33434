package io.khotools.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code kho} command: a git-style root whose subcommands do the work.
 *
 * <p>Adding a subcommand: write a {@code @Command} class implementing {@code Callable<Integer>} (and
 * {@link NamesInput} if it reads one blob), read inputs with {@link BlobFiles}, write files with
 * {@link AtomicOutput}, return an {@link ExitCodes} value, let {@code FdtException} and
 * {@link FileProblemException} propagate (the {@link ErrorHandler} maps them), and list it in
 * {@link #SUBCOMMANDS}. It inherits {@code --verbose}, {@code --help} and the context
 * ({@code @ParentCommand KhoCli parent; parent.context()}).
 *
 * <p>Tests run commands in-process through {@link #newCommandLine(PrintWriter, PrintWriter)}.
 */
@Command(name = "kho",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // every subcommand gets --help and --version too
        versionProvider = VersionProvider.class,
        header = "Inspect flattened device trees (DTB) and Linux KHO metadata.",
        synopsisSubcommandLabel = "COMMAND",
        // subcommands are added in newCommandLine (SUBCOMMANDS), so that main() can build only the one it runs
        footer = {
            "",
            "Examples:",
            "  kho dump board.dtb                   DTS text as dtc -I dtb -O dts prints it",
            "  kho dump --format json board.dtb     JSON for scripts",
            "  kho validate board.dtb               every finding, one per line",
            "  kho diff old.dtb new.dtb             what changed, values as DTS",
            "  kho build -p 1024 -o out.dtb in.dtb  repack as dtc does, with free space",
            "  kho dump --format kho vmcore.elf     the KHO state in a memory image",
            "  kho map --svg mem.svg vmcore.elf     picture of the preserved memory",
            "  kho gen --seed 1 --out corpus        reproducible random test inputs",
            "  kho dump --help                      options of one command",
            "",
            "Exit codes: 0 ok, 1 findings or differences, 2 usage error,",
            "3 input cannot be read or decoded, 4 internal error (please report)."
        })
public final class KhoCli implements Callable<Integer> {
    /** The name of the option that turns on stack traces; every subcommand inherits it. */
    static final String VERBOSE = "--verbose";

    @Option(names = VERBOSE, scope = ScopeType.INHERIT,
            description = "print the stack trace of an error (for bug reports)")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    /** A root command reading from the process's working directory and standard input. */
    public KhoCli() {
        this(CliContext.system());
    }

    /**
     * A root command with a given context.
     *
     * @param context the working directory and standard input commands use
     */
    public KhoCli(CliContext context) {
        this.context = context;
    }

    /** The working directory and standard input for subcommands. */
    CliContext context() {
        return context;
    }

    /** Without a subcommand: print the usage to stderr, a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /**
     * A fully wired command line in the process's context: output and error streams, the exception
     * handler ({@link ErrorHandler}), usage errors as {@link ExitCodes#USAGE}.
     *
     * @param out standard output of the commands; flushed by them, never closed
     * @param err messages and usage help
     * @return a command line to {@code execute(args)}; its result is the exit code
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        return newCommandLine(out, err, CliContext.system());
    }

    /**
     * A fully wired command line.
     *
     * @param out standard output of the commands
     * @param err messages and usage help
     * @param context working directory for relative names and the standard input for {@code -}
     * @return a command line to {@code execute(args)}; its result is the exit code
     */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err, CliContext context) {
        return newCommandLine(out, err, context, null);
    }

    /** Every subcommand, in the order help lists them. */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("dump", DumpCommand::new);
        m.put("validate", ValidateCommand::new);
        m.put("diff", DiffCommand::new);
        m.put("get", GetCommand::new);
        m.put("put", PutCommand::new);
        m.put("build", BuildCommand::new);
        m.put("map", MapCommand::new);
        m.put("gen", GenCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /**
     * A command line with all subcommands, or with only {@code only} (picocli builds the model of every
     * subcommand it is given, which costs start-up time; a run needs one).
     */
    static CommandLine newCommandLine(PrintWriter out, PrintWriter err, CliContext context, String only) {
        CommandLine cl = new CommandLine(new KhoCli(context));
        SUBCOMMANDS.forEach((name, factory) -> {
            if (only == null || only.equals(name)) {
                cl.addSubcommand(name, factory.get());
            }
        });
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setExitCodeExceptionMapper(ErrorHandler::exitCode);
        cl.setCaseInsensitiveEnumValuesAllowed(false);
        return cl;
    }

    /**
     * Runs {@code kho} and exits with its code. Standard output carries one byte per char (names are raw
     * bytes; everything else kho prints is ASCII).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        QuietNettyLogging.install(System.err); // before any Netty class logs: see its Javadoc
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.ISO_8859_1), false);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            // "kho dump x.dtb" needs only dump's model; anything else (help, options first) gets all
            String only = args.length > 0 && !args[0].equals("help") && SUBCOMMANDS.containsKey(args[0]) ? args[0] : null;
            code = newCommandLine(out, err, CliContext.system(), only).execute(args);
        } catch (Throwable t) {
            // Errors (OutOfMemoryError, ...) bypass picocli's handlers: still exit with the documented code
            err.println("kho: internal error, please report: " + t);
            code = ExitCodes.INTERNAL;
        }
        out.flush();
        err.flush();
        System.exit(code);
    }
}
