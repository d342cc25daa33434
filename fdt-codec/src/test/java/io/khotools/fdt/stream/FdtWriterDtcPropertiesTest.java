package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.DtcRunner;
import io.khotools.fdt.testsupport.ExternalToolHooks;
import io.khotools.fdt.testsupport.RandomTrees;
import io.khotools.fdt.testsupport.WriterSpecTree;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Acceptance: for random trees, our {@link Layout#DTC} output equals what {@code dtc -I dts -O dtb} makes
 * of DTS text for the same tree, with random {@code -p/-S/-a/-R/-b/-V} options. Skipped when dtc is absent.
 * One dtc process per try (about 5 ms each here).
 */
@AddLifecycleHook(ExternalToolHooks.RequiresDtc.class)
class FdtWriterDtcPropertiesTest {
    private static final AtomicInteger COMPARED = new AtomicInteger();
    private static Path scratch;

    @BeforeContainer
    static void makeScratchDir() throws IOException {
        scratch = Files.createTempDirectory("fdt-writer-dtc");
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.println("FdtWriterDtcPropertiesTest: compared " + COMPARED.get() + " random trees with "
                + DtcRunner.version());
        if (scratch != null) {
            try (Stream<Path> s = Files.walk(scratch)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Provide
    Arbitrary<WriterSpecTree> trees() {
        return RandomTrees.dtcTrees();
    }

    @Property(tries = 500)
    void dtcLayoutEqualsDtcOutput(@ForAll("trees") WriterSpecTree tree) {
        String dts = tree.toDts();
        byte[] expected = DtcRunner.compile(scratch, dts, tree.dtcFlags());
        byte[] ours = tree.writeBytes();
        assertThat(ByteBufUtil.hexDump(ours)).as("dtc %s of\n%s", tree.dtcFlags(), dts)
                .isEqualTo(ByteBufUtil.hexDump(expected));
        COMPARED.incrementAndGet();
    }
}
