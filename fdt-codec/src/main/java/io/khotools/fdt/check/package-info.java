/**
 * Structural validation of flattened device tree blobs: findings as {@link io.khotools.fdt.check.Diagnostic}s
 * with stable rule ids, never exceptions.
 *
 * <pre>{@code
 * ByteBuf blob = ...;                       // caller owns it
 * try {
 *     Report report = Validator.defaults().validate(blob);
 *     for (Diagnostic d : report.diagnostics()) {
 *         System.out.println(d.format());   // error fdt.node.duplicate-name /soc/serial@1000 @0x1c4: ...
 *     }
 *     if (report.hasErrors()) { ... }
 * } finally {
 *     blob.release();
 * }
 * }</pre>
 *
 * <p>The built-in checks read raw bytes and depend only on {@code io.khotools.fdt} constants; this package
 * must not depend on {@code fdt.tree} or on any KHO module. Other modules plug their rules in with
 * {@link io.khotools.fdt.check.Validator#with(io.khotools.fdt.check.TreeRule...)}.
 */
package io.khotools.fdt.check;
