package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateFiles;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SparseMemory;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory images of testdata/cli/inputs, made from the whole-state fixtures of testdata/kho/memory with
 * {@link HandoverImage} and {@link ElfCoreWriter}: each file must equal what this test builds
 * ({@code -Dgolden.update=true} writes them). The CLI goldens use them as a new user would: a good image, one
 * found only by scanning, variants for {@code kho diff}, and the broken ones (cut short, header cut, no KHO
 * root). The {@code gen-*} images are small {@link HandoverGenerator} states with LUO sessions, memfd files
 * (their folio vmalloc areas), kho_test (its vmalloc area) and memblock, for what the chain walk follows.
 */
class ImageInputsTest {
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");
    /** setup_data node, root FDT, scratch array: where the kernel's x86 loader might put them, off the state's pages. */
    static final HandoverImage.Placement AT = new HandoverImage.Placement(0x9000, 0x8000_0000L, 0x8000_2000L);

    static KhoState state(String dir) throws IOException {
        return KhoStateFiles.read(TestData.path("kho/memory/" + dir), 12);
    }

    static byte[] elf(SparseMemory m) {
        return ElfCoreWriter.x86_64().toBytes(m);
    }

    /** {@code EM_PPC64}: a big-endian core's machine. */
    static final int EM_PPC64 = 21;

    /**
     * A generated state as an ELF core in its own byte order, the handover pieces at the generator's placement.
     * Few extra blocks, one NUMA node and few folios keep the file small (every folio is a page of the image).
     */
    static byte[] generated(HandoverSpec spec) {
        GeneratedHandover g = HandoverGenerator.generate(spec);
        return core(spec, g.state(), g);
    }

    /**
     * A generated state with the block of its first memfd file's first folio left out of the map (encoded
     * again from the changed model): the view lists that need first, not preserved.
     */
    static byte[] generatedWithoutFirstFolio(HandoverSpec spec) {
        GeneratedHandover g = HandoverGenerator.generate(spec);
        HandoverModel m = g.model();
        long folio = m.subsystem("LUO").vmallocs().stream().filter(v -> v.content() instanceof MemfdFolioArray)
                .map(v -> ((MemfdFolioArray) v.content()).folios().get(0).pfn() << spec.pageShift())
                .findFirst().orElseThrow();
        PreservedBlocks b = m.blocks();
        PreservedBlocks.Builder kept = PreservedBlocks.builder(b.pageShift());
        for (int i = 0; i < b.count(); i++) {
            if (b.phys(i) != folio) {
                kept.addKey(b.key(i));
            }
        }
        assertThat(kept.count()).isEqualTo(b.count() - 1);
        HandoverModel changed = new HandoverModel(m.root(), m.scratch(), kept.build(), m.subsystems());
        return core(spec, StateEncoder.encode(changed, g.options()), g);
    }

    private static byte[] core(HandoverSpec spec, KhoState state, GeneratedHandover g) {
        SparseMemory m = HandoverImage.compose(state, g.placement());
        ElfCoreWriter w = spec.byteOrder() == ByteOrder.BIG_ENDIAN ? ElfCoreWriter.of(ByteOrder.BIG_ENDIAN, EM_PPC64)
                : ElfCoreWriter.x86_64();
        return w.toBytes(m);
    }

    /** The parts the generated images hand over. */
    static final EnumSet<HandoverSpec.Part> GEN_PARTS = EnumSet.of(HandoverSpec.Part.MEMBLOCK,
            HandoverSpec.Part.KHO_TEST, HandoverSpec.Part.LUO, HandoverSpec.Part.MEMFD);

    /** luo-v4 block chains: 2 sessions of 2 memfd files, a folio each; kho_test and memblock. */
    static final HandoverSpec GEN_V4 = HandoverSpec.defaults(KhoAbi.V4).withParts(GEN_PARTS).withBlocks(0, 0)
            .withLuo(2, 2, 1).withNumaNodes(1).withSeed(1);

    /** Every image input by file name. */
    static Map<String, byte[]> images() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        SparseMemory v4 = HandoverImage.compose(state("valid/v4.state"), AT);
        byte[] v4elf = elf(v4);
        m.put("v4.elf", v4elf);
        // no setup_data record: the root is found by scanning and the scratch array is unknown
        SparseMemory noRecord = HandoverImage.compose(state("valid/v4.state"), AT);
        noRecord.remove(AT.setupData() >>> 12);
        m.put("v4-no-setup-data.elf", elf(noRecord));
        // for kho diff: two preserved blocks more; a fourth scratch area (over the sub-blobs: an error too)
        m.put("v4-more-preserved.elf",
                elf(HandoverImage.compose(state("invalid/kho.map.overlap--order-two-and-zero.v4.state"), AT)));
        m.put("v4-more-scratch.elf",
                elf(HandoverImage.compose(state("invalid/kho.state.scratch-block--over-blobs.v4.state"), AT)));
        m.put("v2.elf", elf(HandoverImage.compose(state("valid/v2.state"), AT)));
        // kho-v1 with 512-byte bitmaps (v6.16): read with --v1-bitmap 512
        m.put("v1-512.elf", elf(HandoverImage.compose(state("valid/v1-512.state"), AT)));
        // cut 2.5 pages into the end: the last segment (the map's tree pages) loses its tail
        m.put("v4-cut.elf", Arrays.copyOf(v4elf, v4elf.length - 0x2800));
        // the first 40 of the ELF header's 64 bytes
        m.put("v4-header-cut.elf", Arrays.copyOf(v4elf, 40));
        // the state's memory alone: sub-blobs and map pages, no KHO root anywhere
        m.put("no-kho-root.elf", elf((SparseMemory) state("valid/v4.state").memory()));
        // raw memory of the root FDT's and the scratch array's pages only, to be read with --raw-base 0x80000000
        byte[] raw = new byte[0x3000];
        v4.read(AT.root(), raw, 0, raw.length);
        m.put("v4-root-pages.raw", raw);
        // luo-v4 block chains: 2 sessions of 2 memfd files, a folio each (more needs than the text lists)
        m.put("gen-v4.elf", generated(GEN_V4));
        // big-endian (ppc64 core): luo-v3 arrays, read big-endian because the ELF header says ELFDATA2MSB
        m.put("gen-v3-be.elf", generated(HandoverSpec.defaults(KhoAbi.V3).withParts(GEN_PARTS).withBlocks(0, 0)
                .withByteOrder(ByteOrder.BIG_ENDIAN).withLuo(1, 2, 1).withNumaNodes(1).withSeed(1)));
        m.put("gen-v4-folio-not-preserved.elf", generatedWithoutFirstFolio(GEN_V4));
        return m;
    }

    @Test
    void imageInputsAreWhatTheFixturesGive() throws IOException {
        for (Map.Entry<String, byte[]> e : images().entrySet()) {
            Path p = TestData.path("cli/inputs/" + e.getKey());
            if (UPDATE) {
                Files.write(p, e.getValue());
                continue;
            }
            if (!Files.exists(p)) {
                fail("missing " + p + " (create it with -Dgolden.update=true)");
            }
            assertThat(Files.readAllBytes(p)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }
}
