package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Label and reference restoration (dtc 1.7.1+ rules, fdt-format.md §11; our deliberate differences). */
class DtsReferencesTest {
    private static byte[] cells(int... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4);
        for (int c : v) {
            b.putInt(c);
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Test
    void restoresLabelsNewestFirstAndPrintsPluginForOverlays() {
        byte[] dtb = new RawBlob().begin("")
                .begin("dev@1").prop("phandle", cells(1)).end()
                .begin("user").prop("clocks", cells(1, 7, 1)).prop("target", cells(-1)).end()
                .begin("__symbols__").prop("first", "/dev@1").prop("second", "/dev@1").prop("bad-name", "/user")
                        .prop("rootlbl", "").end()
                .begin("__fixups__").prop("ext", "/user:target:0").end()
                .begin("__local_fixups__").begin("user").prop("clocks", cells(0, 8)).end().end()
                .end().finish();
        String text = DtsRoundTrip.print(dtb);
        assertThat(text).startsWith("/dts-v1/;\n/plugin/;\n\n/ {\n")
                .contains("\tsecond: first: dev@1 {\n")
                .contains("\tuser {\n") // "bad-name" is no label syntax: not restored
                .contains("\t\tclocks = <&second>, <0x07>, <&second>;\n")
                .contains("\t\ttarget = <&ext>;\n");
        assertThat(DtsRoundTrip.print(dtb, DtsPrinter.Symbols.IGNORE)).startsWith("/dts-v1/;\n\n/ {\n")
                .contains("\t\tclocks = <0x01 0x07 0x01>;\n").doesNotContain("&");
    }

    @Test
    void referencesAnUnlabelledNodeByPathAndSplitsMixedValues() {
        byte[] dtb = new RawBlob().begin("")
                .begin("a").begin("b@2").prop("phandle", cells(5)).end().end()
                .begin("c").prop("mixed", concat("ok\0".getBytes(), new byte[] {0}, cells(5), new byte[] {1, 2, 3})).end()
                .begin("__local_fixups__").begin("c").prop("mixed", cells(4)).end().end()
                .end().finish();
        // "ok", "" before a reference: dtc's two-string quirk, the empty second string guessed alone as [00]
        assertThat(DtsRoundTrip.print(dtb)).contains("\t\tmixed = \"ok\",  [00], <&{/a/b@2}>, [01 02 03];\n");
    }

    @Test
    void reproducesDtcTwoStringQuirkBeforeAReference() {
        byte[] dtb = new RawBlob().begin("")
                .begin("t").prop("phandle", cells(2)).end()
                .begin("u").prop("p", concat("a\0b\0".getBytes(), cells(2), "x\0y\0".getBytes())).end()
                .begin("__local_fixups__").begin("u").prop("p", cells(4)).end().end()
                .end().finish();
        // dtc 1.8 prints two spaces before the second string of a pair that precedes a reference
        assertThat(DtsRoundTrip.print(dtb)).contains("\t\tp = \"a\",  \"b\", <&{/t}>, \"x\", \"y\";\n");
    }

    @Test
    void leavesNonCanonicalFixupsAndOverlapsNumeric() {
        byte[] dtb = new RawBlob().begin("")
                .begin("t").prop("phandle", cells(3)).end()
                .begin("u").prop("hex", cells(-1)).prop("notff", cells(9)).prop("ov", cells(3, 3)).end()
                .begin("__fixups__").prop("e1", "/u:hex:0x0").prop("e2", "/u:notff:0").end()
                .begin("__local_fixups__").begin("u").prop("ov", cells(0, 2)).end().end()
                .end().finish();
        String text = DtsRoundTrip.print(dtb);
        assertThat(text).contains("\t\thex = <0xffffffff>;\n").contains("\t\tnotff = <0x09>;\n")
                .contains("\t\tov = <&{/t}>, <0x03>;\n");
    }

    @Test
    void strtolReadsOffsetsAsC() {
        assertThat(invokeStrtol(" 12abc")).isEqualTo(12);
        assertThat(invokeStrtol("0x10")).isEqualTo(16);
        assertThat(invokeStrtol("010")).isEqualTo(8);
        assertThat(invokeStrtol("0x")).isEqualTo(0);
        assertThat(invokeStrtol("-4")).isEqualTo(-4);
        assertThat(invokeStrtol("99999999999999999999")).isEqualTo(-1);
    }

    private static long invokeStrtol(String s) {
        try {
            Class<?> c = Class.forName("io.khotools.fdt.dts.References$Resolver");
            var m = c.getDeclaredMethod("strtol", String.class);
            m.setAccessible(true);
            return (long) m.invoke(null, s);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void labelSyntax() {
        assertThat(References.isLabel("_a1")).isTrue();
        assertThat(References.isLabel("1a")).isFalse();
        assertThat(References.isLabel("a-b")).isFalse();
        assertThat(References.isLexablePath("/a/b@1,2")).isTrue();
        assertThat(References.isLexablePath("/a b")).isFalse();
    }
}
