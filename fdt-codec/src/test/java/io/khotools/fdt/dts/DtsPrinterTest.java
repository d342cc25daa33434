package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.stream.ReadLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DtsPrinterTest {
    static Stream<Path> validBlobs() {
        return Blobs.valid().stream();
    }

    static String print(byte[] dtb) throws IOException {
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            StringBuilder sb = new StringBuilder();
            DtsPrinter.print(blob, sb);
            assertThat(blob.refCnt()).isEqualTo(1);
            assertThat(blob.readerIndex()).isZero();
            return sb.toString();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("validBlobs")
    void printsEveryValidTestBlobAsDtcDoes(Path dtb) throws IOException {
        assumeTrue(ReferenceTools.available("dtc"), "dtc not installed (apt-get install device-tree-compiler): skipped");
        assertThat(Dtc16.normalize(print(Files.readAllBytes(dtb)))).isEqualTo(ReferenceTools.dtcDts(dtb));
    }

    @Test
    void printsTheFrameMemreservesAndValueShapes() throws IOException {
        byte[] dtb = new RawBlob().reserve(0x10000000L, 0x4000).reserve(-1L, 1)
                .begin("")
                .prop("compatible", "acme,a\0acme,b")
                .prop("empty", new byte[0])
                .prop("cells", new byte[] {0, 0, 0, 1, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff})
                .prop("bytes", new byte[] {1, 2, (byte) 0xab})
                .prop("nul", new byte[] {0})
                .prop("esc", "a\"b\\c\td")
                .begin("child@1").end()
                .end().finish();
        assertThat(print(dtb)).isEqualTo("""
                /dts-v1/;

                /memreserve/\t0x0000000010000000 0x0000000000004000;
                /memreserve/\t0xffffffffffffffff 0x0000000000000001;
                / {
                \tcompatible = "acme,a", "acme,b";
                \tempty;
                \tcells = <0x01 0xffffffff>;
                \tbytes = [01 02 ab];
                \tnul = [00];
                \tesc = "a\\"b\\\\c\\td";

                \tchild@1 {
                \t};
                };
                """);
    }

    @Test
    void splitsStringListsAtEveryNulIncludingEmptyStrings() throws IOException {
        byte[] dtb = new RawBlob().begin("").prop("p", new byte[] {'a', 0, 0, 'b', 'c', 0}).end().finish();
        assertThat(print(dtb)).contains("\tp = \"a\", \"\", \"bc\";\n");
    }

    @Test
    void printsPropertiesAfterSubnodesFirstAsDtcDoes() throws IOException {
        byte[] dtb = new RawBlob().begin("")
                .prop("first", "1")
                .begin("a").prop("x", "x").begin("deep").end().prop("late-in-a", "y").end()
                .prop("late", "2")
                .begin("b").end()
                .end().finish();
        String expected = """
                /dts-v1/;

                / {
                \tfirst = "1";
                \tlate = "2";

                \ta {
                \t\tx = "x";
                \t\tlate-in-a = "y";

                \t\tdeep {
                \t\t};
                \t};

                \tb {
                \t};
                };
                """;
        assertThat(print(dtb)).isEqualTo(expected);
        if (ReferenceTools.available("dtc")) {
            assertThat(ReferenceTools.onBlob(dtb, ReferenceTools::dtcDts)).isEqualTo(expected);
        }
    }

    @Test
    void dropsNamePropertiesEqualToTheBaseNameAsDtcDoes() throws IOException {
        byte[] dtb = new RawBlob().begin("")
                .begin("cpu@0").prop("name", "cpu").end()
                .begin("other").prop("name", "different").end()
                .end().finish();
        String text = print(dtb);
        assertThat(text).doesNotContain("name = \"cpu\"").contains("\t\tname = \"different\";\n");
    }

    @Test
    void throwsBeforeWritingAnythingWhenTheBlobIsBroken() {
        byte[] good = new RawBlob().begin("").prop("a", "x").begin("n").end().end().finish();
        byte[] truncatedStruct = good.clone();
        // replace the final FDT_END token with an unknown token 0x0000000a
        truncatedStruct[good.length - 1 - readInt(good, 32) - 1] = 0x0a;
        ByteBuf blob = Unpooled.wrappedBuffer(truncatedStruct);
        StringBuilder sb = new StringBuilder();
        try {
            assertThatThrownBy(() -> DtsPrinter.print(blob, sb)).isInstanceOfSatisfying(FdtException.class,
                    e -> assertThat(e.error()).isEqualTo(FdtError.BADSTRUCTURE));
            assertThat(sb).isEmpty();
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        RawBlob raw = new RawBlob();
        for (int i = 0; i < 12; i++) {
            raw.begin(i == 0 ? "" : "n");
        }
        for (int i = 0; i < 12; i++) {
            raw.end();
        }
        ByteBuf blob = Unpooled.wrappedBuffer(raw.finish());
        try {
            assertThatThrownBy(() -> DtsPrinter.print(blob, new StringBuilder(), ReadLimits.DEFAULT.withMaxDepth(10)))
                    .isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.error()).isEqualTo(FdtError.LIMIT));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void refusesAStructureBlockWithoutRoot() {
        byte[] dtb = new RawBlob().finish(); // just FDT_END: libfdt accepts it, there is nothing to print
        ByteBuf blob = Unpooled.wrappedBuffer(dtb);
        try {
            assertThatThrownBy(() -> DtsPrinter.print(blob, new StringBuilder()))
                    .isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.error()).isEqualTo(FdtError.BADSTRUCTURE));
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void printsOldVersionBlobsAsDtcDoes() throws IOException {
        assumeTrue(ReferenceTools.available("dtc"), "dtc not installed: skipped");
        String src = Files.readString(io.khotools.fdt.testsupport.TestData.path("fdt/valid/basic.dts"));
        for (String version : new String[] {"2", "3", "16"}) {
            byte[] dtb = ReferenceTools.compile(src, "-V", version);
            assertThat(Dtc16.normalize(print(dtb))).as("version %s", version)
                    .isEqualTo(ReferenceTools.onBlob(dtb, ReferenceTools::dtcDts));
        }
    }

    private static int readInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    @Test
    void dtc16NormalizerOnlyJoinsStringLists() {
        assertThat(Dtc16.joinStringList("\tc = \"a\", \"b\";")).isEqualTo("\tc = \"a\\0b\";");
        assertThat(Dtc16.joinStringList("\tc = \"a\\\", \", \"b\";")).isEqualTo("\tc = \"a\\\", \\0b\";");
        assertThat(Dtc16.joinStringList("\tc = \"one\";")).isEqualTo("\tc = \"one\";");
        assertThat(Dtc16.joinStringList("\tc = <0x01>;")).isEqualTo("\tc = <0x01>;");
    }
}
