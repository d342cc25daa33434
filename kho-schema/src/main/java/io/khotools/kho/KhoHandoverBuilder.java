package io.khotools.kho;

import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.scratch.ScratchArea;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Fluent description of a handover: generation, memory-map pointer, subsystems in registration order (the
 * order the kernel's {@code kho_add_subtree} calls come in) with their blobs, and scratch areas.
 * {@link #build()} orders the subtrees as the generation's kernel lays them out (newest first when the root
 * is assembled at boot) and fills in {@code blob-size} from the encoded blob where the generation writes it.
 * Single-threaded.
 */
public final class KhoHandoverBuilder {
    private final KhoAbi abi;
    private KhoAbi.RootAssembly assembly;
    private KhoOptions options = KhoOptions.DEFAULT;
    private long memoryMap;
    private boolean v2BlobSize;
    private final List<Object[]> subtrees = new ArrayList<>();
    private final List<ScratchArea> scratch = new ArrayList<>();

    KhoHandoverBuilder(KhoAbi abi) {
        this.abi = Objects.requireNonNull(abi, "abi");
        this.assembly = abi.defaultAssembly();
    }

    /** How the kernel assembles the root (default: the generation's). Decides subtree order. */
    public KhoHandoverBuilder assembly(KhoAbi.RootAssembly a) {
        this.assembly = Objects.requireNonNull(a, "assembly");
        return this;
    }

    /** Byte order and page size used to size blobs (default {@link KhoOptions#DEFAULT}). */
    public KhoHandoverBuilder options(KhoOptions o) {
        this.options = Objects.requireNonNull(o, "options");
        return this;
    }

    /** The {@code preserved-memory-map} value (physical address of the map root; 0 = not yet built in G1). */
    public KhoHandoverBuilder preservedMemoryMap(long phys) {
        this.memoryMap = phys;
        return this;
    }

    /** For {@code kho-v2}: write {@code blob-size} as the first kexec-metadata kernels did (default false). */
    public KhoHandoverBuilder v2BlobSize(boolean on) {
        this.v2BlobSize = on;
        return this;
    }

    /** Registers a subsystem whose blob is at {@code phys}. */
    public KhoHandoverBuilder subtree(String name, long phys, SubBlob blob) {
        subtrees.add(new Object[] {Objects.requireNonNull(name, "name"), phys, Objects.requireNonNull(blob, "blob")});
        return this;
    }

    /** Registers a subsystem with an unknown blob kept as raw bytes. */
    public KhoHandoverBuilder subtree(String name, long phys, byte[] raw) {
        return subtree(name, phys, new RawBlob(raw, null));
    }

    /** Appends a scratch area (array order: lowmem, global, then per node). */
    public KhoHandoverBuilder scratch(ScratchArea area) {
        scratch.add(Objects.requireNonNull(area, "area"));
        return this;
    }

    /**
     * Builds the model.
     *
     * @throws IllegalArgumentException for a duplicate subtree name (the kernel refuses it with -EEXIST)
     */
    public KhoHandover build() {
        boolean sizes = abi.blobSize() == KhoAbi.BlobSize.REQUIRED
                || (abi.blobSize() == KhoAbi.BlobSize.OPTIONAL && v2BlobSize);
        List<KhoSubtree> subs = new ArrayList<>();
        Map<String, SubBlob> blobs = new LinkedHashMap<>();
        List<Object[]> order = new ArrayList<>(subtrees);
        if (assembly == KhoAbi.RootAssembly.BOOT) {
            java.util.Collections.reverse(order); // fdt_add_subnode puts each new child first
        }
        for (Object[] s : order) {
            String name = (String) s[0];
            SubBlob blob = (SubBlob) s[2];
            if (blobs.containsKey(name)) {
                throw new IllegalArgumentException("duplicate subtree name " + name + " (kernel: -EEXIST)");
            }
            long size = sizes ? SubBlobCodec.encode(blob, options).length : -1;
            subs.add(new KhoSubtree(name, OptionalLong.of((Long) s[1]),
                    size < 0 ? OptionalLong.empty() : OptionalLong.of(size)));
            blobs.put(name, blob);
        }
        return new KhoHandover(new KhoTree(abi, false, OptionalLong.of(memoryMap), subs), blobs, scratch);
    }
}
