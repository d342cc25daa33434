package io.khotools.fdt.dts;

import io.khotools.fdt.testsupport.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The valid DTBs of testdata: every {@code fdt/valid/*.dtb} and each {@code cli/inputs/*.dtb} compiled from a .dts. */
final class Blobs {
    private Blobs() {}

    static List<Path> valid() {
        List<Path> all = new ArrayList<>(TestData.list("fdt/valid", ".dtb"));
        for (Path p : TestData.list("cli/inputs", ".dtb")) {
            String name = p.getFileName().toString();
            if (Files.exists(p.resolveSibling(name.substring(0, name.length() - 4) + ".dts"))) {
                all.add(p);
            }
        }
        return all;
    }
}
