package io.khotools.kho.blob;

import io.khotools.kho.PhysPointer;
import java.util.List;

/**
 * A decoded KHO sub-blob. Every implementation is immutable and compares by value; {@link SubBlobCodec}
 * decodes and encodes them.
 */
public sealed interface SubBlob permits MemblockBlob, KhoTestBlob, KexecMetadata, LuoFdtBlob, LuoSer,
        LuoSessionArray, LuoFlbArray, LuoFileArray, MemfdSer, MemfdFolioArray, KhoVmalloc, VmallocChunk,
        KhoBlock, RawBlob {
    /** The kind of blob. */
    SubBlobType type();

    /** The physical pointers inside this blob that need a memory image to follow (empty by default). */
    default List<PhysPointer> pointers() {
        return List.of();
    }
}
