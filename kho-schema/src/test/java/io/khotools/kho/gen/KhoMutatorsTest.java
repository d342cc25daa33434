package io.khotools.kho.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.RuleInfo;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoDebugfs;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.KhoStateFiles;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@link KhoMutator}, over valid roots of every generation, the valid fixtures of testdata/kho and the
 * valid whole states (and, for model mutators, generated models of every generation, encoded with
 * {@link StateEncoder}), with several seeds each, makes its validator report its rule.
 */
class KhoMutatorsTest {
    private static final int SEEDS = 8;

    /** A valid input and the options it is read with. */
    private record Input<T>(String name, T value, KhoOptions options, SubBlobType type) {}

    private static KhoOptions options(KhoAbi abi) {
        return abi == KhoAbi.V1_BITMAP_512 ? KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512) : KhoOptions.DEFAULT;
    }

    private static KhoHandover handover(KhoAbi abi, int subtrees, ByteOrder order) {
        KhoHandoverBuilder b = KhoHandover.builder(abi).preservedMemoryMap(0x1_16be_4000L);
        if (subtrees > 0) {
            b.subtree("memblock", 0x1_0000_0000L, new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L))));
        }
        if (subtrees > 1) {
            b.subtree("kho_test", 0x1_0000_4000L, new KhoTestBlob(KhoTestBlob.MAGIC, 3,
                    new KhoVmalloc(0x8_1234_5000L, 12, KhoVmalloc.FLAG_ALLOC, 2), 0xbeef));
            b.subtree("kexec-metadata", 0x1_0000_3000L, new KexecMetadata(1, "7.2.13-amd64", 4));
        }
        if (subtrees > 2 && abi.radixTree()) {
            b.subtree("LUO", 0x1_0000_2000L, new LuoSer("luo-v5", 9, 0x4003_0000L, 0x4004_0000L));
        }
        b.scratch(new ScratchArea(0x100_0000L, 0x1000_0000L)).scratch(new ScratchArea(0x2_0000_0000L, 0x4000_0000L));
        return b.build();
    }

    private static List<Input<byte[]>> roots() throws IOException {
        List<Input<byte[]>> in = new ArrayList<>();
        for (KhoAbi abi : KhoAbi.values()) {
            for (int n = 0; n <= 3; n++) {
                in.add(new Input<>(abi + "/" + n, handover(abi, n, ByteOrder.LITTLE_ENDIAN).encode(options(abi)).root(),
                        options(abi), null));
            }
            KhoOptions be = options(abi).withByteOrder(ByteOrder.BIG_ENDIAN);
            in.add(new Input<>(abi + "/be", handover(abi, 3, ByteOrder.BIG_ENDIAN).encode(be).root(), be, null));
        }
        for (Path p : TestData.list("kho/valid", ".root.dtb")) {
            String name = p.getFileName().toString();
            KhoOptions o = name.contains("v1-512") ? options(KhoAbi.V1_BITMAP_512) : KhoOptions.DEFAULT;
            in.add(new Input<>(name, Files.readAllBytes(p), o, null));
        }
        return in;
    }

    private static List<Input<byte[]>> blobs() throws IOException {
        List<Input<byte[]>> in = new ArrayList<>();
        try (Stream<Path> s = Files.list(TestData.path("kho/valid"))) {
            for (Path p : s.sorted().toList()) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) || name.endsWith(".root.dtb") || name.contains(".scratch.")) {
                    continue;
                }
                String stem = name.substring(0, name.lastIndexOf('.'));
                String kind = stem.substring(stem.lastIndexOf('.') + 1);
                in.add(new Input<>(name, Files.readAllBytes(p), KhoOptions.DEFAULT,
                        SubBlobType.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_'))));
            }
        }
        for (KhoAbi abi : KhoAbi.values()) {
            KhoImage img = handover(abi, 3, ByteOrder.LITTLE_ENDIAN).encode(options(abi));
            for (String n : img.blobNames()) {
                in.add(new Input<>(abi + "/" + n, img.blob(n), options(abi), SubBlobType.forSubtree(n)));
            }
        }
        return in;
    }

    private static List<Input<byte[]>> scratch() throws IOException {
        List<Input<byte[]>> in = new ArrayList<>();
        in.add(new Input<>("three-nodes", Files.readAllBytes(TestData.path("kho/valid/three-nodes.scratch.bin")),
                KhoOptions.DEFAULT, null));
        for (KhoAbi abi : List.of(KhoAbi.V2, KhoAbi.V4)) {
            in.add(new Input<>(abi + "", handover(abi, 1, ByteOrder.LITTLE_ENDIAN).encode(KhoOptions.DEFAULT).scratch(),
                    KhoOptions.DEFAULT, null));
        }
        in.add(new Input<>("one", ScratchCodec.encode(List.of(new ScratchArea(0x200_0000L, 0x400_0000L)),
                ByteOrder.LITTLE_ENDIAN), KhoOptions.DEFAULT, null));
        return in;
    }

    private static List<Input<KhoImage>> images() throws IOException {
        List<Input<KhoImage>> in = new ArrayList<>();
        in.add(new Input<>("kho-v4.image", KhoDebugfs.read(TestData.path("kho/valid/kho-v4.image"), KhoOptions.DEFAULT),
                KhoOptions.DEFAULT, null));
        for (KhoAbi abi : KhoAbi.values()) {
            in.add(new Input<>(abi + "", handover(abi, 3, ByteOrder.LITTLE_ENDIAN).encode(options(abi)), options(abi), null));
        }
        return in;
    }

    private static List<Input<KhoState>> states() throws IOException {
        List<Input<KhoState>> in = new ArrayList<>();
        for (Path p : TestData.list("kho/memory/valid", ".state")) {
            String name = p.getFileName().toString();
            KhoOptions o = name.contains("v1-512") ? options(KhoAbi.V1_BITMAP_512) : KhoOptions.DEFAULT;
            in.add(new Input<>(name, KhoStateFiles.read(p, 12), o, null));
        }
        return in;
    }

    /** Generated models of every generation (LUO chains or arrays, memfd files, kho_test and vmalloc areas). */
    private static List<Input<HandoverModel>> models() {
        List<Input<HandoverModel>> in = new ArrayList<>();
        List<HandoverSpec> specs = new ArrayList<>();
        for (KhoAbi abi : KhoAbi.values()) {
            specs.add(HandoverSpec.defaults(abi).withLuo(2, 2, 3));
        }
        specs.add(HandoverSpec.defaults(KhoAbi.V4).withBlocks(16, 3).withLuo(2, 2, 3).withNumaNodes(1).withSeed(5));
        specs.add(HandoverSpec.defaults(KhoAbi.V4_RADIX_VMALLOC).withByteOrder(ByteOrder.BIG_ENDIAN).withSeed(9));
        specs.add(HandoverSpec.defaults(KhoAbi.V3).withLuo(3, 1, 2).withSeed(7));
        for (HandoverSpec spec : specs) {
            GeneratedHandover g = HandoverGenerator.generate(spec);
            in.add(new Input<>(spec.abi() + "/seed" + spec.seed() + "/" + spec.byteOrder(), g.model(), g.options(), null));
        }
        return in;
    }

    @TestFactory
    Stream<DynamicTest> modelMutatorsTriggerTheirRule() {
        List<Input<HandoverModel>> in = models();
        return KhoMutators.modelMutators().stream().map(m -> DynamicTest.dynamicTest(m.name(),
                () -> check(m, in, (x, model) -> KhoStateValidator.of(x.options())
                        .validate(StateEncoder.encode(model, x.options())))));
    }

    @Test
    void modelMutatorsAreDeterministicAndLeaveTheModelAlone() {
        GeneratedHandover g = HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4).withLuo(2, 2, 3));
        HandoverModel before = HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4).withLuo(2, 2, 3)).model();
        for (KhoMutator<HandoverModel> m : KhoMutators.modelMutators()) {
            assertThat(m.target()).isEqualTo(KhoMutationTarget.MODEL);
            if (m.appliesTo(g.model(), g.options())) {
                HandoverModel a = m.apply(g.model(), g.options(), 4);
                assertThat(a).as(m.name()).isEqualTo(m.apply(g.model(), g.options(), 4)).isNotEqualTo(g.model());
            }
        }
        assertThat(g.model()).isEqualTo(before);
    }

    @TestFactory
    Stream<DynamicTest> rootMutatorsTriggerTheirRule() throws IOException {
        List<Input<byte[]>> in = roots();
        return KhoMutators.rootMutators().stream().map(m -> DynamicTest.dynamicTest(m.name(),
                () -> check(m, in, (x, b) -> KhoValidator.of(x.options()).validateRoot(b))));
    }

    @TestFactory
    Stream<DynamicTest> scratchMutatorsTriggerTheirRule() throws IOException {
        List<Input<byte[]>> in = scratch();
        return KhoMutators.scratchMutators().stream().map(m -> DynamicTest.dynamicTest(m.name(),
                () -> check(m, in, (x, b) -> KhoValidator.of(x.options()).validateScratch(b))));
    }

    @TestFactory
    Stream<DynamicTest> blobMutatorsTriggerTheirRule() throws IOException {
        List<Input<byte[]>> all = blobs();
        return KhoMutators.blobMutators().stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
            SubBlobType type = m.blobType().orElseThrow();
            List<Input<byte[]>> in = all.stream().filter(x -> x.type() == type).toList();
            check(m, in, (x, b) -> KhoValidator.of(x.options()).validateBlob(type, b));
        }));
    }

    @TestFactory
    Stream<DynamicTest> imageMutatorsTriggerTheirRule() throws IOException {
        List<Input<KhoImage>> in = images();
        return KhoMutators.imageMutators().stream().map(m -> DynamicTest.dynamicTest(m.name(),
                () -> check(m, in, (x, img) -> KhoValidator.of(x.options()).validateImage(img))));
    }

    @TestFactory
    Stream<DynamicTest> stateMutatorsTriggerTheirRule() throws IOException {
        List<Input<KhoState>> in = states();
        return KhoMutators.stateMutators().stream().map(m -> DynamicTest.dynamicTest(m.name(),
                () -> check(m, in, (x, s) -> KhoStateValidator.of(x.options()).validate(s))));
    }

    private static <T> void check(KhoMutator<T> m, List<Input<T>> inputs, BiFunction<Input<T>, T, Report> validate) {
        int applied = 0;
        for (Input<T> x : inputs) {
            if (!m.appliesTo(x.value(), x.options())) {
                continue;
            }
            assertThat(validate.apply(x, x.value()).diagnostics()).as("%s is valid", x.name())
                    .extracting(Diagnostic::ruleId).doesNotContain(m.ruleId());
            for (long seed = 0; seed < SEEDS; seed++) {
                T broken = m.apply(x.value(), x.options(), seed);
                assertThat(validate.apply(x, broken).diagnostics()).as("%s on %s seed %d", m.name(), x.name(), seed)
                        .extracting(Diagnostic::ruleId).contains(m.ruleId());
                applied++;
            }
        }
        assertThat(applied).as("%s applies to some valid input", m.name()).isGreaterThanOrEqualTo(SEEDS);
    }

    @Test
    void everyRuleHasAMutatorOrAReason() {
        List<String> missing = new ArrayList<>();
        for (RuleInfo r : KhoRules.all()) {
            boolean covered = !KhoMutators.forRule(r.id()).isEmpty();
            boolean excused = KhoMutators.unreachable().containsKey(r.id());
            assertThat(covered && excused).as(r.id()).isFalse();
            if (!covered && !excused) {
                missing.add(r.id());
            }
        }
        assertThat(missing).isEmpty();
        assertThat(KhoMutators.all()).allSatisfy(m -> assertThat(KhoRules.info(m.ruleId())).as(m.name()).isNotNull());
    }

    @Test
    void deterministicAndLeavesTheInputAlone() throws IOException {
        byte[] root = roots().stream().filter(x -> x.name().equals("V4/3")).findFirst().orElseThrow().value();
        byte[] copy = root.clone();
        for (KhoMutator<byte[]> m : KhoMutators.rootMutators()) {
            if (m.appliesTo(root, KhoOptions.DEFAULT)) {
                assertThat(m.apply(root, KhoOptions.DEFAULT, 3)).isEqualTo(m.apply(root, KhoOptions.DEFAULT, 3));
            }
        }
        assertThat(root).isEqualTo(copy);
        KhoMutator<?> m = KhoMutators.named("kho.root.memory-map-unset--v1");
        assertThat(m.target()).isEqualTo(KhoMutationTarget.ROOT);
        @SuppressWarnings("unchecked")
        KhoMutator<byte[]> unset = (KhoMutator<byte[]>) m;
        assertThat(unset.appliesTo(root, KhoOptions.DEFAULT)).isFalse(); // a kho-v4 root
        assertThatThrownBy(() -> unset.apply(root, KhoOptions.DEFAULT, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(unset.appliesTo(new byte[5], KhoOptions.DEFAULT)).isFalse();
    }
}
