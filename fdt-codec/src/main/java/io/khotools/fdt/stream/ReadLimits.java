package io.khotools.fdt.stream;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtFormat;

/**
 * Bounds the readers enforce on hostile input, beyond the bounds the input's own length sets (docs/limits.md).
 * Exceeding one throws {@code FdtException} with code {@code LIMIT}. Defaults are generous for every
 * real device tree (the deepest kernel DTS nests about 10 levels, the largest has a few thousand nodes and
 * is well under 1 MiB) while bounding the memory a tree or index built from the blob can take and keeping
 * any consumer that recurses per level safe.
 *
 * @param maxDepth deepest node nesting accepted (root = depth 1); default {@value #DEFAULT_MAX_DEPTH}
 * @param maxNodes most nodes accepted; default {@value #DEFAULT_MAX_NODES}
 * @param maxProperties most properties accepted; default {@value #DEFAULT_MAX_PROPERTIES}
 * @param maxTotalSize largest header {@code totalsize} accepted, in bytes; default {@value #DEFAULT_MAX_TOTAL_SIZE}
 */
public record ReadLimits(int maxDepth, int maxNodes, int maxProperties, long maxTotalSize) {
    /** Default depth limit, the same order as Jackson's nesting limit. */
    public static final int DEFAULT_MAX_DEPTH = 1000;

    /** Default node-count limit (2^20): hundreds of times the largest real tree. */
    public static final int DEFAULT_MAX_NODES = 1 << 20;

    /** Default property-count limit (2^22). */
    public static final int DEFAULT_MAX_PROPERTIES = 1 << 22;

    /** Default blob-size limit (64 MiB): real blobs are kilobytes, a KHO root one page. */
    public static final long DEFAULT_MAX_TOTAL_SIZE = 64L << 20;

    /** The defaults. */
    public static final ReadLimits DEFAULT = new ReadLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES,
            DEFAULT_MAX_PROPERTIES, DEFAULT_MAX_TOTAL_SIZE);

    /** No limits beyond the input's length. */
    public static final ReadLimits NONE = new ReadLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Long.MAX_VALUE);

    /** @throws IllegalArgumentException if a limit is below its minimum (1 for depth and nodes, 0 for properties, a 28-byte version 1 header for size) */
    public ReadLimits {
        if (maxDepth < 1 || maxNodes < 1 || maxProperties < 0 || maxTotalSize < FdtFormat.HEADER_SIZE_V1) {
            throw new IllegalArgumentException("limits must be positive: " + maxDepth + "/" + maxNodes + "/"
                    + maxProperties + "/" + maxTotalSize);
        }
    }

    /** Limits on depth and counts, with the default size limit. */
    public ReadLimits(int maxDepth, int maxNodes, int maxProperties) {
        this(maxDepth, maxNodes, maxProperties, DEFAULT_MAX_TOTAL_SIZE);
    }

    /** A copy with another depth limit. */
    public ReadLimits withMaxDepth(int depth) {
        return new ReadLimits(depth, maxNodes, maxProperties, maxTotalSize);
    }

    /** A copy with another node-count limit. */
    public ReadLimits withMaxNodes(int nodes) {
        return new ReadLimits(maxDepth, nodes, maxProperties, maxTotalSize);
    }

    /** A copy with another property-count limit. */
    public ReadLimits withMaxProperties(int properties) {
        return new ReadLimits(maxDepth, maxNodes, properties, maxTotalSize);
    }

    /** A copy with another blob-size limit. */
    public ReadLimits withMaxTotalSize(long bytes) {
        return new ReadLimits(maxDepth, maxNodes, maxProperties, bytes);
    }

    /**
     * Checks a header's {@code totalsize} against {@link #maxTotalSize()}.
     *
     * @param totalSize the header's totalsize, unsigned
     * @throws FdtException LIMIT at the totalsize field if it is larger
     */
    public void checkTotalSize(long totalSize) {
        if (totalSize > maxTotalSize) {
            throw new FdtException(FdtError.LIMIT, FdtFormat.OFF_TOTALSIZE,
                    "totalsize " + totalSize + " is larger than the limit of " + maxTotalSize + " bytes");
        }
    }
}
