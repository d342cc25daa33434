package io.khotools.jqwik;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.KhoMutators;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.StateDecoder;
import io.khotools.kho.memory.StateDecoding;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** The KHO arbitraries used as a user would. */
class KhoArbitrariesPropertiesTest {
    @Property(tries = 150)
    void handoversEncodeToImagesThatValidateClean(@ForAll("handovers") KhoHandover h) {
        KhoAbi abi = h.root().abi();
        KhoImage img = h.encode(KhoArbitraries.options(abi));
        assertThat(KhoValidator.of(KhoArbitraries.options(abi)).validateImage(img).lines()).isEmpty();
        assertThat(KhoHandover.decode(img, KhoArbitraries.options(abi))).isEqualTo(h);
    }

    @Provide
    Arbitrary<KhoHandover> handovers() {
        return KhoArbitraries.handovers();
    }

    @Property(tries = 30)
    void statesDecodeToTheirModelAndValidateClean(@ForAll("states") GeneratedHandover g) {
        StateDecoding d = StateDecoder.of(g.options()).decode(g.state());
        assertThat(d.findings()).isEmpty();
        assertThat(d.model()).isEqualTo(g.model());
        // errors only: a kho-v1 state that preserves nothing has no chunk list, which is worth a warning
        assertThat(KhoStateValidator.of(g.options()).validate(g.state()).errors()).isEmpty();
    }

    @Provide
    Arbitrary<GeneratedHandover> states() {
        return KhoArbitraries.states();
    }

    @Property(tries = 100)
    void v4RootsValidateClean(@ForAll("v4") byte[] root) {
        assertThat(KhoValidator.of(KhoOptions.DEFAULT).validateRoot(root).lines()).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> v4() {
        return KhoArbitraries.roots(KhoAbi.V4);
    }

    @Property(tries = 200)
    void invalidRootsBreakTheirRule(@ForAll("invalidRoots") Tuple2<String, byte[]> c) {
        assertThat(KhoValidator.of(KhoOptions.DEFAULT).validateRoot(c.get2()).diagnostics())
                .extracting(Diagnostic::ruleId).contains(c.get1());
    }

    @Provide
    Arbitrary<Tuple2<String, byte[]>> invalidRoots() {
        List<String> rules = KhoMutators.rootMutators().stream().map(m -> m.ruleId()).distinct().toList();
        return Arbitraries.of(rules).flatMap(id -> KhoArbitraries.invalidRoots(id).map(b -> Tuple.of(id, b)));
    }

    @Property(tries = 100)
    void invalidScratchBreaksItsRule(@ForAll("invalidScratch") Tuple2<String, byte[]> c) {
        assertThat(KhoValidator.of(KhoOptions.DEFAULT).validateScratch(c.get2()).diagnostics())
                .extracting(Diagnostic::ruleId).contains(c.get1());
    }

    @Provide
    Arbitrary<Tuple2<String, byte[]>> invalidScratch() {
        return Arbitraries.of(KhoRules.SCRATCH_LENGTH, KhoRules.SCRATCH_EMPTY, KhoRules.SCRATCH_ALIGNMENT,
                KhoRules.SCRATCH_LOWMEM, KhoRules.SCRATCH_OVERLAP)
                .flatMap(id -> KhoArbitraries.invalidScratch(id).map(b -> Tuple.of(id, b)));
    }

    @Property(tries = 150)
    void invalidSubBlobsBreakTheirRule(@ForAll("invalidSubBlobs") Tuple2<String, Tuple2<SubBlobType, byte[]>> c) {
        assertThat(KhoValidator.of(KhoOptions.DEFAULT).validateBlob(c.get2().get1(), c.get2().get2()).diagnostics())
                .extracting(Diagnostic::ruleId).contains(c.get1());
    }

    @Provide
    Arbitrary<Tuple2<String, Tuple2<SubBlobType, byte[]>>> invalidSubBlobs() {
        List<SubBlobType> types = List.of(SubBlobType.MEMBLOCK, SubBlobType.KHO_TEST, SubBlobType.KEXEC_METADATA,
                SubBlobType.LUO);
        List<String> rules = KhoMutators.blobMutators().stream()
                .filter(m -> types.contains(m.blobType().orElseThrow())).map(m -> m.ruleId()).distinct().toList();
        return Arbitraries.of(rules).flatMap(id -> KhoArbitraries.invalidSubBlobs(id).map(b -> Tuple.of(id, b)));
    }
}
