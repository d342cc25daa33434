package io.khotools.cli;

import io.netty.util.internal.logging.AbstractInternalLogger;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.PrintStream;

/**
 * Netty's logging for the command line: debug, trace and info are dropped, warnings and errors go to
 * stderr as {@code kho: netty: <message>}.
 *
 * <p>Why: by default Netty probes for SLF4J, Log4J 2 and Log4J and then initialises java.util.logging,
 * about 45 ms of a start-up budget of 300 ms, to print debug messages nobody reads. Installed by
 * {@link KhoCli#main} before any Netty class is used; tests keep Netty's default.
 */
final class QuietNettyLogging extends InternalLoggerFactory {
    private final PrintStream err;

    private QuietNettyLogging(PrintStream err) {
        this.err = err;
    }

    /** Makes this Netty's logger factory for the process. */
    static void install(PrintStream err) {
        InternalLoggerFactory.setDefaultFactory(new QuietNettyLogging(err));
    }

    @Override
    protected InternalLogger newInstance(String name) {
        return new Logger(name, err);
    }

    /** Replaces each {@code {}} of an SLF4J-style pattern with the next argument. */
    static String format(String pattern, Object... args) {
        StringBuilder sb = new StringBuilder(pattern.length() + 16);
        int from = 0;
        int arg = 0;
        for (int at = pattern.indexOf("{}"); at >= 0 && arg < args.length; at = pattern.indexOf("{}", from)) {
            sb.append(pattern, from, at).append(args[arg++]);
            from = at + 2;
        }
        return sb.append(pattern, from, pattern.length()).toString();
    }

    private static final class Logger extends AbstractInternalLogger {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream err;

        Logger(String name, PrintStream err) {
            super(name);
            this.err = err;
        }

        private void print(String msg, Throwable t) {
            err.println("kho: netty: " + msg + (t == null ? "" : ": " + t));
        }

        // trace, debug, info: off
        @Override public boolean isTraceEnabled() { return false; }
        @Override public void trace(String msg) { }
        @Override public void trace(String format, Object arg) { }
        @Override public void trace(String format, Object argA, Object argB) { }
        @Override public void trace(String format, Object... arguments) { }
        @Override public void trace(String msg, Throwable t) { }
        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(String msg) { }
        @Override public void debug(String format, Object arg) { }
        @Override public void debug(String format, Object argA, Object argB) { }
        @Override public void debug(String format, Object... arguments) { }
        @Override public void debug(String msg, Throwable t) { }
        @Override public boolean isInfoEnabled() { return false; }
        @Override public void info(String msg) { }
        @Override public void info(String format, Object arg) { }
        @Override public void info(String format, Object argA, Object argB) { }
        @Override public void info(String format, Object... arguments) { }
        @Override public void info(String msg, Throwable t) { }

        // warn, error: one line on stderr
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(String msg) { print(msg, null); }
        @Override public void warn(String format, Object arg) { print(format(format, arg), null); }
        @Override public void warn(String format, Object argA, Object argB) { print(format(format, argA, argB), null); }
        @Override public void warn(String format, Object... arguments) { print(format(format, arguments), null); }
        @Override public void warn(String msg, Throwable t) { print(msg, t); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(String msg) { print(msg, null); }
        @Override public void error(String format, Object arg) { print(format(format, arg), null); }
        @Override public void error(String format, Object argA, Object argB) { print(format(format, argA, argB), null); }
        @Override public void error(String format, Object... arguments) { print(format(format, arguments), null); }
        @Override public void error(String msg, Throwable t) { print(msg, t); }
    }
}
