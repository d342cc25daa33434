package io.khotools.fdt.check;

import io.netty.buffer.ByteBuf;

/**
 * A rule contributed by another module (KHO schema rules, for example), run by {@link Validator} after the
 * built-in structural checks, and only when the structure is readable: the header, blocks, reservation map
 * and structure block are all such that {@code FdtReader.open(blob)} and a walk to {@code END} succeed.
 *
 * <p>The blob is borrowed: read it from its reader index with absolute getters (or an {@code FdtReader}),
 * do not keep it past the call, do not release it, do not move its indices. An {@code FdtException} or any
 * other runtime exception escaping {@link #check} is reported as an ERROR {@code fdt.rule.failed} finding
 * instead of being thrown to the validator's caller.
 */
@FunctionalInterface
public interface TreeRule {
    /**
     * Checks the blob and reports each finding to {@code sink}.
     *
     * @param blob the blob from its reader index; borrowed
     * @param sink where findings go; severity overrides and caps are applied behind it
     */
    void check(ByteBuf blob, DiagnosticSink sink);
}
