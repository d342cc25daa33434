package io.khotools.kho;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Root FDT encoding against pylibfdt replays of the kernel's libfdt calls (testdata/kho/regen-roots.py), and
 * hand-checked decoding of kho-v1 and kho-v4 roots.
 */
class KhoRootCodecTest {
    private static final KhoOptions LE = KhoOptions.DEFAULT;

    private static KhoTree tree(KhoAbi abi, long map, KhoSubtree... subs) {
        return new KhoTree(abi, false, OptionalLong.of(map), List.of(subs));
    }

    private static void assertSameAsLibfdt(String golden, KhoTree t, KhoAbi.RootAssembly a) {
        byte[] expected = TestData.bytes("kho/valid/" + golden + ".root.dtb");
        assertThat(KhoRootCodec.encode(t, a, LE)).isEqualTo(expected);
        assertThat(KhoValidator.of(LE.withV1Bitmap(t.abi() == KhoAbi.V1_BITMAP_512 ? KhoAbi.V1Bitmap.BYTES_512
                : KhoAbi.V1Bitmap.PAGE)).validateRoot(expected).diagnostics()).isEmpty();
    }

    @Test
    void v1FinalizeIsOneSequentialPass() {
        assertSameAsLibfdt("kho-v1-512--finalize", tree(KhoAbi.V1_BITMAP_512, 0x116be4000L,
                KhoSubtree.of("memblock", 0x80cc1000L, -1), KhoSubtree.of("kho_test", 0x80cc3000L, -1)),
                KhoAbi.RootAssembly.FINALIZE);
    }

    @Test
    void bootAssemblyPutsNewestSubtreeFirstAndPacks() {
        // added kho_test, memblock, LUO: the blob shows LUO, memblock, kho_test
        assertSameAsLibfdt("kho-v1-page--boot", tree(KhoAbi.V1_BITMAP_PAGE, 0x116be4000L,
                KhoSubtree.of("LUO", 0x80cc5000L, -1), KhoSubtree.of("memblock", 0x80cc1000L, -1),
                KhoSubtree.of("kho_test", 0x80cc3000L, -1)), KhoAbi.RootAssembly.BOOT);
        assertSameAsLibfdt("kho-v2--boot", tree(KhoAbi.V2, 0x2000000L,
                KhoSubtree.of("LUO", 0x3002000L, -1), KhoSubtree.of("memblock", 0x3000000L, -1)),
                KhoAbi.RootAssembly.BOOT);
        assertSameAsLibfdt("kho-v3--boot", tree(KhoAbi.V3, 0x2000000L,
                KhoSubtree.of("kexec-metadata", 0x3001000L, 73), KhoSubtree.of("memblock", 0x3000000L, 0x200)),
                KhoAbi.RootAssembly.BOOT);
        assertSameAsLibfdt("kho-v4-compound--boot", tree(KhoAbi.V4_RADIX_VMALLOC, 0x5000000L,
                KhoSubtree.of("kho_test", 0x6000000L, 0x150)), KhoAbi.RootAssembly.BOOT);
    }

    @Test
    void rootWithoutSubtreesKeepsTheFdtSwLayout() {
        byte[] b = TestData.bytes("kho/valid/kho-v4--no-subtrees.root.dtb");
        assertSameAsLibfdt("kho-v4--no-subtrees", tree(KhoAbi.V4, 0x116be4000L), KhoAbi.RootAssembly.BOOT);
        // never packed: rsvmap still at 0x30
        assertThat(NativeBytes.u32(b, 0x10, ByteOrder.BIG_ENDIAN)).isEqualTo(0x30);
    }

    @Test
    void decodesHandCheckedKhoV4Root() {
        byte[] b = TestData.bytes("kho/valid/kho-v4--boot.root.dtb");
        // header: totalsize 0x159, struct @0x38, strings @0x120, rsvmap @0x28 (packed by the first add)
        assertThat(NativeBytes.u32(b, 0x04, ByteOrder.BIG_ENDIAN)).isEqualTo(0x159);
        assertThat(NativeBytes.u32(b, 0x08, ByteOrder.BIG_ENDIAN)).isEqualTo(0x38);
        assertThat(NativeBytes.u32(b, 0x10, ByteOrder.BIG_ENDIAN)).isEqualTo(0x28);
        // strings: fdt_sw's reverse first-use block, then fdt_rw appends in first-use order
        assertThat(new String(Arrays.copyOfRange(b, 0x120, 0x159), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("preserved-memory-map\0compatible\0preserved-data\0blob-size\0");
        KhoTree t = KhoRootCodec.decode(b, LE);
        assertThat(t.abi()).isEqualTo(KhoAbi.V4);
        assertThat(t.abiAssumed()).isFalse();
        assertThat(t.preservedMemoryMap()).hasValue(0x1_16be_4000L);
        assertThat(t.subtrees()).containsExactly(
                KhoSubtree.of("kexec-metadata", 0x1_0000_3000L, 73),
                KhoSubtree.of("LUO", 0x1_0000_2000L, 48),
                KhoSubtree.of("memblock", 0x1_0000_0000L, 0x1b8));
        assertThat(t.pointers()).contains(new PhysPointer("preserved-memory-map", 0x1_16be_4000L, -1),
                new PhysPointer("/LUO", 0x1_0000_2000L, 48));
    }

    @Test
    void decodesHandCheckedKhoV1RootAndSaysWhatItAssumed() {
        byte[] b = TestData.bytes("kho/valid/kho-v1-512--finalize.root.dtb");
        assertThat(NativeBytes.u32(b, 0x10, ByteOrder.BIG_ENDIAN)).isEqualTo(0x30); // fdt_sw, never packed
        KhoTree assumed = KhoRootCodec.decode(b, LE);
        assertThat(assumed.abi()).isEqualTo(KhoAbi.V1_BITMAP_PAGE);
        assertThat(assumed.abiAssumed()).isTrue();
        KhoTree t = KhoRootCodec.decode(b, LE.withV1Bitmap(KhoAbi.V1Bitmap.BYTES_512));
        assertThat(t.abi()).isEqualTo(KhoAbi.V1_BITMAP_512);
        assertThat(t.abiAssumed()).isFalse();
        assertThat(t.preservedMemoryMap()).hasValue(0x1_16be_4000L);
        assertThat(t.subtrees()).containsExactly(KhoSubtree.of("memblock", 0x80cc1000L, -1),
                KhoSubtree.of("kho_test", 0x80cc3000L, -1));
    }

    @Test
    void bigEndianKernelValues() {
        KhoOptions be = LE.withByteOrder(ByteOrder.BIG_ENDIAN);
        KhoTree t = tree(KhoAbi.V4, 0x1000L, KhoSubtree.of("LUO", 0x2000L, 48));
        byte[] b = KhoRootCodec.encode(t, KhoAbi.RootAssembly.BOOT, be);
        assertThat(KhoRootCodec.decode(b, be)).isEqualTo(t);
        assertThat(KhoRootCodec.decode(b, LE).preservedMemoryMap()).hasValue(0x0010_0000_0000_0000L);
    }

    @Test
    void detectsEveryGeneration() {
        assertThat(KhoAbi.detect("kho-v4;radix-v1;vmalloc-v1", null).orElseThrow().abi())
                .isEqualTo(KhoAbi.V4_RADIX_VMALLOC);
        assertThat(KhoAbi.detect(List.of("foo", "kho-v3"), null).orElseThrow().abi()).isEqualTo(KhoAbi.V3);
        assertThat(KhoAbi.detect("kho-v2", null).orElseThrow().abi()).isEqualTo(KhoAbi.V2);
        assertThat(KhoAbi.detect("kho-v1", KhoAbi.V1Bitmap.BYTES_512).orElseThrow().abi())
                .isEqualTo(KhoAbi.V1_BITMAP_512);
        assertThat(KhoAbi.detect("kho-v5", null)).isEmpty();
        assertThat(KhoAbi.compoundParts("kho-v4;radix-v1;vmalloc-v1")).containsExactly("kho-v4", "radix-v1", "vmalloc-v1");
    }

    @Test
    void truncatedDebugfsRootIsADecodeFailureWithItsRuleId() {
        byte[] full = TestData.bytes("kho/valid/kho-v4--boot.root.dtb");
        byte[] cut = Arrays.copyOf(full, 152);
        assertThatThrownBy(() -> KhoRootCodec.decode(cut, LE)).isInstanceOfSatisfying(KhoDecodeException.class,
                e -> assertThat(e.report().diagnostics()).extracting(d -> d.ruleId())
                        .containsExactly(KhoRules.ROOT_TRUNCATED));
    }

    @Test
    void rootOutgrowingItsPageIsRefusedLikeTheKernel() {
        KhoSubtree[] many = new KhoSubtree[80];
        for (int i = 0; i < many.length; i++) {
            many[i] = KhoSubtree.of("subsystem-number-" + i, 0x1000L * (i + 1), 64);
        }
        assertThatThrownBy(() -> KhoRootCodec.encode(tree(KhoAbi.V4, 0x1000L, many), KhoAbi.RootAssembly.BOOT, LE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-ENOMEM");
    }
}
