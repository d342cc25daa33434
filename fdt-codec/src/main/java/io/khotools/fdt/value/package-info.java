/**
 * Typed decoding of device tree property values: u32, u64 (either byte order), cells, strings, string lists,
 * phandles, {@code reg} and {@code ranges}.
 *
 * <pre>{@code
 * FdtReader r = FdtReader.open(blob);
 * for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
 *     if (t == FdtToken.PROP && r.propertyNameEquals("reg")) {
 *         List<RegEntry> reg = PropertyValues.reg(r.propertyValue(), 1, 1, r.offset());
 *         System.out.println(r.path() + " " + reg);
 *     }
 * }
 * }</pre>
 *
 * <p>Depends only on {@code io.khotools.fdt} (errors) and Netty's {@code ByteBuf}; never on the stream,
 * index or tree packages, which all use it.
 */
package io.khotools.fdt.value;
