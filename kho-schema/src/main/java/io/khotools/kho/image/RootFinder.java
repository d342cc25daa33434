package io.khotools.kho.image;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.scratch.KhoBootInfo;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the KHO root FDT in a memory image: at a given physical address, through the x86 {@code setup_data}
 * chain's KHO record (kho-format.md §3.1), or by scanning the image for an FDT header whose blob reads and whose
 * root {@code compatible} starts with {@code kho-v}. Every method is bounded (chain length, blob size, candidate
 * count) and answers "not found" for absent memory instead of throwing; {@link PhysMemory#absent} tells the
 * caller which bytes were missing. Stateless.
 */
public final class RootFinder {
    /** Largest root FDT considered: 1 MiB (the kernel's root is one page). */
    public static final int MAX_ROOT_SIZE = 1 << 20;
    /** Most {@code setup_data} nodes followed before giving up (real chains have a handful). */
    public static final int MAX_CHAIN = 256;
    /** Most FDT-magic candidates parsed by one scan. */
    public static final int MAX_CANDIDATES = 4096;
    private static final int FDT_HEADER = 40;
    private static final int SCAN_BLOCK = 1 << 16;

    /**
     * A root FDT found in the image.
     *
     * @param address its physical address
     * @param root its bytes (totalsize of them), a fresh copy
     * @param compatible the root node's first {@code compatible} entry
     */
    public record Found(long address, byte[] root, String compatible) {
    }

    private RootFinder() {
    }

    /**
     * The KHO root FDT at {@code address}, if the image holds a readable FDT there (header, totalsize at most
     * {@link #MAX_ROOT_SIZE}, every byte present) whose root {@code compatible} starts with {@code kho-v}.
     */
    public static Optional<Found> at(PhysMemory memory, long address) {
        byte[] h = new byte[FDT_HEADER];
        if (address < 0 || !memory.read(address, h, 0, h.length)
                || NativeBytes.u32(h, FdtFormat.OFF_MAGIC, ByteOrder.BIG_ENDIAN) != FdtFormat.MAGIC) {
            return Optional.empty();
        }
        long total = NativeBytes.u32(h, FdtFormat.OFF_TOTALSIZE, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
        if (total < FDT_HEADER || total > MAX_ROOT_SIZE) {
            return Optional.empty();
        }
        byte[] blob = new byte[(int) total];
        if (!memory.read(address, blob, 0, blob.length)) {
            return Optional.empty();
        }
        FdtTree tree;
        try {
            tree = SubBlobCodec.readFdt(blob);
        } catch (RuntimeException e) {
            return Optional.empty(); // not a readable FDT: a false candidate, not an error
        }
        String compatible = SubBlobCodec.compatible(tree.root());
        return compatible.startsWith("kho-v") ? Optional.of(new Found(address, blob, compatible)) : Optional.empty();
    }

    /**
     * Follows the x86 {@code setup_data} chain from {@code head} (the {@code boot_params.hdr.setup_data}
     * value) to the first {@code SETUP_KEXEC_KHO} record; little-endian as on x86. Stops at a null or absent
     * node, a cycle, or after {@link #MAX_CHAIN} nodes.
     */
    public static Optional<KhoBootInfo> bootInfo(PhysMemory memory, long head) {
        return bootInfo(memory, head, MAX_CHAIN);
    }

    /**
     * As {@link #bootInfo(PhysMemory, long)}, visiting at most {@code maxChain} nodes (the record must be
     * within the first {@code maxChain}).
     *
     * @throws IllegalArgumentException if {@code maxChain < 1}
     */
    public static Optional<KhoBootInfo> bootInfo(PhysMemory memory, long head, int maxChain) {
        if (maxChain < 1) {
            throw new IllegalArgumentException("chain limit must be positive: " + maxChain);
        }
        Set<Long> seen = new HashSet<>();
        byte[] node = new byte[KhoBootInfo.SETUP_HEADER + KhoBootInfo.KHO_DATA_LEN];
        for (long at = head; at > 0 && seen.size() < maxChain && seen.add(at);) {
            if (!memory.read(at, node, 0, KhoBootInfo.SETUP_HEADER)) {
                return Optional.empty();
            }
            if (NativeBytes.u32(node, 8, ByteOrder.LITTLE_ENDIAN) == KhoBootInfo.SETUP_KEXEC_KHO) {
                if (!memory.read(at, node, 0, node.length)) {
                    return Optional.empty();
                }
                return KhoBootInfo.fromSetupData(node);
            }
            at = NativeBytes.u64(node, 0, ByteOrder.LITTLE_ENDIAN);
        }
        return Optional.empty();
    }

    /** The root FDT the {@code setup_data} chain at {@code head} points to, checked as {@link #at} does. */
    public static Optional<Found> fromSetupData(PhysMemory memory, long head) {
        return fromSetupData(memory, head, MAX_CHAIN);
    }

    /** As {@link #fromSetupData(PhysMemory, long)}, following at most {@code maxChain} chain nodes. */
    public static Optional<Found> fromSetupData(PhysMemory memory, long head, int maxChain) {
        return bootInfo(memory, head, maxChain).flatMap(b -> at(memory, b.fdtAddress()));
    }

    /**
     * Scans {@code ranges} of the image for KHO root FDTs: first at every page-aligned address (the kernel's
     * root is a page of its own), then, only if {@code unaligned} and none was found, at every other 8-byte
     * aligned address (FDTs are 8-byte aligned). Parses at most {@link #MAX_CANDIDATES} headers with the magic.
     * Stretches {@link PhysMemory#dataFrom} reports as zeros or absent are skipped, so the work follows the
     * bytes the image stores, not the sizes its headers claim.
     *
     * @param ranges where to look, e.g. {@link ElfCoreMemory#present()} or {@link RawMemory#range()}
     * @param pageSize alignment of the first pass, a power of two of at least 8
     * @param maxResults stop after this many roots
     * @return the roots found, in scan order (ascending within each pass)
     */
    public static List<Found> scan(PhysMemory memory, List<PhysRange> ranges, int pageSize, boolean unaligned,
            int maxResults) {
        if (pageSize < 8 || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size not a power of two >= 8: " + pageSize);
        }
        List<Found> out = new ArrayList<>();
        int[] budget = {MAX_CANDIDATES};
        byte[] magic = new byte[4];
        for (PhysRange r : ranges) {
            for (long a = (r.start() + pageSize - 1) & -pageSize; a >= 0 && a <= r.end() - FDT_HEADER
                    && out.size() < maxResults && budget[0] > 0; a += pageSize) {
                long data = memory.dataFrom(a);
                if (data > a) {
                    // zeros or absence up to data: no magic there (keeps a huge zero-filled segment cheap)
                    a = ((data + pageSize - 1) & -pageSize) - pageSize;
                    if (a < 0 || data == Long.MAX_VALUE) {
                        break;
                    }
                    continue;
                }
                if (memory.read(a, magic, 0, 4) && NativeBytes.u32(magic, 0, ByteOrder.BIG_ENDIAN) == FdtFormat.MAGIC) {
                    budget[0]--;
                    at(memory, a).ifPresent(out::add);
                }
            }
        }
        if (!unaligned || !out.isEmpty()) {
            return out;
        }
        byte[] block = new byte[SCAN_BLOCK];
        for (PhysRange r : ranges) {
            for (long b = (r.start() + 7) & -8L; b >= 0 && b < r.end() && out.size() < maxResults && budget[0] > 0;
                    b += SCAN_BLOCK) {
                long data = memory.dataFrom(b);
                if (data > b) {
                    b = ((data + 7) & -8L) - SCAN_BLOCK;
                    if (b + SCAN_BLOCK < 0 || data == Long.MAX_VALUE) {
                        break;
                    }
                    continue;
                }
                int n = (int) Math.min(SCAN_BLOCK, r.end() - b);
                memory.read(b, block, 0, n);
                for (int i = 0; i + 4 <= n && budget[0] > 0 && out.size() < maxResults; i += 8) {
                    long a = b + i;
                    if ((a & (pageSize - 1)) != 0
                            && NativeBytes.u32(block, i, ByteOrder.BIG_ENDIAN) == FdtFormat.MAGIC) {
                        budget[0]--;
                        at(memory, a).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }
}
