package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.fdt.value.PropertyValues;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kho get} against the real fdtget on every golden blob: every property of every node, with no type
 * and with each sized integer type. Skipped (with the reason) when fdtget is not installed.
 *
 * <p>Left out on purpose, fdtget bugs kho does not copy (see {@link GetCommand}): signed 1- and 2-byte
 * types ({@code -t bi}, {@code -t hi}: fdtget prints them unsigned), and byte types on printable strings
 * (fdtget forgets the newline).
 */
class GetCommandDifferentialTest {
    private static final String[] TYPES = {null, "x", "i", "bu", "hx"};
    /** Each in-process run builds a command line (picocli reflection): cap the nodes per blob. */
    private static final int MAX_NODES = 25;

    @Test
    void printsWhatFdtgetPrints() throws IOException, InterruptedException {
        assumeTrue(fdtgetInstalled(), "fdtget not installed (Debian: device-tree-compiler); differential test skipped");
        int compared = 0;
        for (Path golden : TestData.list("fdt/valid", ".dtb")) {
            String rel = TestData.root().relativize(golden).toString();
            for (String type : TYPES) {
                int size = type == null ? 1 : type.startsWith("b") ? 1 : type.startsWith("h") ? 2 : 4;
                List<String> pairs = new ArrayList<>();
                List<String> ours = new ArrayList<>();
                ByteBuf blob = Unpooled.wrappedBuffer(TestData.bytes(rel));
                try {
                    FdtIndex index = FdtIndex.build(blob);
                    for (int node = 0; node < Math.min(index.nodeCount(), MAX_NODES); node++) {
                        List<String> names = new ArrayList<>();
                        for (int p : index.properties(node)) {
                            if (index.valueLength(p) % size != 0) {
                                continue; // kho refuses what does not fit; fdtget prints an error line
                            }
                            if (size == 1 && type != null && PropertyValues.isPrintableStringList(
                                    blob, index.valueOffset(p), index.valueLength(p))) {
                                continue; // fdtget bug: no newline after a string shown as bytes
                            }
                            pairs.add(index.path(node));
                            pairs.add(index.propertyName(p));
                            names.add(index.propertyName(p));
                        }
                        if (names.isEmpty()) {
                            continue;
                        }
                        // one run per node; "--" because property names may start with '-'
                        List<String> args = new ArrayList<>(List.of("get"));
                        if (type != null) {
                            args.addAll(List.of("-t", type));
                        }
                        args.addAll(List.of("--", rel, index.path(node)));
                        args.addAll(names);
                        CliRun run = CliRun.run(args.toArray(String[]::new));
                        assertThat(run.exit()).as(args + " " + run.err()).isZero();
                        ours.add(run.out());
                        compared += names.size();
                    }
                } finally {
                    blob.release();
                }
                List<String> cmd = new ArrayList<>(List.of("fdtget"));
                if (type != null) {
                    cmd.addAll(List.of("-t", type));
                }
                cmd.add("--");
                cmd.add(golden.toString());
                cmd.addAll(pairs);
                Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                String theirs = new String(proc.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(proc.waitFor()).as(String.join(" ", cmd) + "\n" + theirs).isZero();
                assertThat(String.join("", ours)).as(rel + " -t " + type).isEqualTo(theirs);
            }
        }
        System.out.println("kho get vs fdtget: " + compared + " property values compared");
        assertThat(compared).isGreaterThan(500);
    }

    private static boolean fdtgetInstalled() {
        try {
            return new ProcessBuilder("fdtget", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
