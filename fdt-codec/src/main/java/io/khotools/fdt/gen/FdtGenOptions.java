package io.khotools.fdt.gen;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The knobs of {@link FdtGenerator} and {@link DtsGenerator}: an immutable value with {@code with…} copies.
 *
 * <pre>{@code
 * FdtGenOptions o = FdtGenOptions.defaults()
 *         .withNodes(1, 200)          // node count drawn from [1, 200], root included
 *         .withMaxDepth(6)            // root is depth 1
 *         .withMaxProperties(5)       // per node, besides #address-cells/#size-cells/phandle
 *         .withOnlyShapes(ValueShape.STRING, ValueShape.REG)
 *         .withVersion(16);
 * }</pre>
 *
 * @param minNodes fewest nodes, root included (≥ 1)
 * @param maxNodes most nodes (≥ minNodes, ≤ {@link #MAX_NODES}); fewer when {@code maxDepth} is 1
 * @param maxDepth deepest level, the root being 1 (≥ 1); no recursion depends on it
 * @param maxProperties most drawn properties per node (≥ 0)
 * @param maxValueBytes most bytes of a drawn value (≥ 8; reg/ranges and lists are cut to fit when possible)
 * @param chainPercent chance (0-100) that a new node becomes a child of the previous one: 100 with
 *     {@code maxNodes == maxDepth} gives a chain of that depth
 * @param shapeWeights relative weight of each value shape; shapes not in the map weigh 0; the sum must be
 *     positive unless {@code maxProperties} is 0
 * @param maxReservations most memory reservation entries (0 to 1024)
 * @param version header version of generated blobs: 16 or 17
 * @param bootCpuId the header's boot_cpuid_phys; empty = drawn from the seed (0-7)
 */
public record FdtGenOptions(int minNodes, int maxNodes, int maxDepth, int maxProperties, int maxValueBytes,
                            int chainPercent, Map<ValueShape, Integer> shapeWeights, int maxReservations,
                            int version, OptionalInt bootCpuId) {
    /** Upper bound on {@link #maxNodes()}: keeps one generated tree within a few hundred MB. */
    public static final int MAX_NODES = 1_000_000;

    private static final FdtGenOptions DEFAULTS = new FdtGenOptions(1, 40, 6, 6, 64, 20, defaultWeights(), 4, 17,
            OptionalInt.empty());

    /**
     * Validates every knob and copies the weights.
     *
     * @throws IllegalArgumentException for a knob out of its documented range
     */
    public FdtGenOptions {
        require(minNodes >= 1 && minNodes <= maxNodes && maxNodes <= MAX_NODES,
                "need 1 <= minNodes <= maxNodes <= " + MAX_NODES + ": " + minNodes + ", " + maxNodes);
        require(maxDepth >= 1, "maxDepth must be >= 1: " + maxDepth);
        require(maxProperties >= 0, "maxProperties must be >= 0: " + maxProperties);
        require(maxValueBytes >= 8 && maxValueBytes <= 1 << 20, "maxValueBytes must be in [8, 2^20]: " + maxValueBytes);
        require(chainPercent >= 0 && chainPercent <= 100, "chainPercent must be in [0, 100]: " + chainPercent);
        require(maxReservations >= 0 && maxReservations <= 1024, "maxReservations must be in [0, 1024]: "
                + maxReservations);
        require(version == 16 || version == 17, "version must be 16 or 17: " + version);
        Objects.requireNonNull(bootCpuId, "bootCpuId");
        EnumMap<ValueShape, Integer> w = new EnumMap<>(ValueShape.class);
        int sum = 0;
        for (Map.Entry<ValueShape, Integer> e : shapeWeights.entrySet()) {
            require(e.getValue() >= 0 && e.getValue() <= 1000, "weight of " + e.getKey() + " must be in [0, 1000]");
            w.put(e.getKey(), e.getValue());
            sum += e.getValue();
        }
        require(sum > 0 || maxProperties == 0, "some value shape needs a positive weight");
        shapeWeights = Collections.unmodifiableMap(w);
    }

    /** 1-40 nodes, depth ≤ 6, ≤ 6 properties of every shape, values ≤ 64 bytes, ≤ 4 reservations, version 17. */
    public static FdtGenOptions defaults() {
        return DEFAULTS;
    }

    /** A copy drawing the node count from {@code [min, max]}. */
    public FdtGenOptions withNodes(int min, int max) {
        return new FdtGenOptions(min, max, maxDepth, maxProperties, maxValueBytes, chainPercent, shapeWeights,
                maxReservations, version, bootCpuId);
    }

    /** A copy with another depth bound. */
    public FdtGenOptions withMaxDepth(int depth) {
        return new FdtGenOptions(minNodes, maxNodes, depth, maxProperties, maxValueBytes, chainPercent, shapeWeights,
                maxReservations, version, bootCpuId);
    }

    /** A copy with another bound on drawn properties per node. */
    public FdtGenOptions withMaxProperties(int n) {
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, n, maxValueBytes, chainPercent, shapeWeights,
                maxReservations, version, bootCpuId);
    }

    /** A copy with another bound on value sizes. */
    public FdtGenOptions withMaxValueBytes(int n) {
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, n, chainPercent, shapeWeights,
                maxReservations, version, bootCpuId);
    }

    /** A copy with another chance of nesting under the previous node. */
    public FdtGenOptions withChainPercent(int percent) {
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, maxValueBytes, percent, shapeWeights,
                maxReservations, version, bootCpuId);
    }

    /** A copy with one shape's weight changed. */
    public FdtGenOptions withShapeWeight(ValueShape shape, int weight) {
        EnumMap<ValueShape, Integer> w = new EnumMap<>(ValueShape.class);
        w.putAll(shapeWeights);
        w.put(shape, weight);
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, maxValueBytes, chainPercent, w,
                maxReservations, version, bootCpuId);
    }

    /** A copy drawing only the given shapes, with equal weights. */
    public FdtGenOptions withOnlyShapes(ValueShape... shapes) {
        EnumMap<ValueShape, Integer> w = new EnumMap<>(ValueShape.class);
        for (ValueShape s : shapes) {
            w.put(s, 1);
        }
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, maxValueBytes, chainPercent, w,
                maxReservations, version, bootCpuId);
    }

    /** A copy with another bound on reservation entries. */
    public FdtGenOptions withMaxReservations(int n) {
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, maxValueBytes, chainPercent, shapeWeights,
                n, version, bootCpuId);
    }

    /** A copy writing header version 16 or 17. */
    public FdtGenOptions withVersion(int v) {
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, maxValueBytes, chainPercent, shapeWeights,
                maxReservations, v, bootCpuId);
    }

    /** A copy with a fixed boot_cpuid_phys. */
    public FdtGenOptions withBootCpuId(int id) {
        return new FdtGenOptions(minNodes, maxNodes, maxDepth, maxProperties, maxValueBytes, chainPercent, shapeWeights,
                maxReservations, version, OptionalInt.of(id));
    }

    /** The weight of {@code shape} (0 when absent). */
    public int weight(ValueShape shape) {
        return shapeWeights.getOrDefault(shape, 0);
    }

    private static Map<ValueShape, Integer> defaultWeights() {
        EnumMap<ValueShape, Integer> w = new EnumMap<>(ValueShape.class);
        for (ValueShape s : ValueShape.values()) {
            w.put(s, 1);
        }
        return w;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
