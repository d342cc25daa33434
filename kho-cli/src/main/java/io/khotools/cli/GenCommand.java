package io.khotools.cli;

import io.khotools.fdt.gen.DtsGenerator;
import io.khotools.fdt.gen.FdtGenOptions;
import io.khotools.fdt.gen.FdtGenerator;
import io.khotools.kho.KhoAbi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kho gen}: reproducible random test corpora (FDT blobs, DTS sources, KHO debugfs directories, memory
 * images), valid or broken on purpose, from the test-generation library ({@code io.khotools.fdt.gen},
 * {@code io.khotools.kho.gen}). The same options give the same bytes on every machine: item {@code i} is made
 * from its own seed, {@link #itemSeed}, so a corpus can be grown with {@code --first} without changing what
 * is already there.
 */
@Command(name = "gen",
        header = "Generate reproducible random test inputs: FDTs, DTS, KHO handovers, images.",
        description = {
            "Writes --count random inputs into --out, made from --seed alone: the same",
            "options give the same bytes on every machine. Each file is written",
            "whole or not at all. One line per file goes to standard output and to",
            "DIR/manifest.tsv: file, kind, the item's own seed, and what it is (the",
            "generation, or for --invalid the mutation and the rule it breaks).",
            "",
            "Kinds:",
            "  fdt    a DTB (fdt-NNNN.dtb)",
            "  dts    DTS source that dtc and kho build both accept (dts-NNNN.dts)",
            "  kho    a handover as debugfs shows it: a directory with fdt, sub_fdts/,",
            "         scratch_phys and scratch_len (kho-NNNN/)",
            "  image  a whole handover in physical memory as an ELF64 core: root FDT,",
            "         sub-blobs, memory map, scratch array, setup_data record",
            "         (image-NNNN.elf)",
            "",
            "--invalid breaks each item with one named mutation, cycling through all",
            "that apply, so a corpus of a few hundred covers every rule; the file name",
            "and the manifest carry the mutation (RULE--CASE); `kho validate` reports",
            "RULE for it. kho and image items cycle through every KHO generation",
            "unless --generation picks one; kho-v1-512 items need `--v1-bitmap 512`",
            "when read back."
        },
        footer = {
            "",
            "Examples:",
            "  kho gen --seed 1 --count 100 --out corpus",
            "  kho gen --seed 1 --count 500 --out bad --invalid",
            "  kho gen --seed 7 --count 12 --kind image --out images",
            "  kho gen --seed 7 --count 6 --kind kho --generation kho-v4 --out dirs",
            "  kho gen --seed 3 --count 50 --kind dts --max-nodes 500 --out src",
            "  kho gen --seed 1 --count 100 --first 100 --out corpus   items 100..199",
            "",
            "Exit codes: 0 written, 2 usage error, 3 the output cannot be written,",
            "4 internal error (please report)."
        })
final class GenCommand implements Callable<Integer> {
    /** What to generate. */
    enum Kind { fdt, dts, kho, image }

    @Option(names = "--seed", paramLabel = "N", required = true,
            description = "the corpus seed (any 64-bit number, decimal or 0x hex)",
            converter = LongConverter.class)
    long seed;

    @Option(names = "--count", paramLabel = "K", defaultValue = "10",
            description = "how many items, 1 to 100000 (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--first", paramLabel = "I", defaultValue = "0",
            description = "number of the first item, to extend a corpus (default: ${DEFAULT-VALUE})")
    int first;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
            description = "directory to write into (created if missing; files of the same names are replaced)")
    String out;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "fdt",
            description = "fdt, dts, kho or image (default: ${DEFAULT-VALUE})")
    Kind kind;

    @Option(names = "--invalid", description = "break each item with one named mutation (fdt, kho, image)")
    boolean invalid;

    @Option(names = "--rule", paramLabel = "RULE",
            description = "with --invalid: only mutations that break this rule id (e.g. fdt.header.magic)")
    String rule;

    @Option(names = "--generation", paramLabel = "GEN",
            description = "kho and image: one of ${COMPLETION-CANDIDATES} (default: every one in turn)",
            completionCandidates = GenerationNames.class, converter = GenerationConverter.class)
    KhoAbi generation;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "60",
            description = "fdt and dts: at most N nodes per tree, 1 to 1000000 (default: ${DEFAULT-VALUE})")
    int maxNodes;

    @Option(names = "--max-depth", paramLabel = "N", defaultValue = "8",
            description = "fdt and dts: at most N levels below the root, 0 to 100000 (default: ${DEFAULT-VALUE})")
    int maxDepth;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "200",
            description = "kho and image: preserved blocks beyond the ones the subsystems need,"
                    + " 0 to 1048576 (default: ${DEFAULT-VALUE})")
    int blocks;

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        checkOptions();
        CliContext ctx = parent.context();
        Path dir = ctx.resolve(out).toAbsolutePath();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new FileProblemException(out, "is not a directory (--out names the directory to write into)", null);
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FileProblemException(out, "cannot create the output directory: " + BlobFiles.reason(e), e);
        }
        GenItems items = new GenItems(ctx, out, dir, kind, generation, blocks, mutationFilter());
        FdtGenOptions fdtOptions = FdtGenOptions.defaults().withNodes(1, maxNodes).withMaxDepth(maxDepth);
        List<String> manifest = new ArrayList<>();
        PrintWriter stdout = spec.commandLine().getOut();
        for (int i = first; i < first + count; i++) {
            long s = itemSeed(seed, i);
            String line;
            try {
                line = switch (kind) {
                    case fdt -> items.fdt(i, s, FdtGenerator.of(fdtOptions).blob(s), invalid);
                    case dts -> items.dts(i, s, DtsGenerator.of(fdtOptions).source(s));
                    case kho -> items.kho(i, s, invalid);
                    case image -> items.image(i, s, invalid);
                };
            } catch (GenItems.NoMutationException e) {
                throw usage(e.getMessage() + " (item " + i + "): pick another --rule or --generation");
            }
            manifest.add(line);
            stdout.println(line);
        }
        stdout.flush();
        items.writeManifest(manifest);
        return ExitCodes.OK;
    }

    private void checkOptions() {
        if (count < 1 || count > 100_000) {
            throw usage("--count " + count + " is outside 1..100000");
        }
        if (first < 0 || (long) first + count > Integer.MAX_VALUE) {
            throw usage("--first " + first + " is negative or too large");
        }
        if (maxNodes < 1 || maxNodes > FdtGenOptions.MAX_NODES) {
            throw usage("--max-nodes " + maxNodes + " is outside 1.." + FdtGenOptions.MAX_NODES);
        }
        if (maxDepth < 0 || maxDepth > 100_000) {
            throw usage("--max-depth " + maxDepth + " is outside 0..100000");
        }
        if (blocks < 0 || blocks > 1 << 20) {
            throw usage("--blocks " + blocks + " is outside 0..1048576");
        }
        if (invalid && kind == Kind.dts) {
            throw usage("--invalid needs --kind fdt, kho or image (broken DTS text is not generated)");
        }
        if (rule != null && !invalid) {
            throw usage("--rule needs --invalid");
        }
        if (generation != null && (kind == Kind.fdt || kind == Kind.dts)) {
            throw usage("--generation needs --kind kho or image");
        }
    }

    private MutationFilter mutationFilter() {
        if (!invalid) {
            return null;
        }
        MutationFilter f = MutationFilter.of(kind, rule);
        if (f.isEmpty()) {
            throw usage("no mutation of a " + kind + " item breaks rule '" + rule + "' (see docs/test-generation.md)");
        }
        return f;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The seed of item {@code index} of a corpus: two SplitMix64 steps (the corpus seed, then the index
     * added), so neighbouring items and neighbouring corpus seeds give unrelated items, and item {@code i}
     * does not depend on the count. Part of the reproducibility contract: do not change it.
     */
    static long itemSeed(long corpusSeed, int index) {
        return new SplittableRandom(new SplittableRandom(corpusSeed).nextLong() + index).nextLong();
    }
}
