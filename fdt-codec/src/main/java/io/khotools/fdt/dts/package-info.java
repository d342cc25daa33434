/**
 * DTB to text: printers that stream a blob to an {@link java.lang.Appendable} without copying it.
 *
 * <pre>{@code
 * ByteBuf blob = Unpooled.wrappedBuffer(Files.readAllBytes(Path.of("board.dtb")));
 * try {
 *     StringBuilder dts = new StringBuilder();
 *     DtsPrinter.print(blob, dts);            // what `dtc -I dtb -O dts` prints (1.7.1+ rules)
 *     FdtDumpPrinter.print(blob, System.out);  // what `fdtdump` prints on stdout
 *     JsonPrinter.print(blob, System.out);     // docs/json-format.md
 * } finally {
 *     blob.release();
 * }
 * }</pre>
 *
 * <p>Every printer borrows the blob and checks it completely before writing its first char, so a broken
 * blob throws {@link io.khotools.fdt.FdtException} and leaves the output untouched. All three share
 * {@link io.khotools.fdt.dts.ValueKind}, dtc's guess of a value's shape. This package reads through
 * {@code io.khotools.fdt.stream} only; it must not depend on a tree model, the validator or the CLI.
 */
package io.khotools.fdt.dts;
