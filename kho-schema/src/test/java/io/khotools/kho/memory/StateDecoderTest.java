package io.khotools.kho.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk's bounds and partial images, one case each. */
class StateDecoderTest {
    static GeneratedHandover v4() {
        return HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4).withLuo(2, 3, 2).withSeed(3));
    }

    static List<String> rules(StateDecoding d) {
        return d.findings().stream().map(Diagnostic::ruleId).toList();
    }

    @Test
    void aBlockChainBackToItselfIsACycleAndEndsTheChain() {
        GeneratedHandover g = v4();
        LocatedBlob files = g.model().subsystem("LUO").structures().stream()
                .filter(s -> s.path().equals("LUO/sessions[1]/files.block[0]")).findFirst().orElseThrow();
        Words.put(g.memory().page(files.address() >>> 12), 0, files.address(), true);
        StateDecoding d = StateDecoder.of(g.options()).decode(g.state());
        assertThat(rules(d)).containsExactly("kho.state.cycle");
        assertThat(d.findings().get(0).offset()).isEqualTo(files.address());
    }

    @Test
    void aMissingChunkIsReportedPerPointerAndTheRestStillDecodes() {
        GeneratedHandover g = v4();
        VmallocArea area = g.model().subsystem("kho_test").vmallocs().get(0);
        long chunk = area.chunks().get(0).address();
        assertThat(g.memory().remove(chunk >>> 12)).isTrue();
        StateDecoding d = StateDecoder.of(g.options()).decode(g.state());
        assertThat(rules(d)).containsExactly("kho.state.absent");
        assertThat(d.findings().get(0).message()).contains("kho_test/folios_info.chunk[0]");
        assertThat(d.model().subsystem("kho_test").vmallocs().get(0).chunks()).isEmpty();
        assertThat(d.model().subsystem("LUO")).isEqualTo(g.model().subsystem("LUO"));
    }

    @Test
    void limitsStopChainsRecordsAndReads() {
        GeneratedHandover g = HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4)
                .withParts(EnumSet.of(HandoverSpec.Part.LUO)).withLuo(1, 200, 0));
        assertThat(rules(StateDecoder.of(g.options()).decode(g.state()))).isEmpty();
        assertThat(rules(StateDecoder.of(g.options(), WalkLimits.DEFAULT.withMaxChain(2)).decode(g.state())))
                .containsExactly("kho.state.chain-length");
        assertThat(rules(StateDecoder.of(g.options(), new WalkLimits(10_000, 100, 1 << 30)).decode(g.state())))
                .containsExactly("kho.state.chain-length");
        StateDecoding starved = StateDecoder.of(g.options(), new WalkLimits(10_000, 1 << 20, 4096)).decode(g.state());
        assertThat(rules(starved)).containsExactly("kho.state.chain-length");
        assertThat(starved.findings().get(0).message()).contains("4096 bytes");
    }

    @Test
    void luoV1FdtAndMemblockRegionsAreFollowed() {
        GeneratedHandover g = HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V1_BITMAP_512));
        SubsystemModel luo = g.model().subsystem("LUO");
        assertThat(luo.blob()).isInstanceOf(LuoFdtBlob.class);
        assertThat(luo.structures()).extracting(LocatedBlob::path).startsWith("LUO/sessions", "LUO/sessions[0]/files",
                "LUO/sessions[0]/files[0]/memfd");
        StateDecoding d = StateDecoder.of(g.options()).decode(g.state());
        for (ReserveMem r : ((MemblockBlob) g.model().subsystem("memblock").blob()).regions()) {
            assertThat(d.needs()).contains(new PreservationNeed("memblock/" + r.name(), PhysRange.of(r.start(), r.size()),
                    PreservationNeed.Kind.DATA));
        }
        assertThat(d.model()).isEqualTo(g.model());
        assertThat(d.needsOf("memblock")).hasSize(1 + ((MemblockBlob) g.model().subsystem("memblock").blob()).regions().size());
        assertThat(d.needsOf("LUO")).extracting(PreservationNeed::kind).contains(PreservationNeed.Kind.BLOB,
                PreservationNeed.Kind.CHUNK, PreservationNeed.Kind.PIECE, PreservationNeed.Kind.DATA);
        assertThat(luo.structures()).noneMatch(s -> s.blob() instanceof KhoBlock);
    }

    @Test
    void anUnreadableRootGivesNoModel() {
        KhoState s = new KhoState(new byte[] {1, 2, 3}, null, new SparseMemory(12));
        StateDecoding d = StateDecoder.of(KhoOptions.DEFAULT).decode(s);
        assertThat(d.model()).isNull();
        assertThat(d.findings()).isEmpty();
    }
}
