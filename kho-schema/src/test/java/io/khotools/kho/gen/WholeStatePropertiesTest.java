package io.khotools.kho.gen;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.image.ElfCoreMemory;
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.SparseMemory;
import io.khotools.kho.memory.StateDecoder;
import io.khotools.kho.memory.StateDecoding;
import io.khotools.kho.memory.StateEncoder;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Acceptance for every generation: a random whole state (thousands of blocks of mixed orders, several
 * subsystems with vmalloc areas, LUO arrays or block chains and memfd folios, NUMA scratch, either byte
 * order, 4/16/64 KiB pages) → ELF core image → read back → decodes to the generator's model without a
 * finding and validates clean; encoding the decoded model gives the same memory (map pages included), the
 * same root and scratch, and the same ELF file byte for byte.
 */
class WholeStatePropertiesTest {
    static final int[] SHIFTS = {12, 14, 16};

    @Property(tries = 12)
    void everyGenerationSurvivesAnImageAndReencodesIdentically(@ForAll long seed,
            @ForAll @IntRange(min = 1000, max = 4000) int blocks, @ForAll @IntRange(min = 0, max = 12) int maxOrder,
            @ForAll @Size(max = 5) Set<HandoverSpec.Part> parts, @ForAll @IntRange(min = 0, max = 4) int sessions,
            @ForAll @IntRange(min = 0, max = 5) int files, @ForAll @IntRange(min = 0, max = 64) int folios,
            @ForAll @IntRange(min = 1, max = 4) int nodes, @ForAll @IntRange(min = 0, max = 2) int shift,
            @ForAll boolean bigEndian) {
        for (KhoAbi abi : KhoAbi.values()) {
            EnumSet<HandoverSpec.Part> p = parts.isEmpty() ? EnumSet.noneOf(HandoverSpec.Part.class) : EnumSet.copyOf(parts);
            if (!abi.radixTree()) {
                p.remove(HandoverSpec.Part.KEXEC_METADATA);
            }
            if (!HandoverSpec.representable(abi, SHIFTS[shift])) {
                continue; // kho-v2/v3 with 16 KiB pages: checked by HandoverGeneratorTest
            }
            HandoverSpec spec = new HandoverSpec(abi, SHIFTS[shift], bigEndian ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN, blocks, maxOrder, p, sessions, files, folios, nodes, seed);
            check(spec);
        }
    }

    static void check(HandoverSpec spec) {
        GeneratedHandover g = HandoverGenerator.generate(spec);
        String what = spec.toString();
        ElfCoreWriter writer = ElfCoreWriter.of(spec.byteOrder(), 62);
        byte[] elf = writer.toBytes(HandoverImage.compose(g.state(), g.placement()));
        ElfCoreMemory image = ElfCoreMemory.of(elf);
        assertThat(image.issues()).as(what).isEmpty();
        KhoState back = HandoverImage.read(image, g.placement().setupData()).orElseThrow();
        assertThat(back.root()).as(what).isEqualTo(g.state().root());
        StateDecoding d = StateDecoder.of(g.options()).decode(back);
        assertThat(d.findings()).as(what).isEmpty();
        assertThat(d.model()).as(what).isEqualTo(g.model());
        assertThat(d.model().blocks().count()).as(what).isGreaterThanOrEqualTo(spec.blocks() / 2);
        assertThat(KhoStateValidator.of(g.options()).validate(back).lines()).as(what).isEmpty();
        KhoState again = StateEncoder.encode(d.model(), g.options());
        assertThat((SparseMemory) again.memory()).as(what).isEqualTo(g.memory());
        assertThat(again.root()).as(what).isEqualTo(back.root());
        assertThat(again.scratch()).as(what).isEqualTo(back.scratch());
        assertThat(writer.toBytes(HandoverImage.compose(again, g.placement()))).as(what).isEqualTo(elf);
    }
}
