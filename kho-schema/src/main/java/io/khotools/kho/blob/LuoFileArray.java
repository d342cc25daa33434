package io.khotools.kho.blob;

import java.util.List;

/**
 * A session's {@code luo_file_ser} array (kho-format.md §5.4), packed 64-byte {@link LuoRecord.File} records;
 * its length comes from the session's {@code count}, so a lone blob decodes every whole record it holds.
 *
 * @param files the records
 */
public record LuoFileArray(List<LuoRecord.File> files) implements SubBlob {
    /** Copies the list. */
    public LuoFileArray {
        files = List.copyOf(files);
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.LUO_FILE_ARRAY;
    }
}
