package io.khotools.cli;

import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoImage;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.view.HandoverMemory;
import io.khotools.kho.view.MemoryRegion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code kho map}: a picture of the physical memory a handover names (preserved ranges, scratch areas,
 * sub-blobs, the memory map's own pages) in the terminal and as SVG. Thin: finds the regions
 * ({@link HandoverMemory#regions()} for a memory image, the root's pointers and the scratch areas otherwise)
 * and hands them to {@link MemoryPicture}.
 */
@Command(name = "map",
        header = "Draw physical memory: preserved ranges, scratch areas, sub-blobs, map pages.",
        description = {
            "Lists the regions of physical memory a KHO handover names, one line each",
            "(start, end, size, kind, name), and draws them as bars of --width cells,",
            "one per kind (scratch, preserved, map pages, sub-blob, and for a memory",
            "image the structures its sub-blobs' pointers lead to and the vmalloc",
            "pieces, touching ones merged per subsystem), all scaled over",
            "the addresses the regions span; a cell is marked when any region of its",
            "kind touches it. --svg FILE also writes the picture as SVG (the same",
            "lanes, a tooltip per region, the region table).",
            "INPUT is best a memory image (an ELF core, or a raw file with --raw-base):",
            "only an image holds the memory map. A root FDT or a debugfs KHO directory",
            "shows what it can (sub-blob addresses, scratch areas) and says the map is",
            "unavailable."
        },
        footer = {
            "",
            "Examples:",
            "  kho map vmcore.elf",
            "  kho map --width 100 --color always vmcore.elf | less -R",
            "  kho map --svg memory.svg vmcore.elf",
            "  kho map --svg - vmcore.elf > memory.svg     SVG on standard output, no text",
            "  kho map --fdt-addr 0x80000000 vmcore.elf",
            "  kho map --raw-base 0x80000000 ram.bin",
            "  kho map /sys/kernel/debug/kho/out           no memory map; scratch and blobs",
            "",
            "Colour: auto (the default) colours only when standard output is a terminal",
            "and NO_COLOR is not set; always and never force it.",
            "",
            "Exit codes: 0 drawn, 2 usage error, 3 input cannot be read, is not KHO, or",
            "the SVG cannot be written, 4 internal error (please report)."
        })
final class MapCommand implements Callable<Integer>, NamesInput {
    /** When to colour the terminal picture. */
    enum Color { auto, always, never }

    @Parameters(index = "0", paramLabel = "INPUT",
            description = "a memory image (ELF core; raw with --raw-base), a KHO root FDT, a debugfs KHO directory,"
                    + " or - for standard input")
    String input;

    @Option(names = "--svg", paramLabel = "FILE",
            description = "also write the picture as SVG to FILE (replaced only once complete); - writes the SVG"
                    + " to standard output instead of the text")
    String svg;

    @Option(names = {"-w", "--width"}, paramLabel = "N", defaultValue = "64",
            description = "cells in each terminal bar, 8 to 1000 (default: ${DEFAULT-VALUE})")
    int width;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "auto, always or never (default: ${DEFAULT-VALUE})")
    Color color;

    @Mixin
    KhoOptionsMixin kho = new KhoOptionsMixin();

    @Mixin
    ImageOptionsMixin images = new ImageOptionsMixin();

    @ParentCommand
    KhoCli parent;

    @Spec
    CommandSpec spec;

    @Override
    public String inputName() {
        return input == null ? null : BlobFiles.displayName(input);
    }

    @Override
    public Integer call() throws IOException {
        if (width < 8 || width > 1000) {
            throw new ParameterException(spec.commandLine(), "--width " + width + " is outside 8..1000");
        }
        CliContext ctx = parent.context();
        KhoOptions options = kho.options();
        String name = inputName();
        List<MemoryRegion> regions = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String generation;
        KhoSource source = KhoSource.open(spec.commandLine(), ctx, input, images, kho);
        if (source instanceof KhoSource.Image i) {
            HandoverMemory memory = i.loaded().memory();
            MemoryImages.warn(spec.commandLine().getErr(), name, i.loaded().warnings());
            regions.addAll(memory.regions());
            generation = memory.tree().abi().compatible();
            Object root = memory.source().get("root-address");
            notes.add("root FDT at " + (root instanceof Long l ? "0x" + Long.toHexString(l) : "?") + " (found by "
                    + memory.source().get("found-by") + ")" + (memory.map() == null ? "; no memory map pointer" : "")
                    + ("elf-header".equals(memory.source().get("byte-order-from"))
                            ? "; KHO values read big-endian, as the ELF header says" : ""));
            memory.blobProblems().forEach((blob, why) -> notes.add("sub-blob " + blob + ": " + why));
            if (memory.state().scratch() == null) {
                notes.add("scratch areas unknown: no setup_data KHO record for this root (give --setup-data ADDR)");
            }
        } else if (source instanceof KhoSource.Debugfs d) {
            KhoImage image = d.image();
            KhoHandover h = KhoHandover.decode(image, options);
            MemoryRegion.addScratch(h.scratch(), regions);
            addBlobs(h.root(), image, regions);
            generation = h.root().abi().compatible();
            notes.add("memory map unavailable: a debugfs directory has no memory (preserved ranges and map pages"
                    + " need a memory image)");
        } else {
            ByteBuf blob = ((KhoSource.Fdt) source).blob();
            KhoTree tree;
            try {
                tree = KhoRootCodec.decode(ByteBufUtil.getBytes(blob), options);
            } finally {
                blob.release();
            }
            addBlobs(tree, null, regions);
            generation = tree.abi().compatible();
            notes.add("memory map unavailable: a root FDT alone has no memory (preserved ranges and map pages need"
                    + " a memory image); scratch areas unknown");
        }
        MemoryPicture picture = new MemoryPicture(regions);
        String title = "KHO memory of " + name + " (" + generation + ", " + MemoryPicture.size(options.pageSize())
                + " pages)";
        PrintWriter out = spec.commandLine().getOut();
        if (svg != null) {
            // before any text: a failed write leaves nothing behind and nothing half-printed
            String doc = picture.svg(title, notes);
            TextOutput.print(ctx, svg, out, w -> w.append(doc));
            if ("-".equals(svg)) {
                return ExitCodes.OK;
            }
        }
        out.print(MemoryPicture.safe(title) + "\n");
        for (String n : notes) {
            out.print(MemoryPicture.safe(n) + "\n");
        }
        out.print("\n");
        out.print(picture.text(width, useColor()));
        out.flush();
        return ExitCodes.OK;
    }

    /** Sub-blob pointers: size from blob-size, else the blob's length when the input has it, else unknown (0). */
    private static void addBlobs(KhoTree tree, KhoImage image, List<MemoryRegion> out) {
        for (KhoSubtree s : tree.subtrees()) {
            if (s.address().isEmpty() || s.address().getAsLong() <= 0) {
                continue;
            }
            byte[] b = image == null ? null : image.blob(s.name());
            long size = s.blobSize().isPresent() ? s.blobSize().getAsLong() : b != null ? b.length : 0;
            long addr = s.address().getAsLong();
            out.add(new MemoryRegion(MemoryRegion.Kind.SUB_BLOB, s.name(), addr,
                    size < 0 || addr + size < addr ? 0 : size));
        }
    }

    private boolean useColor() {
        return switch (color) {
            case always -> true;
            case never -> false;
            case auto -> System.console() != null && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM"));
        };
    }
}
