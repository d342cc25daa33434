package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Differential test: random DTS is compiled by the real dtc; our {@link DtsPrinter} must print exactly
 * what {@code dtc -I dtb -O dts} prints (modulo the documented dtc 1.6 string-list form, {@link Dtc16}) and
 * our {@link FdtDumpPrinter} exactly what {@code fdtdump} prints. Each try runs three small processes, so
 * 250 tries take a few seconds. Skipped, with a message, when dtc or fdtdump is not installed.
 */
@AddLifecycleHook(PrintersDifferentialPropertiesTest.NeedsDtc.class)
class PrintersDifferentialPropertiesTest {
    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Property(tries = 250, shrinking = net.jqwik.api.ShrinkingMode.OFF)
    void printersMatchDtcAndFdtdump(@ForAll("seeds") long seed) throws IOException {
        String dts = RandomDts.generate(seed);
        String[] versions = {"17", "17", "17", "16", "3"};
        String version = versions[(int) Math.floorMod(seed, (long) versions.length)];
        byte[] dtb = ReferenceTools.compile(dts, "-V", version);
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            StringBuilder ours = new StringBuilder();
            DtsPrinter.print(blob, ours);
            assertThat(Dtc16.normalize(ours.toString())).as("dts of version %s blob from\n%s", version, dts)
                    .isEqualTo(ReferenceTools.onBlob(dtb, ReferenceTools::dtcDts));
            StringBuilder dump = new StringBuilder();
            FdtDumpPrinter.print(blob, dump);
            assertThat(dump.toString()).as("fdtdump of version %s blob from\n%s", version, dts)
                    .isEqualTo(ReferenceTools.onBlob(dtb, ReferenceTools::fdtdump));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    /** Skips the container when the reference tools are missing, saying which. */
    static final class NeedsDtc implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return ReferenceTools.available("dtc") && ReferenceTools.available("fdtdump")
                    ? SkipResult.doNotSkip()
                    : SkipResult.skip("dtc/fdtdump not installed (apt-get install device-tree-compiler): differential test skipped");
        }
    }
}
