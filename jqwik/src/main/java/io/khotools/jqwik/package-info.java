/**
 * jqwik {@link net.jqwik.api.Arbitrary} providers for khotools users who test with jqwik: random valid FDTs
 * (trees, blobs, DTS source) and invalid blobs labelled with a validator rule ({@link io.khotools.jqwik.FdtArbitraries}),
 * and valid and invalid KHO handovers ({@link io.khotools.jqwik.KhoArbitraries}). Each shrinks to small
 * counterexamples through its size knobs.
 *
 * <pre>{@code
 * @Property
 * void validatorNeverThrows(@ForAll("broken") byte[] blob) {
 *     Validator.defaults().validate(blob);
 * }
 *
 * @Provide
 * Arbitrary<byte[]> broken() {
 *     return FdtArbitraries.invalidBlobs(FdtGenOptions.defaults());
 * }
 * }</pre>
 *
 * <p>Built on the framework-free generators of {@code io.khotools.fdt.gen} and {@code io.khotools.kho.gen};
 * this package is the only one in khotools that depends on jqwik.
 */
package io.khotools.jqwik;
