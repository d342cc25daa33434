package io.khotools.cli;

import io.khotools.kho.KhoAbi;
import java.util.ArrayList;

/** The names {@code kho gen --generation} takes, in kernel order (for help text and shell completion). */
final class GenerationNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;

    GenerationNames() {
        for (KhoAbi abi : KhoAbi.values()) {
            add(GenItems.generationLabel(abi));
        }
    }
}
