package io.khotools.kho.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateFiles;
import io.khotools.kho.memory.SparseMemory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory-map summary and regions of the testdata/kho/memory v4 state (two order-0 blob pages and the
 * memblock region's order-8 block), whole and with pages missing.
 */
class HandoverMemoryTest {
    private static KhoState state() throws IOException {
        return KhoStateFiles.read(TestData.path("kho/memory/valid/v4.state"), 12);
    }

    @Test
    void summaryCountsBlocksRangesAndMapPages() throws IOException {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("root-address", 0x8000_0000L);
        HandoverMemory m = HandoverMemory.read(state(), KhoOptions.DEFAULT, source);
        assertThat(m.blobProblems()).isEmpty();
        assertThat(m.blobs()).containsOnlyKeys("memblock", "kho_test");
        String text = KhoView.text(KhoView.model(m));
        assertThat(text).contains("memory-map:\n  root-address: 0x80000000\n  page-size: 4096\n  blocks: 3\n",
                "  blocks-per-order:\n    - order: 0\n      count: 2\n      bytes: 0x2000\n    - order: 8\n      count: 1\n      bytes: 0x100000\n",
                "  preserved-bytes: 0x102000\n", "  map-pages:\n    - address: 0x200000000\n      size: 0xb000\n",
                "      status: read\n", "  findings: (none)\n");
        assertThat(m.regions()).extracting(r -> r.kind().label() + " " + r.name()).containsExactly(
                "scratch scratch lowmem", "preserved preserved", "sub-blob memblock", "preserved preserved",
                "sub-blob kho_test", "preserved preserved", "map map pages", "scratch scratch global");
    }

    @Test
    void missingMemoryIsSaidPerPointer() throws IOException {
        KhoState s = state();
        SparseMemory mem = (SparseMemory) s.memory();
        assertThat(mem.remove(0x1_0000_4000L >>> 12)).isTrue(); // the kho_test blob's page
        HandoverMemory m = HandoverMemory.read(new KhoState(s.root(), s.scratch(), mem), KhoOptions.DEFAULT, Map.of());
        assertThat(m.blobProblems()).containsExactly(
                Map.entry("kho_test", "not in the image: missing [0x100004000, 0x1000040f0)"));
        assertThat(m.handover().blobs()).containsOnlyKeys("memblock");
        assertThat(KhoView.text(KhoView.model(m)))
                .contains("  - name: kho_test\n    data: 0x100004000\n    blob-size: 0xf0\n    decoded: not in the image");
        assertThat(m.regions()).extracting(MemoryRegion::name).contains("kho_test"); // the pointer is still drawn
        assertThat(HandoverMemory.merge(List.of(new io.khotools.kho.memory.PhysRange(0, 10),
                new io.khotools.kho.memory.PhysRange(10, 20)))).hasSize(1);
    }
}
