package io.khotools.cli;

import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.value.PropertyValues;
import io.netty.buffer.ByteBuf;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kho get}: fdtget for one node. Prints each named property's value on its own line, formatted as
 * fdtget does (its {@code -t} types, its default guess), or lists the node's properties or subnodes.
 * Where fdtget has bugs kho does not copy them: it refuses to print a non-string as a string and a value
 * whose length does not fit the element size (fdtget prints garbage or a bare error), prints signed 1- and
 * 2-byte types signed ({@code -t bi}, {@code -t hi}; fdtget prints them unsigned), and always ends a value
 * with a newline (fdtget 1.6.1 omits it when a printable string is shown with a byte type).
 */
@Command(name = "get",
        header = "Print property values of one node, as fdtget does.",
        description = {
            "Looks NODE up in BLOB (a path such as /cpus/cpu@0; /memory also finds",
            "/memory@80000000; a name without a leading / goes through /aliases) and prints",
            "each PROP's value on its own line. Without -t the value is shown as fdtget",
            "shows it: printable strings separated by spaces, else 32-bit signed decimal",
            "cells when the length is a multiple of 4, else decimal bytes. Unlike fdtget,",
            "-t s refuses non-strings, -t bi/hi print signed values, and a value whose",
            "length does not fit the element size is an error, not garbage."
        },
        footer = {
            "",
            "Examples:",
            "  kho get board.dtb / compatible model",
            "  kho get -t x board.dtb /memory reg          hex cells",
            "  kho get -t bx board.dtb /ethernet local-mac-address",
            "  kho get -p board.dtb /chosen                property names",
            "  kho get -l board.dtb /                      subnode names",
            "  kho get -d none board.dtb /chosen bootargs  'none' when missing",
            "",
            "Exit codes: 0 printed, 1 a node or property is missing (without -d) or does not",
            "fit -t, 2 usage error, 3 input cannot be read or decoded, 4 internal error."
        })
final class GetCommand implements Callable<Integer>, NamesInput {

    @Parameters(index = "0", paramLabel = "BLOB", description = "DTB file, or - for standard input")
    String input;

    @Parameters(index = "1", paramLabel = "NODE", description = "node path or alias")
    String node;

    @Parameters(index = "2..*", paramLabel = "PROP", description = "property names")
    List<String> properties = List.of();

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", converter = GetType.Converter.class,
            description = "[hh|b|h|l](i|u|x|s|r): element size 1, 1, 2 or 4 bytes, then signed, unsigned, hex,"
                    + " string or raw")
    GetType type;

    @Option(names = {"-d", "--default"}, paramLabel = "TEXT", description = "print TEXT for a missing property")
    String defaultText;

    @Option(names = {"-p", "--properties"}, description = "list the node's property names")
    boolean listProperties;

    @Option(names = {"-l", "--list"}, description = "list the node's subnode names")
    boolean listNodes;

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public String inputName() {
        return BlobFiles.displayName(input);
    }

    @Override
    public Integer call() {
        if (properties.isEmpty() && !listProperties && !listNodes) {
            throw new ParameterException(spec.commandLine(), "give at least one PROP, or -p or -l");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ByteBuf blob = BlobFiles.read(parent.context(), input);
        try {
            FdtHeader.readChecked(blob); // not a DTB at all: exit 3 through the error handler
            FdtIndex index = FdtIndex.build(blob);
            int id = index.node(node);
            if (id < 0) {
                err.println("kho: " + inputName() + ": no node " + node);
                return ExitCodes.FINDINGS;
            }
            if (listProperties) {
                for (int p : index.properties(id)) {
                    out.println(index.propertyName(p));
                }
            }
            if (listNodes) {
                for (int c : index.children(id)) {
                    out.println(index.name(c));
                }
            }
            int code = ExitCodes.OK;
            for (String name : properties) {
                int p = index.property(id, name);
                if (p < 0) {
                    if (defaultText != null) {
                        out.println(defaultText);
                        continue;
                    }
                    err.println("kho: " + inputName() + ": " + index.path(id) + " has no property " + name);
                    code = ExitCodes.FINDINGS;
                    continue;
                }
                String problem = print(index.blob(), index.valueOffset(p) + blob.readerIndex(), index.valueLength(p), out);
                if (problem != null) {
                    err.println("kho: " + inputName() + ": " + index.path(id) + ":" + name + ": " + problem);
                    code = ExitCodes.FINDINGS;
                }
            }
            out.flush();
            return code;
        } finally {
            blob.release();
        }
    }

    /** Prints one value; returns why it cannot be shown with {@code -t}, or null once printed. */
    private String print(ByteBuf buf, int at, int len, PrintWriter out) {
        GetType t = type;
        if (t == null) {
            // fdtget's guess: strings, else 4-byte signed cells, else unsigned bytes
            if (PropertyValues.isPrintableStringList(buf, at, len)) {
                t = new GetType(4, 's');
            } else if (len % 4 == 0) {
                t = new GetType(4, 'i');
            } else {
                t = new GetType(1, 'u');
            }
        }
        StringBuilder sb = new StringBuilder();
        switch (t.format()) {
            case 'r' -> {
                out.print(buf.toString(at, len, StandardCharsets.ISO_8859_1)); // stdout maps a char to a byte
                return null;
            }
            case 's' -> {
                if (len > 0 && !PropertyValues.isPrintableStringList(buf, at, len)) {
                    return "not a list of printable strings (" + len + " bytes); use -t x or -t r";
                }
                // fdtget prints the strings separated by spaces
                sb.append(len == 0 ? "" : buf.toString(at, len - 1, StandardCharsets.ISO_8859_1).replace('\0', ' '));
            }
            default -> {
                if (len % t.size() != 0) {
                    return "length " + len + " is not a multiple of the " + t.size() + "-byte element size";
                }
                for (int i = 0; i < len; i += t.size()) {
                    long v = t.size() == 1 ? buf.getUnsignedByte(at + i)
                            : t.size() == 2 ? buf.getUnsignedShort(at + i) : buf.getUnsignedInt(at + i);
                    if (i > 0) {
                        sb.append(' ');
                    }
                    switch (t.format()) {
                        case 'x' -> sb.append(Long.toHexString(v));
                        case 'u' -> sb.append(v);
                        default -> sb.append(signed(v, t.size()));
                    }
                }
            }
        }
        out.println(sb);
        return null;
    }

    private static long signed(long v, int size) {
        return switch (size) {
            case 1 -> (byte) v;
            case 2 -> (short) v;
            default -> (int) v;
        };
    }
}
