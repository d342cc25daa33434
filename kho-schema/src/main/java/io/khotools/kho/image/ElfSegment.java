package io.khotools.kho.image;

/**
 * One {@code PT_LOAD} program header of a core file, as written in the file (not yet checked against it).
 *
 * @param index position in the program-header table
 * @param fileOffset {@code p_offset}
 * @param fileSize {@code p_filesz}: bytes stored in the file
 * @param physAddr {@code p_paddr}: physical address of the first byte
 * @param virtAddr {@code p_vaddr}
 * @param memSize {@code p_memsz}: bytes of memory; those past {@code fileSize} read as zeros
 */
public record ElfSegment(int index, long fileOffset, long fileSize, long physAddr, long virtAddr, long memSize) {
}
