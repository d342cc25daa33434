/**
 * DTS source to tree or blob: a compiler for dtc's source language whose output is byte-identical to
 * {@code dtc -I dts -O dtb} (docs/dts-compiler.md).
 *
 * <pre>{@code
 * CompileOptions options = CompileOptions.fromDtcFlags(List.of("-@", "-p", "64"));
 * try {
 *     ByteBuf blob = DtsCompiler.compileToBlob(Path.of("board.dts"), options, PooledByteBufAllocator.DEFAULT);
 *     try { Files.write(Path.of("board.dtb"), ByteBufUtil.getBytes(blob)); } finally { blob.release(); }
 * } catch (DtsException e) {
 *     e.diagnostics().forEach(d -> System.err.println(d.format()));   // board.dts:12:5: message
 * }
 * }</pre>
 *
 * <p>Public types: {@link io.khotools.fdt.dts.compile.DtsCompiler}, {@link io.khotools.fdt.dts.compile.CompileOptions},
 * {@link io.khotools.fdt.dts.compile.PhandleFormat}, {@link io.khotools.fdt.dts.compile.DtsException} and
 * {@link io.khotools.fdt.dts.compile.DtsDiagnostic}; the lexer, parser and working tree are package-private.
 * This package builds on {@code io.khotools.fdt.tree} and {@code io.khotools.fdt.stream}; it must not depend
 * on the printers, the validator or the CLI.
 */
package io.khotools.fdt.dts.compile;
