package io.khotools.kho.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import io.khotools.kho.memory.KhoStateFiles;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the view shows of the chain walk ({@code followed}, the map regions) for generated states, whose model
 * the generator knows, and for a fixture with a folio left unpreserved.
 */
class FollowedViewTest {
    private static GeneratedHandover generated() {
        return HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4)
                .withParts(EnumSet.of(HandoverSpec.Part.KHO_TEST, HandoverSpec.Part.MEMFD))
                .withBlocks(0, 0).withLuo(2, 3, 2).withNumaNodes(1).withSeed(5));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        return (List<Map<String, Object>>) m.get(key);
    }

    @Test
    void followedListsEveryStructureAndAreaOfTheModel() {
        GeneratedHandover g = generated();
        HandoverMemory m = HandoverMemory.read(g.state(), g.options(), Map.of());
        assertThat(m.decoding()).isSameAs(m.decoding()); // one walk, kept
        SubsystemModel luo = g.model().subsystem("LUO");
        Map<String, Object> f = m.followed("LUO");
        assertThat(list(f, "structures")).extracting(s -> s.get("path"))
                .containsExactlyElementsOf(luo.structures().stream().map(LocatedBlob::path).toList());
        assertThat(list(f, "structures")).extracting(s -> s.get("address").toString())
                .containsExactlyElementsOf(luo.structures().stream().map(b -> "0x" + Long.toHexString(b.address())).toList());
        assertThat(list(f, "structures")).filteredOn(s -> s.get("type").equals("memfd-v2")).hasSize(6)
                .allSatisfy(s -> assertThat(s.get("size").toString()).isEqualTo("0x30"));
        assertThat(list(f, "vmallocs")).extracting(v -> v.get("path"))
                .containsExactlyElementsOf(luo.vmallocs().stream().map(VmallocArea::path).toList());
        for (int i = 0; i < luo.vmallocs().size(); i++) {
            VmallocArea v = luo.vmallocs().get(i);
            Map<String, Object> shown = list(f, "vmallocs").get(i);
            assertThat(shown.get("pieces")).isEqualTo(v.pieces().size());
            assertThat(shown.get("pages")).isEqualTo(v.descriptor().totalPages());
            assertThat(shown.get("total-size").toString())
                    .isEqualTo("0x" + Long.toHexString((long) v.descriptor().totalPages() << 12));
            assertThat(shown.get("records")).isEqualTo(2);
        }
        assertThat(f.get("coverage")).isEqualTo("whole-map");
        assertThat(f.get("needs-not-preserved")).isEqualTo(0);
        assertThat(f.get("needs-preserved")).isEqualTo(m.decoding().needsOf("LUO").size());
        assertThat(m.followed("no-such-subtree")).isNull();
        assertThat(m.regions()).extracting(MemoryRegion::kind)
                .contains(MemoryRegion.Kind.STRUCTURE, MemoryRegion.Kind.VMALLOC);
    }

    @Test
    void touchingStructuresAreOneRegion() {
        GeneratedHandover g = generated();
        HandoverMemory m = HandoverMemory.read(g.state(), g.options(), Map.of());
        List<MemoryRegion> structures = m.regions().stream()
                .filter(r -> r.kind() == MemoryRegion.Kind.STRUCTURE).toList();
        for (int i = 1; i < structures.size(); i++) {
            // merged per subsystem: two regions of one subsystem never touch
            MemoryRegion a = structures.get(i - 1);
            MemoryRegion b = structures.get(i);
            if (a.name().split("/")[0].equals(b.name().split("/")[0])) {
                assertThat(b.start()).isGreaterThan(a.end());
            }
        }
        long shown = structures.stream().mapToLong(r -> r.name().contains(" +")
                ? 1 + Long.parseLong(r.name().replaceAll(".* \\+(\\d+) more$", "$1")) : 1).sum();
        long reached = g.model().subsystems().stream().mapToLong(s -> s.structures().size()
                + s.vmallocs().stream().mapToLong(v -> v.chunks().size()).sum()).sum();
        assertThat(shown).isEqualTo(reached);
    }

    @Test
    void anUnpreservedFolioIsListedFirst() throws IOException {
        HandoverMemory m = HandoverMemory.read(KhoStateFiles.read(TestData.path(
                "kho/memory/invalid/kho.state.data-not-preserved--memfd-folio.v3.state"), 12), KhoOptions.DEFAULT, Map.of());
        Map<String, Object> f = m.followed("LUO");
        assertThat(f.get("needs-not-preserved")).isEqualTo(1);
        Map<String, Object> first = list(f, "needs").get(0);
        assertThat(first).containsEntry("what", "LUO/sessions[0]/files[0]/memfd/folios[0]")
                .containsEntry("kind", "data").containsEntry("preserved", false);
        assertThat(first.get("address").toString()).isEqualTo("0x20004c000");
        assertThat(list(f, "needs").subList(1, list(f, "needs").size()))
                .allSatisfy(n -> assertThat(n.get("preserved")).isEqualTo(true));
        // the summary keeps the map's own findings only: the walk's findings are kho validate's
        assertThat(m.summary().get("findings")).isEqualTo(List.of());
    }

    @Test
    void textCutsLongListsAndSaysHowManyMore() {
        GeneratedHandover g = generated();
        Map<String, Object> model = KhoView.model(HandoverMemory.read(g.state(), g.options(), Map.of()));
        String cut = KhoView.text(model, 2);
        String all = KhoView.text(model, Integer.MAX_VALUE);
        assertThat(cut).contains("more; kho dump --all lists every one)\n")
                .contains("        - path: LUO/sessions.block[0]\n          address: ")
                .contains("          decoded:\n            type: kho-block-sessions\n");
        assertThat(all).doesNotContain("more; kho dump --all").contains("LUO/sessions[1]/files[2]/memfd/folios[1]");
        assertThat(KhoView.text(model)).isEqualTo(KhoView.text(model, KhoView.TEXT_LIST_LIMIT));
        assertThatThrownBy(() -> KhoView.text(model, 0)).isInstanceOf(IllegalArgumentException.class);
        // JSON carries every entry whatever the text shows
        assertThat(KhoView.json(new StringBuilder(), model).toString())
                .contains("\"what\": \"LUO/sessions[1]/files[2]/memfd/folios[1]\"");
    }
}
