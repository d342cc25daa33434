package io.khotools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build-time generator of the bash/zsh completion script and roff man pages ({@code kho.1},
 * {@code kho-dump.1}, ...) from the same annotations that give {@code --help}, so the three never disagree.
 * The build runs it during {@code package}; it is not part of the command.
 */
public final class DocsGenerator {
    private DocsGenerator() {}

    /**
     * Writes {@code kho_completion} and {@code man/*.1} below {@code args[0]}.
     *
     * @param args the output directory
     * @throws IOException if a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DocsGenerator OUTPUT_DIR");
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir.resolve("man"));
        CommandLine root = KhoCli.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), CliContext.system());
        Files.writeString(dir.resolve("kho_completion"), AutoComplete.bash("kho", root), StandardCharsets.UTF_8);
        for (CommandLine cl : commands(root)) {
            String name = cl.getCommandSpec().qualifiedName("-");
            Files.writeString(dir.resolve("man").resolve(name + ".1"), manPage(cl.getCommandSpec()), StandardCharsets.UTF_8);
        }
    }

    /** The root and every subcommand except picocli's built-in help. */
    static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            if (!all.contains(sub) && !(sub.getCommand() instanceof CommandLine.HelpCommand)) {
                all.add(sub);
            }
        }
        return all;
    }

    /** One man page in roff (man(7) macros). */
    static String manPage(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        String name = spec.qualifiedName("-");
        sb.append(".TH ").append(name.toUpperCase(java.util.Locale.ROOT)).append(" 1 \"\" \"kho ")
                .append(VersionProvider.version()).append("\" \"khotools manual\"\n");
        sb.append(".SH NAME\n").append(escape(name)).append(" \\- ").append(escape(String.join(" ", spec.usageMessage().header())))
                .append('\n');
        sb.append(".SH SYNOPSIS\n.B ").append(escape(spec.qualifiedName(" "))).append('\n');
        StringBuilder synopsis = new StringBuilder();
        for (OptionSpec o : spec.options()) {
            synopsis.append(" [").append(o.shortestName()).append(o.arity().max() > 0 ? " " + o.paramLabel() : "").append(']');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            synopsis.append(' ').append(p.paramLabel()).append(p.arity().max() > 1 ? "..." : "");
        }
        if (!spec.subcommands().isEmpty()) {
            synopsis.append(" COMMAND");
        }
        sb.append(escape(synopsis.toString().trim())).append('\n');
        sb.append(".SH DESCRIPTION\n");
        paragraph(sb, spec.usageMessage().description());
        if (!spec.positionalParameters().isEmpty() || !spec.options().isEmpty()) {
            sb.append(".SH OPTIONS\n");
            for (PositionalParamSpec p : spec.positionalParameters()) {
                item(sb, "\\fI" + escape(p.paramLabel()) + "\\fR", p);
            }
            for (OptionSpec o : spec.options()) {
                StringBuilder names = new StringBuilder();
                for (String n : o.names()) {
                    names.append(names.length() == 0 ? "" : ", ").append("\\fB").append(escape(n)).append("\\fR");
                }
                if (o.arity().max() > 0) {
                    names.append("=\\fI").append(escape(o.paramLabel())).append("\\fR");
                }
                item(sb, names.toString(), o);
            }
        }
        if (!spec.subcommands().isEmpty()) {
            sb.append(".SH COMMANDS\n");
            for (var e : spec.subcommands().entrySet()) {
                if (e.getValue().getCommand() instanceof CommandLine.HelpCommand) {
                    continue;
                }
                sb.append(".TP\n\\fB").append(escape(e.getKey())).append("\\fR\n")
                        .append(escape(String.join(" ", e.getValue().getCommandSpec().usageMessage().header()))).append('\n');
            }
        }
        String[] footer = spec.usageMessage().footer();
        if (footer.length > 0) {
            sb.append(".SH NOTES\n.nf\n");
            for (String line : footer) {
                sb.append(escapeLine(line)).append('\n');
            }
            sb.append(".fi\n");
        }
        return sb.toString();
    }

    private static void item(StringBuilder sb, String tag, ArgSpec arg) {
        sb.append(".TP\n").append(tag).append('\n');
        String text = String.join(" ", arg.description());
        if (arg.defaultValue() != null) {
            text = text.replace("${DEFAULT-VALUE}", arg.defaultValue());
        }
        sb.append(escape(text)).append('\n');
    }

    private static void paragraph(StringBuilder sb, String[] lines) {
        sb.append(".nf\n");
        for (String line : lines) {
            sb.append(escapeLine(line)).append('\n');
        }
        sb.append(".fi\n");
    }

    /** Escapes roff's special characters: backslash, and minus signs (so they stay ASCII hyphen-minus). */
    static String escape(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }

    /** {@link #escape} plus a zero-width guard for lines that start with '.' or '\'' (roff requests). */
    static String escapeLine(String s) {
        String e = escape(s);
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }

    /** For tests: the man page of a subcommand by name. */
    static String manPageFor(String subcommand) {
        CommandLine root = KhoCli.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter()), CliContext.system());
        CommandLine cl = subcommand == null ? root : root.getSubcommands().get(subcommand);
        if (cl == null) {
            throw new UncheckedIOException(new IOException("no subcommand " + subcommand));
        }
        return manPage(cl.getCommandSpec());
    }
}
