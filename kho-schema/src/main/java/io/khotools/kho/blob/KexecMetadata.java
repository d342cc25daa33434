package io.khotools.kho.blob;

/**
 * The {@code kexec-metadata} raw blob (packed, 73 bytes; kho-format.md §5.3): {@code version} u32 @0,
 * {@code previous_release} char[65] @4, {@code kexec_count} u32 @69. A blob of 4 to 72 bytes decodes its
 * version only (the kernel then only warns).
 *
 * @param version format version (1)
 * @param previousRelease {@code uname -r} of the previous kernel, or null if the blob ends before it
 * @param kexecCount number of kexecs so far (unsigned), or -1 if the blob ends before it
 */
public record KexecMetadata(int version, String previousRelease, long kexecCount) implements SubBlob {
    /** Encoded size. */
    public static final int SIZE = 73;
    /** Offset of {@code previous_release}. */
    public static final int RELEASE_OFFSET = 4;
    /** Length of {@code previous_release}. */
    public static final int RELEASE_LENGTH = 65;
    /** Offset of {@code kexec_count}. */
    public static final int COUNT_OFFSET = 69;

    @Override
    public SubBlobType type() {
        return SubBlobType.KEXEC_METADATA;
    }
}
