package io.khotools.fdt;

import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Entry points of the FDT codec, one line each; the classes they return hold the details.
 *
 * <pre>{@code
 * ByteBuf blob = Unpooled.wrappedBuffer(Files.readAllBytes(Path.of("board.dtb")));   // caller owns it
 * try {
 *     Report report = Fdt.validate(blob);                 // never throws
 *     if (!report.hasErrors()) {
 *         FdtTree tree = Fdt.readTree(blob);              // detached copy
 *         String model = tree.node("/").flatMap(n -> n.property("model")).map(p -> p.asString()).orElse("?");
 *         ByteBuf packed = Fdt.write(tree, WriteOptions.dtc());   // what dtc -O dtb writes
 *         packed.release();
 *     }
 * } finally {
 *     blob.release();
 * }
 * }</pre>
 */
public final class Fdt {
    private Fdt() {}

    /** A zero-copy pull reader over {@code blob} (borrowed). See {@link FdtReader#open(ByteBuf)}. */
    public static FdtReader reader(ByteBuf blob) {
        return FdtReader.open(blob);
    }

    /** A random-access index over {@code blob}, which must outlive it. See {@link FdtIndex#build(ByteBuf)}. */
    public static FdtIndex index(ByteBuf blob) {
        return FdtIndex.build(blob);
    }

    /** An immutable tree copied out of {@code blob} (borrowed). See {@link FdtTree#read(ByteBuf)}. */
    public static FdtTree readTree(ByteBuf blob) {
        return FdtTree.read(blob);
    }

    /** Every structural finding for {@code blob} (borrowed); never throws. See {@link Validator}. */
    public static Report validate(ByteBuf blob) {
        return Validator.defaults().validate(blob);
    }

    /** A sequential writer into a pooled direct buffer. See {@link FdtWriter#create}. */
    public static FdtWriter writer(WriteOptions options) {
        return FdtWriter.create(ByteBufAllocator.DEFAULT, options);
    }

    /** {@code tree} as a blob the caller owns. See {@link FdtTree#write(ByteBufAllocator, WriteOptions)}. */
    public static ByteBuf write(FdtTree tree, WriteOptions options) {
        return tree.write(ByteBufAllocator.DEFAULT, options);
    }
}
