package io.khotools.kho.memory;

import static io.khotools.kho.check.KhoRules.MAP_OVERLAP;
import static io.khotools.kho.check.KhoRules.STATE_BLOB_NOT_PRESERVED;
import static io.khotools.kho.check.KhoRules.STATE_CHUNK_NOT_PRESERVED;
import static io.khotools.kho.check.KhoRules.STATE_DATA_NOT_PRESERVED;
import static io.khotools.kho.check.KhoRules.STATE_PIECE_NOT_PRESERVED;
import static io.khotools.kho.check.KhoRules.STATE_SCRATCH_BLOCK;
import static io.khotools.kho.check.KhoRules.STATE_SCRATCH_MAP;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a whole {@link KhoState}: the root and scratch rules of {@link KhoValidator}, then what
 * {@link StateDecoder} finds following the memory map and every sub-blob's pointers ({@code kho.map.*},
 * {@code kho.state.*} and the sub-blob rules of each structure reached), then the rules across them: blocks
 * overlapping, scratch against preserved blocks and map pages, and every range a subsystem relies on (blobs,
 * vmalloc chunks and pieces, KHO blocks, LUO arrays, memfd structs and folios, reserve_mem regions, kho_test
 * folios) against the preserved blocks. Memory the image lacks is a {@code kho.state.absent} finding, never an
 * exception. Immutable and thread-safe.
 */
public final class KhoStateValidator {
    /** Findings of one kind beyond this many are summarized in one line. */
    static final int MAX_PER_RULE = 8;
    private final KhoOptions options;
    private final WalkLimits limits;

    private KhoStateValidator(KhoOptions options, WalkLimits limits) {
        this.options = Objects.requireNonNull(options, "options");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** A validator for states in {@code options}' byte order, page size and kho-v1 bitmap size. */
    public static KhoStateValidator of(KhoOptions options) {
        return new KhoStateValidator(options, WalkLimits.DEFAULT);
    }

    /** A validator that follows chains only as far as {@code limits} allow. */
    public static KhoStateValidator of(KhoOptions options, WalkLimits limits) {
        return new KhoStateValidator(options, limits);
    }

    /** Decodes the map {@code abi} uses at {@code root} (see {@link StateDecoder#decodeMap}). */
    public MapDecoding decodeMap(KhoAbi abi, PhysMemory memory, long root) {
        return StateDecoder.of(options, limits).decodeMap(abi, memory, root);
    }

    /** Every finding for the state, root and scratch findings first. */
    public Report validate(KhoState state) {
        KhoValidator kv = KhoValidator.of(options);
        List<Diagnostic> out = new ArrayList<>(kv.validateRoot(state.root()).diagnostics());
        if (state.scratch() != null) {
            out.addAll(kv.validateScratch(state.scratch()).diagnostics());
        }
        StateDecoding d = StateDecoder.of(options, limits).decode(state);
        if (d.model() == null) {
            return new Report(out); // the root rules say why
        }
        out.addAll(d.findings());
        if (d.model().root().preservedMemoryMap().orElse(0) == 0) {
            return new Report(out); // no map: kho.root.memory-map-* say so, and nothing can be covered
        }
        PreservedBlocks blocks = d.model().blocks();
        overlaps(blocks, out);
        List<PhysRange> preserved = blocks.ranges();
        if (state.scratch() != null && state.scratch().length % 16 == 0) {
            scratch(ScratchCodec.decode(state.scratch(), options.byteOrder()), preserved, d.mapPieces(), out);
        }
        coverage(d.needs(), preserved, out);
        return new Report(out);
    }

    private static void coverage(List<PreservationNeed> needs, List<PhysRange> preserved, List<Diagnostic> out) {
        long[] starts = new long[preserved.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = preserved.get(i).start();
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PreservationNeed n : needs) {
            int i = java.util.Arrays.binarySearch(starts, n.range().start());
            i = i >= 0 ? i : -i - 2; // the last merged range starting at or before the need
            if (i >= 0 && preserved.get(i).contains(n.range())) {
                continue;
            }
            String id = switch (n.kind()) {
                case BLOB -> STATE_BLOB_NOT_PRESERVED;
                case CHUNK -> STATE_CHUNK_NOT_PRESERVED;
                case PIECE -> STATE_PIECE_NOT_PRESERVED;
                case DATA -> STATE_DATA_NOT_PRESERVED;
            };
            if (counts.merge(id, 1, Integer::sum) <= MAX_PER_RULE) {
                out.add(d(id, n.range().start(), "[" + n.what() + "] " + (n.kind() == PreservationNeed.Kind.BLOB
                        ? "blob " : "") + n.range() + " is not covered by preserved blocks"));
            }
        }
        counts.forEach((id, c) -> {
            if (c > MAX_PER_RULE) {
                out.add(d(id, -1, (c - MAX_PER_RULE) + " more ranges not covered by preserved blocks"));
            }
        });
    }

    private static void overlaps(PreservedBlocks blocks, List<Diagnostic> out) {
        long[] packed = blocks.byAddress();
        long mask = (1L << blocks.pageShift()) - 1;
        long maxEnd = -1;
        long maxStart = -1;
        int n = 0;
        for (long p : packed) {
            long s = p & ~mask;
            long e = s + (1L << (blocks.pageShift() + (int) (p & mask)));
            if (s < maxEnd) {
                if (n++ < MAX_PER_RULE) {
                    out.add(d(MAP_OVERLAP, s, "block 0x" + Long.toHexString(s) + " order " + (p & mask)
                            + " overlaps the block at 0x" + Long.toHexString(maxStart)));
                }
            }
            if (e > maxEnd) {
                maxEnd = e;
                maxStart = s;
            }
        }
        if (n > MAX_PER_RULE) {
            out.add(d(MAP_OVERLAP, -1, (n - MAX_PER_RULE) + " more overlapping blocks"));
        }
    }

    private static void scratch(List<ScratchArea> areas, List<PhysRange> preserved, List<PhysRange> mapPieces,
            List<Diagnostic> out) {
        for (int i = 0; i < areas.size(); i++) {
            ScratchArea a = areas.get(i);
            if (a.size() <= 0 || a.address() + a.size() < a.address()) {
                continue; // kho.scratch.* judge the entry itself
            }
            PhysRange r = PhysRange.of(a.address(), a.size());
            for (PhysRange p : preserved) {
                if (p.overlaps(r)) {
                    out.add(d(STATE_SCRATCH_BLOCK, 16L * i, "scratch[" + i + "] " + r + " overlaps preserved " + p));
                    break;
                }
            }
            for (PhysRange p : mapPieces) {
                if (p.overlaps(r)) {
                    out.add(d(STATE_SCRATCH_MAP, 16L * i, "scratch[" + i + "] " + r + " contains map memory " + p));
                    break;
                }
            }
        }
    }

    private static Diagnostic d(String id, long offset, String message) {
        return new Diagnostic(id, KhoRules.severity(id), "[state]", null, offset < 0 ? -1 : offset, message);
    }
}
