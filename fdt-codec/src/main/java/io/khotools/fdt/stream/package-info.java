/**
 * Streaming access to flattened device tree blobs: the zero-copy pull {@link io.khotools.fdt.stream.FdtReader},
 * the sequential {@link io.khotools.fdt.stream.FdtWriter} with dtc's and libfdt's byte layouts, and
 * {@link io.khotools.fdt.stream.FdtCopier} between them.
 *
 * <pre>{@code
 * try (FdtWriter w = FdtWriter.create(PooledByteBufAllocator.DEFAULT, WriteOptions.dtc())) {
 *     w.addReserveEntry(0x8000_0000L, 0x1000);
 *     NodeHandle root = w.beginNode("");
 *     w.propertyString("compatible", "acme,board");
 *     NodeHandle chosen = w.beginNode("chosen");
 *     w.propertyString("bootargs", "console=ttyS0");
 *     w.endNode(chosen);
 *     w.endNode(root);
 *     ByteBuf blob = w.finish();           // caller owns it
 *     FdtReader r = FdtReader.open(blob);  // borrows it
 *     ...
 *     blob.release();
 * }
 * }</pre>
 *
 * <p>This package knows nothing about trees or validation: {@code io.khotools.fdt.tree} and
 * {@code io.khotools.fdt.check} build on it, never the other way round.
 */
package io.khotools.fdt.stream;
