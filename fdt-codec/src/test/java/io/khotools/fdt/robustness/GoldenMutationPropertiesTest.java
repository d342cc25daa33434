package io.khotools.fdt.robustness;

import io.khotools.fdt.testsupport.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every single-byte mutation class (set to 0x00, 0xff or a random value, flip one bit) and every truncation of
 * every golden in testdata/fdt/valid/: the reader throws only FdtException and the validator nothing.
 * The deterministic classes are run exhaustively; random values are sampled.
 */
class GoldenMutationPropertiesTest {
    private static final List<byte[]> GOLDENS = TestData.list("fdt/valid", ".dtb").stream()
            .map(GoldenMutationPropertiesTest::read).toList();

    @Example
    void everyTruncationOfEveryGolden() {
        for (byte[] g : GOLDENS) {
            for (int len = 0; len < g.length; len++) {
                Robustness.check(Arrays.copyOf(g, len));
            }
        }
    }

    @Example
    void everyPositionSetToZeroOrFfAndEveryBitFlipped() {
        for (byte[] g : GOLDENS) {
            for (int pos = 0; pos < g.length; pos++) {
                Robustness.check(set(g, pos, 0x00));
                Robustness.check(set(g, pos, 0xff));
                for (int bit = 0; bit < 8; bit++) {
                    Robustness.check(set(g, pos, g[pos] ^ (1 << bit)));
                }
            }
        }
    }

    @Property(tries = 2000)
    void randomByteAtRandomPosition(@ForAll("mutations") byte[] mutated) {
        Robustness.check(mutated);
    }

    @Property(tries = 1000)
    void twoRandomBytesThenATruncation(@ForAll("doubleMutations") byte[] mutated) {
        Robustness.check(mutated);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        return Combinators.combine(Arbitraries.of(GOLDENS), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().between(0, 255)).as((g, pos, v) -> set(g, pos % g.length, v));
    }

    @Provide
    Arbitrary<byte[]> doubleMutations() {
        Arbitrary<Integer> any = Arbitraries.integers().greaterOrEqual(0);
        return Combinators.combine(Arbitraries.of(GOLDENS), any, any, any, Arbitraries.integers().between(0, 255))
                .as((g, p1, p2, cut, v) -> {
                    byte[] b = set(set(g, p1 % g.length, v), p2 % g.length, ~v);
                    return Arrays.copyOf(b, g.length - cut % 64);
                });
    }

    private static byte[] set(byte[] g, int pos, int value) {
        byte[] b = g.clone();
        b[pos] = (byte) value;
        return b;
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
