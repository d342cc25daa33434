package io.khotools.kho.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import org.junit.jupiter.api.Test;

class KhoMutatedMemoryTest {
    private static SparseMemory base() {
        SparseMemory m = new SparseMemory(12);
        m.write(0x1000, new byte[] {1, 2, 3, 4});
        m.write(0x2000, new byte[] {5, 6, 7, 8});
        return m;
    }

    @Test
    void patchesOverlayTheBaseWithoutChangingIt() {
        SparseMemory base = base();
        KhoMutatedMemory m = KhoMutatedMemory.of(base, 12).patch(0x1001, new byte[] {9, 9});
        byte[] b = new byte[4];
        assertThat(m.read(0x1000, b, 0, 4)).isTrue();
        assertThat(b).containsExactly(1, 9, 9, 4);
        assertThat(base.read(0x1000, b, 0, 4)).isTrue();
        assertThat(b).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aPatchMakesAnAbsentPageReadableAndHidingRemovesOne() {
        KhoMutatedMemory m = KhoMutatedMemory.of(base(), 12).patch(0x9000, new byte[] {7}).hide(0x2000);
        byte[] b = new byte[1];
        assertThat(m.read(0x9000, b, 0, 1)).isTrue();
        assertThat(b[0]).isEqualTo((byte) 7);
        assertThat(m.read(0x2000, b, 0, 1)).isFalse();
        assertThat(m.absent(0x1000, 0x9000)).containsExactly(new PhysRange(0x2000, 0x9000));
        assertThat(m.contains(0x1000, 0x1000)).isTrue();
    }
}
