package io.khotools.kho.gen;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoFdtBlob;
import io.khotools.kho.blob.LuoFdtNode;
import io.khotools.kho.blob.LuoFileArray;
import io.khotools.kho.blob.LuoFlbArray;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.LuoSer;
import io.khotools.kho.blob.LuoSessionArray;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.blob.VmallocChunk;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.VmallocArea;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * Places the structures of a handover state the way the kernel preserves them, for {@link HandoverGenerator}
 * and {@link HandoverDescription}: page-granular structures (blobs, arrays, chunk and block pages) bump-allocated
 * from 4 GiB and preserved as page ranges, and data (vmalloc pieces, folios, {@code reserve_mem} regions)
 * bump-allocated from 8 GiB, naturally aligned and preserved as blocks. It also collects, per subsystem, the
 * structures and vmalloc areas a reader reaches, in the order it visits them. Not thread-safe.
 */
final class HandoverLayout {
    /** Start of the structure area (4 GiB). */
    static final long STRUCT_BASE = 4L << 30;
    /** End of the structure area (8 GiB). */
    static final long STRUCT_END = 8L << 30;
    /** Start of the data area (8 GiB). */
    static final long DATA_BASE = 8L << 30;
    /** End of the data area (32 GiB). */
    static final long DATA_END = 32L << 30;

    /** Pages of the {@code luo-v1} session block. */
    static final int SESSION_BLOCK_PAGES = 16;

    final KhoOptions options;
    final int shift;
    final long page;
    /** Every block preserved so far. */
    final PreservedBlocks.Builder blocks;
    private long structNext = STRUCT_BASE;
    private long dataNext = DATA_BASE;
    /** The current subsystem's structures, in visiting order. */
    List<LocatedBlob> structures = new ArrayList<>();
    /** The current subsystem's vmalloc areas, in visiting order. */
    List<VmallocArea> vmallocs = new ArrayList<>();

    HandoverLayout(KhoOptions options) {
        this.options = options;
        this.shift = options.pageShift();
        this.page = 1L << shift;
        this.blocks = PreservedBlocks.builder(shift);
    }

    /** Starts a new subsystem's lists. */
    void beginSubsystem() {
        structures = new ArrayList<>();
        vmallocs = new ArrayList<>();
    }

    /** Page-granular structure memory of {@code bytes} (at least a page), preserved as a range. */
    long struct(long bytes) {
        long at = structNext;
        long len = Math.max(page, (bytes + page - 1) & -page);
        if (at + len > STRUCT_END) {
            throw new IllegalArgumentException("more than 4 GiB of structures");
        }
        structNext += len;
        blocks.addRange(at, at + len);
        return at;
    }

    /** Data memory of one order, naturally aligned, preserved as one block. */
    long data(int order) {
        long size = 1L << (shift + order);
        long at = (dataNext + size - 1) & -size;
        if (at + size > DATA_END) {
            throw new IllegalArgumentException("more than 24 GiB of pieces and folios");
        }
        dataNext = at + size;
        blocks.add(at, order);
        return at;
    }

    /** Page-aligned data memory of {@code size} bytes (a multiple of the page size), preserved as a range. */
    long dataRange(long size) {
        long at = (dataNext + page - 1) & -page;
        if (at + size > DATA_END) {
            throw new IllegalArgumentException("more than 24 GiB of pieces and folios");
        }
        dataNext = at + size;
        blocks.addRange(at, at + size);
        return at;
    }

    /**
     * Lays {@code content} into pieces of {@code order} and lists them in chunk pages; records the area and
     * returns its descriptor.
     */
    KhoVmalloc vmalloc(String path, SubBlob content, int order) {
        long bytes = SubBlobCodec.encode(content, options).length;
        long pieceBytes = 1L << (shift + order);
        int nPieces = (int) ((bytes + pieceBytes - 1) / pieceBytes);
        List<Long> pieces = new ArrayList<>();
        for (int i = 0; i < nPieces; i++) {
            pieces.add(data(order));
        }
        int cap = VmallocChunk.capacity((int) page);
        int nChunks = (nPieces + cap - 1) / cap;
        long[] at = new long[nChunks];
        for (int k = 0; k < nChunks; k++) {
            at[k] = struct(page);
        }
        List<LocatedBlob> chunks = new ArrayList<>();
        for (int k = 0; k < nChunks; k++) {
            List<Long> mine = pieces.subList(k * cap, Math.min(nPieces, (k + 1) * cap));
            chunks.add(new LocatedBlob(path + ".chunk[" + k + "]", at[k],
                    new VmallocChunk(k + 1 < nChunks ? at[k + 1] : 0, mine)));
        }
        KhoVmalloc d = new KhoVmalloc(nChunks == 0 ? 0 : at[0], nPieces << order, KhoVmalloc.FLAG_ALLOC, order);
        vmallocs.add(new VmallocArea(path, d, chunks, content));
        return d;
    }

    /** A KHO block chain of {@code entries}; its blocks go to {@code out}. Returns the head, 0 if empty. */
    long chain(String path, SubBlobType type, List<LuoRecord> entries, List<LocatedBlob> out) {
        int cap = KhoBlock.capacity(type, (int) page);
        int n = (entries.size() + cap - 1) / cap;
        long[] at = new long[n];
        for (int k = 0; k < n; k++) {
            at[k] = struct(page);
        }
        for (int k = 0; k < n; k++) {
            out.add(new LocatedBlob(path + ".block[" + k + "]", at[k], new KhoBlock(type, k + 1 < n ? at[k + 1] : 0,
                    entries.subList(k * cap, Math.min(entries.size(), (k + 1) * cap)))));
        }
        return n == 0 ? 0 : at[0];
    }

    /** Makes one LUO session's file records; memfd structs it lays out go to {@code memfds}. */
    interface FileMaker {
        List<LuoRecord> files(int session, String filesPath, List<LocatedBlob> memfds);
    }

    /** The LUO format a generation's kernel writes: luo-v1 FDT up to kho-v2, then luo-v3, luo-v4, luo-v5. */
    static String luoVersion(KhoAbi abi) {
        return switch (abi) {
            case V1_BITMAP_512, V1_BITMAP_PAGE, V2 -> "luo-v1";
            case V3 -> "luo-v3";
            case V4 -> "luo-v4";
            case V4_RADIX_VMALLOC -> "luo-v5";
        };
    }

    /**
     * Lays out a LUO subsystem of {@code version}: per session its files (made by {@code files}, then their
     * array or block chain), then the session array (a 16-page block in luo-v1, packed in luo-v3) or chain, and
     * the FLB array page or chain ({@code flbs} is asked after every session's files). Records the structures in
     * the order a reader visits them and returns the blob: a {@code luo-v1} FDT or a {@code luo_ser}.
     */
    SubBlob luo(String version, long number, List<String> sessionNames, FileMaker files,
            Supplier<List<LuoRecord>> flbs) {
        boolean chains = !version.equals("luo-v1") && !version.equals("luo-v3");
        // make every session's files first, then order the structures as a reader visits them
        List<LuoRecord.Session> sessions = new ArrayList<>();
        List<List<LocatedBlob>> perSession = new ArrayList<>();
        for (int i = 0; i < sessionNames.size(); i++) {
            String fp = "LUO/sessions[" + i + "]/files";
            List<LocatedBlob> memfds = new ArrayList<>();
            List<LuoRecord> made = files.files(i, fp, memfds);
            List<LocatedBlob> own = new ArrayList<>();
            long filesAt = 0;
            if (chains) {
                filesAt = chain(fp, SubBlobType.KHO_BLOCK_FILES, made, own);
            } else if (!made.isEmpty()) {
                LuoFileArray a = new LuoFileArray(made.stream().map(f -> (LuoRecord.File) f).toList());
                filesAt = struct(SubBlobCodec.encode(a, options).length);
                own.add(new LocatedBlob(fp, filesAt, a));
            }
            own.addAll(memfds);
            perSession.add(own);
            sessions.add(new LuoRecord.Session(sessionNames.get(i), filesAt, made.size()));
        }
        List<LuoRecord> flbList = flbs.get();
        if (chains) {
            List<LocatedBlob> sessionBlocks = new ArrayList<>();
            long sessionsAt = chain("LUO/sessions", SubBlobType.KHO_BLOCK_SESSIONS, new ArrayList<>(sessions),
                    sessionBlocks);
            structures.addAll(sessionBlocks);
            perSession.forEach(structures::addAll);
            List<LocatedBlob> flbBlocks = new ArrayList<>();
            long flbsAt = chain("LUO/flbs", SubBlobType.KHO_BLOCK_FLBS, flbList, flbBlocks);
            structures.addAll(flbBlocks);
            return new LuoSer(version, number, sessionsAt, flbsAt);
        }
        LuoSessionArray array = new LuoSessionArray(sessions);
        long sessionsAt = version.equals("luo-v1") ? struct(SESSION_BLOCK_PAGES * page)
                : struct(SubBlobCodec.encode(array, options).length);
        structures.add(new LocatedBlob("LUO/sessions", sessionsAt, array));
        perSession.forEach(structures::addAll);
        LuoFlbArray flbArray = new LuoFlbArray(1, flbList.stream().map(f -> (LuoRecord.Flb) f).toList());
        long flbsAt = struct(page);
        structures.add(new LocatedBlob("LUO/flbs", flbsAt, flbArray));
        if (version.equals("luo-v1")) {
            return LuoFdtBlob.v1(number, new LuoFdtNode("luo-session-v2", OptionalLong.of(sessionsAt)),
                    new LuoFdtNode("luo-flb-v1", OptionalLong.of(flbsAt)));
        }
        return new LuoSer(version, number, sessionsAt, flbsAt);
    }
}
