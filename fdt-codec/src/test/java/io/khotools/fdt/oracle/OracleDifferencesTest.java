package io.khotools.fdt.oracle;

import static io.khotools.fdt.FdtFormat.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.FdtRules;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Severity;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.testsupport.TestBlobs;
import io.khotools.fdt.testsupport.TestData;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * One crafted blob per documented {@link Difference}, showing both verdicts: what our validator reports,
 * what libfdt answers, and that the classifier names exactly that difference. Differences that exist only
 * before a libfdt release expect the newer libfdt to agree with us instead. Skipped when gcc or libfdt-dev
 * is missing, after our half has been checked.
 */
class OracleDifferencesTest {
    private static final LibfdtVerdict OK = new LibfdtVerdict('f', 0);
    private static LibfdtOracle oracle;

    @AfterAll
    static void stopOracle() {
        if (oracle != null) {
            oracle.close();
        }
    }

    // ---------------------------------------------------------------- we reject, libfdt accepts

    @Test
    void misalignedStructBlockIsAlignmentBeforeLibfdt18() {
        byte[] b = fixture("fdt.header.alignment--struct-off-by-two");
        assertOurErrors(b, FdtRules.HEADER_ALIGNMENT);
        Comparison c = compare(b);
        if (version().atLeast(1, 8)) {
            assertThat(c.libfdt()).isEqualTo(new LibfdtVerdict('h', -19)); // ALIGNMENT, as we do
            assertThat(c.agree()).isTrue();
        } else {
            assertDocumented(c, OK, Difference.ALIGNMENT);
        }
    }

    @Test
    void structBlockOfOnlyFdtEndIsNoRoot() {
        byte[] b = fixture("fdt.struct.no-root--only-end");
        assertOurErrors(b, FdtRules.STRUCT_NO_ROOT);
        assertDocumented(compare(b), OK, Difference.NO_ROOT);
    }

    @Test
    void nopBeforeTheRootIsBeforeRoot() {
        byte[] b = fixture("fdt.struct.before-root--nop");
        assertOurErrors(b, FdtRules.STRUCT_BEFORE_ROOT);
        assertDocumented(compare(b), OK, Difference.BEFORE_ROOT);
    }

    @Test
    void twoSiblingsNamedChosenAreDuplicateNode() {
        byte[] b = fixture("fdt.node.duplicate-name--two-chosen");
        assertOurErrors(b, FdtRules.NODE_DUPLICATE_NAME);
        assertDocumented(compare(b), OK, Difference.DUPLICATE_NODE);
    }

    @Test
    void regTwiceInOneNodeIsDuplicateProperty() {
        byte[] b = fixture("fdt.property.duplicate-name--reg-twice");
        assertOurErrors(b, FdtRules.PROPERTY_DUPLICATE_NAME);
        assertDocumented(compare(b), OK, Difference.DUPLICATE_PROPERTY);
    }

    @Test
    void dollarInNodeNameIsNodeNameChars() {
        byte[] b = fixture("fdt.node.name-chars--dollar");
        assertOurErrors(b, FdtRules.NODE_NAME_CHARS);
        assertDocumented(compare(b), OK, Difference.NODE_NAME_CHARS);
    }

    @Test
    void twoAtSignsAreNodeNameFormat() {
        byte[] b = fixture("fdt.node.name-format--two-at");
        assertOurErrors(b, FdtRules.NODE_NAME_FORMAT);
        assertDocumented(compare(b), OK, Difference.NODE_NAME_FORMAT);
    }

    @Test
    void unitAddressOnlyIsNodeNameEmpty() {
        byte[] b = fixture("fdt.node.name-empty--unit-address-only");
        assertOurErrors(b, FdtRules.NODE_NAME_EMPTY);
        assertDocumented(compare(b), OK, Difference.NODE_NAME_EMPTY);
    }

    @Test
    void dollarInPropertyNameIsPropertyNameChars() {
        byte[] b = fixture("fdt.property.name-chars--dollar");
        assertOurErrors(b, FdtRules.PROPERTY_NAME_CHARS);
        assertDocumented(compare(b), OK, Difference.PROPERTY_NAME_CHARS);
    }

    @Test
    void chosenNamedConsoleIsNameProperty() {
        byte[] b = fixture("fdt.node.name-property--chosen-named-console");
        assertOurErrors(b, FdtRules.NODE_NAME_PROPERTY);
        assertDocumented(compare(b), OK, Difference.NAME_PROPERTY);
    }

    @Test
    void twoCellPhandleIsPhandle() {
        byte[] b = fixture("fdt.node.phandle--two-cells");
        assertOurErrors(b, FdtRules.NODE_PHANDLE);
        assertDocumented(compare(b), OK, Difference.PHANDLE);
    }

    @Test
    void propertyLengthOfMinusOneIsTruncatedBeforeLibfdt17() {
        byte[] b = TestData.bytes(TestBlobs.BASIC);
        // an empty property: with len 0xffffffff, libfdt 1.6's wrapped sum lands on the next token as for len 0
        int prop = TestBlobs.propOffset(b, "/interrupt-controller@1000", "interrupt-controller");
        assertThat(TestBlobs.getInt(b, prop + 4)).isZero();
        TestBlobs.putInt(b, prop + 4, 0xffffffff);
        assertOurErrors(b, FdtRules.STRUCT_TRUNCATED);
        Comparison c = compare(b);
        if (version().atLeast(1, 7)) {
            assertThat(c.libfdt().accepted()).isFalse();
            assertThat(c.agree()).isTrue();
        } else {
            assertDocumented(c, OK, Difference.PROP_LEN_OVERFLOW);
        }
    }

    @Test
    void propertyLengthOfMinusTwelveIsTruncatedAndHangsLibfdtBefore17() {
        byte[] b = TestData.bytes(TestBlobs.BASIC);
        // 0xfffffff4 = -12: libfdt 1.6's wrapped sum makes the property its own next token, forever
        int prop = TestBlobs.propOffset(b, "/interrupt-controller@1000", "interrupt-controller");
        TestBlobs.putInt(b, prop + 4, 0xfffffff4);
        assertOurErrors(b, FdtRules.STRUCT_TRUNCATED);
        Comparison c = compare(b);
        if (version().atLeast(1, 7)) {
            assertThat(c.libfdt().accepted()).isFalse();
            assertThat(c.agree()).isTrue();
        } else {
            assertDocumented(c, new LibfdtVerdict('t', 0), Difference.PROP_LEN_OVERFLOW);
        }
    }

    // ---------------------------------------------------------------- libfdt rejects (or crashes), we accept

    @Test
    void nopAfterTheRootIsOnlyAWarningLikeLibfdt18() {
        byte[] b = fixture("fdt.struct.nop-after-root--one-nop");
        Report ours = Validator.defaults().validate(b);
        assertThat(ours.hasErrors()).isFalse();
        assertThat(ours.warnings()).extracting(Diagnostic::ruleId).containsExactly(FdtRules.STRUCT_NOP_AFTER_ROOT);
        Comparison c = compare(b);
        if (version().atLeast(1, 8)) {
            assertThat(c.libfdt()).isEqualTo(OK);
            assertThat(c.agree()).isTrue();
        } else {
            assertDocumented(c, new LibfdtVerdict('f', -11), Difference.NOP_AFTER_ROOT); // BADSTRUCTURE
        }
    }

    @Test
    void v2ReservationAddressIsNotAStringsSize() {
        byte[] b = TestData.bytes("fdt/versions/basic-v2.dtb");
        // v2 headers end at 0x20; there the reservation map starts (dtc layout): its first address's high half
        assertThat(TestBlobs.getInt(b, OFF_OFF_MEM_RSVMAP)).isEqualTo(HEADER_SIZE_V2);
        TestBlobs.putInt(b, HEADER_SIZE_V2, 0x7fff0000); // /memreserve/ 0x7fff000010000000 0x4000
        assertOurErrors(b);
        assertDocumented(compare(b), new LibfdtVerdict('h', -8), Difference.V2_STRINGS_SIZE); // TRUNCATED
    }

    @Test
    void v3RootNamedEmptyCrashesLibfdt16() {
        byte[] b = TestData.bytes("fdt/versions/basic-v3.dtb");
        b[TestBlobs.structStart(b) + 4] = 0; // root "/" -> ""
        assertOurErrors(b, FdtRules.ROOT_NAME);
        Comparison c = compare(b);
        if (version().atLeast(1, 7)) {
            assertThat(c.libfdt()).isEqualTo(new LibfdtVerdict('f', -11)); // BADSTRUCTURE, as we reject
            assertThat(c.agree()).isTrue();
        } else {
            assertDocumented(c, new LibfdtVerdict('c', LibfdtVerdict.SIGSEGV), Difference.LIBFDT_CRASH_ROOT_NAME);
        }
    }

    // ---------------------------------------------------------------- what stays unexplained

    @Test
    void aCrashOnAnyOtherBlobIsNotExplained() {
        byte[] b = TestData.bytes(TestBlobs.BASIC);
        Comparison c = new Comparison(new Mutant(0, "crafted", "none", b), Validator.defaults().validate(b),
                new LibfdtVerdict('c', LibfdtVerdict.SIGSEGV));
        assertThat(c.agree()).isFalse();
        assertThat(Difference.classify(c)).isEmpty();
    }

    @Test
    void aRejectionWithAnErrorNoDifferenceCoversIsNotExplained() {
        // a misaligned struct block (documented) plus an unknown token (libfdt rejects that too): were libfdt
        // to accept, the token error would stay uncovered
        byte[] b = TestBlobs.misalignStruct(fixture("fdt.struct.token--five"));
        Report ours = Validator.defaults().validate(b);
        assertThat(ours.errors()).extracting(Diagnostic::ruleId)
                .containsExactly(FdtRules.HEADER_ALIGNMENT, FdtRules.STRUCT_TOKEN);
        Comparison pretendAccepted = new Comparison(new Mutant(0, "crafted", "none", b), ours, OK);
        assertThat(Difference.classify(pretendAccepted)).isEmpty();
    }

    @Test
    void aNameRuleOnABlobWhoseBytesDoNotShowItIsNotExplained() {
        // the finding claims a bad node name at the root's offset, but the bytes there are a valid name
        byte[] b = TestData.bytes(TestBlobs.BASIC);
        Diagnostic claimed = new Diagnostic(FdtRules.NODE_NAME_CHARS, Severity.ERROR, "/", null,
                TestBlobs.nodeOffset(b, "/chosen"), "made up");
        Comparison c = new Comparison(new Mutant(0, "crafted", "none", b), new Report(List.of(claimed)), OK);
        assertThat(Difference.classify(c)).isEmpty();
    }

    @Test
    void aHangWithoutAnOverflowingPropertyLengthIsNotExplained() {
        byte[] b = fixture("fdt.node.duplicate-name--two-chosen");
        Comparison c = new Comparison(new Mutant(0, "crafted", "none", b), Validator.defaults().validate(b),
                new LibfdtVerdict('t', 0));
        assertThat(c.agree()).isFalse();
        assertThat(Difference.classify(c)).isEmpty();
    }

    // ---------------------------------------------------------------- helpers

    private static byte[] fixture(String name) {
        return TestBlobs.invalidCases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no case " + name)).build();
    }

    /** Our ERROR findings are exactly {@code rules}, in order. */
    private static void assertOurErrors(byte[] b, String... rules) {
        assertThat(Validator.defaults().validate(b).errors()).extracting(Diagnostic::ruleId).containsExactly(rules);
        assertThat(Validator.defaults().validate(b).errors()).allMatch(d -> d.severity() == Severity.ERROR);
    }

    /** libfdt answered {@code expected}, the verdicts differ, and the classifier names exactly {@code d}. */
    private static void assertDocumented(Comparison c, LibfdtVerdict expected, Difference d) {
        assertThat(c.libfdt()).as("libfdt %s", version()).isEqualTo(expected);
        assertThat(c.agree()).isFalse();
        assertThat(Difference.classify(c)).containsExactly(d);
    }

    private static Comparison compare(byte[] b) {
        List<LibfdtVerdict> v = oracle().check(List.of(b));
        return new Comparison(new Mutant(0, "crafted", "none", b), Validator.defaults().validate(b), v.get(0));
    }

    private static LibfdtVersion version() {
        LibfdtVersion v = oracle().version();
        assumeTrue(v.known(), () -> "libfdt version unknown: " + v);
        return v;
    }

    private static synchronized LibfdtOracle oracle() {
        if (oracle == null) {
            oracle = LibfdtOracle.start();
        }
        return oracle;
    }
}
