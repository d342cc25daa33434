package io.khotools.kho.memory;

import io.khotools.kho.blob.SubBlob;
import java.util.List;
import java.util.Objects;

/**
 * What one subsystem (one root subtree) hands over: its blob at its address, every structure reached from it
 * through physical pointers (LUO session/file/FLB arrays and KHO blocks, memfd structs, vmalloc chunks) and
 * its vmalloc areas, all in the order {@link StateDecoder} visits them.
 *
 * @param name the subtree name ({@code memblock}, {@code kho_test}, {@code LUO}, ...)
 * @param address physical address of the blob
 * @param blob the decoded blob, or null when it could not be read or decoded
 * @param structures structures reached from the blob, in visiting order (vmalloc chunks are in {@code vmallocs})
 * @param vmallocs vmalloc areas reached from the blob, in visiting order
 */
public record SubsystemModel(String name, long address, SubBlob blob, List<LocatedBlob> structures,
        List<VmallocArea> vmallocs) {
    /** Copies the lists. */
    public SubsystemModel {
        Objects.requireNonNull(name, "name");
        structures = List.copyOf(structures);
        vmallocs = List.copyOf(vmallocs);
    }
}
