package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class DocsGeneratorTest {

    @Test
    void writesOneManPagePerCommandAndACompletionScript(@TempDir Path dir) throws IOException {
        DocsGenerator.main(new String[] {dir.toString()});
        try (var pages = Files.list(dir.resolve("man"))) {
            assertThat(pages.map(p -> p.getFileName().toString()))
                    .contains("kho.1", "kho-dump.1", "kho-validate.1", "kho-diff.1", "kho-build.1", "kho-map.1")
                    .doesNotContain("kho-help.1");
        }
        String completion = Files.readString(dir.resolve("kho_completion"));
        assertThat(completion).contains("dump", "validate", "diff", "build", "map", "--ignore-phandles", "--svg",
                "--fdt-addr", "--setup-data", "--raw-base", "(\"auto\" \"always\" \"never\")");
    }

    @Test
    void everyOptionOfEveryCommandIsDocumented() {
        for (CommandLine cl : DocsGenerator.commands(KhoCli.newCommandLine(new java.io.PrintWriter(java.io.Writer.nullWriter()), new java.io.PrintWriter(java.io.Writer.nullWriter())))) {
            String page = DocsGenerator.manPage(cl.getCommandSpec());
            assertThat(page).startsWith(".TH ").contains(".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION");
            for (OptionSpec o : cl.getCommandSpec().options()) {
                assertThat(page).as(cl.getCommandName() + " " + o.longestName())
                        .contains("\\fB" + DocsGenerator.escape(o.longestName()) + "\\fR");
            }
        }
    }

    @Test
    void escapesRoffSpecials() {
        assertThat(DocsGenerator.escapeLine(".hidden -x \\n")).isEqualTo("\\&.hidden \\-x \\en");
    }
}
