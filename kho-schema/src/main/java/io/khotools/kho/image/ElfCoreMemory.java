package io.khotools.kho.image;

import io.khotools.kho.NativeBytes;
import io.khotools.kho.memory.PhysMemory;
import io.khotools.kho.memory.PhysRange;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Physical memory read from an ELF64 core file ({@code ET_CORE}, either byte order) whose {@code PT_LOAD}
 * segments carry physical addresses in {@code p_paddr}: what QEMU's {@code dump-guest-memory} and kdump's
 * vmcore write, and what {@link ElfCoreWriter} writes. Partial images are normal: any address no segment covers
 * is absent.
 *
 * <p>Nothing from the file is trusted. The header and program-header table must lie inside the file, else
 * {@link ImageFormatException} (the only exception for bad content). Each segment is then bounded by the file
 * length: bytes past the end of the file are absent, {@code p_filesz < p_memsz} makes the tail read as zeros,
 * {@code p_filesz > p_memsz} is cut to {@code p_memsz}, and where segments overlap the lower-starting one (then
 * the earlier one in the table) wins; each such repair is listed in {@link #issues()}. Other program-header
 * types ({@code PT_NOTE}) are ignored. Immutable and thread-safe once built.
 */
public final class ElfCoreMemory implements PhysMemory {
    /** Most {@code PT_LOAD} segments accepted (1 Mi): real dumps have one per RAM range, a few hundred at most. */
    public static final int MAX_SEGMENTS = 1 << 20;

    private final ImageBytes file;
    private final ByteOrder order;
    private final int machine;
    private final List<ElfSegment> segments;
    private final List<ImageIssue> issues;
    // The present memory as disjoint pieces, ascending by start: [start, dataEnd) comes from the file at
    // fileOff, [dataEnd, end) reads as zeros.
    private final long[] start;
    private final long[] dataEnd;
    private final long[] end;
    private final long[] fileOff;

    private ElfCoreMemory(ImageBytes file, ByteOrder order, int machine, List<ElfSegment> segments) {
        this.file = file;
        this.order = order;
        this.machine = machine;
        this.segments = Collections.unmodifiableList(segments);
        List<ImageIssue> found = new ArrayList<>();
        List<long[]> pieces = new ArrayList<>(segments.size());
        for (ElfSegment s : segments) {
            long[] p = piece(s, file.length(), found);
            if (p != null) {
                pieces.add(p);
            }
        }
        // Sort by start, then table index, so overlaps resolve the same way whatever the table order.
        pieces.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[4], b[4]));
        List<long[]> kept = new ArrayList<>(pieces.size());
        long maxEnd = Long.MIN_VALUE;
        long maxIndex = -1;
        for (long[] p : pieces) {
            if (p[0] < maxEnd) {
                found.add(new ImageIssue((int) p[4], ImageIssue.Kind.OVERLAP, "segment " + p[4] + " "
                        + new PhysRange(p[0], p[2]) + " overlaps segment " + maxIndex + ", which is used there"));
                if (p[2] <= maxEnd) {
                    continue;
                }
                long shift = maxEnd - p[0];
                p[0] = maxEnd;
                p[3] += shift;
                p[1] = Math.max(p[1], p[0]);
            }
            kept.add(p);
            maxEnd = p[2];
            maxIndex = p[4];
        }
        int n = kept.size();
        start = new long[n];
        dataEnd = new long[n];
        end = new long[n];
        fileOff = new long[n];
        for (int i = 0; i < n; i++) {
            long[] p = kept.get(i);
            start[i] = p[0];
            dataEnd[i] = p[1];
            end[i] = p[2];
            fileOff[i] = p[3];
        }
        found.sort((a, b) -> Integer.compare(a.segment(), b.segment()));
        this.issues = Collections.unmodifiableList(found);
    }

    /** {start, dataEnd, end, fileOff, index} of the bytes a segment really provides, or null for none. */
    private static long[] piece(ElfSegment s, long fileLength, List<ImageIssue> issues) {
        long paddr = s.physAddr();
        long mem = s.memSize();
        long filesz = s.fileSize();
        if (Long.compareUnsigned(filesz, mem) > 0) {
            issues.add(new ImageIssue(s.index(), ImageIssue.Kind.FILE_SIZE_OVER_MEMORY_SIZE, "segment " + s.index()
                    + ": p_filesz 0x" + Long.toHexString(filesz) + " > p_memsz 0x" + Long.toHexString(mem)
                    + "; only p_memsz bytes used"));
            filesz = mem;
        }
        if (mem == 0) {
            return null;
        }
        if (paddr < 0) {
            issues.add(new ImageIssue(s.index(), ImageIssue.Kind.ADDRESS_RANGE, "segment " + s.index()
                    + ": p_paddr 0x" + Long.toHexString(paddr) + " is at or above 2^63; segment skipped"));
            return null;
        }
        if (mem < 0 || paddr + mem < 0) {
            issues.add(new ImageIssue(s.index(), ImageIssue.Kind.ADDRESS_RANGE, "segment " + s.index()
                    + ": p_paddr 0x" + Long.toHexString(paddr) + " + p_memsz 0x" + Long.toHexString(mem)
                    + " passes 2^63; clipped"));
            mem = Long.MAX_VALUE - paddr;
            if (Long.compareUnsigned(filesz, mem) > 0) {
                filesz = mem;
            }
        }
        long off = s.fileOffset();
        long avail = off < 0 || off > fileLength ? 0 : Math.min(filesz, fileLength - off);
        long memEnd = paddr + mem;
        if (avail < filesz) {
            issues.add(new ImageIssue(s.index(), ImageIssue.Kind.PAST_END_OF_FILE, "segment " + s.index()
                    + ": p_offset 0x" + Long.toHexString(off) + " + p_filesz 0x" + Long.toHexString(filesz)
                    + " passes the end of the file (0x" + Long.toHexString(fileLength) + " bytes); "
                    + new PhysRange(paddr + avail, memEnd) + " absent"));
            memEnd = paddr + avail;
            if (avail == 0) {
                return null;
            }
        }
        return new long[] {paddr, paddr + avail, memEnd, off, s.index()};
    }

    /**
     * Reads a core image held in {@code bytes}, borrowed (not copied: later writes show through).
     *
     * @throws ImageFormatException if the ELF header or program-header table is unreadable
     */
    public static ElfCoreMemory of(byte[] bytes) {
        return parse(ImageBytes.of(bytes));
    }

    /**
     * Memory-maps and reads the core file {@code file}; segment bytes are read from the mapping on demand.
     *
     * @throws IOException if the file cannot be opened or mapped
     * @throws ImageFormatException if the ELF header or program-header table is unreadable
     */
    public static ElfCoreMemory open(Path file) throws IOException {
        return parse(ImageBytes.map(file));
    }

    private static ElfCoreMemory parse(ImageBytes f) {
        long len = f.length();
        if (len < Elf.EHDR_SIZE) {
            throw new ImageFormatException(0, "file of " + len + " bytes is shorter than the 64-byte ELF64 header");
        }
        byte[] h = new byte[Elf.EHDR_SIZE];
        f.read(0, h, 0, h.length);
        if (h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
            throw new ImageFormatException(0, "no ELF magic (7f 45 4c 46)");
        }
        if (h[Elf.EI_CLASS] != Elf.ELFCLASS64) {
            throw new ImageFormatException(Elf.EI_CLASS, "EI_CLASS " + h[Elf.EI_CLASS] + " is not ELFCLASS64 (2)");
        }
        ByteOrder order;
        if (h[Elf.EI_DATA] == Elf.ELFDATA2LSB) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (h[Elf.EI_DATA] == Elf.ELFDATA2MSB) {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new ImageFormatException(Elf.EI_DATA, "EI_DATA " + h[Elf.EI_DATA] + " is neither 1 (LSB) nor 2 (MSB)");
        }
        if (h[Elf.EI_VERSION] != Elf.EV_CURRENT) {
            throw new ImageFormatException(Elf.EI_VERSION, "EI_VERSION " + h[Elf.EI_VERSION] + " is not 1");
        }
        int type = NativeBytes.u16(h, Elf.E_TYPE, order);
        if (type != Elf.ET_CORE) {
            throw new ImageFormatException(Elf.E_TYPE, "e_type " + type + " is not ET_CORE (4)");
        }
        int phent = NativeBytes.u16(h, Elf.E_PHENTSIZE, order);
        if (phent != Elf.PHDR_SIZE) {
            throw new ImageFormatException(Elf.E_PHENTSIZE, "e_phentsize " + phent + " is not 56");
        }
        long phoff = NativeBytes.u64(h, Elf.E_PHOFF, order);
        long phnum = NativeBytes.u16(h, Elf.E_PHNUM, order);
        if (phnum == Elf.PN_XNUM) {
            // More than 0xfffe headers: the count is in section header 0's sh_info.
            long shoff = NativeBytes.u64(h, Elf.E_SHOFF, order);
            if (shoff < 0 || shoff > len - Elf.SHDR_SIZE) {
                throw new ImageFormatException(Elf.E_SHOFF, "e_phnum is PN_XNUM but section header 0 at 0x"
                        + Long.toHexString(shoff) + " is not inside the file of " + len + " bytes");
            }
            byte[] sh = new byte[4];
            f.read(shoff + Elf.SH_INFO, sh, 0, 4);
            phnum = NativeBytes.u32(sh, 0, order) & 0xffffffffL;
        }
        // phnum < 2^32 and 56 * 2^32 < 2^63, so the product cannot overflow.
        if (phoff < 0 || phoff > len || phnum * Elf.PHDR_SIZE > len - phoff) {
            throw new ImageFormatException(Elf.E_PHOFF, "program header table (" + phnum + " entries at 0x"
                    + Long.toHexString(phoff) + ") does not fit the file of " + len + " bytes");
        }
        List<ElfSegment> segs = new ArrayList<>();
        byte[] p = new byte[Elf.PHDR_SIZE];
        for (long i = 0; i < phnum; i++) {
            long at = phoff + i * Elf.PHDR_SIZE;
            f.read(at, p, 0, p.length);
            if (NativeBytes.u32(p, Elf.P_TYPE, order) != Elf.PT_LOAD) {
                continue;
            }
            if (segs.size() == MAX_SEGMENTS) {
                throw new ImageFormatException(at, "more than " + MAX_SEGMENTS + " PT_LOAD segments");
            }
            segs.add(new ElfSegment((int) i, NativeBytes.u64(p, Elf.P_OFFSET, order), NativeBytes.u64(p, Elf.P_FILESZ, order),
                    NativeBytes.u64(p, Elf.P_PADDR, order), NativeBytes.u64(p, Elf.P_VADDR, order),
                    NativeBytes.u64(p, Elf.P_MEMSZ, order)));
        }
        return new ElfCoreMemory(f, order, NativeBytes.u16(h, Elf.E_MACHINE, order), segs);
    }

    /** The file's byte order ({@code EI_DATA}). */
    public ByteOrder byteOrder() {
        return order;
    }

    /** {@code e_machine} (62 x86-64, 183 AArch64, ...). */
    public int machine() {
        return machine;
    }

    /** The {@code PT_LOAD} program headers as written in the file, in table order; unmodifiable. */
    public List<ElfSegment> segments() {
        return segments;
    }

    /** Segment damage found while reading, by segment index; unmodifiable, empty for a sound file. */
    public List<ImageIssue> issues() {
        return issues;
    }

    /** The memory the image holds as maximal ranges, ascending (adjacent segments merged). */
    public List<PhysRange> present() {
        List<PhysRange> out = new ArrayList<>();
        for (int i = 0; i < start.length; i++) {
            if (!out.isEmpty() && out.get(out.size() - 1).end() == start[i]) {
                out.set(out.size() - 1, new PhysRange(out.get(out.size() - 1).start(), end[i]));
            } else {
                out.add(new PhysRange(start[i], end[i]));
            }
        }
        return out;
    }

    /** Index of the last piece starting at or below {@code a}, or -1. */
    private int floor(long a) {
        int i = Arrays.binarySearch(start, a);
        return i >= 0 ? i : -i - 2;
    }

    @Override
    public boolean read(long phys, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        boolean all = true;
        int done = 0;
        while (done < len) {
            long a = phys + done;
            int rest = len - done;
            if (a < 0) {
                return false; // at or above 2^63 (or wrapped): no segment is there
            }
            int i = floor(a);
            if (i >= 0 && a < end[i]) {
                int n = (int) Math.min(rest, end[i] - a);
                long fromFile = Math.max(0, Math.min(n, dataEnd[i] - a));
                if (fromFile > 0) {
                    file.read(fileOff[i] + (a - start[i]), dst, off + done, (int) fromFile);
                }
                Arrays.fill(dst, off + done + (int) fromFile, off + done + n, (byte) 0);
                done += n;
            } else {
                all = false;
                // Up to the next piece; after the last one (or at the top of the address space) all the rest.
                long next = i + 1 < start.length ? start[i + 1] : Long.MAX_VALUE;
                done += next > a ? (int) Math.min(rest, next - a) : rest;
            }
        }
        return all;
    }

    /**
     * {@inheritDoc} Here: {@code phys} inside a segment's file-backed bytes; otherwise the start of the next
     * piece (a {@code p_memsz} tail past {@code p_filesz} reads as zeros, gaps are absent).
     */
    @Override
    public long dataFrom(long phys) {
        if (phys < 0) {
            return Long.MAX_VALUE; // no piece at or above 2^63
        }
        int i = floor(phys);
        if (i >= 0 && phys < dataEnd[i]) {
            return phys;
        }
        return i + 1 < start.length ? start[i + 1] : Long.MAX_VALUE;
    }

    @Override
    public List<PhysRange> absent(long phys, long len) {
        List<PhysRange> out = new ArrayList<>();
        if (len <= 0) {
            return out;
        }
        long stop = phys + len < phys ? Long.MAX_VALUE : phys + len;
        if (phys < 0) {
            out.add(new PhysRange(phys, Math.max(phys, stop)));
            return out;
        }
        long a = phys;
        int i = floor(a);
        if (i < 0) {
            i = 0;
        }
        while (a < stop) {
            while (i < start.length && end[i] <= a) {
                i++;
            }
            if (i < start.length && start[i] <= a) {
                a = Math.min(stop, end[i]);
                continue;
            }
            long gapEnd = i < start.length ? Math.min(stop, start[i]) : stop;
            if (!out.isEmpty() && out.get(out.size() - 1).end() == a) {
                out.set(out.size() - 1, new PhysRange(out.get(out.size() - 1).start(), gapEnd));
            } else {
                out.add(new PhysRange(a, gapEnd));
            }
            a = gapEnd;
        }
        return out;
    }

    @Override
    public String toString() {
        return "ElfCoreMemory" + present();
    }
}
