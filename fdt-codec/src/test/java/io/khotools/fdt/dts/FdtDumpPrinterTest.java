package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FdtDumpPrinterTest {
    static Stream<Path> validBlobs() {
        return Blobs.valid().stream();
    }

    static String print(byte[] dtb) throws IOException {
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            StringBuilder sb = new StringBuilder();
            FdtDumpPrinter.print(blob, sb);
            assertThat(blob.refCnt()).isEqualTo(1);
            return sb.toString();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("validBlobs")
    void printsEveryValidTestBlobAsFdtdumpDoes(Path dtb) throws IOException {
        assumeTrue(ReferenceTools.available("fdtdump"), "fdtdump not installed (apt-get install device-tree-compiler): skipped");
        assertThat(print(Files.readAllBytes(dtb))).isEqualTo(ReferenceTools.fdtdump(dtb));
    }

    @Test
    void printsNopsPropertiesAfterSubnodesAndValuesInBlobOrder() throws IOException {
        byte[] dtb = new RawBlob().reserve(0, 0x1000).reserve(0x1000, 0)
                .begin("")
                .nop()
                .prop("strs", "a\0b")
                .prop("esc", "a\"b")          // printed without escaping, as fdtdump does
                .prop("tab", "a\tb")          // \t is not isprint: cells
                .prop("emptystr", "a\0")      // an empty string: not a string list
                .prop("odd", new byte[] {1, 2, 3})
                .prop("flag", new byte[0])
                .begin("n@1").nop().end()
                .prop("late", "z")
                .end().finish();
        String expectedTree = """
                /memreserve/ 0 0x1000;
                /memreserve/ 0x1000 0;
                / {
                    // [NOP]
                    strs = "a", "b";
                    esc = "a"b";
                    tab = <0x61096200>;
                    emptystr = [61 00 00];
                    odd = [01 02 03];
                    flag;
                    n@1 {
                        // [NOP]
                    };
                    late = "z";
                };
                """;
        String text = print(dtb);
        assertThat(text).startsWith("/dts-v1/;\n// magic:\t\t0xd00dfeed\n// totalsize:\t\t0x").endsWith(expectedTree);
        if (ReferenceTools.available("fdtdump")) {
            assertThat(text).isEqualTo(ReferenceTools.onBlob(dtb, ReferenceTools::fdtdump));
        }
    }

    @Test
    void printsOldVersionBlobsAsFdtdumpDoes() throws IOException {
        assumeTrue(ReferenceTools.available("dtc") && ReferenceTools.available("fdtdump"), "dtc/fdtdump not installed: skipped");
        String src = Files.readString(TestData.path("fdt/valid/basic.dts"));
        for (String version : new String[] {"2", "3", "16"}) {
            byte[] dtb = ReferenceTools.compile(src, "-V", version);
            assertThat(print(dtb)).as("version %s", version).isEqualTo(ReferenceTools.onBlob(dtb, ReferenceTools::fdtdump));
        }
    }

    @Test
    void refusesAnUnknownTokenBeforeWritingAnything() {
        byte[] dtb = new RawBlob().begin("").prop("a", "x").end().finish();
        dtb[dtb.length - 2 - 1] = 0x0a; // strings block is "a\0": the END token's last byte sits just before it
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        StringBuilder sb = new StringBuilder();
        try {
            assertThatThrownBy(() -> FdtDumpPrinter.print(blob, sb)).isInstanceOfSatisfying(FdtException.class, e -> {
                assertThat(e.error()).isEqualTo(FdtError.BADSTRUCTURE);
                assertThat(e.getMessage()).contains("unknown token 0x0000000a");
            });
            assertThat(sb).isEmpty();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void refusesANameOffsetOutsideTheBlob() {
        byte[] dtb = new RawBlob().begin("").prop("a", "x").end().finish();
        int prop = 40 + 16 + 8; // header, terminator entry, root BEGIN_NODE + empty name
        dtb[prop + 8] = 0x7f;   // nameoff 0x7f000000
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            assertThatThrownBy(() -> FdtDumpPrinter.print(blob, new StringBuilder()))
                    .isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.error()).isEqualTo(FdtError.BADOFFSET));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }
}
