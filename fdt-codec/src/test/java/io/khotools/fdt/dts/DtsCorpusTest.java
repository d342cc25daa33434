package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.testsupport.DtcRunner;
import io.khotools.fdt.testsupport.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-world corpus (issue 3, acceptance 2): every {@code .dtb}/{@code .dtbo} that
 * {@code scripts/corpus/fetch-dtbs.sh} extracted from Debian packages must (1) print, compile with the
 * installed dtc ({@code -b} = the blob's boot cpu id) and give exactly the bytes of dtc's own dtb→dtb, and
 * (2) print as the installed dtc prints it, apart from the documented 1.6.1 differences.
 *
 * <p>Corpus folder: system property {@code khotools.corpus.dir}, else {@code KHOTOOLS_CORPUS_DIR}, else
 * {@code ${XDG_CACHE_HOME:-$HOME/.cache}/khotools/corpus}. With {@code -Dkhotools.corpus.fetch=true} (or
 * {@code KHOTOOLS_CORPUS_FETCH=1}) the script runs first when apt-get is there. Skipped with a message
 * when the corpus or dtc is missing. dtc runs in one shell per core ({@link DtcBatch}).
 */
class DtsCorpusTest {
    private static final int CHUNK = 200;

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void everyCorpusBlobRoundTripsAndPrintsAsDtcDoes(@TempDir Path work) throws IOException {
        assumeTrue(DtcRunner.version() != null, "dtc not installed: corpus test skipped");
        Path dir = corpusDir();
        maybeFetch(dir);
        List<Path> blobs;
        try (Stream<Path> s = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            blobs = s.filter(p -> !p.toString().contains("/.apt/"))
                    .filter(p -> p.toString().endsWith(".dtb") || p.toString().endsWith(".dtbo"))
                    .sorted().toList();
        }
        assumeTrue(!blobs.isEmpty(), "no corpus in " + dir + ": run scripts/corpus/fetch-dtbs.sh "
                + "(or -Dkhotools.corpus.fetch=true) to enable the corpus test");

        long printNanos = 0;
        long dtcNanos = 0;
        long t0 = System.nanoTime();
        Map<String, Integer> skipped = new TreeMap<>();
        boolean dtc17 = DtcBatch.dtcAtLeast17();
        int printed = 0;
        int withLabels = 0;
        int withRefs = 0;
        int identical = 0;
        int dedup = 0;
        int textSame = 0;
        List<String> failures = new ArrayList<>();
        // chunks keep memory and scratch files small whatever the corpus size
        for (int from = 0; from < blobs.size(); from += CHUNK) {
            long a = System.nanoTime();
            List<DtcBatch.Job> jobs = new ArrayList<>();
            List<String> plainTexts = new ArrayList<>();
            for (Path p : blobs.subList(from, Math.min(blobs.size(), from + CHUNK))) {
                byte[] dtb = Files.readAllBytes(p);
                String restored;
                String plain;
                try {
                    restored = DtsRoundTrip.print(dtb);
                    plain = DtsRoundTrip.print(dtb, DtsPrinter.Symbols.IGNORE);
                } catch (FdtException e) {
                    skipped.merge("reader rejects (" + e.error() + ")", 1, Integer::sum);
                    continue;
                }
                printed++;
                withLabels += restored.equals(plain) ? 0 : 1;
                withRefs += restored.contains("<&") ? 1 : 0;
                jobs.add(new DtcBatch.Job(p, restored, DtsRoundTrip.bootCpuId(dtb)));
                plainTexts.add(plain);
            }
            long b = System.nanoTime();
            Path chunkDir = Files.createDirectories(work.resolve("chunk" + from));
            List<DtcBatch.Result> results = DtcBatch.run(jobs, chunkDir);
            printNanos += b - a;
            dtcNanos += System.nanoTime() - b;
            for (int i = 0; i < jobs.size(); i++) {
                DtcBatch.Job job = jobs.get(i);
                DtcBatch.Result r = results.get(i);
                if (r.reference() == null) {
                    skipped.merge("dtc rejects the blob", 1, Integer::sum);
                    continue;
                }
                String name = dir.relativize(job.blob()).toString();
                String lossless = DtsRoundTrip.losslessVerdict(r.reference(), r.compiled(), job.ourText(), dtc17);
                if (lossless == null) {
                    identical++;
                } else if (lossless.equals("dedup")) {
                    dedup++;
                } else {
                    failures.add(name + ": " + lossless);
                }
                String text = DtsRoundTrip.textVerdict(job.ourText(), plainTexts.get(i), r.dtcText());
                if (text == null) {
                    textSame++;
                } else {
                    failures.add(name + ": " + text);
                }
            }
            deleteTree(chunkDir);
        }
        long total = System.nanoTime() - t0;
        System.out.printf("corpus %s: %d blobs; printed %d (labels restored in %d, references in %d); "
                + "dtc round trip identical %d, identical once 1.6.1's repeated fixups are removed %d; "
                + "text as dtc %s prints it (documented differences aside) %d; skipped %s; failures %d; "
                + "print %d ms, dtc %d ms, total %d ms%n",
                dir, blobs.size(), printed, withLabels, withRefs, identical, dedup, DtcRunner.version(),
                textSame, skipped, failures.size(), printNanos / 1_000_000, dtcNanos / 1_000_000, total / 1_000_000);
        assertThat(failures.subList(0, Math.min(20, failures.size())))
                .as("%d corpus failures, the first 20", failures.size()).isEmpty();
    }

    static Path corpusDir() {
        String prop = System.getProperty("khotools.corpus.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("KHOTOOLS_CORPUS_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("khotools").resolve("corpus");
    }

    /** Runs the fetch script when asked to and apt-get exists; failures leave the test to skip. */
    private static void maybeFetch(Path dir) throws IOException {
        boolean asked = Boolean.getBoolean("khotools.corpus.fetch") || "1".equals(System.getenv("KHOTOOLS_CORPUS_FETCH"));
        if (!asked || Files.exists(dir.resolve(".complete")) || !ReferenceTools.available("apt-get")) {
            return;
        }
        Path script = TestData.path("").getParent().resolve("scripts/corpus/fetch-dtbs.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).inheritIO();
        pb.environment().put("KHOTOOLS_CORPUS_DIR", dir.toString());
        try {
            Process p = pb.start();
            if (!p.waitFor(15, TimeUnit.MINUTES)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
