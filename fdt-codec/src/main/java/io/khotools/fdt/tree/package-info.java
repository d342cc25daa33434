/**
 * An immutable device tree model detached from any buffer: {@link io.khotools.fdt.tree.FdtTree},
 * {@link io.khotools.fdt.tree.Node}, {@link io.khotools.fdt.tree.Property} (values held as {@code byte[]}
 * copies) and {@link io.khotools.fdt.tree.NodePath}. Edits return new trees that share untouched nodes.
 *
 * <pre>{@code
 * FdtTree tree;
 * try {
 *     tree = FdtTree.read(blob);                      // copies what it keeps
 * } finally {
 *     blob.release();
 * }
 * String bootargs = tree.node("/chosen").flatMap(n -> n.property("bootargs")).map(Property::asString).orElse("");
 * FdtTree edited = tree.withNode("/chosen", n -> n.withProperty(Property.string("bootargs", "quiet")));
 * }</pre>
 *
 * <p>Reads blobs only through {@code io.khotools.fdt.stream}; depends on {@code value} for typed decoding and
 * never on {@code index}, the validator, DTS or KHO packages.
 */
package io.khotools.fdt.tree;
