package io.khotools.fdt.dts;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.DtcRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Lossless printing: for random blobs (plain ones from {@link RandomDts}, labelled ones with references
 * and overlays from {@link RandomLabelledDts}) and for every valid testdata blob, our text compiled by dtc
 * with the blob's boot cpu id gives exactly dtc's own dtb→dtb bytes (with dtc older than 1.7, overlays are
 * compared once the fixup entries that dtc repeats are removed; see {@link DtsRoundTrip#losslessVerdict}),
 * and our text is what the installed dtc prints apart from the documented differences. dtc runs batched
 * ({@link DtcBatch}); the whole class takes well under a minute. Skipped when dtc is missing.
 */
@AddLifecycleHook(PrintersDifferentialPropertiesTest.NeedsDtc.class)
class DtsLosslessPropertiesTest {
    @Provide
    Arbitrary<List<Long>> seedBatches() {
        return Arbitraries.longs().list().ofSize(40);
    }

    @Property(tries = 8, shrinking = ShrinkingMode.OFF)
    void randomBlobsRoundTripThroughOurText(@ForAll("seedBatches") List<Long> seeds) throws IOException {
        Path work = Files.createTempDirectory("khotools-lossless");
        try {
            List<Path> blobs = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                long seed = seeds.get(i);
                byte[] dtb = i % 2 == 0
                        ? compile(RandomLabelledDts.generate(seed))
                        : DtcRunner.compile(work, RandomDts.generate(seed), List.of("-f"));
                Path p = work.resolve("blob" + i + ".dtb");
                Files.write(p, dtb);
                blobs.add(p);
            }
            check(blobs, work);
        } finally {
            deleteTree(work);
        }
    }

    @net.jqwik.api.Example
    void everyValidTestBlobRoundTrips() throws IOException {
        Path work = Files.createTempDirectory("khotools-lossless");
        try {
            check(Blobs.valid(), work);
        } finally {
            deleteTree(work);
        }
    }

    private static byte[] compile(RandomLabelledDts.Source src) {
        try {
            Path dir = Files.createTempDirectory("khotools-src");
            try {
                List<String> flags = new ArrayList<>(src.flags());
                flags.add("-f");
                return DtcRunner.compile(dir, src.text(), flags);
            } finally {
                deleteTree(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void check(List<Path> blobs, Path work) throws IOException {
        List<DtcBatch.Job> jobs = new ArrayList<>();
        List<String> plain = new ArrayList<>();
        for (Path p : blobs) {
            byte[] dtb = Files.readAllBytes(p);
            jobs.add(new DtcBatch.Job(p, DtsRoundTrip.print(dtb), DtsRoundTrip.bootCpuId(dtb)));
            plain.add(DtsRoundTrip.print(dtb, DtsPrinter.Symbols.IGNORE));
        }
        List<DtcBatch.Result> results = DtcBatch.run(jobs, work);
        boolean dtc17 = DtcBatch.dtcAtLeast17();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            DtcBatch.Result r = results.get(i);
            String text = jobs.get(i).ourText();
            String lossless = DtsRoundTrip.losslessVerdict(r.reference(), r.compiled(), text, dtc17);
            if (lossless != null && !lossless.equals("dedup")) {
                failures.add(blobs.get(i).getFileName() + ": " + lossless + "\n" + text);
            }
            String same = DtsRoundTrip.textVerdict(text, plain.get(i), r.dtcText());
            if (same != null) {
                failures.add(blobs.get(i).getFileName() + ": " + same + "\n" + text);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
