package io.khotools.kho.image;

import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import io.khotools.kho.scratch.KhoBootInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole {@link KhoState} as one physical memory image, the way the next kernel receives it on x86: the
 * state's memory (map pages, sub-blobs) plus the root FDT, the scratch array and the {@code setup_data} KHO
 * record (kho-format.md §3.1) at addresses the caller picks. {@link #compose} builds the memory for
 * {@link ElfCoreWriter}; {@link #read} finds the root and scratch again through the record. Stateless.
 */
public final class HandoverImage {
    /**
     * Where the three handover pieces go; each must be outside the state's own memory.
     *
     * @param setupData physical address of the {@code setup_data} node (the chain head)
     * @param root physical address of the root FDT (the kernel gives it a page of its own)
     * @param scratch physical address of the scratch array
     */
    public record Placement(long setupData, long root, long scratch) {
    }

    private HandoverImage() {
    }

    /**
     * A new sparse memory holding a copy of {@code state}'s memory plus the root FDT, the scratch array (an empty
     * one when the state has none) and the KHO {@code setup_data} record ({@code fdt_size} = the root's length
     * rounded up to a page, as the kernel maps a page).
     *
     * @param state a state whose memory is a {@link SparseMemory}
     * @throws IllegalArgumentException if the memory is not a {@link SparseMemory}, or a piece would land on a
     *     page the memory already holds
     */
    public static SparseMemory compose(KhoState state, Placement at) {
        Objects.requireNonNull(at, "at");
        if (!(state.memory() instanceof SparseMemory src)) {
            throw new IllegalArgumentException("state memory is not a SparseMemory: " + state.memory());
        }
        int shift = src.pageShift();
        long page = 1L << shift;
        SparseMemory out = new SparseMemory(shift);
        for (PhysRange r : src.segments()) {
            for (long pfn = r.start() >>> shift; pfn < r.end() >>> shift; pfn++) {
                out.pageForWrite(pfn);
                System.arraycopy(src.page(pfn), 0, out.page(pfn), 0, (int) page);
            }
        }
        byte[] scratch = state.scratch() == null ? new byte[0] : state.scratch();
        long fdtSize = (state.root().length + page - 1) & -page;
        byte[] record = new KhoBootInfo(at.root(), fdtSize, at.scratch(), scratch.length).toSetupData();
        place(src, out, at.root(), state.root(), "root FDT");
        place(src, out, at.scratch(), scratch, "scratch array");
        place(src, out, at.setupData(), record, "setup_data record");
        return out;
    }

    private static void place(SparseMemory src, SparseMemory out, long addr, byte[] bytes, String what) {
        if (bytes.length > 0 && !src.absent(addr, bytes.length).equals(java.util.List.of(PhysRange.of(addr, bytes.length)))) {
            throw new IllegalArgumentException(what + " at 0x" + Long.toHexString(addr) + " lands on the state's memory");
        }
        out.write(addr, bytes);
    }

    /**
     * The state an image holds, found through the {@code setup_data} chain at {@code setupData}: the root FDT
     * (checked by {@link RootFinder#at}), the scratch array ({@code scratch_size} bytes, at most 1 MiB) and
     * {@code memory} itself as the state's memory.
     *
     * @return the state, or empty if the record, the root or the scratch array is absent or unreadable
     */
    public static Optional<KhoState> read(PhysMemory memory, long setupData) {
        Optional<KhoBootInfo> info = RootFinder.bootInfo(memory, setupData);
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Optional<RootFinder.Found> root = RootFinder.at(memory, info.get().fdtAddress());
        long size = info.get().scratchSize();
        if (root.isEmpty() || size < 0 || size > RootFinder.MAX_ROOT_SIZE) {
            return Optional.empty();
        }
        byte[] scratch = new byte[(int) size];
        if (!memory.read(info.get().scratchAddress(), scratch, 0, scratch.length)) {
            return Optional.empty();
        }
        return Optional.of(new KhoState(root.get().root(), scratch, memory));
    }
}
