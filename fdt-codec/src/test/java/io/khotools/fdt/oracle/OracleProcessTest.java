package io.khotools.fdt.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestBlobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The oracle process itself: one process answers many blobs in order with libfdt's codes, and a crash is
 * pinned on the blob being checked while the blobs after it are still answered by a fresh process.
 */
class OracleProcessTest {

    @Test
    void answersEveryBlobInOrderFromOneProcess() {
        List<byte[]> blobs = new ArrayList<>();
        List<LibfdtVerdict> expected = new ArrayList<>();
        for (BaseBlobs.Base g : BaseBlobs.goldens()) {
            if (!g.name().startsWith("fdt/invalid/")) {
                blobs.add(g.bytes());
                expected.add(new LibfdtVerdict('f', 0));
            }
        }
        add(blobs, expected, "fdt.header.truncated--short-buffer", new LibfdtVerdict('s', -8)); // TRUNCATED
        add(blobs, expected, "fdt.header.magic--flipped-bit", new LibfdtVerdict('h', -9)); // BADMAGIC
        add(blobs, expected, "fdt.header.version--version-1", new LibfdtVerdict('h', -10)); // BADVERSION
        add(blobs, expected, "fdt.header.totalsize--larger-than-buffer", new LibfdtVerdict('f', -8));
        add(blobs, expected, "fdt.string.offset--past-strings-block", new LibfdtVerdict('f', -4)); // BADOFFSET
        add(blobs, expected, "fdt.struct.token--five", new LibfdtVerdict('f', -11)); // BADSTRUCTURE
        // the same blobs ten times over: answers stay in step across many frames
        List<byte[]> many = new ArrayList<>();
        List<LibfdtVerdict> manyExpected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            many.addAll(blobs);
            manyExpected.addAll(expected);
        }
        try (LibfdtOracle oracle = LibfdtOracle.start()) {
            long pid = oracle.pid();
            assertThat(oracle.check(many)).containsExactlyElementsOf(manyExpected);
            assertThat(oracle.pid()).isEqualTo(pid);
            assertThat(oracle.restarts()).isZero();
        }
    }

    @Test
    void aCrashIsPinnedOnItsBlobAndTheRestAreStillAnswered() throws Exception {
        byte[] valid = BaseBlobs.goldens().stream().filter(g -> g.name().equals("fdt/valid/basic.dtb"))
                .findFirst().orElseThrow().bytes();
        try (LibfdtOracle oracle = LibfdtOracle.start()) {
            // libfdt cannot be made to crash on purpose everywhere, so the process gets the signal a bad read
            // would raise while it waits for the next blob; its handler answers that blob with the crash
            ProcessHandle p = ProcessHandle.of(oracle.pid()).orElseThrow();
            Process kill = new ProcessBuilder("sh", "-c", "kill -SEGV " + oracle.pid()).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kill.exitValue()).isZero();
            p.onExit().get(10, TimeUnit.SECONDS);

            List<LibfdtVerdict> v = oracle.check(List.of(valid, valid, valid));

            assertThat(v).containsExactly(new LibfdtVerdict('c', LibfdtVerdict.SIGSEGV),
                    new LibfdtVerdict('f', 0), new LibfdtVerdict('f', 0));
            assertThat(oracle.restarts()).isEqualTo(1);
            assertThat(oracle.pid()).isNotEqualTo(p.pid());
        }
    }

    private static void add(List<byte[]> blobs, List<LibfdtVerdict> expected, String fixture, LibfdtVerdict v) {
        blobs.add(TestBlobs.invalidCases().stream().filter(c -> c.name().equals(fixture)).findFirst()
                .orElseThrow().build());
        expected.add(v);
    }
}
