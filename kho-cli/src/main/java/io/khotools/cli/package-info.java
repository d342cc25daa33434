/**
 * The {@code kho} command line: picocli subcommands that read blobs with {@link io.khotools.cli.BlobFiles},
 * call the library ({@code io.khotools.fdt}, {@code io.khotools.kho}) and render its results.
 *
 * <pre>{@code
 * StringWriter out = new StringWriter(), err = new StringWriter();
 * int code = KhoCli.newCommandLine(new PrintWriter(out), new PrintWriter(err))
 *         .execute("dump", "--format", "json", "board.dtb");
 * // code is one of ExitCodes; out holds the JSON, err at most one line per problem
 * }</pre>
 *
 * <p>Commands stay thin: no format logic lives here. Exceptions are mapped to exit codes in one place,
 * {@code ErrorHandler}. Nothing in the library may depend on this package.
 */
package io.khotools.cli;
