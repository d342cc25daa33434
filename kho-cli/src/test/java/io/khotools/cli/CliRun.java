package io.khotools.cli;

import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs {@code kho} in-process with captured streams. */
record CliRun(int exit, String out, String err) {
    /** Runs {@code args} with relative names resolved against {@code testdata/} and empty stdin. */
    static CliRun run(String... args) {
        return run(TestData.root(), new ByteArrayInputStream(new byte[0]), args);
    }

    /** Runs {@code args} in {@code dir} with the given standard input. */
    static CliRun run(Path dir, InputStream stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // pooled buffers are leak-tracked: the Netty leak guard fails the class if a command forgets a release
        CliContext context = new CliContext(dir, stdin, PooledByteBufAllocator.DEFAULT);
        int code = KhoCli.newCommandLine(new PrintWriter(out), new PrintWriter(err), context)
                .execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
