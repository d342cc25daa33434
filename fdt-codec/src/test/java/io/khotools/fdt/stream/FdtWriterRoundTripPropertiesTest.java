package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.RandomTrees;
import io.khotools.fdt.testsupport.WriterSpecTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** write → read ({@link FdtReader}) → write is byte-identical in both layouts, strict and lenient. */
class FdtWriterRoundTripPropertiesTest {

    @Provide
    Arbitrary<WriterSpecTree> trees() {
        return RandomTrees.anyTrees();
    }

    @Property(tries = 500)
    void writeReadWriteIsByteIdentical(@ForAll("trees") WriterSpecTree tree) {
        ByteBuf first = tree.write();
        ByteBuf second = null;
        try {
            second = FdtCopier.copy(first, WriterSpecTree.allocator(), tree.options());
            assertThat(ByteBufUtil.hexDump(second)).as("%s", tree).isEqualTo(ByteBufUtil.hexDump(first));
            assertThat(first.refCnt()).isEqualTo(1);
        } finally {
            assertThat(first.release()).isTrue();
            if (second != null) {
                assertThat(second.release()).isTrue();
            }
        }
    }
}
