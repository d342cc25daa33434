package io.khotools.fdt.testsupport;

import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.testsupport.WriterSpecTree.Bytes;
import io.khotools.fdt.testsupport.WriterSpecTree.Cells;
import io.khotools.fdt.testsupport.WriterSpecTree.Empty;
import io.khotools.fdt.testsupport.WriterSpecTree.Node;
import io.khotools.fdt.testsupport.WriterSpecTree.Prop;
import io.khotools.fdt.testsupport.WriterSpecTree.Reservation;
import io.khotools.fdt.testsupport.WriterSpecTree.Strings;
import io.khotools.fdt.testsupport.WriterSpecTree.U64;
import io.khotools.fdt.testsupport.WriterSpecTree.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik generators of {@link WriterSpecTree}s for the writer's differential and round-trip properties.
 * Property names come from a pool of suffix chains ({@code #size-cells}, {@code size-cells}, {@code cells}…)
 * mixed with random names over dtc's charset and tiny-alphabet names, so the strings tables exercise suffix
 * sharing in both orders.
 */
public final class RandomTrees {
    private static final String NODE_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,._+-";
    private static final String PROP_CHARS = NODE_CHARS + "*#?";
    /** Names dtc treats specially (deleted, checked as phandles): never generated for dtc trees. */
    private static final Set<String> DTC_SPECIAL = Set.of("name", "phandle", "linux,phandle");
    private static final List<String> SUFFIX_POOL = List.of("#size-cells", "size-cells", "cells", "ells", "s",
            "#address-cells", "address-cells", "compatible", "patible", "le", "e", "reg", "g", "interrupts",
            "#interrupt-cells", "interrupt-cells", "rupts", "ts", "status", "tus", "a", "b", "ab", "ba", "aab");

    private RandomTrees() {}

    /** Trees dtc compiles: dtc names, random reservations, random dtc-layout options. */
    public static Arbitrary<WriterSpecTree> dtcTrees() {
        return trees(propertyNames(false).filter(n -> !DTC_SPECIAL.contains(n)), nodeNames(false), reservations(),
                dtcOptions());
    }

    /** Trees for libfdt's sequential writer: libfdt layout, sometimes with lenient (any printable ASCII) names. */
    public static Arbitrary<WriterSpecTree> libfdtTrees() {
        Arbitrary<WriterSpecTree> strict = trees(propertyNames(false), nodeNames(false), reservations(),
                Arbitraries.just(WriteOptions.libfdt()));
        Arbitrary<WriterSpecTree> lenient = trees(propertyNames(true), nodeNames(true), reservations(),
                Arbitraries.just(WriteOptions.libfdt().lenient()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, strict), net.jqwik.api.Tuple.of(1, lenient));
    }

    /** Trees in either layout, strict or lenient, for write → read → write. */
    public static Arbitrary<WriterSpecTree> anyTrees() {
        Arbitrary<WriterSpecTree> dtc = dtcTrees();
        Arbitrary<WriterSpecTree> lib = libfdtTrees();
        Arbitrary<WriterSpecTree> lenientDtc = trees(propertyNames(true), nodeNames(true), reservations(),
                dtcOptions().map(WriteOptions::lenient));
        return Arbitraries.oneOf(dtc, lib, lenientDtc);
    }

    private static Arbitrary<WriterSpecTree> trees(Arbitrary<String> propNames, Arbitrary<String> nodeNames,
                                                   Arbitrary<List<Reservation>> reservations, Arbitrary<WriteOptions> options) {
        Arbitrary<Node> root = Arbitraries.integers().between(0, 4)
                .flatMap(depth -> node(Arbitraries.just(""), propNames, nodeNames, depth));
        return Combinators.combine(reservations, root, options).as(WriterSpecTree::new);
    }

    private static Arbitrary<Node> node(Arbitrary<String> name, Arbitrary<String> propNames,
                                        Arbitrary<String> nodeNames, int depth) {
        Arbitrary<List<Prop>> props = Combinators.combine(propNames, values()).as(Prop::new)
                .list().ofMaxSize(7).uniqueElements(Prop::name);
        Arbitrary<List<Node>> children = depth == 0
                ? Arbitraries.just(List.of())
                : Arbitraries.lazy(() -> node(nodeNames, propNames, nodeNames, depth - 1))
                        .list().ofMaxSize(4).uniqueElements(Node::name);
        return Combinators.combine(name, props, children).as(Node::new);
    }

    /** Node names: dtc's charset with at most one '@' and a non-empty base; lenient: printable ASCII, may be empty. */
    private static Arbitrary<String> nodeNames(boolean lenient) {
        if (lenient) {
            return Arbitraries.strings().withCharRange('!', '~').ofMaxLength(10);
        }
        Arbitrary<String> base = Arbitraries.strings().withChars(NODE_CHARS).ofMinLength(1).ofMaxLength(9);
        Arbitrary<String> unit = Arbitraries.strings().withChars(NODE_CHARS).ofMaxLength(6);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, base),
                net.jqwik.api.Tuple.of(2, Combinators.combine(base, unit).as((b, u) -> b + "@" + u)));
    }

    private static Arbitrary<String> propertyNames(boolean lenient) {
        Arbitrary<String> random = lenient
                ? Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12)
                : Arbitraries.strings().withChars(PROP_CHARS).ofMinLength(1).ofMaxLength(12);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.of(SUFFIX_POOL)),
                net.jqwik.api.Tuple.of(2, random),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("ab").ofMinLength(1).ofMaxLength(4)));
    }

    private static Arbitrary<Value> values() {
        Arbitrary<String> str = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(10);
        return Arbitraries.oneOf(
                Arbitraries.just(new Empty()),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Bytes::new),
                str.list().ofMinSize(1).ofMaxSize(3).map(Strings::new),
                Arbitraries.integers().array(int[].class).ofMaxSize(5).map(Cells::new),
                Arbitraries.longs().map(U64::new));
    }

    /** Up to 4 non-overlapping, non-empty, non-wrapping reservations in random address order. */
    private static Arbitrary<List<Reservation>> reservations() {
        Arbitrary<long[]> slots = Arbitraries.longs().between(1, 1L << 40).array(long[].class).ofMaxSize(8);
        return Combinators.combine(slots, Arbitraries.randoms()).as((s, rnd) -> {
            List<Reservation> out = new ArrayList<>();
            long next = rnd.nextBoolean() ? 0 : (rnd.nextLong() >>> 2);
            for (int i = 0; i + 1 < s.length && out.size() < 4; i += 2) {
                long address = next + s[i];
                out.add(new Reservation(address, s[i + 1]));
                next = address + s[i + 1];
            }
            java.util.Collections.shuffle(out, rnd);
            return out;
        });
    }

    private static Arbitrary<WriteOptions> dtcOptions() {
        Arbitrary<Integer> padMode = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> amount = Arbitraries.integers().between(0, 600);
        Arbitrary<Integer> align = Arbitraries.of(0, 0, 0, 1, 4, 8, 16, 64, 256);
        Arbitrary<Integer> extra = Arbitraries.of(0, 0, 0, 1, 2, 3);
        Arbitrary<Integer> boot = Arbitraries.oneOf(Arbitraries.just(-1), Arbitraries.integers().between(0, 7),
                Arbitraries.integers());
        Arbitrary<Integer> version = Arbitraries.of(17, 17, 17, 16);
        return Combinators.combine(padMode, amount, align, extra, boot, version).as((mode, n, a, r, b, v) -> {
            WriteOptions o = WriteOptions.dtc().withVersion(v).withAlignment(a).withExtraReserveEntries(r);
            if (mode == 1) {
                o = o.withPadding(n);
            } else if (mode == 2) {
                o = o.withMinTotalSize(n);
            }
            return b == -1 ? o : o.withBootCpuId(b);
        });
    }
}
