package io.khotools.kho.memory;

import io.khotools.fdt.check.Diagnostic;
import java.util.List;

/**
 * What {@link StateDecoder} found: the model (null when the root could not be decoded), the memory map's own
 * pieces, every range the subsystems need preserved, and the findings of the walk ({@code kho.map.*},
 * {@code kho.state.*} and the sub-blob rules of the structures reached), in visiting order.
 *
 * @param model the model, or null when the root FDT is not a readable KHO root
 * @param mapPieces memory the map's chunks, bitmaps and tree nodes occupy
 * @param needs ranges the subsystems rely on, in visiting order
 * @param findings diagnostics, in visiting order
 */
public record StateDecoding(HandoverModel model, List<PhysRange> mapPieces, List<PreservationNeed> needs,
        List<Diagnostic> findings) {
    /** Copies the lists. */
    public StateDecoding {
        mapPieces = List.copyOf(mapPieces);
        needs = List.copyOf(needs);
        findings = List.copyOf(findings);
    }

    /**
     * What subsystem {@code name} relies on being preserved: its blob and every range reached from it
     * (needs whose {@code what} is the name or starts with {@code name + "/"}), in visiting order.
     */
    public List<PreservationNeed> needsOf(String name) {
        return needs.stream().filter(n -> n.what().equals(name) || n.what().startsWith(name + "/")).toList();
    }
}
