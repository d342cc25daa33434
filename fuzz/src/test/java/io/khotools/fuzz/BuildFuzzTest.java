package io.khotools.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.dts.compile.DtsException;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.kho.gen.HandoverDescription;
import io.khotools.kho.gen.HandoverDescription.DescribedHandover;
import io.khotools.kho.gen.HandoverDescription.DescriptionException;
import io.khotools.kho.memory.KhoStateValidator;
import java.nio.charset.StandardCharsets;

/**
 * {@code kho build}'s handover descriptions: DTS text (seeded with testdata/kho/build) → compiler →
 * {@link HandoverDescription#build} → ELF image, and the built state through {@link KhoStateValidator}.
 * Allowed: {@link DtsException} from the compiler and {@link DescriptionException} from the builder and the
 * image writer, each with a message naming the node; the validator never throws.
 */
class BuildFuzzTest {
    /** Input: the description's source text in UTF-8. */
    @FuzzTest
    void description(byte[] input) {
        FdtTree tree;
        try {
            tree = DtsCompiler.compile(new String(input, StandardCharsets.UTF_8), "<fuzz>", CompileOptions.defaults());
        } catch (DtsException expected) {
            return;
        }
        if (!HandoverDescription.isDescription(tree)) {
            return;
        }
        DescribedHandover h;
        try {
            h = HandoverDescription.build(tree);
        } catch (DescriptionException expected) {
            assertThat(expected.getMessage()).startsWith("/");
            return;
        }
        KhoStateValidator.of(h.options()).validate(h.state());
        try {
            assertThat(h.toElf()).isNotEmpty();
        } catch (DescriptionException expected) {
            assertThat(expected.getMessage()).contains("image-placement");
        }
    }
}
