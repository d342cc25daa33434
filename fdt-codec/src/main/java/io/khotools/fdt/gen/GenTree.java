package io.khotools.fdt.gen;

import io.khotools.fdt.ReserveEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The drawn tree before it becomes an {@link io.khotools.fdt.tree.FdtTree} or DTS text: nodes by index
 * (parents before children), each property with its shape and, for references, the target node, so that
 * {@link DtsGenerator} can print {@code <&label>} where the blob holds a phandle number.
 */
final class GenTree {
    /** One property. {@code target} is the referenced node for {@link ValueShape#PHANDLE_REF}, else -1. */
    record GenProp(String name, ValueShape shape, byte[] value, int target, List<String> strings) {}

    /** One node; {@code phandle} is 0 unless some property references it. */
    static final class GenNode {
        final int parent;
        final int depth;
        String name;
        final List<Integer> children = new ArrayList<>();
        final List<GenProp> props = new ArrayList<>();
        int addressCells = -1;
        int sizeCells = -1;
        int phandle;

        GenNode(int parent, int depth) {
            this.parent = parent;
            this.depth = depth;
        }
    }

    final List<GenNode> nodes = new ArrayList<>();
    final List<ReserveEntry> reservations = new ArrayList<>();
    int bootCpuId;
    int version;
}
