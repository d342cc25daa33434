package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.ReserveTermination;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * The FDT decoders on arbitrary bytes: the pull reader (every accessor of every token), the index (every
 * lookup), the tree, and the validator. Allowed: {@link FdtException} from the reader, index and tree (the
 * only exception the codec throws for bad input); nothing from {@link Validator}, which never throws.
 * A tree that reads in STRICT mode must also survive a write and read back equal.
 */
class FdtReadFuzzTest {
    /** Small enough that a fuzzer reaches every limit path; real trees are far below it. */
    private static final ReadLimits SMALL = new ReadLimits(64, 512, 2048);

    @FuzzTest
    void readIndexTreeValidate(byte[] input) {
        ByteBuf blob = Unpooled.wrappedBuffer(input);
        try {
            for (ReadMode mode : ReadMode.values()) {
                walk(blob, ReadLimits.DEFAULT, mode);
                walk(blob, SMALL, mode);
                index(blob, mode);
                tree(blob, mode);
            }
            Report report = Validator.defaults().validate(blob);
            assertThat(report.diagnostics()).isNotNull();
            // the cap keeps 3 findings, plus the first error past the cap and one fdt.report.limit line
            Report capped = Validator.defaults().withMaxDiagnostics(3).validate(input);
            assertThat(capped.diagnostics()).hasSizeLessThanOrEqualTo(5);
            assertThat(capped.hasErrors()).isEqualTo(report.hasErrors());
            assertThat(blob.readerIndex()).isZero(); // borrowed: indices untouched
        } finally {
            FuzzInput.release(blob);
        }
    }

    private static void walk(ByteBuf blob, ReadLimits limits, ReadMode mode) {
        try {
            FdtReader r = FdtReader.open(blob, limits, mode);
            for (ReserveTermination t : ReserveTermination.values()) {
                r.reserveEntries(t);
            }
            boolean skipped = false;
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                assertThat(r.depth()).isBetween(0, limits.maxDepth());
                if (t == FdtToken.BEGIN_NODE) {
                    r.nodeName();
                    r.nodeNameEquals("cpus");
                    if (r.depth() < 8) {
                        r.path(); // O(depth) each: kept shallow so a deep input stays linear
                    }
                    if (!skipped && r.depth() == 3) {
                        skipped = true;
                        r.skipNode();
                    }
                } else if (t == FdtToken.PROP) {
                    r.propertyName();
                    r.propertyNameEquals("reg");
                    ByteBuf v = r.propertyValue();
                    assertThat(v.readableBytes()).isEqualTo(r.propertyLength());
                    assertThat(r.propertyValueBytes()).hasSize(r.propertyLength());
                }
            }
            assertThat(r.nodeCount()).isLessThanOrEqualTo(limits.maxNodes());
            assertThat(r.propertyCount()).isLessThanOrEqualTo(limits.maxProperties());
        } catch (FdtException expected) {
            // the documented outcome for a bad blob
        }
    }

    private static void index(ByteBuf blob, ReadMode mode) {
        FdtIndex ix;
        try {
            ix = FdtIndex.build(blob, ReadLimits.DEFAULT, mode);
        } catch (FdtException expected) {
            return;
        }
        for (int id = 0; id < ix.nodeCount(); id++) {
            ix.name(id);
            ix.children(id);
            if (ix.depth(id) < 8) {
                ix.path(id);
            }
            for (int p : ix.properties(id)) {
                ix.propertyName(p);
                assertThat(ix.valueBytes(p)).hasSize(ix.valueLength(p));
            }
            try {
                ix.addressCells(id);
                ix.sizeCells(id);
                ix.reg(id);
                ix.ranges(id);
            } catch (FdtException expected) {
                // BADNCELLS / BADVALUE for malformed #cells, reg or ranges
            }
        }
        for (String path : new String[] {"/", "/cpus", "serial0", "/aliases", "//x@1/y", "a/b"}) {
            int id = ix.node(path);
            assertThat(id).isBetween(-1, ix.nodeCount() - 1);
        }
        ix.nodeByPhandle(1);
    }

    private static void tree(ByteBuf blob, ReadMode mode) {
        FdtTree tree;
        try {
            tree = FdtTree.read(blob, ReadLimits.DEFAULT, mode);
        } catch (FdtException expected) {
            return;
        }
        if (mode != ReadMode.STRICT) {
            return;
        }
        ByteBuf again = tree.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.dtc().lenient());
        try {
            FdtTree back = FdtTree.read(again);
            assertThat(back.root()).isEqualTo(tree.root());
            assertThat(back.reserveEntries()).isEqualTo(tree.reserveEntries());
        } finally {
            FuzzInput.release(again);
        }
    }
}
