package io.khotools.kho.image;

/**
 * ELF64 layout facts used by the reader and the writer (System V gABI, "ELF-64 Object File Format"): the file
 * header ({@code Elf64_Ehdr}, 64 bytes) and program header ({@code Elf64_Phdr}, 56 bytes) field offsets and the
 * few constant values a core file needs. The one place that knows these numbers.
 */
final class Elf {
    static final int EHDR_SIZE = 64;
    static final int PHDR_SIZE = 56;
    /** Section header entry size ({@code Elf64_Shdr}); only entry 0 is read, for {@link #PN_XNUM}. */
    static final int SHDR_SIZE = 64;

    // e_ident
    static final int EI_CLASS = 4;
    static final int EI_DATA = 5;
    static final int EI_VERSION = 6;
    static final int ELFCLASS64 = 2;
    static final int ELFDATA2LSB = 1;
    static final int ELFDATA2MSB = 2;
    static final int EV_CURRENT = 1;

    // Elf64_Ehdr fields after e_ident
    static final int E_TYPE = 16;
    static final int E_MACHINE = 18;
    static final int E_VERSION = 20;
    static final int E_PHOFF = 32;
    static final int E_SHOFF = 40;
    static final int E_EHSIZE = 52;
    static final int E_PHENTSIZE = 54;
    static final int E_PHNUM = 56;
    static final int E_SHENTSIZE = 58;
    static final int E_SHNUM = 60;

    static final int ET_CORE = 4;
    /** e_phnum value meaning "the count is in section header 0's sh_info". */
    static final int PN_XNUM = 0xffff;
    /** sh_info within a section header. */
    static final int SH_INFO = 44;

    // Elf64_Phdr fields
    static final int P_TYPE = 0;
    static final int P_FLAGS = 4;
    static final int P_OFFSET = 8;
    static final int P_VADDR = 16;
    static final int P_PADDR = 24;
    static final int P_FILESZ = 32;
    static final int P_MEMSZ = 40;
    static final int P_ALIGN = 48;

    static final int PT_LOAD = 1;
    static final int PF_R = 4;
    static final int PF_W = 2;
    static final int PF_X = 1;

    /** {@code EM_X86_64}. */
    static final int EM_X86_64 = 62;
    /** {@code EM_AARCH64}. */
    static final int EM_AARCH64 = 183;

    private Elf() {
    }
}
