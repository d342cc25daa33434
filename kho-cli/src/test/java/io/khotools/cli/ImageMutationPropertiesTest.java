package io.khotools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import java.io.ByteArrayInputStream;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Hostile memory images through the commands: the v4 image with a few bytes changed (anywhere: ELF headers,
 * the setup_data record, the root FDT, the scratch array, sub-blobs, map pages) or cut short, read from
 * standard input by {@code dump --format kho}, {@code validate} and {@code map}, never ends in an internal
 * error or a stack trace, and an exit 3 is one line.
 */
class ImageMutationPropertiesTest {
    private static final byte[] V4 = TestData.bytes("cli/inputs/v4.elf");
    private static final List<List<String>> COMMANDS = List.of(List.of("dump", "--format", "kho", "-"),
            List.of("validate", "-"), List.of("map", "-"));

    static void check(byte[] image) {
        for (List<String> cmd : COMMANDS) {
            CliRun run = CliRun.run(TestData.root(), new ByteArrayInputStream(image), cmd.toArray(String[]::new));
            assertThat(run.exit()).as("%s: %s", cmd, run.err()).isIn(ExitCodes.OK, ExitCodes.FINDINGS, ExitCodes.BAD_INPUT);
            assertThat(run.err()).as("%s", cmd).doesNotContain("\tat ", "Exception", "internal error");
            if (run.exit() == ExitCodes.BAD_INPUT) {
                assertThat(run.err().lines()).as("%s", cmd).hasSize(1);
            }
        }
    }

    @Property(tries = 40)
    void changedBytesNeverCrash(@ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 49151) Integer> at,
            @ForAll byte value) {
        byte[] b = V4.clone();
        for (int i : at) {
            b[i % b.length] = value;
        }
        check(b);
    }

    @Example
    void hugeSegmentsAreNotScannedByteByByte() {
        // segment 0 claims 2^40 bytes of memory (zeros past its file bytes), segment 1 2^40 bytes of file
        // (mostly past the end): the searches read only what the file holds
        byte[] b = V4.clone();
        java.nio.ByteBuffer phdr = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        phdr.putLong(0x40 + 40, 1L << 40);
        phdr.putLong(0x40 + 56 + 32, 1L << 40).putLong(0x40 + 56 + 40, 1L << 40);
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> check(b));
    }

    @Property(tries = 25)
    void cutImagesNeverCrash(@ForAll @IntRange(min = 1, max = 49151) int length) {
        check(java.util.Arrays.copyOf(V4, length));
    }
}
