package io.khotools.fdt.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.testsupport.TestBlobs;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static byte[] basic() {
        return TestData.bytes(TestBlobs.BASIC);
    }

    @Test
    void formatsDiagnosticLinesExactly() {
        assertThat(new Diagnostic("fdt.node.duplicate-name", Severity.ERROR, "/soc/serial@1000", null, 0x1c4, "dup").format())
                .isEqualTo("error fdt.node.duplicate-name /soc/serial@1000 @0x1c4: dup");
        assertThat(new Diagnostic("fdt.x", Severity.WARNING, "/a", "reg", 16, "m").format())
                .isEqualTo("warning fdt.x /a:reg @0x10: m");
        assertThat(new Diagnostic("fdt.x", Severity.INFO, null, null, -1, "m").format())
                .isEqualTo("info fdt.x - @-: m");
    }

    @Test
    void namePropertyMustBeExactlyTheBaseNameString() {
        // found by DtsFuzzTest#printRoundTrip: a wrong "name" property passed the validator, then dtc's
        // name_properties check (which the compiler shares) refused the printed text. dtc 1.6.1 accepts only
        // the base name and its NUL: name_properties compares length and the base-name bytes, name_is_string
        // wants one NUL-terminated string (so "chosenX" and "chose\0\0" fail too).
        for (String value : new String[] {"chosen\0", "chosenX", "chose\0\0", "chosen"}) {
            byte[] original = basic();
            int size = TestBlobs.getInt(original, FdtFormat.OFF_SIZE_DT_STRINGS);
            int prop = TestBlobs.propOffset(original, "/chosen", "bootargs");
            byte[] b = TestBlobs.appendString(original, "name"); // appended: struct offsets unchanged
            TestBlobs.putInt(b, prop + 8, size);
            // bootargs' value "console=ttyS0\0" takes 16 bytes with padding: the new 6- or 7-byte value takes
            // 8, and two FDT_NOPs fill the other 8
            TestBlobs.putInt(b, prop + 4, value.length());
            byte[] v = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            Arrays.fill(b, prop + 12, prop + 20, (byte) 0);
            System.arraycopy(v, 0, b, prop + 12, v.length);
            TestBlobs.putInt(b, prop + 20, FdtFormat.TOKEN_NOP);
            TestBlobs.putInt(b, prop + 24, FdtFormat.TOKEN_NOP);
            boolean dtcAccepts = value.equals("chosen\0");
            assertThat(Validator.defaults().validate(b).errors()).as(value)
                    .extracting(Diagnostic::ruleId).containsExactlyElementsOf(dtcAccepts ? List.of()
                            : List.of(FdtRules.NODE_NAME_PROPERTY));
        }
    }

    @Test
    void phandlesFollowDtcExplicitPhandlesCheck() {
        // found by DtsFuzzTest#printRoundTrip: an 8-byte phandle passed the validator, dtc refused the blob
        io.khotools.fdt.tree.Node root = io.khotools.fdt.tree.Node.empty("")
                .withChild(io.khotools.fdt.tree.Node.empty("a").withProperty(io.khotools.fdt.tree.Property.u32("phandle", 1)))
                .withChild(io.khotools.fdt.tree.Node.empty("b").withProperty(io.khotools.fdt.tree.Property.u32("phandle", 1)))
                .withChild(io.khotools.fdt.tree.Node.empty("c").withProperty(io.khotools.fdt.tree.Property.u32("phandle", 2))
                        .withProperty(io.khotools.fdt.tree.Property.u32("linux,phandle", 3)))
                .withChild(io.khotools.fdt.tree.Node.empty("d").withProperty(io.khotools.fdt.tree.Property.u32("phandle", 4))
                        .withProperty(io.khotools.fdt.tree.Property.u32("linux,phandle", 4)))
                .withChild(io.khotools.fdt.tree.Node.empty("e").withProperty(io.khotools.fdt.tree.Property.u32("phandle", 0)))
                .withChild(io.khotools.fdt.tree.Node.empty("f").withProperty(io.khotools.fdt.tree.Property.u32("linux,phandle", -1)))
                .withChild(io.khotools.fdt.tree.Node.empty("g").withProperty(io.khotools.fdt.tree.Property.cells("phandle", 5, 6)));
        ByteBuf blob = io.khotools.fdt.tree.FdtTree.of(root).write(PooledByteBufAllocator.DEFAULT,
                io.khotools.fdt.stream.WriteOptions.dtc().lenient());
        try {
            assertThat(Validator.defaults().validate(blob).errors())
                    .extracting(d -> d.path() + " " + d.message())
                    .containsExactly("/b duplicated phandle 0x1 (seen before at the node at 0x" + Integer.toHexString(
                                    TestBlobs.nodeOffset(ByteBufToBytes.of(blob), "/a")) + ")",
                            "/c mismatching 'phandle' and 'linux,phandle' properties",
                            "/e bad value (0x0) in phandle property",
                            "/f bad value (0xffffffff) in linux,phandle property",
                            "/g bad length (8) phandle property");
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    /** A copy of a buffer's readable bytes. */
    private static final class ByteBufToBytes {
        static byte[] of(ByteBuf b) {
            return io.netty.buffer.ByteBufUtil.getBytes(b);
        }
    }

    @Test
    void validGoldenHasNoFindingsAtAll() {
        assertThat(Validator.defaults().validate(basic()).diagnostics()).isEmpty();
    }

    @Test
    void reportsEveryIndependentFindingNotJustTheFirst() {
        byte[] b = TestBlobs.renameNode(basic(), "/chosen", "cho$en");
        b = TestBlobs.putInt(b, TestBlobs.propOffset(b, "/serial@2000", "reg") + 8,
                TestBlobs.nameoff(b, "/serial@2000", "compatible"));
        b[TestBlobs.propOffset(b, "/serial@2000", "bytes") + 15] = 1;
        b = TestBlobs.putInt(b, FdtFormat.OFF_SIZE_DT_STRINGS, TestBlobs.getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS) + 8);
        Report r = Validator.defaults().validate(b);
        assertThat(r.diagnostics()).extracting(Diagnostic::ruleId).containsExactly(
                FdtRules.BLOCK_BOUNDS, FdtRules.NODE_NAME_CHARS, FdtRules.PROPERTY_DUPLICATE_NAME,
                FdtRules.STRUCT_PAD_NONZERO);
        assertThat(r.hasErrors()).isTrue();
        assertThat(r.count(Severity.ERROR)).isEqualTo(3);
        assertThat(r.warnings()).extracting(Diagnostic::ruleId).containsExactly(FdtRules.STRUCT_PAD_NONZERO);
    }

    @Test
    void stopsTheWalkAfterAFatalFindingButKeepsHeaderFindings() {
        byte[] b = TestBlobs.renameNode(basic(), "/cpus", "cp$s"); // after the bad token: never reached
        b = TestBlobs.misalignStruct(b);
        b = TestBlobs.putInt(b, TestBlobs.propOffset(b, "/chosen", "bootargs"), 7);
        assertThat(Validator.defaults().validate(b).diagnostics()).extracting(Diagnostic::ruleId)
                .containsExactly(FdtRules.HEADER_ALIGNMENT, FdtRules.STRUCT_TOKEN);
    }

    @Test
    void severityOverridesAndDisabledRulesApply() {
        byte[] b = TestBlobs.renameNode(basic(), "/chosen", "chosen-abcdefghijklmnopqrstuvwxy");
        Report promoted = Validator.defaults().withSeverity(FdtRules.NODE_NAME_LENGTH, Severity.ERROR).validate(b);
        assertThat(promoted.errors()).extracting(Diagnostic::ruleId).containsExactly(FdtRules.NODE_NAME_LENGTH);
        assertThat(Validator.defaults().without(FdtRules.NODE_NAME_LENGTH).validate(b).diagnostics()).isEmpty();
    }

    @Test
    void capsFindingsAndKeepsTheFirstErrorPastTheCap() {
        byte[] b = basic();
        // three pad warnings (names of chosen, cpu@0-less nodes) then an error
        b[TestBlobs.nodeOffset(b, "/chosen") + 11] = 1;
        b[TestBlobs.nodeOffset(b, "/cpus/cpu@0") + 10] = 1;
        b[TestBlobs.propOffset(b, "/serial@2000", "bytes") + 15] = 1;
        b = TestBlobs.renameNode(b, "/serial@2000", "seria$@2000");
        Report r = Validator.defaults().withMaxDiagnostics(2).validate(b);
        assertThat(r.diagnostics()).extracting(Diagnostic::ruleId).containsExactly(FdtRules.STRUCT_PAD_NONZERO,
                FdtRules.STRUCT_PAD_NONZERO, FdtRules.NODE_NAME_CHARS, FdtRules.REPORT_LIMIT);
        assertThat(r.diagnostics().get(3).format()).isEqualTo("info fdt.report.limit - @-: 1 more findings suppressed (cap 2)");
        assertThat(r.hasErrors()).isTrue();
    }

    @Test
    void readsFromReaderIndexOfPooledDirectBufferWithoutTouchingIt() {
        byte[] bytes = TestBlobs.renameNode(basic(), "/chosen", "cho$en");
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length + 5);
        try {
            direct.writeZero(5).writeBytes(bytes).readerIndex(5);
            Report r = Validator.defaults().validate(direct);
            assertThat(r.lines()).containsExactly(Validator.defaults().validate(bytes).lines().toArray(String[]::new));
            assertThat(r.diagnostics()).extracting(Diagnostic::offset).containsExactly(0xb4L);
            assertThat(direct.readerIndex()).isEqualTo(5);
            assertThat(direct.refCnt()).isEqualTo(1);
        } finally {
            assertThat(direct.release()).isTrue();
        }
    }

    @Test
    void readsCompositeBuffers() {
        byte[] bytes = TestBlobs.renameNode(basic(), "/chosen", "cho$en");
        CompositeByteBuf c = Unpooled.compositeBuffer();
        try {
            c.addComponents(true, Unpooled.wrappedBuffer(Arrays.copyOf(bytes, 100)),
                    Unpooled.wrappedBuffer(Arrays.copyOfRange(bytes, 100, bytes.length)));
            assertThat(Validator.defaults().validate(c).lines()).isEqualTo(Validator.defaults().validate(bytes).lines());
        } finally {
            assertThat(c.release()).isTrue();
        }
    }

    @Test
    void treeRulesRunOnlyOnReadableBlobsAndTheirFindingsFollowOverrides() {
        List<Integer> calls = new ArrayList<>();
        TreeRule rule = (blob, sink) -> {
            calls.add(blob.readableBytes());
            sink.report(new Diagnostic("kho.test", Severity.WARNING, "/", null, 0, "seen"));
        };
        Validator v = Validator.defaults().with(rule).withSeverity("kho.test", Severity.ERROR);
        Report ok = v.validate(basic());
        assertThat(ok.lines()).containsExactly("error kho.test / @0x0: seen");
        assertThat(calls).containsExactly(basic().length);

        byte[] bad = TestBlobs.putInt(basic(), TestBlobs.propOffset(basic(), "/chosen", "bootargs"), 5);
        assertThat(v.validate(bad).diagnostics()).extracting(Diagnostic::ruleId).containsExactly(FdtRules.STRUCT_TOKEN);
        assertThat(calls).hasSize(1);
    }

    @Test
    void aThrowingTreeRuleBecomesAFinding() {
        TreeRule rule = (blob, sink) -> {
            blob.readerIndex(blob.readerIndex() + 4); // misbehaves; the validator restores the indices
            throw new FdtException(FdtError.BADVALUE, 12, "boom");
        };
        ByteBuf blob = Unpooled.wrappedBuffer(basic());
        try {
            Report r = Validator.defaults().with(rule).validate(blob);
            assertThat(r.diagnostics()).singleElement().satisfies(d -> {
                assertThat(d.ruleId()).isEqualTo(FdtRules.RULE_FAILED);
                assertThat(d.severity()).isEqualTo(Severity.ERROR);
                assertThat(d.message()).contains("boom");
            });
            assertThat(blob.readerIndex()).isZero();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void findsDuplicateNamesSpelledAtDifferentStringOffsets() {
        // "reg" appended again: same name, second offset; dtc never writes this but other writers may
        int size = TestBlobs.getInt(basic(), FdtFormat.OFF_SIZE_DT_STRINGS);
        byte[] b = TestBlobs.appendString(basic(), "compatible");
        b = TestBlobs.putInt(b, TestBlobs.propOffset(b, "/serial@2000", "reg") + 8, size);
        assertThat(Validator.defaults().validate(b).lines()).containsExactly(
                "error fdt.property.duplicate-name /serial@2000:compatible @0x220: property name appears more than once in this node");
    }

    @Test
    void escapesUnprintableNameBytesInPaths() {
        byte[] b = TestBlobs.renameNode(basic(), "/chosen", "a b\n");
        assertThat(Validator.defaults().validate(b).lines()).containsExactly(
                "error fdt.node.name-chars /a\\x20b\\x0a @0xb4: node name contains 0x20, outside [a-zA-Z0-9,._+@-]");
    }

    @Test
    void catalogueIdsAreLowerCaseDottedKebab() {
        assertThat(FdtRules.all()).extracting(RuleInfo::id).allMatch(id -> id.matches("fdt(\\.[a-z0-9]+(-[a-z0-9]+)*)+"))
                .doesNotHaveDuplicates();
    }
}
