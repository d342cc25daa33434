package io.khotools.kho.blob;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A node of a {@code luo-v1} FDT: {@code luo-session} ({@code luo-session-v1}/{@code -v2},
 * {@code luo-session-header}) or {@code luo-flb} ({@code luo-flb-v1}, {@code luo-flb-header}) (kho-format.md §5.4).
 *
 * @param compatible the node's {@code compatible}
 * @param header physical address of the session block or FLB page; empty if missing or not 8 bytes
 */
public record LuoFdtNode(String compatible, OptionalLong header) {
    /** Requires non-null components. */
    public LuoFdtNode {
        Objects.requireNonNull(compatible, "compatible");
        Objects.requireNonNull(header, "header");
    }
}
