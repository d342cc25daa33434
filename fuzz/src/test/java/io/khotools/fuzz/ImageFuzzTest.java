package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.image.ElfCoreMemory;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.image.ImageFormatException;
import io.khotools.kho.image.RawMemory;
import io.khotools.kho.image.RootFinder;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import java.util.List;
import java.util.Optional;

/**
 * Handover images: the ELF64 core reader on arbitrary bytes (a file that is no readable ELF core is
 * scanned as raw memory instead), then everything a caller does with an image: reads over what it holds,
 * {@link RootFinder} (scan, {@code setup_data} chain, direct), {@link HandoverImage#read} and, when that
 * finds a state, {@link KhoStateValidator}. Allowed: {@link ImageFormatException} from
 * {@link ElfCoreMemory#of} only.
 */
class ImageFuzzTest {
    /** Where raw input is placed: above 4 GiB, so addresses exercise the 64-bit paths. */
    private static final long RAW_BASE = 0x1_0000_0000L;

    @FuzzTest
    void elfImage(byte[] input) {
        PhysMemory memory;
        List<PhysRange> present;
        try {
            ElfCoreMemory elf = ElfCoreMemory.of(input);
            elf.segments();
            elf.issues();
            present = elf.present();
            memory = elf;
        } catch (ImageFormatException notElf) {
            RawMemory raw = RawMemory.of(input, RAW_BASE);
            present = List.of(raw.range());
            memory = raw;
        }
        byte[] buf = new byte[4096];
        long total = 0;
        for (PhysRange r : present) {
            if (r.size() == 0) {
                continue; // an empty raw file
            }
            int n = (int) Math.min(buf.length, r.size());
            assertThat(memory.read(r.start(), buf, 0, n)).as("read of present %s", r).isTrue();
            assertThat(memory.read(r.end() - n, buf, 0, n)).as("read of present %s", r).isTrue();
            assertThat(memory.absent(r.start(), r.size())).as("absent in present %s", r).isEmpty();
            total += r.size();
        }
        assertThat(present.size()).isLessThanOrEqualTo(ElfCoreMemory.MAX_SEGMENTS);
        memory.read(-8, buf, 0, 16);
        memory.absent(0, Long.MAX_VALUE);
        List<RootFinder.Found> found = RootFinder.scan(memory, present, 4096, true, 4);
        assertThat(found).hasSizeLessThanOrEqualTo(4);
        if (!present.isEmpty()) {
            long first = present.get(0).start();
            RootFinder.at(memory, first);
            RootFinder.fromSetupData(memory, first);
            Optional<KhoState> state = HandoverImage.read(memory, first);
            state.ifPresent(s -> KhoStateValidator.of(KhoOptions.DEFAULT).validate(s));
        }
        assertThat(total).isNotNegative();
    }
}
