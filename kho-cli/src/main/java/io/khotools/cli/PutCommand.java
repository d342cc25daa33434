package io.khotools.cli;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
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
 * {@code kho put}: fdtput. Sets a property (words concatenated, {@code -t} types), creates nodes
 * ({@code -c}, {@code -p}), removes nodes ({@code -r}) or deletes properties ({@code -d}) with libfdt's
 * placement (new properties and nodes first in their node, {@link FdtEdit}), then rewrites BLOB packed and
 * atomically: on any error the file is left as it was. fdtput's bugs are not copied ({@link PutValues}).
 */
@Command(name = "put",
        header = "Change a DTB file in place, as fdtput does.",
        description = {
            "Sets PROP of NODE in BLOB to the VALUE words, concatenated: 32-bit numbers",
            "without -t (decimal, 0x hex or 0 octal), or as -t says. A new property",
            "becomes the node's first one, as with fdtput. -c creates the NODEs (first",
            "among their siblings), -p also creates missing parents, -r removes the",
            "NODEs, -d deletes the PROPs. BLOB is rewritten packed; if anything fails it",
            "is left unchanged. Unlike fdtput, a number that does not parse or does not",
            "fit the element size is an error, and -t h stores whole 2-byte values."
        },
        footer = {
            "",
            "Examples:",
            "  kho put board.dtb /chosen bootargs-len 42",
            "  kho put -t s board.dtb / compatible acme,board acme,soc",
            "  kho put -t x board.dtb /memory reg 0 80000000 0 10000000",
            "  kho put -t bx board.dtb /ethernet local-mac-address 0 11 22 33 44 55",
            "  kho put -p -t s board.dtb /new/node label hello   creates /new/node",
            "  kho put -c board.dtb /a /b                        new empty nodes",
            "  kho put -r board.dtb /a                           remove a subtree",
            "  kho put -d board.dtb /chosen bootargs             delete a property",
            "",
            "Exit codes: 0 written, 1 a node or property is missing or a node exists",
            "(BLOB unchanged), 2 usage error or bad VALUE, 3 BLOB cannot be read, decoded",
            "or written, 4 internal error (please report)."
        })
final class PutCommand implements Callable<Integer>, NamesInput {

    @Parameters(index = "0", paramLabel = "BLOB", description = "DTB file, changed in place")
    String input;

    @Parameters(index = "1", paramLabel = "NODE", description = "node path or alias")
    String node;

    @Parameters(index = "2..*", paramLabel = "ARG",
            description = "PROP VALUE...; more NODEs with -c/-r; PROPs with -d")
    List<String> rest = List.of();

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", converter = GetType.Converter.class,
            description = "[hh|b|h|l](i|u|x|s): element size 1, 1, 2 or 4 bytes, then signed,"
                    + " unsigned, hex or strings")
    GetType type;

    @Option(names = {"-c", "--create"}, description = "create the NODEs")
    boolean create;

    @Option(names = {"-p", "--auto-path"}, description = "create missing parent nodes (and NODE)")
    boolean autoPath;

    @Option(names = {"-r", "--remove"}, description = "remove the NODEs and their subnodes")
    boolean remove;

    @Option(names = {"-d", "--delete"}, description = "delete the PROPs of NODE")
    boolean delete;

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public String inputName() {
        return BlobFiles.displayName(input);
    }

    @Override
    public Integer call() throws IOException {
        checkUsage();
        byte[] value = null;
        if (!create && !remove && !delete) {
            try {
                value = PutValues.encode(type, rest.subList(1, rest.size()));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "VALUE " + e.getMessage());
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        byte[] result;
        ByteBuf blob = BlobFiles.read(parent.context(), input);
        try {
            FdtEdit edit = FdtEdit.open(blob);
            List<String> nodes = new ArrayList<>();
            nodes.add(node);
            try {
                if (create) {
                    nodes.addAll(rest);
                    for (String n : nodes) {
                        if (autoPath) {
                            edit.addNodeWithParents(n);
                        } else {
                            edit.addNode(n);
                        }
                    }
                } else if (remove) {
                    nodes.addAll(rest);
                    for (String n : nodes) {
                        edit.removeNode(n);
                    }
                } else if (delete) {
                    for (String prop : rest) {
                        edit.deleteProperty(node, prop);
                    }
                } else {
                    if (autoPath && !edit.hasNode(node)) {
                        edit.addNodeWithParents(node);
                    }
                    edit.setProperty(node, rest.get(0), value);
                }
            } catch (FdtEdit.EditException e) {
                err.println("kho: " + inputName() + ": " + e.getMessage() + " (file unchanged)");
                return ExitCodes.FINDINGS;
            }
            result = edit.packed();
        } finally {
            blob.release();
        }
        try (AtomicOutput out = AtomicOutput.create(parent.context(), input)) {
            out.stream().write(result);
            out.commit();
        } catch (IOException e) {
            throw new FileProblemException(input, "cannot write: " + BlobFiles.reason(e), e);
        }
        return ExitCodes.OK;
    }

    private void checkUsage() {
        int modes = (create ? 1 : 0) + (remove ? 1 : 0) + (delete ? 1 : 0);
        if (modes > 1) {
            throw new ParameterException(spec.commandLine(), "give at most one of -c, -r and -d");
        }
        if ("-".equals(input)) {
            throw new ParameterException(spec.commandLine(), "BLOB must be a file: put changes it in place");
        }
        if (type != null && (modes > 0 || type.format() == 'r')) {
            throw new ParameterException(spec.commandLine(), modes > 0
                    ? "-t applies only when setting a value" : "-t r is for kho get; put takes i, u, x or s");
        }
        if (modes == 0 && rest.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give PROP and its VALUEs, or -c, -r or -d");
        }
        if (delete && rest.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give the PROPs to delete");
        }
    }
}
