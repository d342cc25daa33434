package io.khotools.kho;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.LuoFdtNode;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.scratch.ScratchArea;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random handover descriptions of every generation: build → encode → decode gives the same model, the image
 * validates with no finding at all, and targeted mutations give exactly the expected rule ids.
 */
class KhoHandoverPropertiesTest {

    record Desc(KhoAbi abi, ByteOrder order, long map, List<String> names, List<Long> addrs, List<ReserveMem> regions,
            int scratchNodes, long seed) {
        KhoOptions options() {
            return new KhoOptions(order, 12, abi == KhoAbi.V1_BITMAP_512 ? KhoAbi.V1Bitmap.BYTES_512 : KhoAbi.V1Bitmap.PAGE);
        }

        SubBlob blob(String name) {
            return switch (name) {
                case "memblock" -> new MemblockBlob(regions);
                case "kho_test" -> new KhoTestBlob(KhoTestBlob.MAGIC, (int) (seed & 0xff),
                        new KhoVmalloc(seed << 12 & 0xffff_ffff_f000L, 5, 1, 0), (int) seed);
                case "kexec-metadata" -> new KexecMetadata(1, "7.2." + (seed & 0xff), seed & 0xffff);
                default -> abi.radixTree() && abi != KhoAbi.V2 ? new LuoSer("luo-v" + (3 + (seed & 1)), seed, 0x4000_0000L, 0)
                        : LuoFdtBlob.v1(seed, new LuoFdtNode("luo-session-v2", OptionalLong.of(0x4000_0000L)), null);
            };
        }

        KhoHandover build() {
            KhoHandoverBuilder b = KhoHandover.builder(abi).options(options()).preservedMemoryMap(map);
            for (int i = 0; i < names.size(); i++) {
                b.subtree(names.get(i), addrs.get(i), blob(names.get(i)));
            }
            b.scratch(new ScratchArea(0x100_0000L, 0x400_0000L)).scratch(new ScratchArea(0x1_0000_0000L, 0x800_0000L));
            for (int i = 0; i < scratchNodes; i++) {
                b.scratch(new ScratchArea(0x2_0000_0000L + 0x1_0000_0000L * i, 0x20_0000L * (i + 1)));
            }
            return b.build();
        }
    }

    @Provide
    Arbitrary<Desc> handovers() {
        Arbitrary<KhoAbi> abi = Arbitraries.of(KhoAbi.class);
        Arbitrary<ByteOrder> order = Arbitraries.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
        Arbitrary<Long> page = Arbitraries.longs().between(1, 1L << 36).map(p -> p << 12);
        Arbitrary<List<String>> names = Arbitraries.of("memblock", "kho_test", "kexec-metadata", "LUO")
                .list().uniqueElements().ofMaxSize(4);
        Arbitrary<List<ReserveMem>> regions = Combinators.combine(
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(15), page,
                Arbitraries.longs().between(1, 4096).map(n -> n << 12))
                .as(ReserveMem::new).list().ofMaxSize(8).uniqueElements(ReserveMem::name);
        return Combinators.combine(abi, order, page, names, page.list().ofSize(4), regions,
                Arbitraries.integers().between(0, 4), Arbitraries.longs().between(0, 1L << 40))
                .as((a, o, m, n, ad, r, s, seed) -> new Desc(a, o, m,
                        n.stream().filter(x -> !x.equals("kexec-metadata") || a.blobSize() == KhoAbi.BlobSize.REQUIRED)
                                .toList(), ad, r, s, seed));
    }

    @Property(tries = 150)
    void buildEncodeDecodeGivesTheSameModelAndValidatesClean(@ForAll("handovers") Desc d) {
        KhoHandover h = d.build();
        KhoImage img = h.encode(d.options());
        assertThat(KhoHandover.decode(img, d.options())).isEqualTo(h);
        assertThat(KhoValidator.of(d.options()).validateImage(img).lines()).isEmpty();
    }

    @Property(tries = 100)
    void targetedMutationsGiveExactlyTheirRule(@ForAll("handovers") Desc d) {
        KhoHandover h = d.build();
        KhoOptions o = d.options();
        KhoTree t = h.root();
        // memory map: zero, then unaligned
        KhoTree zero = new KhoTree(t.abi(), false, OptionalLong.of(0), t.subtrees());
        assertThat(ids(new KhoHandover(zero, h.blobs(), h.scratch()), o)).containsExactly(
                t.abi().radixTree() ? KhoRules.ROOT_MEMORY_MAP_ZERO : KhoRules.ROOT_MEMORY_MAP_UNSET);
        KhoTree odd = new KhoTree(t.abi(), false, OptionalLong.of(d.map() | 0x10), t.subtrees());
        assertThat(ids(new KhoHandover(odd, h.blobs(), h.scratch()), o))
                .containsExactly(KhoRules.ROOT_MEMORY_MAP_ALIGNMENT);
        // a NULL subtree pointer
        if (!t.subtrees().isEmpty()) {
            List<KhoSubtree> subs = new ArrayList<>(t.subtrees());
            KhoSubtree s0 = subs.get(0);
            subs.set(0, new KhoSubtree(s0.name(), OptionalLong.of(0), s0.blobSize()));
            assertThat(ids(new KhoHandover(new KhoTree(t.abi(), false, t.preservedMemoryMap(), subs), h.blobs(),
                    h.scratch()), o)).containsExactly(KhoRules.SUBTREE_POINTER_NULL);
        }
        // an unaligned scratch entry
        List<ScratchArea> sc = new ArrayList<>(h.scratch());
        sc.set(1, new ScratchArea(sc.get(1).address() + 0x1000, sc.get(1).size()));
        assertThat(ids(new KhoHandover(t, h.blobs(), sc), o)).containsExactly(KhoRules.SCRATCH_ALIGNMENT);
        // an unknown subsystem kept as raw bytes
        Map<String, SubBlob> blobs = new LinkedHashMap<>(h.blobs());
        List<KhoSubtree> subs = new ArrayList<>(t.subtrees());
        subs.add(KhoSubtree.of("vendor_x", 0x7000_0000L, t.abi().blobSize() == KhoAbi.BlobSize.REQUIRED ? 3 : -1));
        blobs.put("vendor_x", new io.khotools.kho.blob.RawBlob(new byte[] {1, 2, 3}, null));
        KhoHandover unknown = new KhoHandover(new KhoTree(t.abi(), false, t.preservedMemoryMap(), subs), blobs, h.scratch());
        assertThat(ids(unknown, o)).containsExactly(KhoRules.SUBTREE_UNKNOWN);
        assertThat(KhoHandover.decode(unknown.encode(o), o)).isEqualTo(unknown);
    }

    private static List<String> ids(KhoHandover h, KhoOptions o) {
        return KhoValidator.of(o).validateImage(h.encode(o)).diagnostics().stream().map(Diagnostic::ruleId).toList();
    }
}
