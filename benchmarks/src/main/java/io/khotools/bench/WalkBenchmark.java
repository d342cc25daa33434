package io.khotools.bench;

import io.khotools.fdt.FdtToken;
import io.khotools.fdt.stream.FdtReader;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Full walk of every node and property of a large blob with the zero-copy pull reader: every node name and
 * property name is read (names as cached Strings, node names compared without allocating) and every value's
 * first and last byte touched, so nothing is skipped. Throughput in MB/s = blob size / time per op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
public class WalkBenchmark {
    /** Walks every token; returns a checksum so the JIT cannot drop work. */
    @Benchmark
    public long fullWalk(SyntheticBlobState state, Blackhole bh) {
        return walk(state.blob, bh);
    }

    static long walk(ByteBuf blob, Blackhole bh) {
        FdtReader r = FdtReader.open(blob);
        long sum = 0;
        for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
            if (t == FdtToken.BEGIN_NODE) {
                sum += r.nodeNameLength();
                bh.consume(r.nodeNameOffset());
            } else if (t == FdtToken.PROP) {
                bh.consume(r.propertyName());
                int len = r.propertyLength();
                if (len > 0) {
                    int off = r.propertyValueOffset();
                    sum += blob.getByte(blob.readerIndex() + off) + blob.getByte(blob.readerIndex() + off + len - 1);
                }
            }
        }
        return sum;
    }
}
