package io.khotools.kho.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile and partial memory: a generated state whose structure pages get random words (pointers into other
 * pages, own addresses, huge counts, garbage) and lose random pages decodes and validates without an
 * exception, within the walk's limits; every finding has a catalogued rule; the root and scratch decode as
 * generated, and a damaged state without findings (a legal edit: a bitmap bit, a token) lays out again.
 */
class StateDecoderPropertiesTest {
    @Property(tries = 60)
    void corruptedOrPartialMemoryNeverThrows(@ForAll KhoAbi abi, @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 40) int edits, @ForAll @IntRange(min = 0, max = 6) int removals,
            @ForAll boolean tightLimits) {
        HandoverSpec spec = HandoverSpec.defaults(abi).withBlocks(40, 4).withLuo(3, 4, 5).withSeed(seed);
        GeneratedHandover g = HandoverGenerator.generate(spec);
        SparseMemory m = g.memory();
        List<Long> pfns = new ArrayList<>();
        for (PhysRange r : m.segments()) {
            for (long a = r.start(); a < r.end(); a += 4096) {
                pfns.add(a >>> 12);
            }
        }
        Random random = new Random(seed);
        for (int i = 0; i < edits; i++) {
            long pfn = pfns.get(random.nextInt(pfns.size()));
            long target = pfns.get(random.nextInt(pfns.size())) << 12;
            long v = switch (random.nextInt(6)) {
                case 0 -> random.nextLong();
                case 1 -> target;
                case 2 -> pfn << 12; // its own page: cycles
                case 3 -> random.nextInt(1000);
                case 4 -> -1L;
                default -> target + 8;
            };
            Words.put(m.page(pfn), random.nextInt(512) * 8, v, true);
        }
        for (int i = 0; i < removals; i++) {
            m.remove(pfns.get(random.nextInt(pfns.size())));
        }
        WalkLimits limits = tightLimits ? new WalkLimits(3, 50, 64 << 10) : WalkLimits.DEFAULT;
        StateDecoding d = StateDecoder.of(g.options(), limits).decode(g.state());
        assertThat(d.needs().size()).isLessThanOrEqualTo(limits.maxRecords());
        List<Diagnostic> all = KhoStateValidator.of(g.options(), limits).validate(g.state()).diagnostics();
        assertThat(all).allSatisfy(x -> assertThat(io.khotools.kho.check.KhoRules.info(x.ruleId()) != null
                || x.ruleId().startsWith("fdt.")).isTrue());
        if (d.model() != null) {
            // edits touch memory only: the root and scratch array decode as generated
            assertThat(d.model().root()).isEqualTo(g.model().root());
            assertThat(d.model().scratch()).isEqualTo(g.model().scratch());
            if (all.isEmpty() && removals == 0 && !tightLimits) {
                // an edit may still be legal (a bit set in a bitmap, a changed token or name): the model changes
                // but nothing is wrong, so it must lay out again
                assertThat(StateEncoder.encode(d.model(), g.options()).root()).isEqualTo(g.state().root());
            }
        }
    }
}
