package io.khotools.kho.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.StateDecoder;
import io.khotools.kho.memory.StateDecoding;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import java.nio.ByteOrder;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/** Every generation's default spec: decodes to its model, validates clean, and is deterministic. */
class HandoverGeneratorTest {
    @Test
    void everyGenerationDecodesToItsModelAndValidatesClean() {
        for (KhoAbi abi : KhoAbi.values()) {
            GeneratedHandover g = HandoverGenerator.generate(HandoverSpec.defaults(abi).withBlocks(300, 10));
            StateDecoding d = StateDecoder.of(g.options()).decode(g.state());
            assertThat(d.findings()).as(abi.name()).isEmpty();
            assertThat(d.model()).as(abi.name()).isEqualTo(g.model());
            assertThat(KhoStateValidator.of(g.options()).validate(g.state()).lines()).as(abi.name()).isEmpty();
            // memfd folios, kho_test folios, pieces, chunks, arrays and regions are all needed and covered
            assertThat(d.needs()).as(abi.name()).hasSizeGreaterThan(20);
        }
    }

    @Test
    void sameSpecSameBytesOtherSeedOtherBytes() {
        HandoverSpec spec = HandoverSpec.defaults(KhoAbi.V4).withSeed(7);
        GeneratedHandover a = HandoverGenerator.generate(spec);
        GeneratedHandover b = HandoverGenerator.generate(spec);
        assertThat(a.memory()).isEqualTo(b.memory());
        assertThat(a.state().root()).isEqualTo(b.state().root());
        assertThat(a.model()).isEqualTo(b.model());
        assertThat(HandoverGenerator.generate(spec.withSeed(8)).memory()).isNotEqualTo(a.memory());
    }

    @Test
    void knobsShowInTheModel() {
        HandoverSpec spec = HandoverSpec.defaults(KhoAbi.V4).withLuo(10, 70, 2).withNumaNodes(4)
                .withParts(EnumSet.of(HandoverSpec.Part.MEMFD)).withPageShift(14).withByteOrder(ByteOrder.BIG_ENDIAN);
        GeneratedHandover g = HandoverGenerator.generate(spec);
        assertThat(g.model().scratch()).hasSize(6);
        SubsystemModel luo = g.model().subsystem("LUO");
        assertThat(((LuoSer) luo.blob()).compatible()).isEqualTo("luo-v4");
        // 16 KiB blocks: (16384-16)/80 = 204 sessions and (16384-16)/64 = 255 files fit one block
        long sessionBlocks = luo.structures().stream().map(LocatedBlob::path).filter(p -> p.startsWith("LUO/sessions.block")).count();
        assertThat(sessionBlocks).isEqualTo(1);
        assertThat(luo.structures().stream().filter(s -> s.blob() instanceof MemfdSer).count()).isEqualTo(10 * 70);
        assertThat(luo.structures().stream().filter(s -> s.blob() instanceof KhoBlock k
                && k.type().name().endsWith("FILES")).count()).isEqualTo(10);
        StateDecoding d = StateDecoder.of(g.options()).decode(g.state());
        assertThat(d.findings()).isEmpty();
        assertThat(d.model()).isEqualTo(g.model());
        assertThat(StateEncoder.encode(d.model(), g.options()).memory()).isEqualTo(g.memory());
    }

    @Test
    void specRangesAreChecked() {
        HandoverSpec spec = HandoverSpec.defaults(KhoAbi.V4);
        assertThatThrownBy(() -> spec.withPageShift(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec.withNumaNodes(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec.withAbi(KhoAbi.V1_BITMAP_PAGE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kexec-metadata");
        assertThatThrownBy(() -> spec.withAbi(KhoAbi.V3).withPageShift(14)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16 KiB");
        assertThat(HandoverSpec.representable(KhoAbi.V2, 12)).isTrue();
        assertThat(HandoverSpec.representable(KhoAbi.V2, 14)).isFalse();
        assertThat(HandoverSpec.representable(KhoAbi.V2, 16)).isTrue();
        assertThat(HandoverSpec.representable(KhoAbi.V4, 14)).isTrue();
    }
}
