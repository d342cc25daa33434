package io.khotools.fdt.robustness;

import io.khotools.fdt.FdtFormat;
import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary bytes, and arbitrary bytes behind a plausible header: reader and validator stay within contract. */
class ArbitraryBytesPropertiesTest {

    @Property(tries = 1000)
    void arbitraryBytesNeverBreakTheContract(@ForAll("anyBytes") byte[] bytes) {
        Robustness.check(bytes);
    }

    @Property(tries = 1500)
    void plausibleBlobsNeverBreakTheContract(@ForAll("plausibleBlobs") byte[] bytes) {
        Robustness.check(bytes);
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(256);
    }

    /**
     * A v17-shaped blob: header, a reservation map, a structure block of mostly valid tokens and small numbers,
     * a strings block of name characters and NULs; then, sometimes, one header field replaced by a random value.
     */
    @Provide
    Arbitrary<byte[]> plausibleBlobs() {
        Arbitrary<Integer> word = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(1, 2, 3, 4, 9)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers()),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x61000000, 0x40300000, 0x2f610000, 0x24000000, 0x612f0000, 0x2f2f2f00)));
        Arbitrary<List<Integer>> struct = word.list().ofMaxSize(60);
        Arbitrary<byte[]> strings = Arbitraries.of((byte) 0, (byte) 'a', (byte) '#', (byte) '*', (byte) '$', (byte) 'r', (byte) '/')
                .array(byte[].class).ofMaxSize(40);
        Arbitrary<Integer> fuzzField = Arbitraries.integers().between(-1, 9);
        Arbitrary<Integer> fuzzValue = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 400)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers()));
        Arbitrary<Integer> rsvEntries = Arbitraries.integers().between(0, 2);
        // versions 2 and 3 take the full-path-name and value-realignment paths of the reader
        Arbitrary<Integer> version = Arbitraries.of(2, 3, 16, 17, 17, 17);
        return Combinators.combine(struct, strings, fuzzField, fuzzValue, rsvEntries, version)
                .as(ArbitraryBytesPropertiesTest::assemble);
    }

    private static byte[] assemble(List<Integer> struct, byte[] strings, int field, int value, int rsv, int version) {
        int rsvOff = FdtFormat.HEADER_SIZE_V17;
        int structOff = rsvOff + (rsv + 1) * FdtFormat.RESERVE_ENTRY_SIZE;
        int structSize = struct.size() * 4;
        int stringsOff = structOff + structSize;
        int total = stringsOff + strings.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(FdtFormat.MAGIC).putInt(total).putInt(structOff).putInt(stringsOff).putInt(rsvOff)
                .putInt(version).putInt(Math.min(version, 16)).putInt(0).putInt(strings.length).putInt(structSize);
        for (int i = 0; i < rsv; i++) {
            b.putLong(0x1000L * (i + 1)).putLong(i == 1 ? 0 : 0x100);
        }
        b.putLong(0).putLong(0);
        struct.forEach(b::putInt);
        b.put(strings);
        if (field >= 0) {
            b.putInt(4 + field * 4, value); // one of totalsize .. size_dt_struct
        }
        return b.array();
    }
}
