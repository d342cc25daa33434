package io.khotools.kho.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.gen.HandoverDescription.DescribedHandover;
import io.khotools.kho.gen.HandoverDescription.DescriptionException;
import io.khotools.kho.image.ElfCoreMemory;
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateValidator;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.StateDecoder;
import io.khotools.kho.memory.StateDecoding;
import io.khotools.kho.scratch.ScratchArea;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handover descriptions (testdata/kho/build): each builds a state that validates clean, decodes to the model
 * the builder made, survives an ELF image and holds what the description says; every mistake is refused
 * with the node and property it concerns; {@code not-preserved} builds the broken state it asks for.
 */
class HandoverDescriptionTest {
    private static DescribedHandover build(String source) {
        return HandoverDescription.build(DtsCompiler.compile(source, "test.dts", CompileOptions.defaults()));
    }

    private static DescribedHandover fixture(String name) {
        Path p = TestData.path("kho/build/" + name);
        return HandoverDescription.build(DtsCompiler.compile(p, CompileOptions.defaults()));
    }

    /** Errors and warnings, less the warning every subsystem name the kernel does not use gets. */
    private static List<Diagnostic> findings(DescribedHandover h) {
        return KhoStateValidator.of(h.options()).validate(h.state()).diagnostics().stream()
                .filter(d -> !d.ruleId().equals("kho.subtree.unknown")).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"handover-v4.dts", "handover-v1.dts", "handover-v2-fdt.dts"})
    void fixturesBuildValidStatesThatDecodeToTheirModelThroughAnImage(String name) {
        DescribedHandover h = fixture(name);
        assertThat(findings(h)).isEmpty();
        StateDecoding direct = StateDecoder.of(h.options()).decode(h.state());
        assertThat(direct.model()).isEqualTo(h.model());

        byte[] elf = ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(h.state(), h.placement()));
        ElfCoreMemory memory = ElfCoreMemory.of(elf);
        KhoState back = HandoverImage.read(memory, h.placement().setupData()).orElseThrow();
        assertThat(back.root()).isEqualTo(h.state().root());
        assertThat(StateDecoder.of(h.options()).decode(back).model()).isEqualTo(h.model());
        assertThat(KhoStateValidator.of(h.options()).validate(back).diagnostics())
                .allSatisfy(d -> assertThat(d.ruleId()).isEqualTo("kho.subtree.unknown"));
    }

    @Test
    void v4FixtureHoldsWhatItSays() {
        DescribedHandover h = fixture("handover-v4.dts");
        assertThat(h.model().root().abi()).isEqualTo(KhoAbi.V4);
        assertThat(h.model().scratch()).containsExactly(new ScratchArea(0x100_0000L, 0xf00_0000L),
                new ScratchArea(0x4000_0000L, 0x4000_0000L), new ScratchArea(0xf0_0000_0000L, 0x2000_0000L));
        MemblockBlob memblock = (MemblockBlob) h.model().subsystem("memblock").blob();
        assertThat(memblock.regions().get(0)).isEqualTo(new ReserveMem("trace", 0x11_0000_0000L, 0x10_0000L));
        assertThat(memblock.regions().get(1).size()).isEqualTo(0x4000);
        assertThat(((KexecMetadata) h.model().subsystem("kexec-metadata").blob()).previousRelease())
                .isEqualTo("6.19.0-khotools");
        assertThat(h.model().subsystem("vendor").address()).isEqualTo(0x14_0000_0000L);
        assertThat(((RawBlob) h.model().subsystem("vendor").blob()).bytes())
                .containsExactly(0x4b, 0x48, 0x4f, 0x21, 1, 0, 0, 0);
        // explicit ranges, blocks, regions and folios are preserved
        assertThat(h.model().blocks().covers(PhysRange.of(0x10_0000_0000L, 0x5000))).isTrue();
        assertThat(h.model().blocks().covers(PhysRange.of(0x10_0020_0000L, 0x20_0000))).isTrue();
        assertThat(h.model().blocks().covers(PhysRange.of(0x11_0000_0000L, 0x10_0000))).isTrue();
        assertThat(h.model().blocks().covers(PhysRange.of(0x12_0020_0000L, 0x20_0000))).isTrue();
        // LUO: luo-v4 chains for kho-v4, the session's name and the memfd file's struct
        assertThat(h.model().subsystem("LUO").structures()).extracting(b -> b.path())
                .contains("LUO/sessions.block[0]", "LUO/sessions[0]/files.block[0]", "LUO/sessions[0]/files[0]/memfd",
                        "LUO/flbs.block[0]");
        assertThat(h.model().subsystem("LUO").blob().toString()).contains("luo-v4");
        assertThat(h.model().subsystem("LUO").structures().toString()).contains("qemu-vm-1", "vfio-v1", "iommu");
    }

    @Test
    void v1FixtureUses512ByteBitmapsAndALuoFdt() {
        DescribedHandover h = fixture("handover-v1.dts");
        assertThat(h.model().root().abi()).isEqualTo(KhoAbi.V1_BITMAP_512);
        assertThat(h.options().v1Bitmap()).isEqualTo(KhoAbi.V1Bitmap.BYTES_512);
        assertThat(h.model().subsystem("LUO").blob().toString()).contains("luo-v1");
    }

    @Test
    void v2FixtureIsBigEndianWithItsSubFdtAsGiven() {
        DescribedHandover h = fixture("handover-v2-fdt.dts");
        assertThat(h.options().byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(h.model().scratch()).isEqualTo(HandoverDescription.DEFAULT_SCRATCH);
        RawBlob blob = (RawBlob) h.model().subsystem("my-driver").blob();
        FdtTree sub = blob.fdt().orElseThrow();
        assertThat(sub.node("/queue@0")).isPresent();
        assertThat(new String(blob.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains("my-driver-v1");
    }

    @Test
    void everyGenerationBuildsFromTheSameSubsystems() {
        for (String gen : List.of("kho-v2", "kho-v3", "kho-v4", "kho-v4;radix-v1;vmalloc-v1")) {
            DescribedHandover h = build("/dts-v1/; / { compatible = \"khotools,handover-v1\"; generation = \"" + gen
                    + "\"; memblock { r { size = <0x1000>; }; }; kho_test { folios = /bits/ 64 <0 1>; };"
                    + " LUO { s { f { compatible = \"memfd-v2\"; folios = /bits/ 64 <0 0>; }; }; }; };");
            assertThat(findings(h)).as(gen).isEmpty();
            assertThat(StateDecoder.of(h.options()).decode(h.state()).model()).as(gen).isEqualTo(h.model());
        }
    }

    @Test
    void notPreservedBuildsTheBrokenStateItAsksFor() {
        DescribedHandover h = build("/dts-v1/; / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\";"
                + " memblock { address = /bits/ 64 <0x100000000>; not-preserved; r { size = <0x1000>; }; }; };");
        assertThat(findings(h)).extracting(Diagnostic::ruleId).contains(KhoRules.STATE_BLOB_NOT_PRESERVED);

        DescribedHandover folio = build("/dts-v1/; / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\";"
                + " kho_test { folios-not-preserved; folios = /bits/ 64 <0x1200000000 0>; }; };");
        assertThat(findings(folio)).extracting(Diagnostic::ruleId).contains(KhoRules.STATE_DATA_NOT_PRESERVED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no generation | / { compatible = \"khotools,handover-v1\"; }; | /: missing generation",
        "bad generation | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v9\"; }; "
                + "| /: generation: \"kho-v9\" is not a KHO generation",
        "not a description | / { compatible = \"acme\"; generation = \"kho-v4\"; }; "
                + "| /: compatible must be \"khotools,handover-v1\"",
        "unknown root property | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; colour = \"red\"; };"
                + " | /: unknown property 'colour'",
        "page size | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; page-size = <5000>; };"
                + " | /: page-size: a power of two from 4096 to 65536, not 5000",
        "byte order | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; byte-order = \"middle\"; };"
                + " | /: byte-order: \"little\" or \"big\"",
        "odd pairs | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; scratch = /bits/ 64 <1 2 3>; };"
                + " | /: scratch: expected pairs of /bits/ 64 numbers, got 3 numbers",
        "32-bit cells in a pair list | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "preserved = <0x1000 0x1000 0x3000>; }; | /: preserved: expected /bits/ 64 <...> numbers, not 12 bytes",
        "unaligned range | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "preserved = /bits/ 64 <0x1800 0x1000>; }; | /: preserved: 0x1800 is not page-aligned",
        "block order alignment | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "blocks = /bits/ 64 <0x1000 1>; }; | /: blocks: 0x1000 is not aligned to its order 1",
        "unaligned blob address | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "x { address = /bits/ 64 <0x100000010>; data = [01]; }; }; | /x: address: 0x100000010 is not page-aligned",
        "unknown type without data | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; x { }; };"
                + " | /x: a subsystem of unknown type needs a data property or an fdt node",
        "bad type | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; x { type = \"gpu\"; }; };"
                + " | /x: type: \"gpu\" is not one of",
        "data and fdt | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "x { data = [01]; fdt { }; }; }; | /x: give either a data property or an fdt node, not both",
        "region without size | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "memblock { r { start = /bits/ 64 <0x100000000>; }; }; }; | /memblock/r: missing size",
        "number of 3 bytes | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "memblock { r { size = [00 10 00]; }; }; }; | /memblock/r: size: expected a number, <n> or /bits/ 64 <n>, not 3 bytes",
        "not-preserved placed | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "x { not-preserved; data = [01]; }; }; | /x: not-preserved needs an explicit address",
        "two blobs on one page | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "a { address = /bits/ 64 <0x100000000>; data = [01]; }; "
                + "b { address = /bits/ 64 <0x100000000>; data = [02]; }; }; | overlaps",
        "blob on the map | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "a { address = /bits/ 64 <0x800000000>; data = [01]; }; }; | memory map",
        "folio on a layout piece | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "kho_test { folios = /bits/ 64 <0x200000000 0>; }; }; | /kho_test folio 0: [0x200000000, 0x200001000)"
                + " overlaps",
        "two regions on the same page | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "memblock { a { start = /bits/ 64 <0x1000000000>; size = <8>; }; "
                + "b { start = /bits/ 64 <0x1000000000>; size = <8>; }; }; }; | /memblock/b",
        "folio order | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; "
                + "kho_test { folios = /bits/ 64 <0 21>; }; }; | /kho_test: folios: order 21 out of range 0..20",
        "long release | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; kexec-metadata { release = "
                + "\"0123456789012345678901234567890123456789012345678901234567890123456789\"; }; }; "
                + "| /kexec-metadata: release: at most 64 characters",
        "luo format | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\"; LUO { format = \"luo-v2\"; }; };"
                + " | /LUO: format: one of luo-v1, luo-v3, luo-v4, luo-v5",
        "string as number list | / { compatible = \"khotools,handover-v1\"; generation = <7>; }; "
                + "| /: generation: expected one string",
        "kho-v1 map at 0 with blocks | / { compatible = \"khotools,handover-v1\"; generation = \"kho-v1\"; "
                + "preserved-memory-map = /bits/ 64 <0>; preserved = /bits/ 64 <0x100000000 0x1000>; }; "
                + "| /: preserved-memory-map: 0 with preserved blocks",
    })
    void mistakesAreRefusedWithWhereAndWhat(String what, String body, String message) {
        assertThatThrownBy(() -> build("/dts-v1/; " + body)).as(what).isInstanceOf(DescriptionException.class)
                .hasMessageContaining(message.strip());
    }

    @Test
    void isDescriptionLooksAtTheRootCompatibleOnly() {
        assertThat(HandoverDescription.isDescription(DtsCompiler.compile(
                "/dts-v1/; / { compatible = \"acme,board\", \"khotools,handover-v1\"; };", "t", CompileOptions.defaults())))
                .isTrue();
        assertThat(HandoverDescription.isDescription(DtsCompiler.compile(
                "/dts-v1/; / { model = \"khotools,handover-v1\"; };", "t", CompileOptions.defaults()))).isFalse();
    }

    @Test
    void isDescriptionOfABlobReadsTheRootCompatibleOnly() {
        assertThat(blobIsDescription("/dts-v1/; / { compatible = \"khotools,handover-v1\"; generation = \"kho-v4\";"
                + " memblock { r { size = <0x1000>; }; }; };")).isTrue();
        assertThat(blobIsDescription("/dts-v1/; / { model = \"x\"; compatible = \"acme\", \"khotools,handover-v1\"; };"))
                .isTrue();
        assertThat(blobIsDescription("/dts-v1/; / { x { compatible = \"khotools,handover-v1\"; }; };")).isFalse();
        assertThat(blobIsDescription("/dts-v1/; / { compatible = [6b 68 6f]; };")).isFalse(); // not NUL-ended
        assertThat(HandoverDescription.isDescription(io.netty.buffer.Unpooled.wrappedBuffer(new byte[] {1, 2, 3})))
                .isFalse();
    }

    private static boolean blobIsDescription(String source) {
        io.netty.buffer.ByteBuf blob = DtsCompiler.compileToBlob(source, "t", CompileOptions.defaults(),
                io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            return HandoverDescription.isDescription(blob);
        } finally {
            blob.release();
        }
    }

    private static final String[] PROPERTIES = {"generation", "kho-v1-bitmap", "page-size", "byte-order",
        "preserved-memory-map", "scratch", "preserved", "blocks", "image-placement", "address", "type", "data",
        "size", "start", "release", "count", "version", "folios", "csum", "magic", "vmalloc-order", "format",
        "liveupdate-number", "session-name", "compatible", "token", "seals", "pos", "folio-flags", "flb-name"};

    /**
     * Hostile descriptions: a fixture with random values (random lengths, huge numbers, odd strings) put into
     * random nodes under the names the builder reads either builds a state and an image, or is refused with a
     * {@link DescriptionException}; nothing else escapes, and nothing runs away with memory.
     */
    @net.jqwik.api.Property(tries = 300)
    void randomValuesBuildOrAreRefusedCleanly(@net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0,
            max = 2) int fixture, @net.jqwik.api.ForAll long seed) {
        FdtTree tree = DtsCompiler.compile(TestData.path("kho/build/" + List.of("handover-v4.dts",
                "handover-v1.dts", "handover-v2-fdt.dts").get(fixture)), CompileOptions.defaults());
        java.util.Random random = new java.util.Random(seed);
        List<io.khotools.fdt.tree.NodePath> paths = new java.util.ArrayList<>();
        tree.forEachNode((path, node) -> paths.add(path));
        for (int edit = 0; edit < 1 + random.nextInt(4); edit++) {
            io.khotools.fdt.tree.NodePath path = paths.get(random.nextInt(paths.size()));
            String name = PROPERTIES[random.nextInt(PROPERTIES.length)];
            byte[] value = switch (random.nextInt(5)) {
                case 0 -> new byte[random.nextInt(20)];
                case 1 -> java.nio.ByteBuffer.allocate(8).putLong(random.nextLong()).array();
                case 2 -> java.nio.ByteBuffer.allocate(16).putLong(random.nextLong() >>> random.nextInt(64))
                        .putLong(random.nextInt(30)).array();
                case 3 -> (List.of("kho-v4", "kho-v1", "big", "512", "memblock", "LUO", "raw", "memfd-v2", "x")
                        .get(random.nextInt(9)) + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                default -> {
                    byte[] b = new byte[random.nextInt(40)];
                    random.nextBytes(b);
                    yield b;
                }
            };
            tree = tree.withNode(path, n -> n.withProperty(io.khotools.fdt.tree.Property.of(name, value)));
        }
        DescribedHandover h;
        try {
            h = HandoverDescription.build(tree);
        } catch (DescriptionException refused) {
            assertThat(refused.getMessage()).startsWith("/");
            return;
        }
        try {
            assertThat(h.toElf()).isNotEmpty();
        } catch (DescriptionException refused) {
            assertThat(refused.getMessage()).contains("image-placement");
        }
    }
}
