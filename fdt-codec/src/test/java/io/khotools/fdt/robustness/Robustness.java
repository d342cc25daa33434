package io.khotools.fdt.robustness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.ReserveTermination;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.stream.FdtCopier;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;

/** The two guarantees every robustness property checks on one input. */
final class Robustness {
    private Robustness() {}

    /**
     * Heap allocator without leak tracking for the copier's output: at the build's paranoid level a tracked
     * buffer records a stack trace per write, which made the exhaustive mutation runs minutes long. The
     * release is still asserted by {@code release()} returning normally on a fresh buffer.
     */
    private static final UnpooledByteBufAllocator UNTRACKED = new UnpooledByteBufAllocator(false, true);

    /**
     * A full reader walk (both modes, both reservation-map views, every accessor) throws nothing but
     * {@link FdtException}, and the validator throws nothing at all, on both of its entry points, and agrees
     * with itself.
     */
    static void check(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            for (ReadMode mode : ReadMode.values()) {
                assertThatCode(() -> walk(buf, mode)).doesNotThrowAnyException();
            }
            assertThatCode(() -> indexAndTree(buf)).doesNotThrowAnyException();
            Report fromBuf = Validator.defaults().validate(buf);
            Report fromArray = Validator.defaults().validate(bytes);
            assertThat(fromBuf).isEqualTo(fromArray);
            assertThat(fromArray.diagnostics().size()).isLessThanOrEqualTo(Validator.DEFAULT_MAX_DIAGNOSTICS + 2);
            assertThat(buf.readerIndex()).isZero();
        } finally {
            // an empty array wraps to Unpooled.EMPTY_BUFFER, which is never freed
            assertThat(buf.release()).isEqualTo(bytes.length > 0);
        }
    }

    /** The index, its lookups, the detached tree and the copier built on the reader obey the same contract. */
    private static void indexAndTree(ByteBuf buf) {
        try {
            FdtIndex index = FdtIndex.build(buf);
            for (String path : new String[] {"/", "/chosen", "/cpus/cpu@0", "serial0", "/a/b/c", "memory"}) {
                int id = index.node(path);
                if (id >= 0) {
                    index.path(id);
                    index.reg(id);
                }
            }
            index.nodeByPhandle(1);
        } catch (FdtException expected) {
            // documented
        }
        try {
            FdtTree.read(buf).node("/chosen");
        } catch (FdtException expected) {
            // documented
        }
        try {
            FdtCopier.copy(buf, UNTRACKED, WriteOptions.dtc().lenient()).release();
        } catch (FdtException expected) {
            // documented
        }
    }

    private static void walk(ByteBuf buf, ReadMode mode) {
        try {
            FdtReader r = FdtReader.open(buf, ReadLimits.DEFAULT, mode);
            try {
                r.reserveEntries(ReserveTermination.ADDRESS_AND_SIZE_ZERO);
            } catch (FdtException expected) {
                // an unterminated map is a finding, the walk below is independent of it
            }
            try {
                r.reserveEntries(ReserveTermination.SIZE_ZERO);
            } catch (FdtException expected) {
                // same
            }
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                if (t == FdtToken.BEGIN_NODE) {
                    r.nodeName();
                    r.nodeNameEquals("a@0");
                    r.path();
                } else if (t == FdtToken.PROP) {
                    r.propertyName();
                    r.propertyNameEquals("reg");
                    r.propertyValue().readableBytes();
                    r.propertyValueBytes();
                    r.path();
                }
            }
        } catch (FdtException expected) {
            // the only exception type allowed for bad input
        }
    }
}
