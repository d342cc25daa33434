package io.khotools.fdt.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.fdt.value.PropertyValues;
import io.khotools.fdt.value.RangeEntry;
import io.khotools.fdt.value.RegEntry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FdtIndexTest {

    private static void withBasic(Consumer<FdtIndex> check) {
        ByteBuf blob = TestData.buffer("fdt/valid/basic.dtb");
        try {
            check.accept(FdtIndex.build(blob));
            assertThat(blob.readerIndex()).isZero();
            assertThat(blob.refCnt()).isEqualTo(1);
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    private static void withBlob(byte[] bytes, Consumer<FdtIndex> check) {
        ByteBuf blob = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
        try {
            check.accept(FdtIndex.build(blob, ReadLimits.NONE, ReadMode.STRICT));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    /** basic.dts rebuilt by hand; dtc's bytes must come out, which checks the test helper itself. */
    static byte[] basicByHand() {
        return TinyBlob.create().reserve(0x10000000L, 0x4000)
                .begin("")
                .cells("#address-cells", 1).cells("#size-cells", 1)
                .strings("model", "khotools,basic").strings("compatible", "khotools,basic", "simple-board")
                .begin("chosen").strings("bootargs", "console=ttyS0").end()
                .begin("cpus").cells("#address-cells", 1).cells("#size-cells", 0)
                .begin("cpu@0").strings("device_type", "cpu").cells("reg", 0).end()
                .end()
                .begin("memory@80000000").strings("device_type", "memory").cells("reg", 0x80000000, 0x10000000).end()
                .begin("interrupt-controller@1000").strings("compatible", "arm,gic").cells("reg", 0x1000, 0x100)
                .empty("interrupt-controller").cells("#interrupt-cells", 3).cells("phandle", 1).end()
                .begin("serial@2000").strings("compatible", "ns16550a").cells("reg", 0x2000, 0x100)
                .cells("interrupt-parent", 1).prop("bytes", new byte[] {1, 2, 3})
                .cells("wide", 0x12345678, 0x9abcdef0).end()
                .end().build();
    }

    @Test
    void testHelperReproducesDtcBytes() {
        assertThat(basicByHand()).isEqualTo(TestData.bytes("fdt/valid/basic.dtb"));
    }

    @Test
    void indexesNodesInPreOrderWithLibfdtOffsets() {
        withBasic(ix -> {
            assertThat(ix.nodeCount()).isEqualTo(7);
            assertThat(ix.propertyCount()).isEqualTo(21);
            String[] paths = new String[ix.nodeCount()];
            int[] offsets = new int[ix.nodeCount()];
            for (int id = 0; id < ix.nodeCount(); id++) {
                paths[id] = ix.path(id);
                // libfdt node offsets are relative to the structure block (pylibfdt path_offset)
                offsets[id] = ix.offset(id) - ix.header().offDtStruct();
            }
            assertThat(paths).containsExactly("/", "/chosen", "/cpus", "/cpus/cpu@0", "/memory@80000000",
                    "/interrupt-controller@1000", "/serial@2000");
            assertThat(offsets).containsExactly(0, 108, 152, 196, 248, 312, 432);
            assertThat(ix.name(0)).isEmpty();
            assertThat(ix.name(3)).isEqualTo("cpu@0");
            assertThat(ix.nameEquals(3, "cpu@0")).isTrue();
            assertThat(ix.nameEquals(3, "cpu@1")).isFalse();
            assertThat(ix.depth(0)).isZero();
            assertThat(ix.depth(3)).isEqualTo(2);
        });
    }

    @Test
    void navigatesParentsChildrenAndSiblings() {
        withBasic(ix -> {
            assertThat(ix.parent(0)).isEqualTo(-1);
            assertThat(ix.parent(3)).isEqualTo(2);
            assertThat(ix.parent(6)).isZero();
            assertThat(ix.children(0)).containsExactly(1, 2, 4, 5, 6);
            assertThat(ix.children(2)).containsExactly(3);
            assertThat(ix.children(3)).isEmpty();
            assertThat(ix.firstChild(0)).isEqualTo(1);
            assertThat(ix.nextSibling(1)).isEqualTo(2);
            assertThat(ix.nextSibling(2)).isEqualTo(4);
            assertThat(ix.nextSibling(6)).isEqualTo(-1);
            assertThat(ix.nextSibling(0)).isEqualTo(-1);
            assertThatThrownBy(() -> ix.parent(7)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> ix.name(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        });
    }

    @Test
    void readsPropertiesWithLibfdtOffsets() {
        withBasic(ix -> {
            int serial = ix.node("/serial@2000");
            int[] props = ix.properties(serial);
            assertThat(Arrays.stream(props).mapToObj(ix::propertyName))
                    .containsExactly("compatible", "reg", "interrupt-parent", "bytes", "wide");
            assertThat(Arrays.stream(props).map(p -> ix.propertyOffset(p) - ix.header().offDtStruct()))
                    .containsExactly(448, 472, 492, 508, 524);
            assertThat(ix.propertyCount(serial)).isEqualTo(5);
            assertThat(ix.firstProperty(serial)).isEqualTo(props[0]);
            int wide = ix.property(serial, "wide");
            assertThat(ix.propertyNode(wide)).isEqualTo(serial);
            assertThat(ix.valueLength(wide)).isEqualTo(8);
            assertThat(ix.valueOffset(wide)).isEqualTo(ix.propertyOffset(wide) + 12);
            assertThat(PropertyValues.u64(ix.value(wide))).isEqualTo(0x123456789abcdef0L);
            assertThat(ix.valueBytes(ix.property(serial, "bytes"))).containsExactly(1, 2, 3);
            assertThat(ix.property(serial, "nope")).isEqualTo(-1);
            assertThat(ix.property(serial, "wid")).isEqualTo(-1);
            int ic = ix.property(ix.node("/interrupt-controller@1000"), "interrupt-controller");
            assertThat(ix.value(ic).readableBytes()).isZero();
            assertThat(ix.propertyNameOffset(ic)).isNotNegative();
            assertThat(PropertyValues.string(ix.value(ix.property(1, "bootargs")))).isEqualTo("console=ttyS0");
        });
    }

    @Test
    void findsNodesByPathWithLibfdtRules() {
        withBasic(ix -> {
            assertThat(ix.node("/")).isZero();
            assertThat(ix.node("//")).isZero();
            assertThat(ix.node("/memory")).isEqualTo(4);
            assertThat(ix.node("/memory@80000000")).isEqualTo(4);
            assertThat(ix.node("/memory@8")).isEqualTo(-1);
            assertThat(ix.node("/memory@")).isEqualTo(-1);
            assertThat(ix.node("/mem")).isEqualTo(-1);
            assertThat(ix.node("/cpus/cpu")).isEqualTo(3);
            assertThat(ix.node("//cpus//cpu@0/")).isEqualTo(3);
            assertThat(ix.node("/cpus/cpu@1")).isEqualTo(-1);
            assertThat(ix.node("/chosen/x")).isEqualTo(-1);
            assertThat(ix.node("")).isEqualTo(-1);
            // relative path: there is no /aliases node
            assertThat(ix.node("chosen")).isEqualTo(-1);
        });
    }

    @Test
    void decodesRegWithTheParentsCells() {
        withBasic(ix -> {
            assertThat(ix.reg(ix.node("/memory@80000000"))).containsExactly(new RegEntry(0x80000000L, 0x10000000L));
            assertThat(ix.reg(ix.node("/cpus/cpu@0"))).containsExactly(new RegEntry(0, 0));
            assertThat(ix.reg(0)).isEmpty();
            assertThat(ix.addressCells(0)).isEqualTo(1);
            assertThat(ix.sizeCells(2)).isZero();
            // /chosen has no #cells: spec defaults
            assertThat(ix.addressCells(1)).isEqualTo(2);
            assertThat(ix.sizeCells(1)).isEqualTo(1);
        });
    }

    @Test
    void findsNodesByPhandle() {
        withBasic(ix -> {
            assertThat(ix.nodeByPhandle(1)).isEqualTo(ix.node("/interrupt-controller"));
            assertThat(ix.nodeByPhandle(2)).isEqualTo(-1);
            assertThat(ix.nodeByPhandle(0)).isEqualTo(-1);
            assertThat(ix.nodeByPhandle(-1)).isEqualTo(-1);
        });
    }

    @Test
    void worksOnDirectBufferAtNonZeroReaderIndex() {
        byte[] bytes = TestData.bytes("fdt/valid/basic.dtb");
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 5);
        try {
            direct.writeZero(5).writeBytes(bytes).readerIndex(5);
            FdtIndex ix = FdtIndex.build(direct);
            int mem = ix.node("/memory");
            assertThat(ix.name(mem)).isEqualTo("memory@80000000");
            assertThat(ix.offset(mem)).isEqualTo(72 + 248);
            assertThat(ix.reg(mem)).containsExactly(new RegEntry(0x80000000L, 0x10000000L));
            assertThat(ix.nodeByPhandle(1)).isEqualTo(5);
            assertThat(ix.blob()).isSameAs(direct);
            assertThat(direct.readerIndex()).isEqualTo(5);
        } finally {
            assertThat(direct.release()).isTrue();
        }
    }

    /** The a.dts/b.dts cases checked against pylibfdt 1.6.1's path_offset on this machine. */
    static byte[] aliasBlob() {
        return TinyBlob.create()
                .begin("")
                .begin("aliases")
                .strings("ser", "/soc/serial@1")
                .strings("rel", "ser")
                .strings("bad", "/nope")
                .strings("sx", "/soc")
                .strings("loop", "loop")
                .strings("l2", "l3/x")
                .strings("l3", "l2")
                .strings("emb", "/soc", "zz")
                .strings("rel2", "soc")
                .prop("unterminated", new byte[] {'/', 's'})
                .empty("empty")
                .end()
                .begin("soc")
                .begin("memory").cells("a", 1).end()
                .begin("memory@0").cells("b", 1).end()
                .begin("serial@1").cells("c", 1).begin("x").end().end()
                .begin("serial@2").cells("d", 1).end()
                .end()
                .begin("soc2")
                .begin("memory@0").end()
                .begin("memory").end()
                .end()
                .end().build();
    }

    @Test
    void resolvesAliasesAndUnitAddressesLikeLibfdt() {
        withBlob(aliasBlob(), ix -> {
            assertThat(ix.path(ix.node("/soc/memory"))).isEqualTo("/soc/memory");
            // the first child that matches either rule wins, even before an exact match
            assertThat(ix.path(ix.node("/soc2/memory"))).isEqualTo("/soc2/memory@0");
            assertThat(ix.path(ix.node("/soc/serial"))).isEqualTo("/soc/serial@1");
            assertThat(ix.node("/soc/serial@")).isEqualTo(-1);
            assertThat(ix.node("/soc2/memory@0@")).isEqualTo(-1);
            assertThat(ix.path(ix.node("ser"))).isEqualTo("/soc/serial@1");
            assertThat(ix.path(ix.node("ser/x"))).isEqualTo("/soc/serial@1/x");
            assertThat(ix.path(ix.node("ser/"))).isEqualTo("/soc/serial@1");
            assertThat(ix.path(ix.node("rel"))).isEqualTo("/soc/serial@1");
            assertThat(ix.path(ix.node("rel/x"))).isEqualTo("/soc/serial@1/x");
            assertThat(ix.path(ix.node("sx/serial"))).isEqualTo("/soc/serial@1");
            assertThat(ix.path(ix.node("sx//serial"))).isEqualTo("/soc/serial@1");
            assertThat(ix.path(ix.node("emb"))).isEqualTo("/soc");
            assertThat(ix.node("bad")).isEqualTo(-1);
            assertThat(ix.node("nope")).isEqualTo(-1);
            assertThat(ix.node("rel2")).isEqualTo(-1);
            assertThat(ix.node("soc")).isEqualTo(-1);
            assertThat(ix.node("unterminated")).isEqualTo(-1);
            assertThat(ix.node("empty")).isEqualTo(-1);
            // libfdt 1.6.1 crashes (stack overflow) on these two; we find nothing
            assertThat(ix.node("loop")).isEqualTo(-1);
            assertThat(ix.node("l2")).isEqualTo(-1);
        });
    }

    @Test
    void phandleFallsBackToLinuxPhandleAndFirstClaimWins() {
        byte[] blob = TinyBlob.create()
                .begin("")
                .begin("a").cells("linux,phandle", 5).end()
                .begin("b").prop("phandle", new byte[] {0, 7}).cells("linux,phandle", 6).end()
                .begin("c").cells("phandle", 5).end()
                .begin("d").cells("phandle", 8).cells("linux,phandle", 9).end()
                .begin("e").cells("phandle", 0).end()
                .begin("f").cells("phandle", -1).end()
                .end().build();
        withBlob(blob, ix -> {
            assertThat(ix.nodeByPhandle(5)).isEqualTo(ix.node("/a"));
            assertThat(ix.nodeByPhandle(6)).isEqualTo(ix.node("/b"));
            assertThat(ix.nodeByPhandle(8)).isEqualTo(ix.node("/d"));
            assertThat(ix.nodeByPhandle(9)).isEqualTo(-1);
            assertThat(ix.nodeByPhandle(7)).isEqualTo(-1);
        });
    }

    @Test
    void findsManyPhandlesWithoutCollisionsLosingAny() {
        TinyBlob b = TinyBlob.create().begin("");
        for (int i = 0; i < 5000; i++) {
            b.begin("n" + i).cells("phandle", i * 65536 + 1).end();
        }
        withBlob(b.end().build(), ix -> {
            for (int i = 0; i < 5000; i++) {
                assertThat(ix.nodeByPhandle(i * 65536 + 1)).isEqualTo(i + 1);
            }
            assertThat(ix.nodeByPhandle(2)).isEqualTo(-1);
        });
    }

    @Test
    void keepsPropertiesContiguousWhenTheyFollowChildren() {
        byte[] blob = TinyBlob.create()
                .begin("")
                .cells("r1", 1)
                .begin("a").cells("a1", 2).begin("aa").cells("aa1", 3).end().cells("a2", 4).end()
                .cells("r2", 5)
                .begin("b").cells("b1", 6).end()
                .nop()
                .cells("r3", 7)
                .end().build();
        withBlob(blob, ix -> {
            assertThat(Arrays.stream(ix.properties(0)).mapToObj(ix::propertyName)).containsExactly("r1", "r2", "r3");
            int a = ix.node("/a");
            assertThat(Arrays.stream(ix.properties(a)).mapToObj(ix::propertyName)).containsExactly("a1", "a2");
            assertThat(PropertyValues.u32(ix.value(ix.property(a, "a2")))).isEqualTo(4);
            assertThat(PropertyValues.u32(ix.value(ix.property(0, "r3")))).isEqualTo(7);
            assertThat(ix.propertyNode(ix.property(ix.node("/a/aa"), "aa1"))).isEqualTo(ix.node("/a/aa"));
            for (int p = 0; p < ix.propertyCount(); p++) {
                int owner = ix.propertyNode(p);
                assertThat(p).isBetween(ix.firstProperty(owner), ix.firstProperty(owner) + ix.propertyCount(owner) - 1);
            }
        });
    }

    @Test
    void reportsBadCellsAndBadRegWithThePropertyOffset() {
        byte[] blob = TinyBlob.create()
                .begin("")
                .prop("#address-cells", new byte[] {0, 0, 1})
                .begin("bus").cells("#address-cells", 3).cells("#size-cells", 1)
                .begin("dev@0").cells("reg", 0, 0, 0, 4).end()
                .end()
                .begin("bus2").cells("#address-cells", 1).cells("#size-cells", 1)
                .begin("dev@0").cells("reg", 0, 4, 8).end()
                .begin("br").cells("#address-cells", 1).cells("#size-cells", 1).cells("ranges", 0, 0x100, 0x10).end()
                .end()
                .end().build();
        withBlob(blob, ix -> {
            assertThatThrownBy(() -> ix.addressCells(0)).isInstanceOfSatisfying(FdtException.class, e -> {
                assertThat(e.error()).isEqualTo(FdtError.BADNCELLS);
                assertThat(e.offset()).isEqualTo(ix.propertyOffset(ix.property(0, "#address-cells")));
            });
            int dev = ix.node("/bus/dev");
            assertThatThrownBy(() -> ix.reg(dev)).isInstanceOfSatisfying(FdtException.class, e ->
                    assertThat(e.error()).isEqualTo(FdtError.BADNCELLS));
            int dev2 = ix.node("/bus2/dev@0");
            assertThatThrownBy(() -> ix.reg(dev2)).isInstanceOfSatisfying(FdtException.class, e -> {
                assertThat(e.error()).isEqualTo(FdtError.BADVALUE);
                assertThat(e.offset()).isEqualTo(ix.propertyOffset(ix.property(dev2, "reg")));
            });
            assertThat(ix.ranges(ix.node("/bus2/br"))).containsExactly(new RangeEntry(0, 0x100, 0x10));
            assertThat(ix.ranges(ix.node("/bus2"))).isEmpty();
        });
    }

    @Test
    void indexesAStructureBlockWithoutRoot() {
        withBlob(TinyBlob.create().build(), ix -> {
            assertThat(ix.nodeCount()).isZero();
            assertThat(ix.node("/")).isEqualTo(-1);
            assertThat(ix.node("x")).isEqualTo(-1);
        });
    }

    @Test
    void propagatesReaderErrors() {
        byte[] bytes = TestData.bytes("fdt/valid/basic.dtb");
        bytes[0] = 0;
        withBlobExpecting(bytes, FdtError.BADMAGIC);
    }

    private static void withBlobExpecting(byte[] bytes, FdtError error) {
        ByteBuf blob = io.netty.buffer.Unpooled.wrappedBuffer(bytes);
        try {
            assertThatThrownBy(() -> FdtIndex.build(blob)).isInstanceOfSatisfying(FdtException.class, e ->
                    assertThat(e.error()).isEqualTo(error));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    static byte[] deepChain(int depth) {
        TinyBlob b = TinyBlob.create().begin("");
        for (int i = 1; i < depth; i++) {
            b.begin("n@" + Integer.toHexString(i)).cells("reg", i).cells("phandle", i);
        }
        for (int i = 0; i < depth; i++) {
            b.end();
        }
        return b.build();
    }

    @Test
    void handlesAHundredThousandDeepChainWithoutRecursion() {
        int depth = 100_000;
        withBlob(deepChain(depth), ix -> {
            assertThat(ix.nodeCount()).isEqualTo(depth);
            int last = depth - 1;
            assertThat(ix.depth(last)).isEqualTo(depth - 1);
            assertThat(ix.parent(last)).isEqualTo(last - 1);
            assertThat(ix.children(last - 1)).containsExactly(last);
            assertThat(ix.nodeByPhandle(last)).isEqualTo(last);
            String path = ix.path(last);
            assertThat(path).startsWith("/n@1/n@2/").endsWith("/n@" + Integer.toHexString(last));
            assertThat(ix.node(path)).isEqualTo(last);
            // components without unit addresses match n@... at every level
            assertThat(ix.node("/n".repeat(depth - 1))).isEqualTo(last);
            // the chain's #cells are the defaults 2/1, so a one-cell reg does not fit
            assertThatThrownBy(() -> ix.reg(last)).isInstanceOfSatisfying(FdtException.class, e ->
                    assertThat(e.error()).isEqualTo(FdtError.BADVALUE));
        });
    }

    @Test
    void enforcesTheReadersDepthLimitByDefault() {
        withBlobExpecting(deepChain(ReadLimits.DEFAULT_MAX_DEPTH + 1), FdtError.LIMIT);
    }
}
