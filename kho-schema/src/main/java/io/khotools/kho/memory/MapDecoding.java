package io.khotools.kho.memory;

import io.khotools.fdt.check.Diagnostic;
import java.util.List;

/**
 * What decoding a memory map found: the blocks it records, the map's own pieces of memory (chunk pages,
 * bitmaps, tree nodes; not preserved themselves, kho-format.md §4), and {@code kho.map.*}/{@code kho.state.absent}
 * findings for everything that could not be followed. A decoder never throws for content.
 *
 * @param blocks the preserved blocks found
 * @param mapPieces the memory the map's structures occupy, in visiting order
 * @param findings diagnostics, in visiting order
 */
public record MapDecoding(PreservedBlocks blocks, List<PhysRange> mapPieces, List<Diagnostic> findings) {
    /** Copies the lists. */
    public MapDecoding {
        mapPieces = List.copyOf(mapPieces);
        findings = List.copyOf(findings);
    }
}
