package io.khotools.fdt.dts.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.fdt.tree.FdtTree;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtsCompilerTest {

    private static FdtTree compile(String dts) {
        return DtsCompiler.compile(dts, "t.dts", CompileOptions.defaults());
    }

    @Test
    void includeOrIncbinNameWithANulByteIsAMissingFile() {
        // found by DtsFuzzTest#compile: the raw NUL made Path.of throw InvalidPathException
        for (String directive : new String[] {"/include/ \"inc/a\0b\"\n/ { };", "/ { a = /incbin/(\"a\0b\"); };"}) {
            assertThatThrownBy(() -> compile("/dts-v1/;\n" + directive))
                    .isInstanceOfSatisfying(DtsException.class, e -> assertThat(e.diagnostics())
                            .anySatisfy(d -> assertThat(d.toString()).contains("couldn't open")));
        }
    }

    @Test
    void capsExpressionNestingWithAClearError() {
        String deep = "(".repeat(300) + "1" + ")".repeat(300);
        assertThatThrownBy(() -> compile("/dts-v1/;\n/ { a = <" + deep + ">; };"))
                .isInstanceOfSatisfying(DtsException.class, e -> assertThat(e.diagnostics())
                        .extracting(DtsDiagnostic::format)
                        .containsExactly("t.dts:2:266: expression nested too deeply (more than 256 levels)"));
    }

    @Test
    void acceptsNestingUpToTheCap() {
        String ok = "(".repeat(200) + "7" + ")".repeat(200);
        assertThat(compile("/dts-v1/;\n/ { a = <" + ok + ">; };").root().property("a").orElseThrow().asU32())
                .isEqualTo(7);
    }

    @Test
    void reportsSeveralSyntaxErrorsInOneRun() {
        assertThatThrownBy(() -> compile("/dts-v1/;\n/ {\n a = <1;\n b = [0];\n c = \"x\"\n};\n"))
                .isInstanceOfSatisfying(DtsException.class, e -> {
                    assertThat(e.diagnostics()).hasSize(3);
                    assertThat(e.getMessage().lines()).allMatch(l -> l.startsWith("t.dts:"));
                });
    }

    @Test
    void namesUndefinedAndDuplicateLabels() {
        assertThatThrownBy(() -> compile("/dts-v1/;\n/ { a = <&gone>; x: n { }; x: m { }; };"))
                .isInstanceOfSatisfying(DtsException.class, e -> assertThat(e.diagnostics())
                        .extracting(DtsDiagnostic::message)
                        .containsExactly("duplicate label 'x' on node /n and node /m",
                                "reference to non-existent node or label \"gone\""));
    }

    @Test
    void guessesBootCpuUnlessGiven() {
        String dts = "/dts-v1/;\n/ { cpus { cpu@2 { reg = <2>; }; }; };";
        assertThat(compile(dts).bootCpuidPhys()).isEqualTo(2);
        assertThat(DtsCompiler.compile(dts, "t.dts", CompileOptions.fromDtcFlags(List.of("-b", "9")))
                .bootCpuidPhys()).isEqualTo(9);
    }

    @Test
    void parsesDtcFlags() {
        CompileOptions o = CompileOptions.fromDtcFlags(List.of("-@", "-H", "both", "-p", "0x10", "-R", "2"));
        assertThat(o.symbols()).isTrue();
        assertThat(o.phandleFormat()).isEqualTo(PhandleFormat.BOTH);
        assertThat(o.writeOptions().padding()).isEqualTo(16);
        assertThat(o.writeOptions().extraReserveEntries()).isEqualTo(2);
        assertThatThrownBy(() -> CompileOptions.fromDtcFlags(List.of("-s")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-s");
    }

    @Test
    void exceptionNeedsADiagnostic() {
        assertThatThrownBy(() -> new DtsException(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
