package io.khotools.kho.scratch;

/**
 * The fixed order of the scratch array (kho-format.md §3.3, {@code kho_reserve_scratch}): [0] lowmem,
 * [1] global, [2..] one per NUMA node (online nodes up to v6.19-era code; nodes with memory later, so the
 * index does not give the node id).
 */
public enum ScratchKind {
    /** Entry 0: below {@code ARCH_LOW_ADDRESS_LIMIT}. */
    LOWMEM,
    /** Entry 1: any node. */
    GLOBAL,
    /** Entries 2 and up: one per NUMA node. */
    NODE;

    /** The kind of the entry at {@code index}. */
    public static ScratchKind of(int index) {
        return index == 0 ? LOWMEM : index == 1 ? GLOBAL : NODE;
    }
}
