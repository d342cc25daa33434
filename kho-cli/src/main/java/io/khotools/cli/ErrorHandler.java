package io.khotools.cli;

import io.khotools.fdt.FdtException;
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
        } else if (ex instanceof FileProblemException fp) {
            err.println("kho: " + fp.file() + ": " + fp.getMessage());
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
        if (t instanceof FdtException || t instanceof FileProblemException) {
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.INTERNAL;
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
