package io.khotools.kho.blob;

import io.khotools.kho.PhysPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The FDT forms of the {@code LUO} subtree (kho-format.md §5.4). {@code luo-v1}: {@code liveupdate-number}
 * u64 and nodes {@code luo-session} and (later) {@code luo-flb}. {@code luo-v2}: only {@code luo-abi-header}
 * u64 pointing at a {@code struct luo_ser}. Values in native order.
 *
 * @param compatible root {@code compatible} ({@code luo-v1} or {@code luo-v2})
 * @param liveupdateNumber {@code liveupdate-number} (v1)
 * @param session the {@code luo-session} node (v1)
 * @param flb the {@code luo-flb} node (v1, later kernels)
 * @param abiHeader {@code luo-abi-header} (v2)
 */
public record LuoFdtBlob(String compatible, OptionalLong liveupdateNumber, Optional<LuoFdtNode> session,
        Optional<LuoFdtNode> flb, OptionalLong abiHeader) implements SubBlob {
    /** Property of v1. */
    public static final String LIVEUPDATE_NUMBER = "liveupdate-number";
    /** Session node name. */
    public static final String SESSION_NODE = "luo-session";
    /** Session header property. */
    public static final String SESSION_HEADER = "luo-session-header";
    /** FLB node name. */
    public static final String FLB_NODE = "luo-flb";
    /** FLB header property. */
    public static final String FLB_HEADER = "luo-flb-header";
    /** Property of v2. */
    public static final String ABI_HEADER = "luo-abi-header";

    /** Requires non-null components. */
    public LuoFdtBlob {
        Objects.requireNonNull(compatible, "compatible");
        Objects.requireNonNull(liveupdateNumber, "liveupdateNumber");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(flb, "flb");
        Objects.requireNonNull(abiHeader, "abiHeader");
    }

    /** A {@code luo-v1} blob. */
    public static LuoFdtBlob v1(long liveupdateNumber, LuoFdtNode session, LuoFdtNode flbOrNull) {
        return new LuoFdtBlob("luo-v1", OptionalLong.of(liveupdateNumber), Optional.of(session),
                Optional.ofNullable(flbOrNull), OptionalLong.empty());
    }

    /** A {@code luo-v2} blob. */
    public static LuoFdtBlob v2(long abiHeader) {
        return new LuoFdtBlob("luo-v2", OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.of(abiHeader));
    }

    @Override
    public SubBlobType type() {
        return SubBlobType.LUO;
    }

    @Override
    public List<PhysPointer> pointers() {
        List<PhysPointer> out = new ArrayList<>();
        session.flatMap(n -> n.header().isPresent() ? Optional.of(n.header().getAsLong()) : Optional.empty())
                .ifPresent(a -> out.add(new PhysPointer("/luo-session:" + SESSION_HEADER, a, -1)));
        flb.flatMap(n -> n.header().isPresent() ? Optional.of(n.header().getAsLong()) : Optional.empty())
                .ifPresent(a -> out.add(new PhysPointer("/luo-flb:" + FLB_HEADER, a, -1)));
        abiHeader.ifPresent(a -> out.add(new PhysPointer("/:" + ABI_HEADER, a, -1)));
        return List.copyOf(out);
    }
}
