/**
 * The {@code kho.*} rules ({@link io.khotools.kho.check.KhoRules}) and {@link io.khotools.kho.check.KhoValidator},
 * which reports them in the FDT validator's {@code Diagnostic}/{@code Report} shape and plugs the root checks
 * into it as a {@code TreeRule}.
 *
 * <pre>{@code
 * Report r = KhoValidator.of(KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.PAGE)).validateRoot(rootBytes);
 * Report s = KhoValidator.of(KhoOptions.DEFAULT).validateBlob(SubBlobType.MEMFD_V2, memfdBytes);
 * Report all = Validator.defaults().with(KhoValidator.of(KhoOptions.DEFAULT).rootRule()).validate(buf);
 * }</pre>
 */
package io.khotools.kho.check;
