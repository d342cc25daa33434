package io.khotools.cli;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.dts.compile.DtsDiagnostic;
import io.khotools.fdt.dts.compile.DtsException;
import io.khotools.kho.KhoDecodeException;
import io.khotools.kho.gen.HandoverDescription;
import io.khotools.kho.image.ImageFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where an exception thrown by a subcommand becomes an exit code and a message on stderr.
 *
 * <ul>
 *   <li>{@link FdtException} (a blob that cannot be decoded) → {@link ExitCodes#BAD_INPUT},
 *       {@code kho: <input>: <error> @0x<offset>: <message>}.</li>
 *   <li>{@link DtsException} (DTS source errors) → {@link ExitCodes#BAD_INPUT}, one
 *       {@code file:line:col: message} line per error.</li>
 *   <li>{@link KhoDecodeException} (not a decodable KHO input) → {@link ExitCodes#BAD_INPUT},
 *       {@code kho: <input>: <message>: <first error finding>}.</li>
 *   <li>{@link ImageFormatException} (a memory image whose ELF structure does not read) →
 *       {@link ExitCodes#BAD_INPUT}, {@code kho: <input>: not a readable ELF core: <message>}.</li>
 *   <li>{@link HandoverDescription.DescriptionException} (a handover description that cannot be built) →
 *       {@link ExitCodes#BAD_INPUT}, {@code kho: <input>: handover description <node>: <message>}.</li>
 *   <li>{@link FileProblemException} (missing, empty, unreadable file; unwritable output) →
 *       {@link ExitCodes#BAD_INPUT}, {@code kho: <file>: <message>}.</li>
 *   <li>Anything else is a bug → {@link ExitCodes#INTERNAL},
 *       {@code kho: internal error, please report: <exception>}.</li>
 * </ul>
 * Usage errors ({@code ParameterException}) never get here: picocli's parameter handler prints the
 * message and usage and returns {@link ExitCodes#USAGE}. The stack trace is printed only with
 * {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCode(ex);
        if (ex instanceof FdtException fe) {
            String input = cmd.getCommand() instanceof NamesInput n ? n.inputName() : null;
            err.println("kho: " + (input != null ? input + ": " : "") + fe.describe());
        } else if (ex instanceof DtsException de) {
            // compiler-style lines, file:line:col: message, that editors and CI logs link to the source
            for (DtsDiagnostic d : de.diagnostics()) {
                err.println(d.format());
            }
        } else if (ex instanceof KhoDecodeException ke) {
            String input = cmd.getCommand() instanceof NamesInput n ? n.inputName() : null;
            err.println("kho: " + (input != null ? input + ": " : "") + describe(ke));
        } else if (ex instanceof FileProblemException fp) {
            err.println("kho: " + fp.file() + ": " + fp.getMessage());
        } else if (ex instanceof HandoverDescription.DescriptionException de) {
            String input = cmd.getCommand() instanceof NamesInput n ? n.inputName() : null;
            err.println("kho: " + (input != null ? input + ": " : "") + "handover description " + de.getMessage());
        } else if (ex instanceof ImageFormatException ie) {
            String input = cmd.getCommand() instanceof NamesInput n ? n.inputName() : null;
            err.println("kho: " + (input != null ? input + ": " : "") + "not a readable ELF core: " + ie.getMessage());
        } else {
            err.println("kho: internal error, please report: " + ex
                    + (verbose(parseResult) ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * The exit code for an exception, for picocli's {@code IExitCodeExceptionMapper}: usage errors
     * ({@code ParameterException}) → {@link ExitCodes#USAGE}, undecodable or unreadable input →
     * {@link ExitCodes#BAD_INPUT}, anything else → {@link ExitCodes#INTERNAL}.
     */
    static int exitCode(Throwable t) {
        if (t instanceof CommandLine.ParameterException) {
            return ExitCodes.USAGE;
        }
        if (t instanceof FdtException || t instanceof FileProblemException || t instanceof KhoDecodeException
                || t instanceof DtsException || t instanceof ImageFormatException
                || t instanceof HandoverDescription.DescriptionException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL;
    }

    /** A KHO decode failure in one line: its message and the first error finding behind it. */
    static String describe(KhoDecodeException e) {
        return e.report().errors().stream().findFirst()
                .map(d -> e.getMessage().contains(d.message()) ? e.getMessage() + " (" + d.ruleId() + ")"
                        : e.getMessage() + ": " + d.format())
                .orElse(e.getMessage());
    }

    /** True if {@code --verbose} was given to the root command or any subcommand. */
    static boolean verbose(ParseResult parseResult) {
        for (ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
            if (pr.hasMatchedOption(KhoCli.VERBOSE)) {
                return true;
            }
        }
        return false;
    }
}
