package io.khotools.kho.gen;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.gen.HandoverDescription.DescriptionException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the properties of a handover description ({@link HandoverDescription}): strings, numbers and
 * {@code /bits/ 64} lists. Numbers are DTS cells, so big-endian whatever the described state's byte order.
 * Every mistake is a {@link DescriptionException} naming the node ({@code where}) and the property.
 */
final class DescriptionValues {
    private DescriptionValues() {
    }

    static String requiredString(Node node, String where, String prop) {
        return optionalString(node, where, prop).orElseThrow(() -> new DescriptionException(where, "missing "
                + prop));
    }

    static Optional<String> optionalString(Node node, String where, String prop) {
        Optional<Property> p = node.property(prop);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(p.get().asString());
        } catch (FdtException e) {
            throw new DescriptionException(where, prop + ": expected one string");
        }
    }

    static long requiredNumber(Node node, String where, String prop) {
        return optionalNumber(node, where, prop).orElseThrow(() -> new DescriptionException(where, "missing "
                + prop));
    }

    /** A number: one cell {@code <n>} or one 64-bit cell {@code /bits/ 64 <n>} (or two cells, high first). */
    static Optional<Long> optionalNumber(Node node, String where, String prop) {
        Optional<Property> p = node.property(prop);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        byte[] b = p.get().toByteArray();
        if (b.length == 4) {
            return Optional.of(NativeBytes.u32(b, 0, ByteOrder.BIG_ENDIAN) & 0xffff_ffffL);
        }
        if (b.length == 8) {
            return Optional.of(NativeBytes.u64(b, 0, ByteOrder.BIG_ENDIAN));
        }
        throw new DescriptionException(where, prop + ": expected a number, <n> or /bits/ 64 <n>, not " + b.length
                + " bytes");
    }

    static long[] u64s(Node node, String where, String prop) {
        Optional<Property> p = node.property(prop);
        if (p.isEmpty()) {
            return new long[0];
        }
        byte[] b = p.get().toByteArray();
        if (b.length % 8 != 0) {
            throw new DescriptionException(where, prop + ": expected /bits/ 64 <...> numbers, not " + b.length
                    + " bytes");
        }
        long[] out = new long[b.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = NativeBytes.u64(b, i * 8, ByteOrder.BIG_ENDIAN);
        }
        return out;
    }

    /** {@code /bits/ 64 <a b a b ...>} as pairs. */
    static List<long[]> pairs(Node node, String where, String prop) {
        long[] v = u64s(node, where, prop);
        if (v.length % 2 != 0) {
            throw new DescriptionException(where, prop + ": expected pairs of /bits/ 64 numbers, got " + v.length
                    + " numbers");
        }
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < v.length; i += 2) {
            out.add(new long[] {v[i], v[i + 1]});
        }
        return out;
    }

    /** An unsigned 32-bit number, {@code dflt} when absent. */
    static long u32(Node node, String where, String prop, long dflt) {
        long v = optionalNumber(node, where, prop).orElse(dflt);
        if (v < 0 || v > 0xffff_ffffL) {
            throw new DescriptionException(where, prop + ": does not fit 32 bits");
        }
        return v;
    }
}
