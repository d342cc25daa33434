package io.khotools.kho.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.scratch.ScratchArea;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KhoViewTest {
    private static final KhoHandover HANDOVER = KhoHandover.builder(KhoAbi.V4)
            .preservedMemoryMap(0x1_16be_4000L)
            .subtree("memblock", 0x1_0000_0000L, new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L))))
            .subtree("kexec-metadata", 0x1_0000_3000L, new KexecMetadata(1, "7.2.13", 4))
            .scratch(new ScratchArea(0x100_0000L, 0x1000_0000L))
            .scratch(new ScratchArea(0x2_0000_0000L, 0x4000_0000L))
            .build();

    /** Decoded through the image, as the command does. */
    private static Map<String, Object> model() {
        return KhoView.model(KhoHandover.decode(HANDOVER.encode(KhoOptions.DEFAULT), KhoOptions.DEFAULT), true, true);
    }

    @Test
    void textShowsGenerationPointersBlobsAndScratch() {
        String text = KhoView.text(model());
        assertThat(text).startsWith("generation: kho-v4\ncompatible: kho-v4\npreserved-memory-map: 0x116be4000\n");
        assertThat(text).contains(
                "  - name: memblock\n    data: 0x100000000\n",
                "    type: memblock\n    decoded:\n      regions:\n        - name: trace\n          start: 0x120000000\n          size: 0x100000\n",
                "      previous-release: 7.2.13\n      kexec-count: 0x4\n",
                "scratch:\n  - kind: lowmem\n    address: 0x1000000\n    size: 0x10000000\n  - kind: global\n");
        assertThat(text).doesNotContain("assumed");
    }

    @Test
    void jsonCarriesTheSameModel() {
        String json = KhoView.json(new StringBuilder(), model()).toString();
        assertThat(json).startsWith("{\"generation\": \"kho-v4\", \"compatible\": \"kho-v4\", \"preserved-memory-map\": \"0x116be4000\"");
        assertThat(json).contains("\"regions\": [{\"name\": \"trace\", \"start\": \"0x120000000\", \"size\": \"0x100000\"}]",
                "{\"kind\": \"global\", \"address\": \"0x200000000\", \"size\": \"0x40000000\"}", "\"version\": 1");
    }

    @Test
    void aRootAloneSaysWhatItLacks() {
        Map<String, Object> m = KhoView.model(new KhoHandover(HANDOVER.root(), Map.of(), List.of()), false, false);
        assertThat(KhoView.text(m)).contains("decoded: not in this input (a root FDT alone)", "scratch: not in this input",
                "memory-map: not followed: needs a physical memory image");
    }
}
