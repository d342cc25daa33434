package io.khotools.kho.blob;

import java.util.List;

/**
 * The {@code luo-v1} session block (kho-format.md §5.4): {@code count} u64 then {@code count} packed 80-byte
 * {@link LuoRecord.Session} records.
 *
 * @param sessions the sessions in order
 */
public record LuoSessionArray(List<LuoRecord.Session> sessions) implements SubBlob {
    /** Copies the list. */
    public LuoSessionArray {
        sessions = List.copyOf(sessions);
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.LUO_SESSION_ARRAY;
    }
}
