package io.khotools.kho.image;

/**
 * The one exception for a memory image whose own structure is unreadable: an ELF header or program-header table
 * that is truncated, of the wrong class, type or entry size, or that lies outside the file. Segments that are
 * merely damaged (past the end of the file, overlapping, {@code p_filesz > p_memsz}) are not thrown: they are
 * listed by {@link ElfCoreMemory#issues()} and their missing bytes read as absent. Unchecked, like
 * {@link io.khotools.fdt.FdtException}.
 */
public final class ImageFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * @param offset file offset of the offending field
     * @param message what is wrong, with the values read
     */
    public ImageFormatException(long offset, String message) {
        super(message + " (at file offset 0x" + Long.toHexString(offset) + ")");
        this.offset = offset;
    }

    /** File offset of the offending field. */
    public long offset() {
        return offset;
    }
}
