package io.khotools.fdt.stream;

/**
 * Bounds the reader enforces on hostile input, beyond the bounds the input's own length sets.
 * Exceeding one throws {@code FdtException} with code {@code LIMIT}. Defaults are generous for every
 * real device tree (the deepest kernel DTS nests about 10 levels) while keeping any consumer that
 * recurses per level safe.
 *
 * @param maxDepth deepest node nesting accepted (root = depth 1); default {@value #DEFAULT_MAX_DEPTH}
 * @param maxNodes most nodes accepted; default unlimited (bounded by the input: a node needs 12 bytes)
 * @param maxProperties most properties accepted; default unlimited (a property needs 12 bytes)
 */
public record ReadLimits(int maxDepth, int maxNodes, int maxProperties) {
    /** Default depth limit, the same order as Jackson's nesting limit. */
    public static final int DEFAULT_MAX_DEPTH = 1000;

    /** The defaults. */
    public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_DEPTH, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** No limits beyond the input's length. */
    public static final ReadLimits NONE = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    public ReadLimits {
        if (maxDepth < 1 || maxNodes < 1 || maxProperties < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxDepth + "/" + maxNodes + "/" + maxProperties);
        }
    }

    /** A copy with another depth limit. */
    public ReadLimits withMaxDepth(int depth) {
        return new ReadLimits(depth, maxNodes, maxProperties);
    }

    /** A copy with another node-count limit. */
    public ReadLimits withMaxNodes(int nodes) {
        return new ReadLimits(maxDepth, nodes, maxProperties);
    }

    /** A copy with another property-count limit. */
    public ReadLimits withMaxProperties(int properties) {
        return new ReadLimits(maxDepth, maxNodes, properties);
    }
}
