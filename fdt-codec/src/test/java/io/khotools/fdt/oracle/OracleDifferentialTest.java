package io.khotools.fdt.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Validator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential check of {@code Validator.defaults()} against Debian's libfdt {@code fdt_check_full} (issue 7):
 * every base blob ({@link BaseBlobs}) and {@code oracle.count} mutants of them (default 100,000; {@link Mutator})
 * go to one {@link LibfdtOracle} process and through our validator; accept/reject must agree except for the
 * documented {@link Difference}s. Deterministic from {@code oracle.seed} (printed; default fixed). Unexplained
 * disagreements fail the test, the first few written to {@code target/oracle-mismatches/}. Skipped, saying
 * why, when gcc or libfdt-dev is missing.
 *
 * <p>Reproduce or widen a run: {@code mvn -B -q test -pl fdt-codec -Dtest='Oracle*'
 * -Dsurefire.failIfNoSpecifiedTests=false -Doracle.seed=7 -Doracle.count=1000000}.
 */
class OracleDifferentialTest {
    /** Fixed default: the same mutants on every run unless -Doracle.seed says otherwise. */
    private static final long DEFAULT_SEED = 0x6f7261636c65L; // "oracle"
    private static final int DEFAULT_COUNT = 100_000;
    private static final int RANDOM_TREES = 200;
    private static final int BATCH = 2_000;
    private static final int KEEP = 5;

    @Test
    void validatorAgreesWithLibfdtOnMutatedBlobs() {
        long seed = Long.getLong("oracle.seed", DEFAULT_SEED);
        int count = Integer.getInteger("oracle.count", DEFAULT_COUNT);
        Tally tally = new Tally(KEEP);
        List<BaseBlobs.Base> bases;
        try (LibfdtOracle oracle = LibfdtOracle.start()) { // first: skips at once without gcc or libfdt-dev
            System.out.println("oracle: libfdt " + oracle.version() + ", seed " + seed + ", " + count
                    + " mutants (-Doracle.seed, -Doracle.count)");
            bases = BaseBlobs.load(seed, RANDOM_TREES);
            Mutator mutator = new Mutator(seed, bases);
            List<Mutant> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < bases.size(); i++) {
                batch.add(new Mutant(-1 - i, bases.get(i).name(), "none", bases.get(i).bytes()));
            }
            compare(oracle, batch, tally, seed);
            for (long next = 0; next < count; ) {
                batch.clear();
                while (batch.size() < BATCH && next < count) {
                    batch.add(mutator.mutant(next++));
                }
                compare(oracle, batch, tally, seed);
            }
        }
        System.out.println("oracle: " + tally.line());
        if (tally.unexplained() > 0) {
            StringBuilder files = new StringBuilder();
            for (Comparison c : tally.examples()) {
                files.append("  ").append(MismatchDump.write(name(seed, c.mutant()), c.mutant(), c.signature(),
                        c.ours().lines())).append('\n');
            }
            fail(tally.unexplained() + " disagreements with libfdt are not documented differences (seed " + seed
                    + "):\n" + tally.unexplainedSummary() + "first ones written to:\n" + files);
        }
        assertThat(tally.compared()).isEqualTo(bases.size() + (long) count);
        // a broken oracle or generator would show up as one side of the verdicts missing entirely
        assertThat(tally.bothAccept()).as("blobs both accept").isPositive();
        assertThat(tally.bothReject()).as("blobs both reject").isPositive();
    }

    private static void compare(LibfdtOracle oracle, List<Mutant> batch, Tally tally, long seed) {
        List<byte[]> blobs = batch.stream().map(Mutant::bytes).toList();
        List<LibfdtVerdict> verdicts;
        try {
            verdicts = oracle.check(blobs);
        } catch (LibfdtOracle.Failure f) {
            Mutant m = batch.get(f.index());
            Report ours = Validator.defaults().validate(m.bytes());
            fail("libfdt oracle failed on blob " + m.describe() + " (seed " + seed + "): " + f.getMessage()
                    + "; written to " + MismatchDump.write(name(seed, m), m, f.getMessage(), ours.lines()));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Comparison c = new Comparison(batch.get(i), Validator.defaults().validate(batch.get(i).bytes()),
                    verdicts.get(i));
            tally.add(c, Difference.classify(c));
        }
    }

    private static String name(long seed, Mutant m) {
        return "seed-" + seed + "-blob-" + (m.index() < 0 ? "base" + (-1 - m.index()) : Long.toString(m.index()));
    }
}
