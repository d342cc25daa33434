/**
 * Seeded generation of test inputs, with no test-framework dependency: random valid trees and blobs
 * ({@link io.khotools.fdt.gen.FdtGenerator} with {@link io.khotools.fdt.gen.FdtGenOptions}), DTS source both
 * dtc and our compiler accept ({@link io.khotools.fdt.gen.DtsGenerator}), and mutators that break a valid blob
 * so the validator reports a chosen rule ({@link io.khotools.fdt.gen.FdtMutators}, over the byte edits of
 * {@link io.khotools.fdt.gen.FdtBlobEdits}).
 *
 * <pre>{@code
 * FdtGenerator gen = FdtGenerator.of(FdtGenOptions.defaults().withNodes(10, 100).withMaxDepth(8));
 * byte[] valid = gen.blob(42);                         // same seed and options: same bytes
 * FdtMutator m = FdtMutators.forRule(FdtRules.STRUCT_TWO_ROOTS).get(0);
 * byte[] broken = m.apply(valid, 1);
 * Report r = Validator.defaults().validate(broken);    // reports fdt.struct.two-roots
 * String dts = DtsGenerator.of(gen.options()).source(42);
 * }</pre>
 *
 * <p>Depends on {@code io.khotools.fdt.tree}, {@code .stream} and {@code .check} (rule ids only); nothing
 * here recurses on tree depth.
 */
package io.khotools.fdt.gen;
