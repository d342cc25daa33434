package io.khotools.kho.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateFiles;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The testdata/kho/memory valid states through a whole ELF core and back: same root, scratch, memory and
 * validation report; the root found by address, setup_data and scan; a partial image reports what it lacks.
 */
class HandoverImageTest {
    static final HandoverImage.Placement AT = new HandoverImage.Placement(0x9000, 0x8000_0000L, 0x8000_2000L);
    static final List<String> STATES = List.of("v1-512.state", "v1-page.state", "v2.state", "v4.state");

    static KhoOptions options(String name) {
        return name.contains("v1-512") ? KhoOptions.DEFAULT.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512) : KhoOptions.DEFAULT;
    }

    static KhoState state(String name) throws IOException {
        return KhoStateFiles.read(TestData.path("kho/memory/valid/" + name), 12);
    }

    @Test
    void statesSurviveAnElfCoreRoundTrip() throws IOException {
        for (String name : STATES) {
            KhoState s = state(name);
            byte[] elf = ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(s, AT));
            ElfCoreMemory image = ElfCoreMemory.of(elf);
            assertThat(image.issues()).as(name).isEmpty();
            KhoState back = HandoverImage.read(image, AT.setupData()).orElseThrow();
            assertThat(back.root()).as(name).isEqualTo(s.root());
            assertThat(back.scratch()).as(name).isEqualTo(s.scratch());
            SparseMemory original = (SparseMemory) s.memory();
            for (PhysRange r : original.segments()) {
                byte[] want = new byte[(int) r.size()];
                byte[] got = new byte[(int) r.size()];
                original.read(r.start(), want, 0, want.length);
                assertThat(image.read(r.start(), got, 0, got.length)).as(name).isTrue();
                assertThat(got).as(name + " " + r).isEqualTo(want);
            }
            // Besides the state's memory the image holds exactly the three handover pages.
            assertThat(ElfCoreMemoryTest.copy(image).pageCount()).isEqualTo(original.pageCount() + 3);
            KhoStateValidator v = KhoStateValidator.of(options(name));
            assertThat(v.validate(back).lines()).as(name).isEqualTo(v.validate(s).lines()).isEmpty();
            // Writing the composed memory again gives the same bytes.
            assertThat(ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(s, AT))).isEqualTo(elf);
        }
    }

    @Test
    void rootIsFoundByAddressSetupDataAndScan() throws IOException {
        KhoState s = state("v4.state");
        ElfCoreMemory image = ElfCoreMemory.of(ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(s, AT)));
        assertThat(RootFinder.at(image, AT.root())).get().extracting(RootFinder.Found::compatible).isEqualTo("kho-v4");
        assertThat(RootFinder.at(image, AT.root() + 0x1000)).isEmpty();
        assertThat(RootFinder.at(image, 0x7000_0000L)).isEmpty(); // absent
        assertThat(RootFinder.fromSetupData(image, AT.setupData())).get().extracting(RootFinder.Found::address)
                .isEqualTo(AT.root());
        assertThat(RootFinder.bootInfo(image, AT.root())).isEmpty(); // not a setup_data node
        List<RootFinder.Found> found = RootFinder.scan(image, image.present(), 4096, false, 4);
        // The sub-blobs are FDTs too (memblock-v1, kho-test), but only the root is kho-v*.
        assertThat(found).extracting(RootFinder.Found::address).containsExactly(AT.root());
        assertThat(found.get(0).root()).isEqualTo(s.root());
    }

    @Test
    void setupDataChainLimitCountsNodesBeforeTheKhoRecord() throws IOException {
        SparseMemory m = HandoverImage.compose(state("v4.state"), AT);
        // three other setup_data nodes (type 1, no payload) in front of the KHO record
        long[] at = {0xA000, 0xB000, 0xC000};
        for (int i = 0; i < at.length; i++) {
            byte[] node = new byte[16];
            java.nio.ByteBuffer.wrap(node).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .putLong(i + 1 < at.length ? at[i + 1] : AT.setupData()).putInt(1).putInt(0);
            m.write(at[i], node);
        }
        assertThat(RootFinder.bootInfo(m, at[0], 3)).isEmpty();
        assertThat(RootFinder.bootInfo(m, at[0], 4)).isPresent();
        assertThat(RootFinder.fromSetupData(m, at[0])).get().extracting(RootFinder.Found::address).isEqualTo(AT.root());
        assertThat(RootFinder.fromSetupData(m, at[0], 3)).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RootFinder.bootInfo(m, at[0], 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void scanSkipsAHugeZeroFilledSegmentTail() throws IOException {
        // found by ImageFuzzTest#elfImage: a p_memsz of 2^61 past a small p_filesz made the scan probe 2^49 pages
        KhoState s = state("v4.state");
        byte[] core = ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(s, AT));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(core).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(0x20);
        int phnum = b.getShort(0x38) & 0xffff;
        int last = (int) phoff + (phnum - 1) * 56;
        b.putLong(last + 40, 1L << 61); // p_memsz of the highest segment
        ElfCoreMemory image = ElfCoreMemory.of(core);
        assertThat(image.present().get(image.present().size() - 1).size()).isGreaterThan(1L << 60);
        long tail = b.getLong(last + 24) + b.getLong(last + 32); // p_paddr + p_filesz
        assertThat(image.dataFrom(tail)).isEqualTo(Long.MAX_VALUE);
        assertThat(image.dataFrom(AT.root())).isEqualTo(AT.root());
        for (boolean unaligned : new boolean[] {false, true}) {
            assertThat(RootFinder.scan(image, image.present(), 4096, unaligned, 4)).extracting(RootFinder.Found::address)
                    .containsExactly(AT.root());
        }
        // nothing but zeros: both passes (the unaligned one runs when the page pass finds nothing) skip it all
        assertThat(RootFinder.scan(image, List.of(new PhysRange(tail, tail + (1L << 60))), 4096, true, 4)).isEmpty();
    }

    @Test
    void unalignedScanFindsARootOffThePageGrid() throws IOException {
        KhoState s = state("v2.state");
        SparseMemory m = new SparseMemory(12);
        m.write(0x10_0008L, s.root());
        RawMemory raw = RawMemory.of(toBytes(m, 0x10_0000L, 0x4000), 0x10_0000L);
        assertThat(RootFinder.scan(raw, List.of(raw.range()), 4096, false, 4)).isEmpty();
        assertThat(RootFinder.scan(raw, List.of(raw.range()), 4096, true, 4)).extracting(RootFinder.Found::address)
                .containsExactly(0x10_0008L);
    }

    static byte[] toBytes(SparseMemory m, long at, int len) {
        byte[] b = new byte[len];
        m.read(at, b, 0, len);
        return b;
    }

    @Test
    void aPartialImageDecodesWithTheMissingPagesReported() throws IOException {
        KhoState s = state("v4.state");
        SparseMemory composed = HandoverImage.compose(s, AT);
        List<PhysRange> tree = KhoStateValidator.of(KhoOptions.DEFAULT).decodeMap(KhoAbi.V4, s.memory(), 0x2_0000_0000L)
                .mapPieces();
        long leaf = tree.get(tree.size() - 1).start(); // the last tree page the v4 fixture allocates
        assertThat(composed.remove(leaf >>> 12)).isTrue();
        ElfCoreMemory image = ElfCoreMemory.of(ElfCoreWriter.x86_64().toBytes(composed));
        assertThat(image.absent(0x2_0000_0000L, leaf + 0x1000 - 0x2_0000_0000L)).containsExactly(PhysRange.of(leaf, 0x1000));
        KhoState back = HandoverImage.read(image, AT.setupData()).orElseThrow();
        assertThat(KhoStateValidator.of(KhoOptions.DEFAULT).validate(back).diagnostics())
                .extracting(d -> d.ruleId()).contains("kho.state.absent");
    }
}
