package io.khotools.kho.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.kho.NativeBytes;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ElfCoreMemory over ElfCoreWriter's files, hand-damaged headers, and binutils' view of the same files. */
class ElfCoreMemoryTest {
    static final long A = 0x1_0000_0000L;
    static final long B = 0x2_0000_0000L;

    /** Two runs: pages A, A+1 (bytes = low byte of the address + 1) and page B (0xb0 + offset). */
    static SparseMemory twoRuns() {
        SparseMemory m = new SparseMemory(12);
        for (int i = 0; i < 0x2000; i++) {
            m.write(A + i, new byte[] {(byte) (i + 1)});
        }
        for (int i = 0; i < 0x1000; i++) {
            m.write(B + i, new byte[] {(byte) (0xb0 + i)});
        }
        return m;
    }

    static SparseMemory copy(ElfCoreMemory e) {
        SparseMemory m = new SparseMemory(12);
        for (PhysRange r : e.present()) {
            byte[] b = new byte[Math.toIntExact(r.size())];
            assertThat(e.read(r.start(), b, 0, b.length)).isTrue();
            m.write(r.start(), b);
        }
        return m;
    }

    static void putPhdr(byte[] elf, int index, String field, long v, ByteOrder o) {
        int at = Elf.EHDR_SIZE + Elf.PHDR_SIZE * index + switch (field) {
            case "offset" -> Elf.P_OFFSET;
            case "paddr" -> Elf.P_PADDR;
            case "filesz" -> Elf.P_FILESZ;
            case "memsz" -> Elf.P_MEMSZ;
            default -> throw new IllegalArgumentException(field);
        };
        NativeBytes.putU64(elf, at, v, o);
    }

    @Test
    void writerOutputReadsBackInBothByteOrdersAndIsDeterministic() {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            ElfCoreWriter w = ElfCoreWriter.of(o, Elf.EM_AARCH64);
            byte[] elf = w.toBytes(twoRuns());
            assertThat(w.toBytes(twoRuns())).isEqualTo(elf);
            // header + 2 phdrs padded to a page, then 3 pages
            assertThat(elf).hasSize(0x1000 + 0x3000);
            ElfCoreMemory m = ElfCoreMemory.of(elf);
            assertThat(m.byteOrder()).isEqualTo(o);
            assertThat(m.machine()).isEqualTo(Elf.EM_AARCH64);
            assertThat(m.issues()).isEmpty();
            assertThat(m.segments()).containsExactly(new ElfSegment(0, 0x1000, 0x2000, A, A, 0x2000),
                    new ElfSegment(1, 0x3000, 0x1000, B, B, 0x1000));
            assertThat(m.present()).containsExactly(PhysRange.of(A, 0x2000), PhysRange.of(B, 0x1000));
            assertThat(copy(m)).isEqualTo(twoRuns());
        }
    }

    @Test
    void absentRangesAreReportedPerGapAndReadsFillWhatIsThere() {
        ElfCoreMemory m = ElfCoreMemory.of(ElfCoreWriter.x86_64().toBytes(twoRuns()));
        assertThat(m.absent(A - 0x10, 0x20)).containsExactly(new PhysRange(A - 0x10, A));
        assertThat(m.absent(A, 0x2000)).isEmpty();
        assertThat(m.absent(A + 0x1ff0, B - A - 0x1ff0)).containsExactly(new PhysRange(A + 0x2000, B));
        assertThat(m.absent(B + 0xff0, 0x20)).containsExactly(new PhysRange(B + 0x1000, B + 0x1010));
        assertThat(m.absent(-8, 8)).containsExactly(new PhysRange(-8, 0));
        byte[] d = new byte[0x20];
        assertThat(m.read(A - 0x10, d, 0, d.length)).isFalse();
        assertThat(d[0x10]).isEqualTo((byte) 1);
        assertThat(d[0x1f]).isEqualTo((byte) 0x10);
        assertThat(m.read(Long.MAX_VALUE - 4, d, 0, 16)).isFalse();
    }

    @Test
    void fileSizeBelowMemorySizeReadsAsZerosAndAboveIsCut() {
        byte[] elf = ElfCoreWriter.x86_64().toBytes(twoRuns());
        putPhdr(elf, 1, "memsz", 0x3000, ByteOrder.LITTLE_ENDIAN); // 2 zero pages after B's page
        putPhdr(elf, 0, "filesz", 0x3000, ByteOrder.LITTLE_ENDIAN); // more than p_memsz 0x2000
        ElfCoreMemory m = ElfCoreMemory.of(elf);
        assertThat(m.issues()).extracting(ImageIssue::segment, ImageIssue::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, ImageIssue.Kind.FILE_SIZE_OVER_MEMORY_SIZE));
        assertThat(m.present()).containsExactly(PhysRange.of(A, 0x2000), PhysRange.of(B, 0x3000));
        byte[] d = new byte[8];
        assertThat(m.read(B + 0xffc, d, 0, 8)).isTrue();
        assertThat(d).containsExactly(0xb0 + 0xffc, 0xb0 + 0xffd, 0xb0 + 0xffe, 0xb0 + 0xfff, 0, 0, 0, 0);
    }

    @Test
    void segmentsPastTheEndOfTheFileAreAbsentNotThrown() {
        byte[] elf = ElfCoreWriter.x86_64().toBytes(twoRuns());
        byte[] cut = java.util.Arrays.copyOf(elf, 0x3800); // half of B's page missing
        ElfCoreMemory m = ElfCoreMemory.of(cut);
        assertThat(m.issues()).extracting(ImageIssue::kind).containsExactly(ImageIssue.Kind.PAST_END_OF_FILE);
        assertThat(m.absent(B, 0x1000)).containsExactly(new PhysRange(B + 0x800, B + 0x1000));

        putPhdr(elf, 0, "offset", -0x10L, ByteOrder.LITTLE_ENDIAN); // p_offset + p_filesz overflows
        putPhdr(elf, 1, "offset", 0x7fff_ffff_ffff_f000L, ByteOrder.LITTLE_ENDIAN); // far past EOF
        m = ElfCoreMemory.of(elf);
        assertThat(m.issues()).extracting(ImageIssue::segment, ImageIssue::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, ImageIssue.Kind.PAST_END_OF_FILE),
                org.assertj.core.groups.Tuple.tuple(1, ImageIssue.Kind.PAST_END_OF_FILE));
        assertThat(m.present()).isEmpty();
        assertThat(m.absent(A, 0x10)).containsExactly(PhysRange.of(A, 0x10));
    }

    @Test
    void overlappingSegmentsAreReportedAndTheLowerOneWins() {
        byte[] elf = ElfCoreWriter.x86_64().toBytes(twoRuns());
        putPhdr(elf, 1, "paddr", A + 0x1000, ByteOrder.LITTLE_ENDIAN); // B's page now over A's second page
        ElfCoreMemory m = ElfCoreMemory.of(elf);
        assertThat(m.issues()).extracting(ImageIssue::segment, ImageIssue::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, ImageIssue.Kind.OVERLAP));
        byte[] d = new byte[1];
        m.read(A + 0x1000, d, 0, 1);
        assertThat(d[0]).isEqualTo((byte) 0x01); // segment 0's byte (0x1000 + 1) & 0xff
        putPhdr(elf, 1, "paddr", A + 0x1800, ByteOrder.LITTLE_ENDIAN); // half over: the upper half survives
        m = ElfCoreMemory.of(elf);
        assertThat(m.present()).containsExactly(PhysRange.of(A, 0x2800));
        m.read(A + 0x2000, d, 0, 1);
        assertThat(d[0]).isEqualTo((byte) (0xb0 + 0x800));
    }

    @Test
    void addressesAtOrAbove2To63AreReportedAndSkipped() {
        byte[] elf = ElfCoreWriter.x86_64().toBytes(twoRuns());
        putPhdr(elf, 0, "paddr", 0x8000_0000_0000_0000L, ByteOrder.LITTLE_ENDIAN);
        putPhdr(elf, 1, "paddr", Long.MAX_VALUE - 0x800, ByteOrder.LITTLE_ENDIAN);
        ElfCoreMemory m = ElfCoreMemory.of(elf);
        assertThat(m.issues()).extracting(ImageIssue::kind)
                .containsExactly(ImageIssue.Kind.ADDRESS_RANGE, ImageIssue.Kind.ADDRESS_RANGE);
        assertThat(m.present()).containsExactly(new PhysRange(Long.MAX_VALUE - 0x800, Long.MAX_VALUE));
    }

    @Test
    void unreadableHeadersThrowImageFormatExceptionAtTheField() {
        byte[] good = ElfCoreWriter.x86_64().toBytes(twoRuns());
        assertThatThrownBy(() -> ElfCoreMemory.of(new byte[10])).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("shorter than the 64-byte");
        byte[] b = good.clone();
        b[Elf.EI_CLASS] = 1;
        assertThatThrownBy(() -> ElfCoreMemory.of(b)).isInstanceOf(ImageFormatException.class)
                .extracting(e -> ((ImageFormatException) e).offset()).isEqualTo((long) Elf.EI_CLASS);
        byte[] t = good.clone();
        t[Elf.E_TYPE] = 2; // ET_EXEC
        assertThatThrownBy(() -> ElfCoreMemory.of(t)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("e_type 2 is not ET_CORE");
        byte[] n = java.util.Arrays.copyOf(good, 0x1000);
        NativeBytes.putU16(n, Elf.E_PHNUM, 0xfffe, ByteOrder.LITTLE_ENDIAN); // 0xfffe * 56 bytes > the file
        assertThatThrownBy(() -> ElfCoreMemory.of(n)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("65534 entries");
        byte[] x = good.clone();
        NativeBytes.putU16(x, Elf.E_PHNUM, Elf.PN_XNUM, ByteOrder.LITTLE_ENDIAN); // count in a section header
        NativeBytes.putU64(x, Elf.E_SHOFF, 0x1000 + 0x2000 - 64, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> ElfCoreMemory.of(x)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("does not fit the file"); // sh_info there reads page bytes: a huge count
        byte[] p = good.clone();
        NativeBytes.putU64(p, Elf.E_PHOFF, -1L, ByteOrder.LITTLE_ENDIAN);
        assertThatThrownBy(() -> ElfCoreMemory.of(p)).isInstanceOf(ImageFormatException.class)
                .extracting(e -> ((ImageFormatException) e).offset()).isEqualTo((long) Elf.E_PHOFF);
    }

    @Test
    void mappedFileReadsLikeTheArray(@TempDir Path dir) throws IOException {
        byte[] elf = ElfCoreWriter.of(ByteOrder.BIG_ENDIAN, Elf.EM_AARCH64).toBytes(twoRuns());
        Path f = dir.resolve("core.elf");
        try (var out = Files.newOutputStream(f)) {
            ElfCoreWriter.of(ByteOrder.BIG_ENDIAN, Elf.EM_AARCH64).write(twoRuns(), out);
        }
        assertThat(Files.readAllBytes(f)).isEqualTo(elf);
        ElfCoreMemory m = ElfCoreMemory.open(f);
        assertThat(m.segments()).isEqualTo(ElfCoreMemory.of(elf).segments());
        assertThat(copy(m)).isEqualTo(twoRuns());
    }

    @Test
    void readelfSeesOneLoadPerRunAtThePhysicalAddresses(@TempDir Path dir) throws Exception {
        Path readelf = Path.of("/usr/bin/readelf");
        Assumptions.assumeTrue(Files.isExecutable(readelf), "binutils readelf not installed");
        Path f = dir.resolve("core.elf");
        Files.write(f, ElfCoreWriter.x86_64().toBytes(twoRuns()));
        Process p = new ProcessBuilder(readelf.toString(), "-W", "-h", "-l", f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("CORE (Core file)").contains("Advanced Micro Devices X86-64")
                .doesNotContain("Warning").doesNotContain("Error");
        assertThat(out).containsPattern(
                "LOAD +0x001000 0x0000000100000000 0x0000000100000000 0x002000 0x002000 RWE 0x1000");
        assertThat(out).containsPattern(
                "LOAD +0x003000 0x0000000200000000 0x0000000200000000 0x001000 0x001000 RWE 0x1000");
    }
}
