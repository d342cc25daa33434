package io.khotools.fdt.oracle;

import java.util.List;
import java.util.Random;

/**
 * Makes mutant number i of a run from the seed alone: picks a base and a donor, then applies one mutation, or
 * (one time in four) two or three in a row, each aimed with a fresh {@link TokenMap}. Deterministic: the same
 * seed, bases and index always give the same bytes, so any mutant can be rebuilt without the others.
 */
final class Mutator {
    private static final Mutation[] KINDS = Mutation.values();

    private final long seed;
    private final List<BaseBlobs.Base> bases;

    Mutator(long seed, List<BaseBlobs.Base> bases) {
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("no base blobs");
        }
        this.seed = seed;
        this.bases = bases;
    }

    /** Mutant number {@code index}. */
    Mutant mutant(long index) {
        Random r = new Random(mix(seed + 0x9e3779b97f4a7c15L * (index + 1)));
        BaseBlobs.Base base = bases.get(r.nextInt(bases.size()));
        byte[] donor = bases.get(r.nextInt(bases.size())).bytes();
        int steps = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
        byte[] b = base.bytes();
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < steps; i++) {
            Mutation m = KINDS[r.nextInt(KINDS.length)];
            label.append(i == 0 ? "" : "+").append(m.name().toLowerCase(java.util.Locale.ROOT));
            try {
                b = m.apply(new Mutation.Target(b, TokenMap.of(b), r, donor));
            } catch (RuntimeException e) {
                throw new IllegalStateException("mutator bug making #" + index + " (seed " + seed + ") from "
                        + base.name() + ": " + label, e);
            }
        }
        return new Mutant(index, base.name(), label.toString(), b);
    }

    /** SplitMix64's finaliser: neighbouring indexes get unrelated random streams. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
