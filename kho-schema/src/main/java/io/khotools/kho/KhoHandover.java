package io.khotools.kho;

import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchCodec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A whole handover as far as files can describe it: the decoded root, each subtree's decoded blob (where
 * its bytes were available) and the scratch areas. Immutable. The memory map and other physical pointers
 * are listed by {@link KhoTree#pointers()} and the blobs' {@link SubBlob#pointers()}.
 *
 * <pre>{@code
 * KhoHandover h = KhoHandover.builder(KhoAbi.V4)
 *         .preservedMemoryMap(0x1_0000_0000L)
 *         .subtree("memblock", 0x2000_0000L, new MemblockBlob(List.of(new ReserveMem("trace", 0x3000_0000L, 0x10_0000L))))
 *         .scratch(new ScratchArea(0x100_0000L, 0x1000_0000L))
 *         .build();
 * KhoImage image = h.encode(KhoOptions.DEFAULT);          // root + blobs byte-identical to the kernel's
 * KhoHandover back = KhoHandover.decode(image, KhoOptions.DEFAULT);   // equals h
 * }</pre>
 *
 * @param root the root
 * @param blobs decoded blobs by subtree name, in blob order
 * @param scratch the scratch areas in array order (empty when unknown)
 */
public record KhoHandover(KhoTree root, Map<String, SubBlob> blobs, List<ScratchArea> scratch) {
    /** Copies the map (keeping its order) and the list. */
    public KhoHandover {
        Objects.requireNonNull(root, "root");
        blobs = Collections.unmodifiableMap(new LinkedHashMap<>(blobs));
        scratch = List.copyOf(scratch);
    }

    /** A builder for a handover of generation {@code abi}. */
    public static KhoHandoverBuilder builder(KhoAbi abi) {
        return new KhoHandoverBuilder(abi);
    }

    /**
     * Encodes with the generation's default root assembly (see {@link #encode(KhoAbi.RootAssembly, KhoOptions)}).
     */
    public KhoImage encode(KhoOptions options) {
        return encode(root.abi().defaultAssembly(), options);
    }

    /**
     * Encodes the root (as {@link KhoRootCodec#encode}), every blob (as {@link SubBlobCodec#encode}) and the
     * scratch array.
     *
     * @throws IllegalArgumentException as the codecs do
     */
    public KhoImage encode(KhoAbi.RootAssembly assembly, KhoOptions options) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        blobs.forEach((name, b) -> bytes.put(name, SubBlobCodec.encode(b, options)));
        return new KhoImage(KhoRootCodec.encode(root, assembly, options), bytes,
                scratch.isEmpty() ? null : ScratchCodec.encode(scratch, options.byteOrder()));
    }

    /**
     * Decodes an image: the root, each blob by the type its subtree name implies
     * ({@link SubBlobType#forSubtree}), and the scratch array.
     *
     * @throws KhoDecodeException if the root or a blob cannot be decoded at all
     */
    public static KhoHandover decode(KhoImage image, KhoOptions options) {
        KhoTree tree = KhoRootCodec.decode(image.root(), options);
        Map<String, SubBlob> blobs = new LinkedHashMap<>();
        for (String name : image.blobNames()) {
            blobs.put(name, SubBlobCodec.decode(SubBlobType.forSubtree(name), image.blob(name), options));
        }
        byte[] s = image.scratch();
        return new KhoHandover(tree, blobs, s == null ? List.of() : ScratchCodec.decode(s, options.byteOrder()));
    }
}
