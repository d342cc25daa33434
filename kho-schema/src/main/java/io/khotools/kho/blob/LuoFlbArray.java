package io.khotools.kho.blob;

import java.util.List;

/**
 * The {@code luo-flb-v1} page (kho-format.md §5.4): {@code pgcnt} u64, {@code count} u64, then packed 64-byte
 * {@link LuoRecord.Flb} records.
 *
 * @param pageCount {@code pgcnt}: pages of the array
 * @param flbs the records
 */
public record LuoFlbArray(long pageCount, List<LuoRecord.Flb> flbs) implements SubBlob {
    /** Copies the list. */
    public LuoFlbArray {
        flbs = List.copyOf(flbs);
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.LUO_FLB_ARRAY;
    }
}
