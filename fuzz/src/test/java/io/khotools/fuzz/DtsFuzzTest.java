package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.khotools.fdt.check.FdtRules;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.dts.DtsPrinter;
import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.dts.compile.DtsException;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * The DTS side: the compiler on arbitrary text, and the printer/compiler round trip on arbitrary blobs.
 */
class DtsFuzzTest {
    private static final List<List<String>> FLAGS = List.of(List.of(), List.of("-@"), List.of("-H", "legacy"),
            List.of("-H", "both", "-@"));

    /**
     * Input: one byte choosing dtc flags (none, {@code -@}, {@code -H legacy}, {@code -H both -@}), then the
     * source text in UTF-8. Allowed: {@link DtsException} only. A source that compiles must also write.
     */
    @FuzzTest
    void compile(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        CompileOptions options = CompileOptions.fromDtcFlags(FLAGS.get(in.u8() % FLAGS.size()));
        String text = new String(in.rest(), StandardCharsets.UTF_8);
        ByteBuf blob;
        try {
            blob = DtsCompiler.compileToBlob(text, "<fuzz>", options, UnpooledByteBufAllocator.DEFAULT);
        } catch (DtsException expected) {
            assertThat(expected.diagnostics()).isNotEmpty();
            return;
        }
        try {
            assertThat(blob.readableBytes()).isGreaterThanOrEqualTo(40);
        } finally {
            FuzzInput.release(blob);
        }
    }

    /**
     * Input: a blob. When the validator finds no error, {@link DtsPrinter} must print it and
     * {@link DtsCompiler} must compile the text back to the same tree: dtc-layout bytes equal to
     * {@code FdtTree.read(blob).write(dtc layout)}, with two documented normalisations of the expected side:
     * a {@code name} property equal to its node's base name is dropped (dtc's {@code name_properties} fix-up,
     * which both the printer and the compiler apply), and overlays with fixup nodes are compared with symbols
     * ignored only (dtc 1.6, which the compiler follows, appends the fixup entries it regenerates for
     * restored references even when present). No exception is allowed on that path. Skipped: a blob with
     * errors (the printer's lossless contract covers valid blobs) and one with an empty property name (a
     * warning only, but DTS cannot spell it: dtc prints the same unparseable line).
     */
    @FuzzTest
    void printRoundTrip(byte[] input) throws IOException {
        Report report = Validator.defaults().validate(input);
        if (report.hasErrors() || report.diagnostics().stream()
                .anyMatch(d -> d.ruleId().equals(FdtRules.PROPERTY_NAME_EMPTY))) {
            return; // DTS has no syntax for an empty property name: dtc 1.6.1 prints the same unparseable " = ..."
        }
        ByteBuf blob = Unpooled.wrappedBuffer(input);
        try {
            FdtTree tree = FdtTree.read(blob);
            FdtTree expected = tree.withRoot(withoutNameProperties(tree.root()));
            roundTrip(blob, expected, DtsPrinter.Symbols.IGNORE);
            boolean fixups = tree.root().child("__fixups__").isPresent()
                    || tree.root().child("__local_fixups__").isPresent();
            if (!fixups) {
                roundTrip(blob, expected, DtsPrinter.Symbols.RESTORE);
            }
        } finally {
            FuzzInput.release(blob);
        }
    }

    private static void roundTrip(ByteBuf blob, FdtTree tree, DtsPrinter.Symbols symbols) throws IOException {
        StringBuilder text = new StringBuilder();
        DtsPrinter.print(blob, text, ReadLimits.DEFAULT, symbols);
        ByteBuf expected = tree.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.dtc().lenient());
        ByteBuf actual = null;
        try {
            FdtTree back = compileBytes(text.toString(), CompileOptions.defaults().withBootCpuId(tree.bootCpuidPhys()));
            actual = back.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.dtc().lenient());
            assertThat(ByteBufUtil.hexDump(actual)).as("round trip (%s) of\n%s", symbols, text)
                    .isEqualTo(ByteBufUtil.hexDump(expected));
        } finally {
            FuzzInput.release(expected);
            if (actual != null) {
                FuzzInput.release(actual);
            }
        }
    }

    /** The node with every {@code name} property equal to its node's base name removed, recursively. */
    private static Node withoutNameProperties(Node root) {
        // iterative post-order: the input controls the depth
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, new ArrayList<Node>(), 0});
        Node done = null;
        while (!stack.isEmpty()) {
            Object[] f = stack.peek();
            Node n = (Node) f[0];
            @SuppressWarnings("unchecked")
            List<Node> kids = (List<Node>) f[1];
            int i = (Integer) f[2];
            if (i < n.children().size()) {
                f[2] = i + 1;
                stack.push(new Object[] {n.children().get(i), new ArrayList<Node>(), 0});
                continue;
            }
            stack.pop();
            String base = n.name().indexOf('@') < 0 ? n.name() : n.name().substring(0, n.name().indexOf('@'));
            byte[] baseValue = (base + "\0").getBytes(StandardCharsets.ISO_8859_1);
            List<Property> props = n.properties().stream()
                    .filter(p -> !(p.name().equals("name") && Arrays.equals(p.toByteArray(), baseValue))).toList();
            Node out = n.withProperties(props).withChildren(kids);
            if (stack.isEmpty()) {
                done = out;
            } else {
                @SuppressWarnings("unchecked")
                List<Node> parentKids = (List<Node>) stack.peek()[1];
                parentKids.add(out);
            }
        }
        return done;
    }

    /**
     * Compiles printed text, whose chars stand for one byte each (ISO-8859-1). ASCII text goes in as a
     * string; other text through a file, since {@link DtsCompiler#compile(String, String, CompileOptions)}
     * reads a string as UTF-8.
     */
    private static FdtTree compileBytes(String text, CompileOptions options) throws IOException {
        if (text.chars().allMatch(c -> c < 0x80)) {
            return DtsCompiler.compile(text, "<printed>", options);
        }
        Path file = Files.createTempFile("khotools-fuzz", ".dts");
        try {
            Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
            return DtsCompiler.compile(file, "<printed>", options);
        } finally {
            Files.delete(file);
        }
    }
}
