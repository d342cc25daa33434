/**
 * The format-level vocabulary of the FDT codec ({@link io.khotools.fdt.FdtFormat}, {@link io.khotools.fdt.FdtHeader},
 * {@link io.khotools.fdt.FdtToken}, {@link io.khotools.fdt.FdtError}, {@link io.khotools.fdt.FdtException}) and
 * the one-line entry points of {@link io.khotools.fdt.Fdt}.
 *
 * <pre>{@code
 * ByteBuf blob = Unpooled.wrappedBuffer(bytes);
 * try {
 *     for (FdtReader r = Fdt.reader(blob); r.next() != FdtToken.END; ) {
 *         if (r.token() == FdtToken.BEGIN_NODE) System.out.println(r.path());
 *     }
 * } finally {
 *     blob.release();
 * }
 * }</pre>
 *
 * <p>Ownership: a {@code ByteBuf} parameter is borrowed (never kept, released or moved); a returned
 * {@code ByteBuf} belongs to the caller. Bad input throws {@link io.khotools.fdt.FdtException} and nothing else.
 */
package io.khotools.fdt;
