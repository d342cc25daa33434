package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.khotools.cli.KhoCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kho validate} end to end, in-process, on a file holding the input. The exit code must be 0 (valid),
 * 1 (findings) or 3 (bad input), never 4 (internal error) or 2 (the harness passes valid options), and
 * standard error must hold no stack trace.
 */
class CliFuzzTest {
    private static final String[] SCHEMAS = {"auto", "fdt", "kho"};
    private static final String[] AS = {null, "memblock", "kho_test", "kexec-metadata", "LUO", "luo-session-array",
        "memfd-v2", "vmalloc-chunk", "kho-block-files", "raw"};

    /**
     * Input: a selector byte (bits 0-1 schema, bit 2 json, bit 3 big-endian, bits 4-7 {@code --as} type or
     * none), then the file's bytes.
     */
    @FuzzTest
    void validate(byte[] input) throws IOException {
        FuzzInput in = new FuzzInput(input);
        int selector = in.u8();
        byte[] file = in.rest();
        List<String> args = new ArrayList<>(List.of("validate", "--schema", SCHEMAS[(selector & 3) % SCHEMAS.length]));
        if ((selector & 4) != 0) {
            args.addAll(List.of("--format", "json"));
        }
        if ((selector & 8) != 0) {
            args.addAll(List.of("--endian", "big"));
        }
        String as = AS[(selector >>> 4) % AS.length];
        if (as != null) {
            args.addAll(List.of("--as", as));
        }
        Path tmp = Files.createTempFile("khotools-fuzz", ".dtb");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try {
            Files.write(tmp, file);
            args.add(tmp.toString());
            code = KhoCli.newCommandLine(new PrintWriter(out), new PrintWriter(err)).execute(args.toArray(String[]::new));
        } finally {
            Files.delete(tmp);
        }
        assertThat(code).as("exit code of %s; stderr:\n%s", args, err).isIn(0, 1, 3);
        assertThat(err.toString()).as("stderr of %s", args).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
