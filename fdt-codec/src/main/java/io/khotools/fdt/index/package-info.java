/**
 * A random-access index over a borrowed FDT blob: int node ids, O(1) parent/child/sibling navigation,
 * libfdt-compatible path and alias lookup, phandle lookup, typed {@code reg}/{@code ranges}.
 *
 * <pre>{@code
 * ByteBuf blob = Unpooled.wrappedBuffer(Files.readAllBytes(path)); // caller owns it
 * try {
 *     FdtIndex index = FdtIndex.build(blob);          // keeps blob: use it only while blob lives
 *     int mem = index.node("/memory");                // finds memory@80000000
 *     List<RegEntry> reg = index.reg(mem);            // decoded with the parent's #cells
 *     int intc = index.nodeByPhandle(1);
 *     System.out.println(index.path(mem) + " " + reg + " " + index.path(intc));
 * } finally {
 *     blob.release();
 * }
 * }</pre>
 *
 * <p>Depends on {@code io.khotools.fdt}, {@code stream} and {@code value}; never on {@code tree}.
 */
package io.khotools.fdt.index;
