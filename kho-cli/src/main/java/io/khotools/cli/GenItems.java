package io.khotools.cli;

import io.khotools.fdt.gen.FdtMutator;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoDebugfs;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.gen.GeneratedHandover;
import io.khotools.kho.gen.HandoverGenerator;
import io.khotools.kho.gen.HandoverSpec;
import io.khotools.kho.gen.KhoMutatedMemory;
import io.khotools.kho.gen.KhoMutationTarget;
import io.khotools.kho.gen.KhoMutator;
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.view.HandoverMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Makes and writes the items of one {@code kho gen} run. Every file goes through {@link AtomicOutput}; a
 * {@code kho} directory is written under a temporary name and renamed into place, so an item is there whole or
 * not at all. Each method returns the item's manifest line: file, kind, seed, generation, mutation, rule
 * (tab-separated, {@code -} for none).
 */
final class GenItems {
    private static final KhoAbi[] GENERATIONS = KhoAbi.values();

    private final CliContext context;
    private final String outName;
    private final Path dir;
    private final GenCommand.Kind kind;
    private final KhoAbi generation;
    private final int blocks;
    private final MutationFilter mutations;

    GenItems(CliContext context, String outName, Path dir, GenCommand.Kind kind, KhoAbi generation, int blocks,
            MutationFilter mutationsOrNull) {
        this.context = context;
        this.outName = outName;
        this.dir = dir;
        this.kind = kind;
        this.generation = generation;
        this.blocks = blocks;
        this.mutations = mutationsOrNull;
    }

    String fdt(int index, long seed, byte[] blob, boolean invalid) {
        String mutation = "-";
        String rule = "-";
        byte[] bytes = blob;
        if (invalid) {
            FdtMutator m = pick(mutations.fdt(), index, x -> x.appliesTo(blob), "fdt");
            bytes = m.apply(blob, seed);
            mutation = m.name();
            rule = m.ruleId();
        }
        String file = name(index, mutation, ".dtb");
        writeFile(file, bytes);
        return line(file, seed, "-", mutation, rule);
    }

    String dts(int index, long seed, String source) {
        String file = name(index, "-", ".dts");
        writeFile(file, source.getBytes(StandardCharsets.UTF_8));
        return line(file, seed, "-", "-", "-");
    }

    String kho(int index, long seed, boolean invalid) {
        GeneratedHandover g = generate(index, seed);
        KhoOptions options = g.options();
        KhoImage image = HandoverMemory.read(g.state(), options, Map.of()).image();
        String mutation = "-";
        String rule = "-";
        if (invalid) {
            KhoImage valid = image;
            KhoMutator<?> m = pick(mutations.kho(), index, x -> applies(x, valid, options), g.spec().abi().compatible());
            image = apply(m, valid, options, seed);
            mutation = m.name();
            rule = m.ruleId();
        }
        String file = name(index, mutation, "");
        writeDirectory(file, image, options);
        return line(file + "/", seed, generationLabel(g.spec().abi()), mutation, rule);
    }

    String image(int index, long seed, boolean invalid) {
        GeneratedHandover g = generate(index, seed);
        KhoState state = g.state();
        String mutation = "-";
        String rule = "-";
        if (invalid) {
            KhoState valid = state;
            KhoMutator<?> m = pick(mutations.state(), index, x -> x.target() == KhoMutationTarget.MODEL
                    ? MutationFilter.asModelMutator(x).appliesTo(g.model(), g.options())
                    : MutationFilter.asStateMutator(x).appliesTo(valid, g.options()), g.spec().abi().compatible());
            state = m.target() == KhoMutationTarget.MODEL
                    ? StateEncoder.encode(MutationFilter.asModelMutator(m).apply(g.model(), g.options(), seed), g.options())
                    : materialize(MutationFilter.asStateMutator(m).apply(valid, g.options(), seed), g.memory());
            mutation = m.name();
            rule = m.ruleId();
        }
        String file = name(index, mutation, ".elf");
        writeFile(file, ElfCoreWriter.x86_64().toBytes(HandoverImage.compose(state, g.placement())));
        return line(file, seed, generationLabel(g.spec().abi()), mutation, rule);
    }

    /**
     * The mutated state with its memory copied page by page into a {@link SparseMemory} (mutators lay their
     * edits over the original memory; an image needs pages): a page the mutation hid stays out.
     */
    private static KhoState materialize(KhoState mutated, SparseMemory original) {
        if (mutated.memory() instanceof SparseMemory) {
            return mutated;
        }
        List<PhysRange> ranges = new java.util.ArrayList<>(original.segments());
        if (mutated.memory() instanceof KhoMutatedMemory m) {
            ranges.addAll(m.patchedRanges()); // a moved copy lands outside the original pages
        }
        int shift = original.pageShift();
        long size = 1L << shift;
        SparseMemory out = new SparseMemory(shift);
        byte[] page = new byte[(int) size];
        for (PhysRange r : ranges) {
            for (long at = r.start() & -size; at < r.end(); at += size) {
                if (out.page(at >>> shift) == null && mutated.memory().read(at, page, 0, page.length)) {
                    out.write(at, page);
                }
            }
        }
        return new KhoState(mutated.root(), mutated.scratch(), out);
    }

    /** Writes {@code manifest.tsv}: a header line, then the run's lines. */
    void writeManifest(List<String> lines) {
        StringBuilder sb = new StringBuilder("# file\tkind\tseed\tgeneration\tmutation\trule\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        writeFile("manifest.tsv", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The KHO generation names {@code --generation} takes: the compatible, with the kho-v1 bitmap size. */
    static String generationLabel(KhoAbi abi) {
        return switch (abi) {
            case V1_BITMAP_512 -> "kho-v1-512";
            case V1_BITMAP_PAGE -> "kho-v1";
            case V4_RADIX_VMALLOC -> "kho-v4-vmalloc";
            default -> abi.compatible();
        };
    }

    private GeneratedHandover generate(int index, long seed) {
        KhoAbi abi = generation != null ? generation : GENERATIONS[index % GENERATIONS.length];
        HandoverSpec base = HandoverSpec.defaults(abi);
        return HandoverGenerator.generate(base.withBlocks(blocks, base.maxOrder()).withSeed(seed));
    }

    private static boolean applies(KhoMutator<?> m, KhoImage image, KhoOptions options) {
        return switch (m.target()) {
            case IMAGE -> MutationFilter.asImageMutator(m).appliesTo(image, options);
            case ROOT -> MutationFilter.asBytesMutator(m).appliesTo(image.root(), options);
            case SCRATCH -> image.scratch() != null && MutationFilter.asBytesMutator(m).appliesTo(image.scratch(), options);
            case SUB_BLOB -> blobFor(m, image) != null
                    && MutationFilter.asBytesMutator(m).appliesTo(image.blob(blobFor(m, image)), options);
            case STATE, MODEL -> false;
        };
    }

    private static KhoImage apply(KhoMutator<?> m, KhoImage image, KhoOptions options, long seed) {
        if (m.target() == KhoMutationTarget.IMAGE) {
            return MutationFilter.asImageMutator(m).apply(image, options, seed);
        }
        KhoMutator<byte[]> bytes = MutationFilter.asBytesMutator(m);
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        image.blobNames().forEach(n -> blobs.put(n, image.blob(n)));
        return switch (m.target()) {
            case ROOT -> new KhoImage(bytes.apply(image.root(), options, seed), blobs, image.scratch());
            case SCRATCH -> new KhoImage(image.root(), blobs, bytes.apply(image.scratch(), options, seed));
            default -> {
                String name = blobFor(m, image);
                blobs.put(name, bytes.apply(image.blob(name), options, seed));
                yield new KhoImage(image.root(), blobs, image.scratch());
            }
        };
    }

    /** The first blob of the image whose subtree name gives the mutator's blob type, or null. */
    private static String blobFor(KhoMutator<?> m, KhoImage image) {
        SubBlobType type = m.blobType().orElse(null);
        for (String name : image.blobNames()) {
            if (SubBlobType.forSubtree(name) == type) {
                return name;
            }
        }
        return null;
    }

    /**
     * The first mutator, starting at {@code index} and going round, that applies: consecutive items use
     * different mutations, so a corpus covers them all.
     */
    private static <M> M pick(List<M> candidates, int index, java.util.function.Predicate<M> applies, String what) {
        int n = candidates.size();
        for (int k = 0; k < n; k++) {
            M m = candidates.get((int) (((long) index + k) % n));
            if (applies.test(m)) {
                return m;
            }
        }
        throw new NoMutationException("no chosen mutation applies to a generated " + what + " item");
    }

    private String name(int index, String mutation, String suffix) {
        String base = String.format("%s-%04d", kind, index);
        return (mutation.equals("-") ? base : base + "." + mutation) + suffix;
    }

    private String line(String file, long seed, String generation, String mutation, String rule) {
        return String.join("\t", file, kind.name(), "0x" + Long.toHexString(seed), generation, mutation, rule);
    }

    private void writeFile(String file, byte[] bytes) {
        try (AtomicOutput o = AtomicOutput.create(context, display(file))) {
            o.stream().write(bytes);
            o.commit();
        } catch (IOException e) {
            throw new FileProblemException(display(file), "cannot write: " + BlobFiles.reason(e), e);
        }
    }

    /** Writes the directory under a temporary name, then swaps it in (an older one of that name is removed). */
    private void writeDirectory(String file, KhoImage image, KhoOptions options) {
        Path target = dir.resolve(file);
        Path temp = dir.resolve("." + file + ".tmp");
        try {
            deleteTree(temp);
            KhoDebugfs.write(image, temp, options);
            deleteTree(target);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target);
            }
        } catch (IOException | UncheckedIOException e) {
            try {
                deleteTree(temp);
            } catch (IOException | UncheckedIOException ignored) {
                // the original problem is the one to report
            }
            IOException io = e instanceof IOException x ? x : ((UncheckedIOException) e).getCause();
            throw new FileProblemException(display(file), "cannot write: " + BlobFiles.reason(io), io);
        }
    }

    private String display(String file) {
        return outName.endsWith("/") ? outName + file : outName + "/" + file;
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** No mutation of the chosen ones applies to a generated item (a {@code --rule} the generation lacks). */
    static final class NoMutationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoMutationException(String message) {
            super(message);
        }
    }
}
