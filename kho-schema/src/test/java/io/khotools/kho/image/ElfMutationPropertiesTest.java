package io.khotools.kho.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import java.nio.ByteOrder;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile core files: one byte of a small image (three segments, both byte orders) changed, or the file cut
 * short, gives either {@link ImageFormatException} or a memory whose every read and absence query answers
 * within the bytes asked, never any other exception.
 */
class ElfMutationPropertiesTest {
    /** Pages of 512 bytes keep the image small: header and 3 phdrs in 512 bytes, then 4 pages. */
    static byte[] image(ByteOrder order) {
        SparseMemory m = new SparseMemory(9);
        m.write(0x1000, new byte[1024]);
        m.write(0x2000, new byte[] {1, 2, 3});
        m.write(0x8000_0000L, new byte[] {9});
        return ElfCoreWriter.of(order, 62).toBytes(m);
    }

    static void probe(byte[] bytes) {
        ElfCoreMemory m;
        try {
            m = ElfCoreMemory.of(bytes);
        } catch (ImageFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        byte[] d = new byte[0x3000];
        for (long at : new long[] {0, 0x1000, 0x1ff0, 0x7fff_ff00L, Long.MAX_VALUE - 0x1000}) {
            m.read(at, d, 0, d.length);
            List<PhysRange> gaps = m.absent(at, d.length);
            long missing = gaps.stream().mapToLong(PhysRange::size).sum();
            assertThat(missing).isBetween(0L, (long) d.length);
            assertThat(m.contains(at, d.length)).isEqualTo(gaps.isEmpty());
        }
        for (PhysRange r : m.present()) {
            assertThat(m.absent(r.start(), Math.min(r.size(), 1 << 20))).isEmpty();
        }
        assertThat(m.issues()).allSatisfy(i -> assertThat(i.message()).isNotBlank());
    }

    @Property(tries = 1500)
    void singleByteMutationsThrowOnlyImageFormatException(@ForAll boolean bigEndian,
            @ForAll @IntRange(min = 0, max = 64 + 3 * 56 - 1) int index, @ForAll byte value) {
        byte[] b = image(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b[index] = value;
        probe(b);
    }

    @Property(tries = 300)
    void truncatedFilesThrowOnlyImageFormatException(@ForAll boolean bigEndian, @ForAll @IntRange(min = 0, max = 2560) int length) {
        byte[] b = image(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        probe(java.util.Arrays.copyOf(b, Math.min(length, b.length)));
    }
}
