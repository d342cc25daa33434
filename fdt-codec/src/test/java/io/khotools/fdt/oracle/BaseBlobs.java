package io.khotools.fdt.oracle;

import io.khotools.fdt.testsupport.RandomTrees;
import io.khotools.fdt.testsupport.TestData;
import io.khotools.fdt.testsupport.WriterSpecTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;

/**
 * The blobs mutants are made from: every {@code .dtb} under {@code testdata/fdt/} (valid, versions and the
 * invalid fixtures) and random trees from {@link RandomTrees#anyTrees()} (dtc and libfdt layouts, strict and
 * lenient names, v16 and v17), drawn with a seeded {@link Random} so the list depends on the seed only.
 */
final class BaseBlobs {
    /** jqwik's generation size for the random trees: small enough to keep blobs at a few KiB. */
    private static final int GEN_SIZE = 100;

    private BaseBlobs() {}

    /** One base blob and where it came from ({@code fdt/valid/basic.dtb}, {@code random-tree-7}). */
    record Base(String name, byte[] bytes) {}

    /** The goldens, then {@code trees} random trees drawn from {@code seed}. */
    static List<Base> load(long seed, int trees) {
        List<Base> out = new ArrayList<>(goldens());
        // a plain JUnit test is no jqwik container: a session gives the generators the store they memoize in
        JqwikSession.run(() -> {
            RandomGenerator<WriterSpecTree> gen = RandomTrees.anyTrees().generator(GEN_SIZE);
            Random r = new Random(seed);
            for (int i = 0; i < trees; i++) {
                out.add(new Base("random-tree-" + i, gen.next(r).value().writeBytes()));
            }
        });
        return List.copyOf(out);
    }

    /** Every checked-in blob under {@code testdata/fdt/}, sorted by path. */
    static List<Base> goldens() {
        Path root = TestData.path("fdt");
        List<Base> out = new ArrayList<>();
        for (Path p : TestData.list("fdt", ".dtb")) {
            try {
                out.add(new Base("fdt/" + root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no .dtb under " + root);
        }
        return out;
    }
}
