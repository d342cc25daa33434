package io.khotools.kho.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link SparseMemory#absent}: exact gaps, and work bounded by the pages present for huge ranges. */
class SparseMemoryTest {
    private static SparseMemory threePages() {
        SparseMemory m = new SparseMemory(12);
        m.write(0x1000, new byte[0x2000]); // pages 1 and 2
        m.write(0x5000, new byte[1]); // page 5
        return m;
    }

    @Test
    void gapsOfASmallRange() {
        SparseMemory m = threePages();
        assertThat(m.absent(0x800, 0x6000)).containsExactly(new PhysRange(0x800, 0x1000), new PhysRange(0x3000, 0x5000),
                new PhysRange(0x6000, 0x6800));
        assertThat(m.absent(0x1100, 0x1f00)).isEmpty();
        assertThat(m.absent(0x1000, 0)).isEmpty();
    }

    @Test
    @Timeout(5)
    void hugeRangeCostsOnlyThePresentPages() {
        // found by KhoFuzzTest#state: a blob-size near 2^62 made absent() walk 2^50 pages
        SparseMemory m = threePages();
        long len = 1L << 62;
        assertThat(m.absent(0x800, len)).containsExactly(new PhysRange(0x800, 0x1000), new PhysRange(0x3000, 0x5000),
                new PhysRange(0x6000, 0x800 + len));
        assertThat(m.contains(0x1000, len)).isFalse();
        assertThat(m.absent(0x1800, Long.MAX_VALUE)).containsExactly(new PhysRange(0x3000, 0x5000),
                new PhysRange(0x6000, Long.MAX_VALUE));
    }

    @Test
    void sameAnswerEitherWay() {
        // a range just over the present-page count takes the sparse path; one page shorter the page walk
        SparseMemory m = threePages();
        List<PhysRange> sparse = m.absent(0x0, 0x4000);
        List<PhysRange> walked = m.absent(0x0, 0x3000);
        assertThat(sparse).containsExactly(new PhysRange(0, 0x1000), new PhysRange(0x3000, 0x4000));
        assertThat(walked).containsExactly(new PhysRange(0, 0x1000));
    }

    @Test
    void negativeAddressesAreAbsent() {
        assertThat(threePages().absent(-16, 32)).containsExactly(new PhysRange(-16, 16));
    }
}
