package io.khotools.fdt.stream;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.ReserveEntry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Re-emits a blob through an {@link FdtWriter} without building a tree: its memory reservations and its
 * structure block, token by token. With the dtc layout this is what {@code dtc -I dtb -O dtb} does, so a
 * blob dtc wrote comes back byte-identical when the options match the ones dtc was run with (free space and
 * {@code -R} cannot be recovered from a blob). NOP tokens are dropped, as dtc drops them; reservations are
 * read with libfdt's rule (they end at the first entry of size 0).
 *
 * <pre>{@code
 * ByteBuf copy = FdtCopier.copy(blob, PooledByteBufAllocator.DEFAULT, WriteOptions.dtc());
 * try { ... } finally { copy.release(); }
 * }</pre>
 */
public final class FdtCopier {
    private FdtCopier() {}

    /**
     * Copies the reservations and the structure of {@code in} into {@code out}. Iterative: the depth is
     * bounded only by the reader's {@link ReadLimits}.
     *
     * @param in a reader that has not moved yet ({@link FdtReader#token()} is null); its blob stays borrowed
     * @param out a writer in its initial state; it is left with the root closed, ready for
     *     {@link FdtWriter#finish()}. Its boot CPU id is its own options' (see {@link #copy(ByteBuf,
     *     ByteBufAllocator, WriteOptions)} for taking the source blob's)
     * @throws FdtException if the blob is malformed or has no root node (the writer is then mid-way: close it)
     * @throws IllegalStateException if the reader has moved, the writer is not fresh, or (checks on) the
     *     blob has a property after a subnode
     * @throws IllegalArgumentException if (checks on) a name or reservation breaks the writer's rules
     */
    public static void copy(FdtReader in, FdtWriter out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        if (in.token() != null) {
            throw new IllegalStateException("the reader has already moved; copy needs a freshly opened reader");
        }
        for (ReserveEntry e : in.reserveEntries()) {
            out.addReserveEntry(e.address(), e.size());
        }
        ArrayDeque<NodeHandle> open = new ArrayDeque<>();
        FdtToken first = in.next();
        if (first == FdtToken.END) {
            // libfdt accepts a structure block that is only FDT_END; a blob we write always has a root
            throw new FdtException(FdtError.BADSTRUCTURE, in.offset(), "structure block has no root node");
        }
        for (FdtToken t = first; t != FdtToken.END; t = in.next()) {
            switch (t) {
                case BEGIN_NODE -> open.push(out.beginNode(in.nodeName()));
                case PROP -> out.property(in.propertyName(), in.propertyValue());
                case END_NODE -> out.endNode(open.pop());
                default -> throw new IllegalStateException("reader returned " + t);
            }
        }
    }

    /**
     * Copies a whole blob into a new one written with {@code options}. If the options leave the boot CPU id
     * unset, the source header's {@code boot_cpuid_phys} is kept (dtc does the same for DTB input).
     *
     * @param blob the source, from its reader index; borrowed (indices and refCnt unchanged)
     * @param alloc allocator for the result
     * @param options layout, version and free space of the result
     * @return the new blob; <b>the caller owns it</b> and must release it
     * @throws FdtException if the source is malformed (nothing is leaked)
     * @throws IllegalStateException or IllegalArgumentException as {@link #copy(FdtReader, FdtWriter)}
     */
    public static ByteBuf copy(ByteBuf blob, ByteBufAllocator alloc, WriteOptions options) {
        Objects.requireNonNull(options, "options");
        FdtReader in = FdtReader.open(blob);
        FdtHeader header = in.header();
        WriteOptions effective = options.bootCpuId().isPresent() ? options : options.withBootCpuId(header.bootCpuidPhys());
        try (FdtWriter out = FdtWriter.create(alloc, effective)) {
            copy(in, out);
            return out.finish();
        }
    }
}
