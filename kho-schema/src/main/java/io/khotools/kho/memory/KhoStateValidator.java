package io.khotools.kho.memory;

import static io.khotools.kho.check.KhoRules.MAP_OVERLAP;
import static io.khotools.kho.check.KhoRules.STATE_ABSENT;
import static io.khotools.kho.check.KhoRules.STATE_BLOB_NOT_PRESERVED;
import static io.khotools.kho.check.KhoRules.STATE_SCRATCH_BLOCK;
import static io.khotools.kho.check.KhoRules.STATE_SCRATCH_MAP;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.check.KhoRules;
import io.khotools.kho.check.KhoValidator;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Validates a whole {@link KhoState}: the root and scratch rules of {@link KhoValidator}, then the memory map
 * decoded through the state's memory ({@code kho.map.*}), then the rules across them ({@code kho.state.*}):
 * scratch against preserved blocks and map pages, sub-blobs against preserved blocks. Memory the image lacks
 * is a {@code kho.state.absent} finding, never an exception. Immutable and thread-safe.
 */
public final class KhoStateValidator {
    /** Findings of one kind beyond this many are summarized in one line. */
    static final int MAX_PER_RULE = 8;
    private final KhoOptions options;

    private KhoStateValidator(KhoOptions options) {
        this.options = options;
    }

    /** A validator for states in {@code options}' byte order, page size and kho-v1 bitmap size. */
    public static KhoStateValidator of(KhoOptions options) {
        return new KhoStateValidator(java.util.Objects.requireNonNull(options, "options"));
    }

    /** Decodes the map {@code abi} uses at {@code root}. */
    public MapDecoding decodeMap(KhoAbi abi, PhysMemory memory, long root) {
        if (abi.radixTree()) {
            boolean fixed = abi == KhoAbi.V4 || abi == KhoAbi.V4_RADIX_VMALLOC;
            return new RadixTreeCodec(new RadixGeometry(options.pageShift(), fixed), options.byteOrder())
                    .decode(memory, root);
        }
        return new ChunkListCodec(options.pageShift(), abi.v1BitmapBytes(options.pageSize()), options.byteOrder())
                .decode(memory, root);
    }

    /** Every finding for the state, root and scratch findings first. */
    public Report validate(KhoState state) {
        KhoValidator kv = KhoValidator.of(options);
        List<Diagnostic> out = new ArrayList<>(kv.validateRoot(state.root()).diagnostics());
        if (state.scratch() != null) {
            out.addAll(kv.validateScratch(state.scratch()).diagnostics());
        }
        FdtTree tree;
        try {
            tree = SubBlobCodec.readFdt(state.root());
        } catch (RuntimeException e) {
            return new Report(out); // the FDT findings above say why
        }
        Node root = tree.root();
        Optional<KhoAbi> abi = KhoAbi.detect(SubBlobCodec.compatible(root), options.v1Bitmap())
                .map(KhoAbi.Detection::abi);
        OptionalLong mapAt = SubBlobCodec.u64Property(root, KhoAbi.MEMORY_MAP_PROPERTY, options.byteOrder());
        if (abi.isEmpty() || mapAt.isEmpty() || mapAt.getAsLong() == 0) {
            return new Report(out); // the root rules name the problem
        }
        MapDecoding map = decodeMap(abi.get(), state.memory(), mapAt.getAsLong());
        out.addAll(map.findings());
        overlaps(map.blocks(), out);
        List<PhysRange> preserved = map.blocks().ranges();
        if (state.scratch() != null && state.scratch().length % 16 == 0) {
            scratch(ScratchCodec.decode(state.scratch(), options.byteOrder()), preserved, map.mapPieces(), out);
        }
        for (Node child : root.children()) {
            blob(abi.get(), child, state.memory(), preserved, out);
        }
        return new Report(out);
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

    private void blob(KhoAbi abi, Node child, PhysMemory memory, List<PhysRange> preserved, List<Diagnostic> out) {
        ByteOrder order = options.byteOrder();
        OptionalLong at = SubBlobCodec.u64Property(child, abi.dataProperty(), order);
        if (at.isEmpty() || at.getAsLong() == 0) {
            return; // kho.subtree.pointer-* judge it
        }
        long addr = at.getAsLong();
        OptionalLong size = SubBlobCodec.u64Property(child, KhoAbi.BLOB_SIZE_PROPERTY, order);
        long len;
        if (size.isPresent()) {
            len = size.getAsLong();
        } else {
            byte[] h = new byte[8];
            if (!memory.read(addr, h, 0, 8)) {
                out.add(d(STATE_ABSENT, addr, "[" + child.name() + "] blob at 0x" + Long.toHexString(addr)
                        + " is not in the image"));
                return;
            }
            len = io.khotools.kho.NativeBytes.u32(h, 0, ByteOrder.BIG_ENDIAN) == FdtFormat.MAGIC
                    ? io.khotools.kho.NativeBytes.u32(h, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL : 1;
        }
        if (len <= 0 || addr + len < addr) {
            return;
        }
        PhysRange r = PhysRange.of(addr, len);
        if (!memory.contains(addr, len)) {
            out.add(d(STATE_ABSENT, addr, "[" + child.name() + "] blob " + r + " is not wholly in the image: missing "
                    + memory.absent(addr, len)));
        }
        boolean covered = false;
        for (PhysRange p : preserved) {
            covered |= p.contains(r);
        }
        if (!covered) {
            out.add(d(STATE_BLOB_NOT_PRESERVED, addr, "[" + child.name() + "] blob " + r
                    + " is not covered by preserved blocks"));
        }
    }

    private static Diagnostic d(String id, long offset, String message) {
        return new Diagnostic(id, KhoRules.severity(id), "[state]", null, offset < 0 ? -1 : offset, message);
    }
}
