package io.khotools.kho.blob;

import io.khotools.kho.PhysPointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The raw {@code LUO} blob of {@code luo-v3} to {@code luo-v5} (kho-format.md §5.4): packed
 * {@code struct luo_ser} = {@code compatible} char[ALIGN(strlen+1, 8)], then native u64
 * {@code liveupdate_num}, {@code sessions_pa}, {@code flbs_pa}.
 *
 * @param compatible {@code luo-v3}, {@code luo-v4} or {@code luo-v5}
 * @param liveupdateNum the live-update counter
 * @param sessionsPa physical address of the sessions (a KHO block chain from v4)
 * @param flbsPa physical address of the FLBs
 */
public record LuoSer(String compatible, long liveupdateNum, long sessionsPa, long flbsPa) implements SubBlob {
    /** Requires a compatible. */
    public LuoSer {
        Objects.requireNonNull(compatible, "compatible");
    }

    /** Size of the {@code compatible} field: strlen + NUL rounded up to 8. */
    public static int compatibleFieldSize(String compatible) {
        return (compatible.getBytes(StandardCharsets.ISO_8859_1).length + 1 + 7) & ~7;
    }

    /** Encoded size of this struct. */
    public int size() {
        return compatibleFieldSize(compatible) + 24;
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.LUO;
    }

    @Override
    public List<PhysPointer> pointers() {
        List<PhysPointer> out = new ArrayList<>();
        if (sessionsPa != 0) {
            out.add(new PhysPointer("luo_ser.sessions_pa", sessionsPa, -1));
        }
        if (flbsPa != 0) {
            out.add(new PhysPointer("luo_ser.flbs_pa", flbsPa, -1));
        }
        return List.copyOf(out);
    }
}
