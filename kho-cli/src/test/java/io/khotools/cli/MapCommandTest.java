package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.view.MemoryRegion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code kho map}: the SVG file (atomic, deterministic, well-formed), colour and width, hostile names; images on stdin. */
class MapCommandTest {
    private static final String V4 = "cli/inputs/v4.elf";

    @Test
    void writesTheSvgWholeAndTheSameEachTime(@TempDir Path dir) throws Exception {
        Files.copy(TestData.path(V4), dir.resolve("v4.elf"));
        CliRun first = CliRun.run(dir, InputStream.nullInputStream(), "map", "--svg", "map.svg", "v4.elf");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("KHO memory of ", "sub-blob   memblock");
        byte[] svg = Files.readAllBytes(dir.resolve("map.svg"));
        CliRun again = CliRun.run(dir, InputStream.nullInputStream(), "map", "--svg", "map.svg", "v4.elf");
        assertThat(again.exit()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("map.svg"))).isEqualTo(svg);
        // the same document as --svg - prints
        assertThat(new String(svg, java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(CliRun.run(dir, InputStream.nullInputStream(), "map", "--svg", "-", "v4.elf").out());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("rect").getLength()).isGreaterThan(8);
        assertThat(leftovers(dir)).containsExactlyInAnyOrder("map.svg", "v4.elf");
    }

    @Test
    void aFailedSvgWriteLeavesTheOldFileAndPrintsNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("map.svg"), "old\n");
        CliRun run = CliRun.run(dir, InputStream.nullInputStream(), "map", "--svg", "map.svg",
                TestData.path("cli/inputs/v4-header-cut.elf").toString());
        assertThat(run.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(dir.resolve("map.svg"))).isEqualTo("old\n");
        Files.createDirectory(dir.resolve("sub"));
        CliRun toDir = CliRun.run(dir, InputStream.nullInputStream(), "map", "--svg", "sub", TestData.path(V4).toString());
        assertThat(toDir.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(toDir.err()).isEqualTo("kho: sub: is a directory, expected an output file name\n");
        assertThat(toDir.out()).isEmpty();
        assertThat(leftovers(dir)).containsExactlyInAnyOrder("map.svg", "sub");
    }

    @Test
    void colourOnlyWhenAskedOrATerminalAndTheBarHasTheWidth() {
        // the tests' standard output is no terminal: auto means none
        assertThat(CliRun.run("map", V4).out()).doesNotContain("\u001b[");
        assertThat(CliRun.run("map", "--color", "never", V4).out()).doesNotContain("\u001b[");
        assertThat(CliRun.run("map", "--color", "always", V4).out()).contains("\u001b[32m", "\u001b[0m");
        for (int width : new int[] {8, 40, 200}) {
            List<String> bars = CliRun.run("map", "--width", Integer.toString(width), V4).out().lines()
                    .filter(l -> l.endsWith("]")).toList();
            // one bar per kind present in the v4 image: scratch, preserved, map pages, sub-blob
            assertThat(bars).extracting(l -> l.substring(0, l.indexOf('[')).trim())
                    .containsExactly("scratch", "preserved", "map pages", "sub-blob");
            assertThat(bars).allSatisfy(l -> assertThat(l.length() - l.indexOf('[') - 2).as("width %d", width)
                    .isBetween(1, width));
        }
    }

    @Test
    void namesFromTheInputCannotEscapeIntoTheTerminalOrTheSvg() throws Exception {
        MemoryPicture p = new MemoryPicture(List.of(
                new MemoryRegion(MemoryRegion.Kind.SUB_BLOB, "<a href=\"x\">&\u001b[31m\u00e9", 0x1000, 0x10),
                new MemoryRegion(MemoryRegion.Kind.SCRATCH, "scratch lowmem", 0, 0x1000)));
        String text = p.text(16, false);
        assertThat(text).doesNotContain("\u001b").contains("<a href=\"x\">&\\x1b[31m\\xe9");
        String svg = p.svg("t <&>", List.of("n \u0007"));
        assertThat(svg).doesNotContain("\u001b", "\u0007", "<a href").contains("&lt;a href=&quot;x&quot;&gt;&amp;\\x1b[31m\\xe9");
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(MemoryPicture.size(0x1800)).isEqualTo("6 KiB");
        assertThat(MemoryPicture.size(0x1_8000_0000L)).isEqualTo("6 GiB");
        assertThat(MemoryPicture.size(0x180_0001L)).isEqualTo("24.0 MiB");
        assertThat(MemoryPicture.size(5)).isEqualTo("5 B");
    }

    @Test
    void anImageOnStandardInputIsReadLikeTheFile() {
        byte[] elf = TestData.bytes(V4);
        CliRun stdin = CliRun.run(TestData.root(), new ByteArrayInputStream(elf), "dump", "--format", "kho", "-");
        assertThat(stdin.exit()).as(stdin.err()).isZero();
        assertThat(stdin.out()).isEqualTo(CliRun.run("dump", "--format", "kho", V4).out());
        byte[] raw = TestData.bytes("cli/inputs/v4-root-pages.raw");
        CliRun rawStdin = CliRun.run(TestData.root(), new ByteArrayInputStream(raw), "validate", "-q",
                "--raw-base", "0x80000000", "-");
        assertThat(rawStdin.out()).isEqualTo(CliRun.run("validate", "-q", "--raw-base", "0x80000000",
                "cli/inputs/v4-root-pages.raw").out()).contains("kho.state.absent");
    }

    private static List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
