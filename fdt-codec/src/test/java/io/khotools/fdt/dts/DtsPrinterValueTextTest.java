package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DtsPrinterValueTextTest {

    @Test
    void rendersEachShapeAsDtcPrintsIt() {
        assertThat(DtsPrinter.valueText(new byte[0])).isEqualTo(";");
        assertThat(DtsPrinter.valueText(new byte[] {0, 0, 0, 1})).isEqualTo(" = <0x01>;");
        assertThat(DtsPrinter.valueText("a\0b\0".getBytes(StandardCharsets.US_ASCII))).isEqualTo(" = \"a\", \"b\";");
        assertThat(DtsPrinter.valueText(new byte[] {1, 2, 3})).isEqualTo(" = [01 02 03];");
    }

    @Test
    void longValuesAreNotCutAtTheFlushSize() {
        byte[] big = new byte[40_000]; // 10,000 cells: several internal chunks
        String text = DtsPrinter.valueText(big);
        assertThat(text).startsWith(" = <0x00 0x00").endsWith(" 0x00>;");
        assertThat(text.split("0x00", -1)).hasSize(10_001);
    }
}
