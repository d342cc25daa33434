package io.khotools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark once, in-process, on a tiny blob: proves the benchmarks still work without spending
 * CI time on measurement. Real numbers come from {@code java -jar benchmarks/target/benchmarks.jar}.
 */
class BenchmarkSmokeTest {

    @Test
    void everyBenchmarkRunsOnASmallBlob() throws RunnerException {
        Options opts = new OptionsBuilder()
                .include("io\\.khotools\\.bench\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .param("buses", "2")
                .param("devicesPerBus", "10")
                .param("blocks", "70000")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(opts).run();
        assertThat(results).isNotEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }
}
