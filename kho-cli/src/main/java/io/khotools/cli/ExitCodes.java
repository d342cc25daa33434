package io.khotools.cli;

/**
 * The exit codes of every {@code kho} subcommand. Scripts depend on them: never renumber.
 */
public final class ExitCodes {
    /** Success: the command did its work, found no error, or found no difference. */
    public static final int OK = 0;
    /** The command ran and found errors (validate) or differences (diff). */
    public static final int FINDINGS = 1;
    /** The command line is wrong: unknown subcommand or option, missing or invalid argument. */
    public static final int USAGE = 2;
    /** An input cannot be read or decoded at all (missing, empty, not a DTB, truncated), or an output cannot be written. */
    public static final int BAD_INPUT = 3;
    /** Anything else: a bug in kho. The message asks for a report; {@code --verbose} adds the stack trace. */
    public static final int INTERNAL = 4;

    private ExitCodes() {}
}
