package io.khotools.kho.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoHandoverBuilder;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.scratch.ScratchArea;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KhoDiffTest {
    private static KhoHandoverBuilder base(KhoAbi abi) {
        return KhoHandover.builder(abi).preservedMemoryMap(0x1_16be_4000L)
                .subtree("memblock", 0x1_0000_0000L, new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L))))
                .scratch(new ScratchArea(0x100_0000L, 0x1000_0000L));
    }

    private static Map<String, Object> model(KhoHandover h) {
        return KhoView.model(KhoHandover.decode(h.encode(KhoOptions.DEFAULT), KhoOptions.DEFAULT), true, true);
    }

    @Test
    void equalHandoversDifferOnlyInWhatCannotBeCompared() {
        KhoDiff.Result r = KhoDiff.diff(model(base(KhoAbi.V4).build()), model(base(KhoAbi.V4).build()), "a", "b");
        assertThat(r.changes()).isEmpty();
        assertThat(r.notes()).containsExactly("preserved ranges not compared: a is not a memory image");
    }

    @Test
    void subsystemsScratchAndGenerationAreNamed() {
        KhoHandover a = base(KhoAbi.V3).build();
        KhoHandover b = KhoHandover.builder(KhoAbi.V4).preservedMemoryMap(0x1_16be_4000L)
                .subtree("memblock", 0x1_0000_0000L, new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x20_0000L))))
                .subtree("kexec-metadata", 0x1_0000_3000L, new KexecMetadata(1, "7.2.13", 4))
                .scratch(new ScratchArea(0x100_0000L, 0x1000_0000L))
                .scratch(new ScratchArea(0x2_0000_0000L, 0x4000_0000L))
                .build();
        KhoDiff.Result r = KhoDiff.diff(model(a), model(b), "a", "b");
        assertThat(r.changes()).extracting(c -> c.kind().id() + " " + c.name() + " " + c.field()).contains(
                "generation-changed null null",
                "subsystem-changed memblock decoded.regions[0].size",
                "subsystem-added kexec-metadata null",
                "scratch-changed null scratch[1]");
        assertThat(KhoDiff.text(r)).contains("- generation kho-v3\n+ generation kho-v4\n",
                "- subsystem memblock: decoded.regions[0].size = 0x100000\n+ subsystem memblock: decoded.regions[0].size = 0x200000\n",
                "+ subsystem kexec-metadata data 0x100003000",
                "+ scratch[1] global 0x200000000 size 0x40000000\n");
        // removing is the mirror image
        assertThat(KhoDiff.diff(model(b), model(a), "b", "a").changes()).extracting(c -> c.kind().id())
                .contains("subsystem-removed");
        String json = KhoDiff.json(new StringBuilder(), r).toString();
        assertThat(json).startsWith("{\"changes\": [").contains(
                "{\"kind\": \"subsystem-changed\", \"name\": \"memblock\", \"field\": \"decoded.regions[0].size\", \"old\": \"0x100000\", \"new\": \"0x200000\"}",
                "\"notes\": [\"preserved ranges not compared: a is not a memory image\"]");
    }

    @Test
    void flattenNamesEveryLeaf() {
        Map<String, Object> f = KhoDiff.flatten(Map.of("a", List.of(Map.of("b", 1), List.of())));
        assertThat(f).containsOnlyKeys("a[0].b", "a[1]");
    }
}
