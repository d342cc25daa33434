package io.khotools.kho.memory;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoRootCodec;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.scratch.ScratchCodec;
import java.util.List;

/**
 * Lays a {@link HandoverModel} out as a {@link KhoState}, the inverse of {@link StateDecoder}: the root FDT
 * (the generation's default {@link KhoAbi.RootAssembly}), the scratch array, and a new {@link SparseMemory}
 * holding the memory map (encoded from the blocks with a {@link PageAllocator} starting at the root's
 * {@code preserved-memory-map}, so the map lands where the model says), every blob and structure at its
 * address ({@link SubBlobCodec#encode}; chunk and block pages whole), and every vmalloc area's content spread
 * over its pieces, each piece written whole (zero past the content). Pages no structure touches stay absent.
 * The same model always gives the same bytes; a model decoded from such a state encodes back to it. Stateless.
 */
public final class StateEncoder {
    /** Room the map's allocator may use past the map's root (8 GiB). */
    static final long MAP_ROOM = 8L << 30;

    private StateEncoder() {
    }

    /**
     * Encodes the model.
     *
     * @param model the state's model
     * @param options byte order, page size and kho-v1 bitmap size (the blocks' page size must match)
     * @return a new state whose memory is a {@link SparseMemory}
     * @throws IllegalArgumentException if the map would not start at the root's {@code preserved-memory-map}
     *     (a kho-v1 model with blocks but address 0, or an address the allocator cannot start at), or a blob
     *     cannot be encoded (see {@link SubBlobCodec#encode})
     */
    public static KhoState encode(HandoverModel model, KhoOptions options) {
        int shift = options.pageShift();
        if (model.blocks().pageShift() != shift) {
            throw new IllegalArgumentException("blocks of page shift " + model.blocks().pageShift() + ", options " + shift);
        }
        SparseMemory mem = new SparseMemory(shift);
        KhoAbi abi = model.root().abi();
        long mapAt = model.root().preservedMemoryMap().orElse(0);
        if (mapAt != 0) {
            encodeMap(model.blocks(), abi, options, mem, mapAt);
        } else if (model.blocks().count() > 0) {
            throw new IllegalArgumentException("blocks but preserved-memory-map 0");
        }
        for (SubsystemModel s : model.subsystems()) {
            if (s.blob() != null) {
                mem.write(s.address(), SubBlobCodec.encode(s.blob(), options));
            }
            for (LocatedBlob b : s.structures()) {
                mem.write(b.address(), SubBlobCodec.encode(b.blob(), options));
            }
            for (VmallocArea v : s.vmallocs()) {
                writeArea(mem, v, options);
            }
        }
        byte[] root = KhoRootCodec.encode(model.root(), abi.defaultAssembly(), options);
        byte[] scratch = model.scratch().isEmpty() ? null : ScratchCodec.encode(model.scratch(), options.byteOrder());
        return new KhoState(root, scratch, mem);
    }

    /**
     * Encodes the memory map of {@code blocks} in the generation's format into pages of {@code mem} taken in
     * order from {@code mapAt} (at most {@link #MAP_ROOM} bytes), so that its root lands at {@code mapAt}.
     *
     * @throws IllegalArgumentException if the map's root would not be at {@code mapAt}
     */
    public static void encodeMap(PreservedBlocks blocks, KhoAbi abi, KhoOptions options, SparseMemory mem,
            long mapAt) {
        int shift = options.pageShift();
        PageAllocator alloc = new PageAllocator(mem, mapAt, mapAt + MAP_ROOM);
        long root = abi.radixTree()
                ? new RadixTreeCodec(new RadixGeometry(shift, abi == KhoAbi.V4 || abi == KhoAbi.V4_RADIX_VMALLOC),
                        options.byteOrder()).encode(blocks, alloc)
                : new ChunkListCodec(shift, abi.v1BitmapBytes(options.pageSize()), options.byteOrder())
                        .encode(blocks, alloc);
        if (root != mapAt) {
            throw new IllegalArgumentException("map encodes at 0x" + Long.toHexString(root) + ", root says 0x"
                    + Long.toHexString(mapAt));
        }
    }

    private static void writeArea(SparseMemory mem, VmallocArea v, KhoOptions options) {
        int shift = options.pageShift();
        for (LocatedBlob c : v.chunks()) {
            mem.write(c.address(), SubBlobCodec.encode(c.blob(), options));
        }
        if (v.content() == null) {
            return;
        }
        byte[] content = SubBlobCodec.encode(v.content(), options);
        long pieceBytes = v.pieceBytes(shift);
        List<Long> pieces = v.pieces();
        long done = 0;
        for (long p : pieces) {
            for (long pfn = p >>> shift; pfn < (p + pieceBytes) >>> shift; pfn++) {
                mem.pageForWrite(pfn); // the whole piece is present, zero past the content
            }
            if (done < content.length) {
                int len = (int) Math.min(pieceBytes, content.length - done);
                mem.write(p, content, (int) done, len);
                done += len;
            }
        }
    }
}
