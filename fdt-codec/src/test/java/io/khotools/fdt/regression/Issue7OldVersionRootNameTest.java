package io.khotools.fdt.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.FdtRules;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.Severity;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.testsupport.TestBlobs;
import io.khotools.fdt.testsupport.TestData;
import org.junit.jupiter.api.Test;

/**
 * Found by the libfdt differential test (issue 7): before version 16 node names are full paths, and libfdt's
 * {@code fdt_get_name} fails with BADSTRUCTURE on one without '/'. {@code fdt_check_full} asks it for the root's
 * name, so libfdt 1.8.1 refuses a v2/v3 blob whose root is named {@code ""} instead of {@code "/"} (1.6.1
 * even dereferences NULL there). The validator took the empty name as the empty unit name and accepted it.
 */
class Issue7OldVersionRootNameTest {

    @Test
    void v3RootNamedEmptyInsteadOfSlashIsAnError() {
        byte[] b = TestData.bytes("fdt/versions/basic-v3.dtb");
        int name = TestBlobs.structStart(b) + 4;
        assertThat(b[name]).isEqualTo((byte) '/');
        b[name] = 0; // "/" -> ""

        Report report = Validator.defaults().validate(b);

        assertThat(report.errors()).extracting(Diagnostic::ruleId).containsExactly(FdtRules.ROOT_NAME);
        assertThat(report.errors().get(0).offset()).isEqualTo(TestBlobs.structStart(b));
        assertThat(report.errors().get(0).severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void v3RootNamedSlashIsStillFine() {
        assertThat(Validator.defaults().validate(TestData.bytes("fdt/versions/basic-v3.dtb")).hasErrors()).isFalse();
    }

    @Test
    void v17RootNamedEmptyIsStillFine() {
        assertThat(Validator.defaults().validate(TestData.bytes("fdt/versions/basic-v17.dtb")).hasErrors()).isFalse();
    }
}
