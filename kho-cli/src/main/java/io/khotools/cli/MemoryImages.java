package io.khotools.cli;

import io.khotools.fdt.FdtFormat;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.image.ElfCoreMemory;
import io.khotools.kho.image.ElfSegment;
import io.khotools.kho.image.ImageFormatException;
import io.khotools.kho.image.ImageIssue;
import io.khotools.kho.image.RawMemory;
import io.khotools.kho.image.RootFinder;
import io.khotools.kho.memory.KhoState;
import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.scratch.KhoBootInfo;
import io.khotools.kho.view.HandoverMemory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Physical memory images as inputs: an ELF64 core (recognised by its magic) or, with {@code --raw-base}, a raw
 * memory file; the KHO root FDT found in it ({@code --fdt-addr}, else the x86 {@code setup_data} KHO record given
 * by {@code --setup-data} or found in the image, else a scan for a {@code kho-v*} root), the scratch array
 * through the record, and the handover read through the memory. A file is memory-mapped, not read whole.
 */
final class MemoryImages {
    /** Most {@code setup_data} KHO record candidates checked by the search. */
    static final int MAX_RECORDS = 64;
    private static final int BLOCK = 1 << 16;
    private static final byte[] ELF_MAGIC = {0x7f, 'E', 'L', 'F'};

    private MemoryImages() {}

    /**
     * An image read and its handover found.
     *
     * @param memory the handover read through the image
     * @param warnings damage and doubts that did not stop the reading (segments, scratch array, several roots)
     */
    record Loaded(HandoverMemory memory, List<Warning> warnings) {}

    /**
     * Something wrong with an image that did not stop it being read; {@code kho validate} reports it as a
     * warning finding with this rule id.
     *
     * @param rule {@code image.segment} (a damaged ELF segment), {@code image.scratch} (the scratch array could
     *     not be read) or {@code image.root} (several KHO roots; the first was used)
     * @param message for people
     */
    record Warning(String rule, String message) {}

    /** Whether {@code bytes} start with the ELF magic. */
    static boolean isElf(byte[] head) {
        if (head.length < ELF_MAGIC.length) {
            return false;
        }
        for (int i = 0; i < ELF_MAGIC.length; i++) {
            if (head[i] != ELF_MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the file {@code input} (not {@code -}, not a directory) starts with the ELF magic; false if unreadable. */
    static boolean isElfFile(CliContext context, String input) {
        Path p = context.resolve(input);
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            return isElf(in.readNBytes(ELF_MAGIC.length));
        } catch (IOException e) {
            return false; // BlobFiles.read says why when the command reads it
        }
    }

    /**
     * Opens a file as an image (memory-mapped): an ELF core, or raw memory at {@code rawBase} when not null.
     *
     * @throws FileProblemException if it cannot be read or its ELF structure is unreadable
     */
    static Loaded open(CliContext context, String input, ImageOptionsMixin image, KhoOptions options,
            boolean endianGiven) {
        Path p = context.resolve(input);
        PhysMemory memory;
        try {
            if (Files.size(p) == 0) {
                throw new FileProblemException(input, "file is empty, expected a memory image", null);
            }
            memory = image.rawBase != null ? RawMemory.open(p, image.rawBase) : ElfCoreMemory.open(p);
        } catch (ImageFormatException e) {
            throw new FileProblemException(input, "not a readable ELF core: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new FileProblemException(input, "cannot read: " + BlobFiles.reason(e), e);
        } catch (IllegalArgumentException e) {
            throw new FileProblemException(input, "cannot use as raw memory: " + e.getMessage(), e);
        }
        try {
            return find(BlobFiles.displayName(input), memory, Files.size(p), image, options, endianGiven);
        } catch (IOException e) {
            throw new FileProblemException(input, "cannot read: " + BlobFiles.reason(e), e);
        }
    }

    /**
     * An image already read into a buffer (standard input); the buffer is borrowed.
     *
     * @throws FileProblemException if its ELF structure is unreadable
     */
    static Loaded of(String name, ByteBuf bytes, ImageOptionsMixin image, KhoOptions options, boolean endianGiven) {
        byte[] b = ByteBufUtil.getBytes(bytes);
        PhysMemory memory;
        try {
            memory = image.rawBase != null ? RawMemory.of(b, image.rawBase) : ElfCoreMemory.of(b);
        } catch (ImageFormatException e) {
            throw new FileProblemException(name, "not a readable ELF core: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new FileProblemException(name, "cannot use as raw memory: " + e.getMessage(), e);
        }
        return find(name, memory, b.length, image, options, endianGiven);
    }

    /** Prints each warning as {@code kho: <input>: warning: <message>} on {@code err}. */
    static void warn(java.io.PrintWriter err, String input, List<Warning> warnings) {
        for (Warning w : warnings) {
            err.println("kho: " + input + ": warning: " + w.message());
        }
        err.flush();
    }

    /**
     * The parts of the image a search reads: the file-backed part of each ELF segment (zero-filled memory holds
     * no FDT or record), merged, at most {@code fileLength} bytes in all. Legitimate segments hold distinct file
     * bytes, so this loses nothing for them, and bounds the work for a hostile table (huge {@code p_filesz},
     * many segments over the same bytes).
     */
    static List<PhysRange> scanRanges(PhysMemory memory, long fileLength) {
        List<PhysRange> backed = new ArrayList<>();
        if (memory instanceof ElfCoreMemory elf) {
            for (ElfSegment s : elf.segments()) {
                long len = Math.min(s.fileSize(), s.memSize());
                if (len > 0 && s.physAddr() >= 0 && s.physAddr() + len > s.physAddr()) {
                    backed.add(PhysRange.of(s.physAddr(), len));
                }
            }
        } else {
            backed.add(((RawMemory) memory).range());
        }
        backed.sort((x, y) -> Long.compare(x.start(), y.start()));
        List<PhysRange> out = new ArrayList<>();
        long budget = fileLength;
        for (PhysRange r : backed) {
            PhysRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            long start = last != null && r.start() < last.end() ? last.end() : r.start();
            long size = Math.min(r.end() - start, budget);
            if (size <= 0) {
                continue;
            }
            budget -= size;
            if (last != null && start == last.end()) {
                out.set(out.size() - 1, new PhysRange(last.start(), start + size));
            } else {
                out.add(PhysRange.of(start, size));
            }
        }
        return out;
    }

    /**
     * Finds the root (and the scratch array) in {@code memory} and reads the handover. The KHO values are read
     * in {@code options}' byte order when {@code endianGiven}; else an ELF core whose header says big-endian
     * ({@code ELFDATA2MSB}) is read big-endian, anything else little-endian. The source says which and why.
     */
    static Loaded find(String name, PhysMemory memory, long fileLength, ImageOptionsMixin image, KhoOptions options,
            boolean endianGiven) {
        List<Warning> warnings = new ArrayList<>();
        if (memory instanceof ElfCoreMemory elf) {
            for (ImageIssue i : elf.issues()) {
                warnings.add(new Warning("image.segment", i.message()));
            }
        }
        List<PhysRange> present = scanRanges(memory, fileLength);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("image", memory instanceof ElfCoreMemory ? "elf-core" : "raw");
        RootFinder.Found root;
        Optional<KhoBootInfo> info = Optional.empty();
        String foundBy;
        if (image.fdtAddr != null) {
            root = RootFinder.at(memory, image.fdtAddr).orElseThrow(() -> new FileProblemException(name,
                    "no KHO root FDT at --fdt-addr 0x" + Long.toHexString(image.fdtAddr) + ": "
                            + whyNot(memory, image.fdtAddr), null));
            foundBy = "--fdt-addr";
            info = image.setupData != null ? RootFinder.bootInfo(memory, image.setupData)
                    : searchRecords(memory, present).stream().filter(b -> b.fdtAddress() == image.fdtAddr).findFirst();
        } else if (image.setupData != null) {
            long head = image.setupData;
            info = RootFinder.bootInfo(memory, head);
            KhoBootInfo b = info.orElseThrow(() -> new FileProblemException(name, "no KHO record in the setup_data"
                    + " chain at --setup-data 0x" + Long.toHexString(head) + ": " + (memory.contains(head, 16)
                    ? "no node of type SETUP_KEXEC_KHO (10) with length 32" : "the image does not hold that address"),
                    null));
            root = RootFinder.at(memory, b.fdtAddress()).orElseThrow(() -> new FileProblemException(name,
                    "the setup_data KHO record points to 0x" + Long.toHexString(b.fdtAddress()) + ", which holds no KHO"
                            + " root FDT: " + whyNot(memory, b.fdtAddress()), null));
            foundBy = "--setup-data";
        } else {
            RootFinder.Found viaRecord = null;
            for (KhoBootInfo b : searchRecords(memory, present)) {
                Optional<RootFinder.Found> f = RootFinder.at(memory, b.fdtAddress());
                if (f.isPresent()) {
                    viaRecord = f.get();
                    info = Optional.of(b);
                    break;
                }
            }
            if (viaRecord != null) {
                root = viaRecord;
                foundBy = "setup_data record";
            } else {
                List<RootFinder.Found> roots = RootFinder.scan(memory, present, options.pageSize(), true, 2);
                if (roots.isEmpty()) {
                    throw new FileProblemException(name, "no KHO root FDT found in the image (" + bytes(present)
                            + " scanned); give --fdt-addr ADDR or --setup-data ADDR", null);
                }
                root = roots.get(0);
                foundBy = "scan";
                if (roots.size() > 1) {
                    warnings.add(new Warning("image.root", "more than one KHO root FDT in the image; using the one"
                            + " at 0x" + Long.toHexString(root.address()) + " (choose with --fdt-addr)"));
                }
            }
        }
        source.put("root-address", root.address());
        source.put("found-by", foundBy);
        byte[] scratch = readScratch(memory, info, root.address(), warnings, source);
        KhoOptions read = options;
        String orderFrom = "default";
        if (endianGiven) {
            orderFrom = "--endian";
        } else if (memory instanceof ElfCoreMemory elf && elf.byteOrder() == ByteOrder.BIG_ENDIAN) {
            // the kernel that wrote a big-endian core wrote its KHO values big-endian too
            read = options.withByteOrder(ByteOrder.BIG_ENDIAN);
            orderFrom = "elf-header";
        }
        source.put("byte-order", read.byteOrder() == ByteOrder.BIG_ENDIAN ? "big" : "little");
        source.put("byte-order-from", orderFrom);
        KhoState state = new KhoState(root.root(), scratch, memory);
        return new Loaded(HandoverMemory.read(state, read, source), warnings);
    }

    /**
     * The scratch array the {@code setup_data} record gives, when it is the record of {@code root}; null (and a
     * warning or a {@code scratch-array} sentence) otherwise.
     */
    private static byte[] readScratch(PhysMemory memory, Optional<KhoBootInfo> info, long root, List<Warning> warnings,
            Map<String, Object> source) {
        if (info.isEmpty()) {
            source.put("scratch-array", "unknown: no setup_data KHO record for this root (give --setup-data ADDR)");
            return null;
        }
        KhoBootInfo b = info.get();
        if (b.fdtAddress() != root) {
            source.put("scratch-array", "unknown: the setup_data KHO record is for another root");
            warnings.add(new Warning("image.scratch", "the setup_data KHO record points to the root at 0x"
                    + Long.toHexString(b.fdtAddress()) + ", not 0x" + Long.toHexString(root) + "; scratch areas not read"));
            return null;
        }
        source.put("scratch-array", b.scratchAddress());
        if (b.scratchSize() < 0 || b.scratchSize() > RootFinder.MAX_ROOT_SIZE) {
            warnings.add(new Warning("image.scratch", "scratch array size 0x" + Long.toHexString(b.scratchSize())
                    + " in the setup_data record is not plausible; scratch areas not read"));
            return null;
        }
        byte[] s = new byte[(int) b.scratchSize()];
        if (!memory.read(b.scratchAddress(), s, 0, s.length)) {
            warnings.add(new Warning("image.scratch", "scratch array " + PhysRange.of(b.scratchAddress(), s.length)
                    + " is not in the image"));
            return null;
        }
        return s;
    }

    /** Why {@link RootFinder#at} found no root at {@code addr}, for the error line. */
    private static String whyNot(PhysMemory memory, long addr) {
        byte[] h = new byte[8];
        if (!memory.read(addr, h, 0, h.length)) {
            return "the image does not hold that address";
        }
        if (NativeBytes.u32(h, 0, ByteOrder.BIG_ENDIAN) != FdtFormat.MAGIC) {
            return "no FDT magic (d00dfeed) there";
        }
        long total = NativeBytes.u32(h, 4, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
        if (total < 40 || total > RootFinder.MAX_ROOT_SIZE) {
            return "the FDT header there gives totalsize " + total;
        }
        byte[] blob = new byte[(int) total];
        if (!memory.read(addr, blob, 0, blob.length)) {
            return "the FDT there is cut short: its " + total + " bytes are not all in the image";
        }
        try {
            return "the FDT there is not a KHO root (compatible \""
                    + SubBlobCodec.compatible(SubBlobCodec.readFdt(blob).root()) + "\", not kho-v*)";
        } catch (RuntimeException e) {
            return "the FDT there does not read: " + e.getMessage();
        }
    }

    /**
     * The x86 {@code setup_data} KHO records in the image: every 8-byte aligned node of type
     * {@code SETUP_KEXEC_KHO} with length 32 (at most {@link #MAX_RECORDS}), in address order. One pass over the
     * image's bytes.
     */
    static List<KhoBootInfo> searchRecords(PhysMemory memory, List<PhysRange> present) {
        List<KhoBootInfo> out = new ArrayList<>();
        byte[] block = new byte[BLOCK + KhoBootInfo.SETUP_HEADER + KhoBootInfo.KHO_DATA_LEN];
        int node = KhoBootInfo.SETUP_HEADER + KhoBootInfo.KHO_DATA_LEN;
        for (PhysRange r : present) {
            for (long b = (r.start() + 7) & -8L; b >= 0 && b + node <= r.end() && out.size() < MAX_RECORDS; b += BLOCK) {
                int n = (int) Math.min(block.length, r.end() - b);
                memory.read(b, block, 0, n);
                for (int i = 0; i + node <= n && i < BLOCK && out.size() < MAX_RECORDS; i += 8) {
                    if (NativeBytes.u32(block, i + 8, ByteOrder.LITTLE_ENDIAN) == KhoBootInfo.SETUP_KEXEC_KHO
                            && NativeBytes.u32(block, i + 12, ByteOrder.LITTLE_ENDIAN) == KhoBootInfo.KHO_DATA_LEN) {
                        KhoBootInfo.fromSetupData(java.util.Arrays.copyOfRange(block, i, i + node)).ifPresent(out::add);
                    }
                }
            }
        }
        return out;
    }

    private static String bytes(List<PhysRange> present) {
        long t = 0;
        for (PhysRange r : present) {
            t += r.size();
        }
        return "0x" + Long.toHexString(t) + " bytes in " + present.size() + " range" + (present.size() == 1 ? "" : "s");
    }
}
