package io.khotools.fdt.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.ReserveEntry;
import io.khotools.fdt.index.FdtIndex;
import io.khotools.fdt.index.TinyBlob;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.fdt.value.RegEntry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FdtTreeTest {

    private static FdtTree readBasic() {
        ByteBuf blob = TestData.buffer("fdt/valid/basic.dtb");
        try {
            FdtTree t = FdtTree.read(blob);
            assertThat(blob.refCnt()).isEqualTo(1);
            assertThat(blob.readerIndex()).isZero();
            return t;
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    private static FdtTree read(byte[] bytes) {
        ByteBuf blob = Unpooled.wrappedBuffer(bytes);
        try {
            return FdtTree.read(blob, ReadLimits.NONE, ReadMode.STRICT);
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    /** basic.dts written with the builders. */
    private static Node basicRoot() {
        return Node.builder("")
                .property(Property.u32("#address-cells", 1)).property(Property.u32("#size-cells", 1))
                .property(Property.string("model", "khotools,basic"))
                .property(Property.strings("compatible", "khotools,basic", "simple-board"))
                .child(Node.builder("chosen").property(Property.string("bootargs", "console=ttyS0")).build())
                .child(Node.builder("cpus").property(Property.u32("#address-cells", 1))
                        .property(Property.u32("#size-cells", 0))
                        .child(Node.builder("cpu@0").property(Property.string("device_type", "cpu"))
                                .property(Property.cells("reg", 0)).build())
                        .build())
                .child(Node.builder("memory@80000000").property(Property.string("device_type", "memory"))
                        .property(Property.cells("reg", 0x80000000, 0x10000000)).build())
                .child(Node.builder("interrupt-controller@1000").property(Property.string("compatible", "arm,gic"))
                        .property(Property.cells("reg", 0x1000, 0x100)).property(Property.empty("interrupt-controller"))
                        .property(Property.u32("#interrupt-cells", 3)).property(Property.u32("phandle", 1)).build())
                .child(Node.builder("serial@2000").property(Property.string("compatible", "ns16550a"))
                        .property(Property.cells("reg", 0x2000, 0x100)).property(Property.u32("interrupt-parent", 1))
                        .property("bytes", new byte[] {1, 2, 3}).property(Property.u64("wide", 0x123456789abcdef0L))
                        .build())
                .build();
    }

    @Test
    void readsBasicBlobIntoTheTreeTheBuildersDescribe() {
        FdtTree t = readBasic();
        assertThat(t.version()).isEqualTo(17);
        assertThat(t.bootCpuidPhys()).isZero();
        assertThat(t.reserveEntries()).containsExactly(new ReserveEntry(0x10000000L, 0x4000));
        FdtTree built = FdtTree.of(basicRoot()).withReserveEntries(List.of(new ReserveEntry(0x10000000L, 0x4000)));
        assertThat(t).isEqualTo(built);
        assertThat(t.hashCode()).isEqualTo(built.hashCode());
        assertThat(t.root()).isEqualTo(basicRoot());
        assertThat(t.withBootCpuidPhys(1)).isNotEqualTo(built);
    }

    @Test
    void keepsSourceOffsetsButIgnoresThemInEquality() {
        FdtTree t = readBasic();
        Node serial = t.node("/serial").orElseThrow();
        assertThat(serial.offset()).isEqualTo(72 + 432);
        assertThat(serial.property("wide").orElseThrow().offset()).isEqualTo(72 + 524);
        assertThat(basicRoot().offset()).isEqualTo(-1);
        assertThat(Property.u32("x", 1).offset()).isEqualTo(-1);
    }

    @Test
    void readsTypedValues() {
        FdtTree t = readBasic();
        String bootargs = t.node("/chosen").flatMap(n -> n.property("bootargs")).map(Property::asString).orElse("");
        assertThat(bootargs).isEqualTo("console=ttyS0");
        Node root = t.root();
        assertThat(root.property("compatible").orElseThrow().asStringList())
                .containsExactly("khotools,basic", "simple-board");
        assertThat(root.property("#address-cells").orElseThrow().asU32()).isEqualTo(1);
        Node serial = t.node("/serial@2000").orElseThrow();
        assertThat(serial.property("wide").orElseThrow().asU64()).isEqualTo(0x123456789abcdef0L);
        assertThat(serial.property("wide").orElseThrow().asU64(ByteOrder.LITTLE_ENDIAN)).isEqualTo(0xf0debc9a78563412L);
        assertThat(serial.property("reg").orElseThrow().asCells()).containsExactly(0x2000, 0x100);
        assertThat(serial.property("reg").orElseThrow().asReg(1, 1)).containsExactly(new RegEntry(0x2000, 0x100));
        assertThat(serial.property("interrupt-parent").orElseThrow().asPhandle()).isEqualTo(1);
        Property bytes = serial.property("bytes").orElseThrow();
        assertThat(bytes.length()).isEqualTo(3);
        assertThat(bytes.isEmpty()).isFalse();
        assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
        assertThatThrownBy(bytes::asU32).isInstanceOfSatisfying(FdtException.class, e -> {
            assertThat(e.error()).isEqualTo(FdtError.BADVALUE);
            assertThat(e.offset()).isEqualTo(bytes.offset());
        });
        assertThat(t.node("/interrupt-controller").orElseThrow().property("interrupt-controller").orElseThrow()
                .isEmpty()).isTrue();
    }

    @Test
    void propertyCopiesItsValueInAndOut() {
        byte[] v = {1, 2, 3, 4};
        Property p = Property.of("x", v);
        v[0] = 9;
        assertThat(p.asU32()).isEqualTo(0x01020304);
        p.toByteArray()[1] = 9;
        assertThat(p.asU32()).isEqualTo(0x01020304);
        assertThat(p.valueEquals(new byte[] {1, 2, 3, 4})).isTrue();
        assertThat(p.withValue(new byte[] {5})).isEqualTo(Property.of("x", new byte[] {5}));
        assertThat(p.toString()).isEqualTo("x (4 bytes: 01 02 03 04)");
    }

    @Test
    void propertyFactoriesEncodeAsTheSpecSays() {
        assertThat(Property.u32("a", 0x01020304).toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(Property.u64("a", 0x0102030405060708L).toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(Property.u64("a", 0x0102030405060708L, ByteOrder.LITTLE_ENDIAN).toByteArray())
                .containsExactly(8, 7, 6, 5, 4, 3, 2, 1);
        assertThat(Property.cells("a", 1, -1).toByteArray()).containsExactly(0, 0, 0, 1, -1, -1, -1, -1);
        assertThat(Property.string("a", "hi").toByteArray()).containsExactly('h', 'i', 0);
        assertThat(Property.strings("a", "x", "", "y").toByteArray()).containsExactly('x', 0, 0, 'y', 0);
        assertThat(Property.strings("a", "x", "", "y").asStringList()).containsExactly("x", "", "y");
        assertThat(Property.empty("a").length()).isZero();
        assertThat(Property.string("a", "caf\u00e9").asString()).isEqualTo("caf\u00e9");
        assertThatThrownBy(() -> Property.string("a", "x\0y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Property.string("a", "\u20ac")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Property.empty("a\0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Node.builder("n\0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsNodesWithTheSameRulesAsTheIndex() {
        byte[] bytes = TinyBlob.create()
                .begin("")
                .begin("aliases").strings("ser", "/soc/serial@1").strings("rel", "ser").strings("loop", "loop")
                .strings("emb", "/soc", "zz").end()
                .begin("soc")
                .begin("memory").end().begin("memory@0").end()
                .begin("serial@1").begin("x").end().end()
                .end()
                .begin("soc2").begin("memory@0").end().begin("memory").end().end()
                .end().build();
        FdtTree t = read(bytes);
        ByteBuf blob = Unpooled.wrappedBuffer(bytes);
        try {
            FdtIndex ix = FdtIndex.build(blob);
            for (String p : List.of("/", "//", "/soc/memory", "/soc2/memory", "/soc/serial", "/soc/serial@",
                    "ser", "ser/x", "rel/x", "emb", "loop", "nope", "", "/soc//serial@1/x/", "/soc2/memory@0@")) {
                int id = ix.node(p);
                Optional<Node> n = t.node(p);
                assertThat(n.isPresent()).as(p).isEqualTo(id >= 0);
                if (id >= 0) {
                    assertThat(n.get().offset()).as(p).isEqualTo(ix.offset(id));
                }
            }
        } finally {
            assertThat(blob.release()).isTrue();
        }
        assertThat(t.node("/soc2/memory").orElseThrow().name()).isEqualTo("memory@0");
        assertThat(t.node(NodePath.parse("/soc2/memory")).orElseThrow().name()).isEqualTo("memory");
        assertThat(t.node(NodePath.parse("/soc/serial"))).isEmpty();
    }

    @Test
    void editsReturnNewTreesAndShareTheRest() {
        FdtTree t = readBasic();
        FdtTree e = t.withNode("/chosen", n -> n.withProperty(Property.string("bootargs", "quiet")));
        assertThat(e.node("/chosen").orElseThrow().property("bootargs").orElseThrow().asString()).isEqualTo("quiet");
        assertThat(t.node("/chosen").orElseThrow().property("bootargs").orElseThrow().asString())
                .isEqualTo("console=ttyS0");
        assertThat(e).isNotEqualTo(t);
        assertThat(e.node("/cpus").orElseThrow()).isSameAs(t.node("/cpus").orElseThrow());
        // replace in place keeps the position, new names are appended
        Node root = e.root().withProperty(Property.u32("#size-cells", 2)).withProperty(Property.empty("new"));
        assertThat(root.properties()).extracting(Property::name)
                .containsExactly("#address-cells", "#size-cells", "model", "compatible", "new");
        assertThat(root.withoutProperty("model").properties()).extracting(Property::name)
                .containsExactly("#address-cells", "#size-cells", "compatible", "new");
        assertThat(root.withoutProperty("absent")).isSameAs(root);
        Node cpus = Node.builder("cpus").build();
        assertThat(root.withChild(cpus).children()).extracting(Node::name)
                .containsExactly("chosen", "cpus", "memory@80000000", "interrupt-controller@1000", "serial@2000");
        assertThat(root.withChild(cpus).child("cpus").orElseThrow().children()).isEmpty();
        assertThat(root.withChild(Node.empty("z")).children()).extracting(Node::name).endsWith("z");
        assertThat(root.withoutChild("chosen").children()).extracting(Node::name)
                .containsExactly("cpus", "memory@80000000", "interrupt-controller@1000", "serial@2000");
        assertThat(root.withoutChild("memory").children()).hasSize(5); // exact names only
        // removing what was added gives an equal tree
        assertThat(t.withNode("/cpus/cpu@0", n -> n.withProperty(Property.empty("x")))
                .withNode("/cpus/cpu", n -> n.withoutProperty("x"))).isEqualTo(t);
        assertThatThrownBy(() -> t.withNode("/nope", n -> n)).isInstanceOf(IllegalArgumentException.class);
        assertThat(t.withReserveEntries(List.of()).reserveEntries()).isEmpty();
        assertThat(t.withBootCpuidPhys(3).bootCpuidPhys()).isEqualTo(3);
        assertThat(t.withNode("/", n -> n.withName("")).root()).isEqualTo(t.root());
    }

    @Test
    void walksInPreOrderWithExactPaths() {
        List<String> seen = new ArrayList<>();
        readBasic().forEachNode((p, n) -> seen.add(p + "=" + n.name()));
        assertThat(seen).containsExactly("/=", "/chosen=chosen", "/cpus=cpus", "/cpus/cpu@0=cpu@0",
                "/memory@80000000=memory@80000000", "/interrupt-controller@1000=interrupt-controller@1000",
                "/serial@2000=serial@2000");
    }

    @Test
    void rejectsAStructureBlockWithoutRoot() {
        assertThatThrownBy(() -> read(TinyBlob.create().build())).isInstanceOfSatisfying(FdtException.class, e ->
                assertThat(e.error()).isEqualTo(FdtError.BADSTRUCTURE));
    }

    @Test
    void keepsDuplicatesAndPropertiesAfterChildrenInOrder() {
        FdtTree t = read(TinyBlob.create().begin("").cells("a", 1).begin("c").end().cells("a", 2)
                .begin("c").cells("x", 3).end().end().build());
        assertThat(t.root().properties()).extracting(Property::asU32).containsExactly(1, 2);
        assertThat(t.root().property("a").orElseThrow().asU32()).isEqualTo(1);
        assertThat(t.root().children()).hasSize(2);
        assertThat(t.node("/c").orElseThrow().properties()).isEmpty();
        assertThat(t.root().withoutProperty("a").properties()).isEmpty();
        assertThat(t.root().withProperty(Property.u32("a", 5)).properties()).extracting(Property::asU32)
                .containsExactly(5, 2);
    }

    @Test
    void readsBootCpuidAndVersionFromTheHeader() {
        FdtTree t = read(TinyBlob.create().bootCpuid(3).reserve(1, 2).reserve(3, 4).begin("").end().build());
        assertThat(t.bootCpuidPhys()).isEqualTo(3);
        assertThat(t.reserveEntries()).containsExactly(new ReserveEntry(1, 2), new ReserveEntry(3, 4));
        assertThat(t.version()).isEqualTo(17);
    }

    @Test
    void nodeToStringDoesNotPrintTheSubtree() {
        assertThat(basicRoot().toString()).isEqualTo("Node[/, 4 properties, 5 children]");
    }
}
