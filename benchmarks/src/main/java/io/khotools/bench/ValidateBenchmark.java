package io.khotools.bench;

import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full structural validation (every libfdt check plus ours) of the large synthetic blob.
 * Throughput in MB/s = blob size / time per op.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=disabled"})
public class ValidateBenchmark {
    /** Number of bus nodes; the smoke test shrinks it. */
    @Param({"40"})
    public int buses;
    /** Devices under each bus. */
    @Param({"500"})
    public int devicesPerBus;

    ByteBuf blob;
    final Validator validator = Validator.defaults();

    @Setup(Level.Trial)
    public void setUp() {
        blob = SyntheticBlob.build(PooledByteBufAllocator.DEFAULT, buses, devicesPerBus);
        Report r = validator.validate(blob);
        if (!r.diagnostics().isEmpty()) {
            throw new IllegalStateException("benchmark blob must be clean: " + r.diagnostics());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blob.release();
    }

    /** Validates the whole blob. */
    @Benchmark
    public Report validate() {
        return validator.validate(blob);
    }
}
