package io.khotools.kho.image;

import io.khotools.kho.NativeBytes;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.SparseMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * Writes a {@link SparseMemory} as an ELF64 core file ({@code ET_CORE}) that {@link ElfCoreMemory}, binutils'
 * {@code readelf} and gdb can open: the 64-byte file header, one {@code PT_LOAD} program header per run of
 * consecutive pages ({@code p_paddr = p_vaddr} = physical address, {@code p_filesz = p_memsz}, flags RWX,
 * {@code p_align} = page size), then the runs' bytes, ascending, the first at the first page-aligned file
 * offset after the table. No notes and no section headers. The bytes depend only on the memory, the byte order
 * and the machine, so equal memories give identical files. Immutable and thread-safe.
 */
public final class ElfCoreWriter {
    /** Most segments written: 0xfffe (0xffff would mean "count in section header 0", which is not written). */
    public static final int MAX_SEGMENTS = Elf.PN_XNUM - 1;
    private final ByteOrder order;
    private final int machine;

    private ElfCoreWriter(ByteOrder order, int machine) {
        this.order = Objects.requireNonNull(order, "order");
        if (machine < 0 || machine > 0xffff) {
            throw new IllegalArgumentException("e_machine out of range: " + machine);
        }
        this.machine = machine;
    }

    /** A writer for {@code order} with {@code e_machine = machine} (62 x86-64, 183 AArch64). */
    public static ElfCoreWriter of(ByteOrder order, int machine) {
        return new ElfCoreWriter(order, machine);
    }

    /** Little-endian x86-64: what QEMU writes for a KHO x86 guest. */
    public static ElfCoreWriter x86_64() {
        return new ElfCoreWriter(ByteOrder.LITTLE_ENDIAN, Elf.EM_X86_64);
    }

    /**
     * Streams the core file for {@code memory} to {@code out} (not closed).
     *
     * @throws IllegalArgumentException if the memory has more than {@link #MAX_SEGMENTS} runs of pages
     * @throws IOException from {@code out}
     */
    public void write(SparseMemory memory, OutputStream out) throws IOException {
        List<PhysRange> runs = memory.segments();
        if (runs.size() > MAX_SEGMENTS) {
            throw new IllegalArgumentException(runs.size() + " runs of pages; at most " + MAX_SEGMENTS + " segments");
        }
        long page = 1L << memory.pageShift();
        long table = Elf.EHDR_SIZE + (long) Elf.PHDR_SIZE * runs.size();
        long dataStart = (table + page - 1) & -page;
        byte[] head = new byte[(int) dataStart];
        head[0] = 0x7f;
        head[1] = 'E';
        head[2] = 'L';
        head[3] = 'F';
        head[Elf.EI_CLASS] = Elf.ELFCLASS64;
        head[Elf.EI_DATA] = (byte) (order == ByteOrder.LITTLE_ENDIAN ? Elf.ELFDATA2LSB : Elf.ELFDATA2MSB);
        head[Elf.EI_VERSION] = Elf.EV_CURRENT;
        NativeBytes.putU16(head, Elf.E_TYPE, Elf.ET_CORE, order);
        NativeBytes.putU16(head, Elf.E_MACHINE, machine, order);
        NativeBytes.putU32(head, Elf.E_VERSION, Elf.EV_CURRENT, order);
        NativeBytes.putU64(head, Elf.E_PHOFF, runs.isEmpty() ? 0 : Elf.EHDR_SIZE, order);
        NativeBytes.putU16(head, Elf.E_EHSIZE, Elf.EHDR_SIZE, order);
        NativeBytes.putU16(head, Elf.E_PHENTSIZE, Elf.PHDR_SIZE, order);
        NativeBytes.putU16(head, Elf.E_PHNUM, runs.size(), order);
        long at = dataStart;
        for (int i = 0; i < runs.size(); i++) {
            PhysRange r = runs.get(i);
            int p = Elf.EHDR_SIZE + Elf.PHDR_SIZE * i;
            NativeBytes.putU32(head, p + Elf.P_TYPE, Elf.PT_LOAD, order);
            NativeBytes.putU32(head, p + Elf.P_FLAGS, Elf.PF_R | Elf.PF_W | Elf.PF_X, order);
            NativeBytes.putU64(head, p + Elf.P_OFFSET, at, order);
            NativeBytes.putU64(head, p + Elf.P_VADDR, r.start(), order);
            NativeBytes.putU64(head, p + Elf.P_PADDR, r.start(), order);
            NativeBytes.putU64(head, p + Elf.P_FILESZ, r.size(), order);
            NativeBytes.putU64(head, p + Elf.P_MEMSZ, r.size(), order);
            NativeBytes.putU64(head, p + Elf.P_ALIGN, page, order);
            at += r.size();
        }
        out.write(head);
        for (PhysRange r : runs) {
            for (long pfn = r.start() >>> memory.pageShift(); pfn < r.end() >>> memory.pageShift(); pfn++) {
                out.write(memory.page(pfn));
            }
        }
    }

    /**
     * The core file for {@code memory} as a new array.
     *
     * @throws IllegalArgumentException if it would pass 2 GiB or has more than {@link #MAX_SEGMENTS} runs
     */
    public byte[] toBytes(SparseMemory memory) {
        long pages = (long) memory.pageCount() << memory.pageShift();
        if (pages > Integer.MAX_VALUE - (64L << 20)) {
            throw new IllegalArgumentException("image of " + pages + " bytes does not fit an array; stream it");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) pages + 4096);
        try {
            write(memory, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }
}
