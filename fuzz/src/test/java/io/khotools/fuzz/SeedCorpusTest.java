package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.image.ElfCoreWriter;
import io.khotools.kho.image.HandoverImage;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.KhoStateFiles;
import io.khotools.kho.memory.SparseMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The checked-in seed corpus ({@code src/test/resources/io/khotools/fuzz/<Class>Inputs/<method>/seed-*}) is
 * exactly what this class builds from the testdata goldens, in each target's input layout. Regenerate after a
 * golden changes with {@code mvn -B -q test -pl fuzz -am -Dtest=SeedCorpusTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true}. Crash inputs (named {@code crash-*} or
 * {@code timeout-*} by Jazzer) sit beside the seeds and are left alone.
 */
class SeedCorpusTest {
    private static final Path RESOURCES = Path.of("src/test/resources/io/khotools/fuzz");
    /** Addresses of the handover pieces in the ELF seeds: below every state's own memory (4 GiB and up). */
    private static final HandoverImage.Placement PLACEMENT = new HandoverImage.Placement(0x10000, 0x20000, 0x30000);

    @Test
    void seedsMatchTheGoldens() throws IOException {
        Map<String, byte[]> seeds = seeds();
        boolean update = Boolean.getBoolean("golden.update");
        if (update) {
            try (Stream<Path> s = Files.walk(RESOURCES)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith("seed-")).toList()) {
                    Files.delete(p);
                }
            }
        }
        long total = 0;
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Path p = RESOURCES.resolve(e.getKey());
            if (update) {
                Files.createDirectories(p.getParent());
                Files.write(p, e.getValue());
            }
            assertThat(p).as("seed %s (regenerate with -Dgolden.update=true)", p).exists();
            assertThat(Files.readAllBytes(p)).as("seed %s (regenerate with -Dgolden.update=true)", p)
                    .isEqualTo(e.getValue());
            total += e.getValue().length;
        }
        try (Stream<Path> s = Files.walk(RESOURCES)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("seed-"))
                    .map(p -> RESOURCES.relativize(p).toString()).toList())
                    .as("stale seeds (regenerate with -Dgolden.update=true)")
                    .containsExactlyInAnyOrderElementsOf(seeds.keySet());
        }
        assertThat(total).as("corpus size").isLessThan(2L << 20);
    }

    /** Every seed, keyed by its path under the resources package directory. */
    static Map<String, byte[]> seeds() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        List<Path> validDtbs = concat(TestData.list("fdt/valid", ".dtb"), TestData.list("fdt/versions", ".dtb"));
        for (Path p : concat(validDtbs, TestData.list("fdt/invalid", ".dtb"))) {
            out.put("FdtReadFuzzTestInputs/readIndexTreeValidate/seed-" + name(p), Files.readAllBytes(p));
        }
        for (Path p : concat(validDtbs, TestData.list("dts", ".dtb"))) {
            out.put("DtsFuzzTestInputs/printRoundTrip/seed-" + name(p), Files.readAllBytes(p));
        }
        int flags = 0;
        for (Path p : concat(TestData.list("fdt/valid", ".dts"), TestData.list("dts", ".dts"))) {
            out.put("DtsFuzzTestInputs/compile/seed-" + name(p), prefixed(flags++ % 4, Files.readAllBytes(p)));
        }
        for (Path p : TestData.list("kho/build", ".dts")) {
            out.put("BuildFuzzTestInputs/description/seed-" + name(p), Files.readAllBytes(p));
        }
        kho(out);
        return out;
    }

    private static void kho(Map<String, byte[]> out) throws IOException {
        List<Path> blobs = concat(files("kho/valid"), files("kho/invalid"));
        for (Path p : blobs) {
            String n = name(p);
            byte[] bytes = Files.readAllBytes(p);
            if (n.contains(".root.")) {
                int selector = n.startsWith("kho-v1-512") ? 2 : n.startsWith("kho-v1-page") ? 4 : 0;
                out.put("KhoFuzzTestInputs/root/seed-" + n, prefixed(selector, bytes));
                out.put("CliFuzzTestInputs/validate/seed-" + n, prefixed(2, bytes)); // --schema kho
            } else {
                SubBlobType type = typeOf(n);
                out.put("KhoFuzzTestInputs/subBlob/seed-" + n, prefixed(type.ordinal(), bytes));
            }
        }
        int[] cli = {0, 0x04, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90};
        List<Path> cliInputs = List.of(TestData.path("fdt/valid/basic.dtb"), TestData.path("fdt/valid/phandles.dtb"),
                TestData.path("kho/valid/memblock.memblock.dtb"), TestData.path("kho/valid/kho-test.kho-test.dtb"),
                TestData.path("kho/valid/kexec-metadata.kexec-metadata.bin"), TestData.path("kho/valid/luo-v5.luo.bin"),
                TestData.path("kho/valid/sessions.luo-session-array.bin"), TestData.path("kho/valid/memfd.memfd-v2.bin"),
                TestData.path("kho/valid/chunk.vmalloc-chunk.bin"), TestData.path("kho/valid/files.kho-block-files.bin"),
                TestData.path("fdt/invalid/" + name(TestData.list("fdt/invalid", ".dtb").get(0))));
        for (int i = 0; i < cliInputs.size(); i++) {
            out.put("CliFuzzTestInputs/validate/seed-" + i + "-" + name(cliInputs.get(i)),
                    prefixed(cli[i], Files.readAllBytes(cliInputs.get(i))));
        }
        for (Path dir : concat(states("kho/memory/valid"), states("kho/memory/invalid"))) {
            state(out, dir);
        }
    }

    private static void state(Map<String, byte[]> out, Path dir) throws IOException {
        String n = name(dir);
        KhoState state = KhoStateFiles.read(dir, FuzzInput.PAGE_SHIFT);
        SparseMemory memory = (SparseMemory) state.memory();
        KhoAbi abi = n.contains("v1-512") ? KhoAbi.V1_BITMAP_512 : n.contains("v1-page") ? KhoAbi.V1_BITMAP_PAGE
                : n.contains("v2") ? KhoAbi.V2 : KhoAbi.V4;
        int optionSelector = abi == KhoAbi.V1_BITMAP_512 ? 2 : abi == KhoAbi.V1_BITMAP_PAGE ? 4 : 0;
        long map;
        try {
            map = KhoRootCodec.decode(state.root(), KhoFuzzTest.options(optionSelector)).preservedMemoryMap().orElse(0);
        } catch (RuntimeException e) {
            map = 0;
        }
        ByteArrayOutputStream m = new ByteArrayOutputStream();
        m.write(abi.ordinal());
        FuzzInput.writeU64(m, map);
        FuzzInput.writeMemory(memory, m);
        out.put("KhoFuzzTestInputs/memoryMap/seed-" + n, m.toByteArray());

        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(optionSelector);
        FuzzInput.writeU32(s, state.root().length);
        s.writeBytes(state.root());
        FuzzInput.writeU32(s, state.scratch() == null ? 0xffffffffL : state.scratch().length);
        if (state.scratch() != null) {
            s.writeBytes(state.scratch());
        }
        FuzzInput.writeMemory(memory, s);
        out.put("KhoFuzzTestInputs/state/seed-" + n, s.toByteArray());

        if (n.startsWith("v") || n.contains("cycle") || n.contains("absent")) {
            SparseMemory image = HandoverImage.compose(state, PLACEMENT);
            out.put("ImageFuzzTestInputs/elfImage/seed-" + n + ".core", ElfCoreWriter.x86_64().toBytes(image));
            if (n.equals("v4.state")) {
                out.put("ImageFuzzTestInputs/elfImage/seed-" + n + "-be.core",
                        ElfCoreWriter.of(ByteOrder.BIG_ENDIAN, 21).toBytes(image));
                out.put("ImageFuzzTestInputs/elfImage/seed-raw-root.bin", state.root());
            }
        }
    }

    /** The sub-blob type a fixture's name gives (the part before the extension, in kebab case). */
    private static SubBlobType typeOf(String name) {
        String[] parts = name.split("\\.");
        String kind = parts[parts.length - 2];
        return Arrays.stream(SubBlobType.values())
                .filter(t -> t.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(kind))
                .findFirst().orElse(SubBlobType.RAW);
    }

    private static byte[] prefixed(int selector, byte[] bytes) {
        byte[] out = new byte[bytes.length + 1];
        out[0] = (byte) selector;
        System.arraycopy(bytes, 0, out, 1, bytes.length);
        return out;
    }

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(TestData.path(dir))) {
            return s.filter(Files::isRegularFile).filter(p -> !name(p).endsWith(".txt")).sorted().toList();
        }
    }

    private static List<Path> states(String dir) throws IOException {
        try (Stream<Path> s = Files.list(TestData.path(dir))) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    @SafeVarargs
    private static List<Path> concat(List<Path>... lists) {
        return Arrays.stream(lists).flatMap(List::stream).toList();
    }

}
