package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.ExternalToolHooks;
import io.khotools.fdt.testsupport.FdtSwServer;
import io.khotools.fdt.testsupport.RandomTrees;
import io.khotools.fdt.testsupport.WriterSpecTree;
import io.netty.buffer.ByteBufUtil;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Acceptance: for random call sequences, our {@link Layout#LIBFDT} output equals pylibfdt's {@code FdtSw}
 * (libfdt's fdt_sw.c) given the same calls, read back with {@code as_fdt()} and cut to totalsize. One python
 * process serves all tries; FdtSw's initial buffer size is varied to show the result does not depend on it.
 * Skipped when pylibfdt is absent.
 */
@AddLifecycleHook(ExternalToolHooks.RequiresPyLibfdt.class)
class FdtWriterLibfdtPropertiesTest {
    private static final AtomicInteger COMPARED = new AtomicInteger();
    private static FdtSwServer server;

    @BeforeContainer
    static void startServer() {
        server = FdtSwServer.startOrNull();
    }

    @AfterContainer
    static void stopServer() {
        if (server != null) {
            System.out.println("FdtWriterLibfdtPropertiesTest: compared " + COMPARED.get()
                    + " random trees with pylibfdt FdtSw from " + server.libfdtPath());
            server.close();
        }
    }

    @Provide
    Arbitrary<WriterSpecTree> trees() {
        return RandomTrees.libfdtTrees();
    }

    @Provide
    Arbitrary<Integer> sizeHints() {
        return Arbitraries.of(0, 0, 64, 200, 1 << 16);
    }

    @Property(tries = 500)
    void libfdtLayoutEqualsFdtSw(@ForAll("trees") WriterSpecTree tree, @ForAll("sizeHints") int sizeHint) {
        byte[] expected = server.run(tree.fdtSwCalls(sizeHint));
        byte[] ours = tree.writeBytes();
        assertThat(ByteBufUtil.hexDump(ours)).as("FdtSw calls for %s", tree)
                .isEqualTo(ByteBufUtil.hexDump(expected));
        COMPARED.incrementAndGet();
    }
}
