/**
 * The KHO sub-blobs of kho-format.md §4.3 and §5 as immutable records, and {@link
 * io.khotools.kho.blob.SubBlobCodec} to decode a lone blob of a named type and to encode one as the kernel does.
 *
 * <pre>{@code
 * SubBlob b = SubBlobCodec.decode(SubBlobType.KEXEC_METADATA, bytes, KhoOptions.DEFAULT);
 * if (b instanceof KexecMetadata k) {
 *     System.out.println(k.previousRelease() + " after " + k.kexecCount() + " kexecs");
 * }
 * byte[] again = SubBlobCodec.encode(b, KhoOptions.DEFAULT);
 * }</pre>
 */
package io.khotools.kho.blob;
