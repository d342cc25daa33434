package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringTableTest {

    private static int[] offsets(StringTable t, String... names) {
        int[] out = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            out[i] = t.offsetOf(names[i]);
        }
        if (t.offsetsFromEnd()) {
            for (int i = 0; i < out.length; i++) {
                out[i] += t.size();
            }
        }
        return out;
    }

    private static String text(StringTable t) {
        return new String(t.toByteArray(), StandardCharsets.ISO_8859_1).replace('\0', '|');
    }

    @Test
    void dtcSharesSuffixesOfEarlierNamesOnly() {
        StringTable t = StringTable.appending();
        // fdt-format.md §10.2: once #size-cells is stored, size-cells, cells and ells point into it
        assertThat(offsets(t, "#size-cells", "size-cells", "cells", "ells", "s", "#size-cells"))
                .containsExactly(0, 1, 6, 7, 10, 0);
        assertThat(text(t)).isEqualTo("#size-cells|");
        // a longer name after its suffix is appended: dtc never reorders
        assertThat(offsets(t, "x", "ax")).containsExactly(12, 14);
        assertThat(text(t)).isEqualTo("#size-cells|x|ax|");
        // the lowest offset wins: "x" stays at 12 although "ax" also ends with it
        assertThat(offsets(t, "x")).containsExactly(12);
    }

    @Test
    void libfdtFindsTheNewestStringAndReversesTheOrder() {
        // pylibfdt FdtSw, property names bc, abc, bc -> strings "abc\0bc\0", offsets 4, 0, 1
        StringTable t = StringTable.prepending();
        int[] raw = new int[] {t.offsetOf("bc"), t.offsetOf("abc"), t.offsetOf("bc")};
        for (int i = 0; i < raw.length; i++) {
            raw[i] += t.size();
        }
        assertThat(raw).containsExactly(4, 0, 1);
        assertThat(text(t)).isEqualTo("abc|bc|");
        // abc, bc, xbc, bc, c -> "xbc\0abc\0", offsets 4, 5, 0, 1, 2
        assertThat(offsets(StringTable.prepending(), "abc", "bc", "xbc", "bc", "c")).containsExactly(4, 5, 0, 1, 2);
        // the empty name points at the newest string's NUL: a, "", b, "" -> "b\0a\0", offsets 2, 3, 0, 1
        assertThat(offsets(StringTable.prepending(), "a", "", "b", "")).containsExactly(2, 3, 0, 1);
    }

    @Test
    void namesLongerThanTheIndexedSuffixesShareTheSameWay() {
        String tail = "t".repeat(StringTable.INDEXED_SUFFIX_MAX + 10);
        String longer = "prefix-" + tail;
        StringTable dtc = StringTable.appending();
        assertThat(offsets(dtc, longer, tail, "t", "x" + tail, tail)).containsExactly(0, 7, longer.length() - 1,
                longer.length() + 1, 7);
        StringTable lib = StringTable.prepending();
        int a = lib.offsetOf(longer);
        int b = lib.offsetOf("x" + tail);
        int c = lib.offsetOf(tail);
        int size = lib.size();
        // newest first: "x"+tail sits at 0, so tail is found at 1 inside it
        assertThat(new int[] {a + size, b + size, c + size}).containsExactly(tail.length() + 2, 0, 1);
    }

    @Test
    void hundredThousandDistinctNamesStayFast() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            names.add("vendor,property-" + Integer.toString(i * 7919, 36));
        }
        for (StringTable t : List.of(StringTable.appending(), StringTable.prepending())) {
            long start = System.nanoTime();
            for (String n : names) {
                t.offsetOf(n);
            }
            for (String n : names) {
                t.offsetOf(n); // every second use is a hit
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("StringTable %s: 200k lookups of 100k distinct names in %d ms, %d bytes%n",
                    t.offsetsFromEnd() ? "libfdt" : "dtc", ms, t.size());
            assertThat(ms).isLessThan(10_000);
        }
    }
}
