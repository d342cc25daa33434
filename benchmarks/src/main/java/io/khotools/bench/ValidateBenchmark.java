package io.khotools.bench;

import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
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
    final Validator validator = Validator.defaults();

    /** Refuses a blob with findings: the benchmark must measure a clean pass. */
    @Setup(Level.Trial)
    public void checkClean(SyntheticBlobState state) {
        Report r = validator.validate(state.blob);
        if (!r.diagnostics().isEmpty()) {
            throw new IllegalStateException("benchmark blob must be clean: " + r.diagnostics());
        }
    }

    /** Validates the whole blob. */
    @Benchmark
    public Report validate(SyntheticBlobState state) {
        return validator.validate(state.blob);
    }
}
