package io.khotools.fdt.dts.compile;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/**
 * The two cases dtc cannot handle (issue 3): a 200,000-node tree where every node has a label and is
 * referenced (dtc is quadratic in labels), and 100,000 siblings under one node (dtc's parser runs out of
 * stack). Prints the times; asserts only the results, never a time.
 */
class DtsCompilerScalingTest {
    /**
     * Leak tracking off: at the build's paranoid level every write to a tracked buffer records a stack trace,
     * which would measure Netty's leak detector instead of the compiler. The blobs are still released.
     */
    private static final ByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(true, true);

    @Test
    void compilesTwoHundredThousandLabelledNodes() {
        int groups = 400;
        int perGroup = 500;
        StringBuilder sb = new StringBuilder(16 * 1024 * 1024).append("/dts-v1/;\n/ {\n");
        sb.append("\trefs = <&g0n0 &g").append(groups - 1).append('n').append(perGroup - 1).append(">;\n");
        for (int g = 0; g < groups; g++) {
            sb.append("\tg").append(g).append(": group@").append(Integer.toHexString(g)).append(" {\n");
            for (int n = 0; n < perGroup; n++) {
                sb.append("\t\tg").append(g).append('n').append(n).append(": node@").append(Integer.toHexString(n))
                        .append(" {\n\t\t\treg = <").append(n).append(">;\n");
                if (n > 0) {
                    sb.append("\t\t\tprev = <&g").append(g).append('n').append(n - 1).append(">;\n");
                }
                sb.append("\t\t};\n");
            }
            sb.append("\t};\n");
        }
        sb.append("};\n");
        String dts = sb.toString();
        long t0 = System.nanoTime();
        ByteBuf blob = DtsCompiler.compileToBlob(dts, "labelled.dts", CompileOptions.defaults().withSymbols(true),
                UNTRACKED);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        try {
            System.err.printf("scaling: %d labelled nodes, %d KiB source, -@: %d ms, blob %d KiB%n",
                    groups * perGroup + groups, dts.length() / 1024, ms, blob.readableBytes() / 1024);
            FdtTree tree = FdtTree.read(blob);
            Node symbols = tree.node("/__symbols__").orElseThrow();
            assertThat(symbols.properties()).hasSize(groups * perGroup + groups);
            // every referenced or labelled node got a phandle; the first reference was resolved first
            assertThat(tree.node("/group@0/node@0").orElseThrow().property("phandle").orElseThrow().asU32())
                    .isEqualTo(1);
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void compilesOneHundredThousandSiblings() {
        int count = 100_000;
        StringBuilder sb = new StringBuilder(4 * 1024 * 1024).append("/dts-v1/;\n/ {\n\tbus {\n");
        for (int i = 0; i < count; i++) {
            sb.append("\t\tdev@").append(Integer.toHexString(i)).append(" { reg = <").append(i).append(">; };\n");
        }
        sb.append("\t};\n};\n/ { bus { dev@0 { merged; }; }; };\n");
        String dts = sb.toString();
        long t0 = System.nanoTime();
        ByteBuf blob = DtsCompiler.compileToBlob(dts, "siblings.dts", CompileOptions.defaults(),
                UNTRACKED);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        try {
            System.err.printf("scaling: %d siblings, %d KiB source: %d ms, blob %d KiB%n", count,
                    dts.length() / 1024, ms, blob.readableBytes() / 1024);
            FdtTree tree = FdtTree.read(blob);
            assertThat(tree.node("/bus").orElseThrow().children()).hasSize(count);
            assertThat(tree.node("/bus/dev@0").orElseThrow().hasProperty("merged")).isTrue();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void nestingDepthDoesNotTouchTheJavaStack() {
        int depth = 20_000;
        StringBuilder sb = new StringBuilder("/dts-v1/;\n/ {\n");
        sb.append("n {\n".repeat(depth)).append("x: leaf { };\n").append("};\n".repeat(depth));
        sb.append("ref = <&x>;\n};\n".replace("ref", "r"));
        // properties must precede subnodes: put the reference in a second root definition
        String dts = sb.toString().replace("r = <&x>;\n};\n", "};\n/ { r = <&x>; };\n");
        FdtTree tree = DtsCompiler.compile(dts, "deep.dts", CompileOptions.defaults());
        assertThat(tree.root().property("r").orElseThrow().asU32()).isEqualTo(1);
    }
}
