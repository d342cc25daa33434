package io.khotools.fdt.dts.compile;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compiles device-tree source (dtc's language) into a tree or a blob byte-identical to
 * {@code dtc -I dts -O dtb} with the same options (see docs/dts-compiler.md for the language and the few
 * documented differences).
 *
 * <p>Time and memory are linear in the source: labels, names and phandles are looked up through hash maps,
 * and nothing recurses on the depth of the tree (expressions recurse, capped at 256 levels).
 *
 * <pre>{@code
 * FdtTree tree = DtsCompiler.compile(Path.of("board.dts"), CompileOptions.defaults());
 * ByteBuf blob = DtsCompiler.compileToBlob(Path.of("board.dts"), CompileOptions.fromDtcFlags(List.of("-@")),
 *         PooledByteBufAllocator.DEFAULT);
 * try { use(blob); } finally { blob.release(); }
 * }</pre>
 *
 * <p>Errors: every problem that makes dtc refuse to write output is a {@link DtsException} listing each one
 * as {@code file:line:col: message}; then nothing is returned or written. Stateless and thread-safe.
 */
public final class DtsCompiler {
    private DtsCompiler() {}

    /**
     * Compiles a source file; {@code /include/} and {@code /incbin/} names are looked up next to the file that
     * names them, then in {@link CompileOptions#includePaths()}.
     *
     * @return the tree, with dtc's boot CPU id (from {@code -b} or guessed from {@code /cpus})
     * @throws DtsException for source errors (including a missing included file)
     * @throws UncheckedIOException if {@code file} itself cannot be read
     */
    public static FdtTree compile(Path file, CompileOptions options) {
        return compile(file, file.toString(), options);
    }

    /**
     * Compiles a source file, naming it {@code sourceName} in diagnostics (the name the user typed, where
     * {@code file} has been resolved against another directory).
     *
     * @throws DtsException for source errors (including a missing included file)
     * @throws UncheckedIOException if {@code file} itself cannot be read
     */
    public static FdtTree compile(Path file, String sourceName, CompileOptions options) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sourceName, "sourceName");
        Source src;
        try {
            src = Source.read(file, sourceName);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return run(src, options);
    }

    /**
     * Compiles source text. Relative {@code /include/} and {@code /incbin/} names are looked up in
     * {@link CompileOptions#includePaths()} only.
     *
     * @param sourceName the file name shown in diagnostics, e.g. {@code "<stdin>"}
     * @throws DtsException for source errors
     */
    public static FdtTree compile(String text, String sourceName, CompileOptions options) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceName, "sourceName");
        // chars above 0xFF cannot be one source byte each: take the UTF-8 bytes, as dtc would read the file
        String bytes = new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        return run(new Source(sourceName, bytes, null), options);
    }

    /**
     * Compiles a source file into a blob in dtc's layout with the options' padding.
     *
     * @return the blob; <b>the caller owns it</b> and must release it
     * @throws DtsException for source errors; nothing is allocated then
     */
    public static ByteBuf compileToBlob(Path file, CompileOptions options, ByteBufAllocator alloc) {
        return write(compile(file, options), options, alloc);
    }

    /**
     * Compiles a source file, named {@code sourceName} in diagnostics, into a blob in dtc's layout.
     *
     * @return the blob; <b>the caller owns it</b> and must release it
     * @throws DtsException for source errors; nothing is allocated then
     */
    public static ByteBuf compileToBlob(Path file, String sourceName, CompileOptions options, ByteBufAllocator alloc) {
        return write(compile(file, sourceName, options), options, alloc);
    }

    /**
     * Compiles source text into a blob in dtc's layout with the options' padding.
     *
     * @return the blob; <b>the caller owns it</b> and must release it
     * @throws DtsException for source errors; nothing is allocated then
     */
    public static ByteBuf compileToBlob(String text, String sourceName, CompileOptions options,
            ByteBufAllocator alloc) {
        return write(compile(text, sourceName, options), options, alloc);
    }

    private static ByteBuf write(FdtTree tree, CompileOptions options, ByteBufAllocator alloc) {
        Objects.requireNonNull(alloc, "alloc");
        // dtc's checks ran already (those that stop dtc); the rest, like overlapping or empty
        // reservations, dtc writes anyway, so the writer must not refuse them
        return tree.write(alloc, options.writeOptions().lenient());
    }

    private static FdtTree run(Source src, CompileOptions options) {
        Objects.requireNonNull(options, "options");
        Diagnostics diags = new Diagnostics();
        Tree tree = new Tree();
        Parser parser = new Parser(new Lexer(src, options.includePaths(), diags), tree, options.includePaths(),
                diags);
        try {
            parser.parseFile();
        } catch (Parser.TooDeep e) {
            diags.throwIfAny();
        }
        diags.throwIfAny();
        int bootCpu = options.bootCpuId().orElseGet(() -> Semantics.guessBootCpu(tree));
        Semantics sem = new Semantics(tree, options.phandleFormat(), options.symbols(), diags);
        sem.checkAndResolve();
        diags.throwIfAny();
        if (options.symbols()) {
            sem.symbols();
        }
        if (tree.plugin) {
            sem.overlayFixups();
        }
        return new FdtTree(build(tree.root), parser.reserves, bootCpu, FdtFormat.VERSION_LATEST);
    }

    /** Live nodes and properties into immutable {@link Node}s, bottom-up on an explicit stack. */
    private static Node build(DNode root) {
        ArrayDeque<DNode> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        ArrayDeque<List<Node>> built = new ArrayDeque<>();
        nodes.push(root);
        next.push(0);
        built.push(new ArrayList<>());
        Node result = null;
        while (!nodes.isEmpty()) {
            DNode n = nodes.peek();
            int i = next.pop();
            while (i < n.children.size() && n.children.get(i).deleted) {
                i++;
            }
            if (i < n.children.size()) {
                next.push(i + 1);
                nodes.push(n.children.get(i));
                next.push(0);
                built.push(new ArrayList<>());
                continue;
            }
            nodes.pop();
            Node.Builder b = Node.builder(n.name);
            for (DProp p : n.props) {
                if (!p.deleted) {
                    b.property(Property.of(p.name, p.value.toByteArray()));
                }
            }
            Node node = b.children(built.pop()).build();
            if (built.isEmpty()) {
                result = node;
            } else {
                built.peek().add(node);
            }
        }
        return result;
    }
}
