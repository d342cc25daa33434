package io.khotools.jqwik;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.LuoFdtNode;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import io.khotools.kho.gen.KhoMutator;
import io.khotools.kho.gen.KhoMutators;
import io.khotools.kho.scratch.ScratchArea;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * jqwik {@link Arbitrary} providers for KHO handovers: valid {@link KhoHandover} models and root FDTs per
 * generation (through {@link KhoHandover#builder}), and invalid roots, scratch arrays and sub-blobs labelled
 * with a {@code kho.*} rule (through {@link KhoMutators}).
 *
 * <p><b>Shrinking.</b> The generation, the number of subtrees (0-4, from memblock, kho_test, kexec-metadata and
 * LUO), the number of memblock regions (1-8) and of scratch areas (1-3) are shrinkable arbitraries; addresses,
 * names and values come from a seed that shrinks toward 0. A failure shrinks toward the oldest generation, no
 * subtrees and one region.
 *
 * <pre>{@code
 * @Property
 * void everyV4RootValidates(@ForAll("v4") byte[] root) {
 *     assertThat(KhoValidator.of(KhoOptions.DEFAULT).validateRoot(root).hasErrors()).isFalse();
 * }
 *
 * @Provide
 * Arbitrary<byte[]> v4() {
 *     return KhoArbitraries.roots(KhoAbi.V4);
 * }
 *
 * @Property
 * void myReaderRefusesNullPointers(@ForAll("nullPointers") byte[] root) { ... }
 *
 * @Provide
 * Arbitrary<byte[]> nullPointers() {
 *     return KhoArbitraries.invalidRoots(KhoRules.SUBTREE_POINTER_NULL);
 * }
 * }</pre>
 */
public final class KhoArbitraries {
    private static final String[] SUBTREES = {"memblock", "kho_test", "kexec-metadata", "LUO"};
    private static final List<SubBlobType> SUBTREE_TYPES = List.of(SubBlobType.MEMBLOCK, SubBlobType.KHO_TEST,
            SubBlobType.KEXEC_METADATA, SubBlobType.LUO);

    private KhoArbitraries() {}

    /**
     * The options a handover of {@code abi} is encoded and read with: the defaults, plus for {@code kho-v1} the
     * bitmap size that tells its two generations apart (so decoding needs no assumption).
     */
    public static KhoOptions options(KhoAbi abi) {
        return switch (abi) {
            case V1_BITMAP_512 -> KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512);
            case V1_BITMAP_PAGE -> KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.PAGE);
            default -> KhoOptions.DEFAULT;
        };
    }

    /** Valid handovers of any generation. */
    public static Arbitrary<KhoHandover> handovers() {
        return Arbitraries.of(KhoAbi.values()).flatMap(KhoArbitraries::handovers);
    }

    /**
     * Valid handovers of {@code abi}: page-aligned memory map, 0-4 known subtrees at distinct page-aligned
     * addresses (LUO in any of its three forms), 1-8 memblock regions, 1-3 non-overlapping 2 MiB-aligned
     * scratch areas (the first below 4 GiB).
     */
    public static Arbitrary<KhoHandover> handovers(KhoAbi abi) {
        Arbitrary<Integer> subtrees = Arbitraries.integers().between(0, SUBTREES.length);
        Arbitrary<Integer> regions = Arbitraries.integers().between(1, 8);
        Arbitrary<Integer> scratch = Arbitraries.integers().between(1, 3);
        return Combinators.combine(subtrees, regions, scratch, FdtArbitraries.seeds())
                .as((n, r, s, seed) -> build(abi, n, r, s, seed));
    }

    /**
     * Whole handover states of any generation ({@link HandoverGenerator}): root FDT, sub-blobs, the chains they
     * point to, the memory map and scratch array in physical memory, with the model they must decode to.
     */
    public static Arbitrary<GeneratedHandover> states() {
        return Arbitraries.of(KhoAbi.values()).flatMap(KhoArbitraries::states);
    }

    /**
     * Whole handover states of {@code abi} at 4 KiB pages, little-endian. Shrinkable knobs: extra blocks
     * (0-2000, largest order 0-12), the subsystems handed over, LUO sessions (0-3), files per session (0-4),
     * folios (0-16) and NUMA nodes (1-4); the layout comes from a seed. A failure shrinks toward no extra
     * blocks, no subsystems and one node.
     */
    public static Arbitrary<GeneratedHandover> states(KhoAbi abi) {
        List<HandoverSpec.Part> allowed = new ArrayList<>(HandoverSpec.defaults(abi).parts());
        Arbitrary<Set<HandoverSpec.Part>> parts = Arbitraries.of(allowed).set().ofMaxSize(allowed.size());
        Arbitrary<Integer> blocks = Arbitraries.integers().between(0, 2000);
        Arbitrary<Integer> maxOrder = Arbitraries.integers().between(0, 12);
        Arbitrary<Integer> sessions = Arbitraries.integers().between(0, 3);
        Arbitrary<Integer> files = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> folios = Arbitraries.integers().between(0, 16);
        Arbitrary<Integer> nodes = Arbitraries.integers().between(1, 4);
        return Combinators.combine(parts, blocks, maxOrder, sessions, files, folios, nodes, FdtArbitraries.seeds())
                .as((p, b, o, s, f, fo, n, seed) -> HandoverGenerator.generate(HandoverSpec.defaults(abi)
                        .withParts(p.isEmpty() ? EnumSet.noneOf(HandoverSpec.Part.class) : EnumSet.copyOf(p))
                        .withBlocks(b, o).withLuo(s, f, fo).withNumaNodes(n).withSeed(seed)));
    }

    /** Valid root FDTs of any generation, encoded with {@link #options(KhoAbi)}. */
    public static Arbitrary<byte[]> roots() {
        return Arbitraries.of(KhoAbi.values()).flatMap(KhoArbitraries::roots);
    }

    /** Valid root FDTs of {@code abi}, as its kernel assembles them. */
    public static Arbitrary<byte[]> roots(KhoAbi abi) {
        return handovers(abi).map(h -> h.encode(options(abi)).root());
    }

    /**
     * Root FDTs that {@code KhoValidator.validateRoot} (with {@link KhoOptions#DEFAULT}) reports {@code ruleId}
     * for: a valid root of a generation other than v6.16's 512-byte {@code kho-v1}, mutated by one of the rule's
     * root mutators that applies to it.
     *
     * @throws IllegalArgumentException if no root mutator triggers {@code ruleId}
     */
    public static Arbitrary<byte[]> invalidRoots(String ruleId) {
        return invalid(ruleId, KhoMutators.rootMutators(), handoverRoots());
    }

    /**
     * Scratch arrays that {@code KhoValidator.validateScratch} reports {@code ruleId} for.
     *
     * @throws IllegalArgumentException if no scratch mutator triggers {@code ruleId}
     */
    public static Arbitrary<byte[]> invalidScratch(String ruleId) {
        return invalid(ruleId, KhoMutators.scratchMutators(), handovers(KhoAbi.V4).map(h -> h.encode(KhoOptions.DEFAULT).scratch()));
    }

    /**
     * Sub-blobs, with their type, that {@code KhoValidator.validateBlob} (with {@link KhoOptions#DEFAULT})
     * reports {@code ruleId} for: a memblock, kho_test, kexec-metadata or LUO blob of a valid kho-v4 handover,
     * mutated by one of the rule's sub-blob mutators for that type.
     *
     * @throws IllegalArgumentException if no mutator of those four types triggers {@code ruleId}
     */
    public static Arbitrary<Tuple2<SubBlobType, byte[]>> invalidSubBlobs(String ruleId) {
        List<KhoMutator<byte[]>> mutators = KhoMutators.blobMutators().stream()
                .filter(m -> m.ruleId().equals(ruleId) && SUBTREE_TYPES.contains(m.blobType().orElseThrow())).toList();
        if (mutators.isEmpty()) {
            throw new IllegalArgumentException("no sub-blob mutator for memblock, kho_test, kexec-metadata or LUO "
                    + "triggers " + ruleId);
        }
        return Combinators.combine(handovers(KhoAbi.V4), Arbitraries.of(mutators), FdtArbitraries.seeds())
                .as((h, m, seed) -> {
                    SubBlobType type = m.blobType().orElseThrow();
                    byte[] blob = h.encode(KhoOptions.DEFAULT).blob(SUBTREES[SUBTREE_TYPES.indexOf(type)]);
                    return blob != null && m.appliesTo(blob, KhoOptions.DEFAULT)
                            ? Tuple.of(type, m.apply(blob, KhoOptions.DEFAULT, seed)) : null;
                })
                .filter(java.util.Objects::nonNull);
    }

    private static Arbitrary<byte[]> handoverRoots() {
        List<KhoAbi> abis = new ArrayList<>(List.of(KhoAbi.values()));
        abis.remove(KhoAbi.V1_BITMAP_512); // its roots are read with other options than the default
        return Arbitraries.of(abis).flatMap(KhoArbitraries::roots);
    }

    private static Arbitrary<byte[]> invalid(String ruleId, List<KhoMutator<byte[]>> all, Arbitrary<byte[]> valid) {
        List<KhoMutator<byte[]>> mutators = all.stream().filter(m -> m.ruleId().equals(ruleId)).toList();
        if (mutators.isEmpty()) {
            throw new IllegalArgumentException("no KHO mutator of this kind triggers " + ruleId);
        }
        return Combinators.combine(valid, Arbitraries.of(mutators), FdtArbitraries.seeds()).as(Candidate::new)
                .filter(c -> c.mutator.appliesTo(c.input, KhoOptions.DEFAULT))
                .map(c -> c.mutator.apply(c.input, KhoOptions.DEFAULT, c.seed));
    }

    /** A valid input and the mutation chosen for it. */
    private record Candidate(byte[] input, KhoMutator<byte[]> mutator, long seed) {}

    private static KhoHandover build(KhoAbi abi, int subtrees, int regions, int scratch, long seed) {
        Random r = new Random(seed);
        long page = 4096;
        KhoHandoverBuilder b = KhoHandover.builder(abi).options(options(abi))
                .preservedMemoryMap(page * (1 + r.nextInt(1 << 24)));
        long at = 0x1_0000_0000L;
        for (int i = 0; i < subtrees; i++) {
            at += page * (1 + r.nextInt(1 << 10));
            b.subtree(SUBTREES[i], at, switch (i) {
                case 0 -> memblock(regions, r);
                case 1 -> new KhoTestBlob(KhoTestBlob.MAGIC, 1 + r.nextInt(64),
                        new KhoVmalloc(page * (1 + r.nextInt(1 << 20)), 1 + r.nextInt(64), KhoVmalloc.FLAG_ALLOC,
                                r.nextInt(11)), r.nextInt());
                case 2 -> new KexecMetadata(1, "6." + r.nextInt(20) + "." + r.nextInt(100), r.nextInt(1000));
                default -> luo(r, page);
            });
        }
        long pageblock = 2L << 20;
        long area = pageblock * (1 + r.nextInt(16));
        b.scratch(new ScratchArea(pageblock * (1 + r.nextInt(64)), area));
        long next = 0x2_0000_0000L;
        for (int i = 1; i < scratch; i++) {
            long size = pageblock * (1 + r.nextInt(64));
            b.scratch(new ScratchArea(next, size));
            next += size + pageblock * r.nextInt(8);
        }
        return b.build();
    }

    /** A LUO blob in one of its three forms: packed luo_ser (luo-v3..v5), FDT luo-v1 or FDT luo-v2. */
    private static SubBlob luo(Random r, long page) {
        return switch (r.nextInt(3)) {
            case 0 -> new LuoSer("luo-v" + (3 + r.nextInt(3)), r.nextInt(1 << 16), page * (1 + r.nextInt(1 << 20)),
                    page * r.nextInt(1 << 20));
            case 1 -> LuoFdtBlob.v1(r.nextInt(1 << 16),
                    new LuoFdtNode("luo-session-v" + (1 + r.nextInt(2)), OptionalLong.of(page * (1 + r.nextInt(1 << 20)))),
                    r.nextBoolean() ? null : new LuoFdtNode("luo-flb-v1", OptionalLong.of(page * (1 + r.nextInt(1 << 20)))));
            default -> LuoFdtBlob.v2(page * (1 + r.nextInt(1 << 20)));
        };
    }

    private static MemblockBlob memblock(int regions, Random r) {
        List<ReserveMem> list = new ArrayList<>();
        long at = 0x1_2000_0000L;
        for (int i = 0; i < regions; i++) {
            long size = 4096L * (1 + r.nextInt(1 << 10));
            list.add(new ReserveMem("region" + i, at, size));
            at += size + 4096L * r.nextInt(16);
        }
        return new MemblockBlob(list);
    }
}
