package io.khotools.cli;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns {@code kho put}'s value words into a property value, as fdtput does (fdt-format.md §13): the words
 * are concatenated; {@code s} stores each as a NUL-terminated string; {@code i}, {@code u} and the default
 * take decimal, {@code 0x} hex or {@code 0} octal numbers; {@code x} takes hex digits (an optional {@code 0x}
 * is accepted, as fdtput's strtoul accepts it); each number is stored big-endian in the element size.
 * Unlike fdtput 1.6.1, a number that does not parse or does not fit the element size is an error (fdtput
 * stores 0 for {@code 0x10} without {@code -t} and truncates {@code 256} into a byte), and {@code -t h}
 * stores both bytes of each element.
 */
final class PutValues {
    private PutValues() {}

    /**
     * Encodes the words.
     *
     * @param type the {@code -t} type, or null for 4-byte numbers
     * @param words the value words; none gives an empty value
     * @return the value bytes
     * @throws IllegalArgumentException with a one-line message naming the bad word
     */
    static byte[] encode(GetType type, List<String> words) {
        GetType t = type == null ? new GetType(4, 'i') : type;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String w : words) {
            if (t.format() == 's') {
                byte[] b = w.getBytes(StandardCharsets.ISO_8859_1); // a char per byte, as kho reads arguments back
                out.write(b, 0, b.length);
                out.write(0);
                continue;
            }
            long v = number(w, t);
            for (int shift = (t.size() - 1) * 8; shift >= 0; shift -= 8) {
                out.write((int) (v >>> shift));
            }
        }
        return out.toByteArray();
    }

    /** Parses one number word and checks that it fits the element size. */
    private static long number(String word, GetType t) {
        int bits = t.size() * 8;
        BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        BigInteger min = t.format() == 'i' ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger v = parse(word, t.format() == 'x');
        if (v == null) {
            throw new IllegalArgumentException("'" + word + "' is not a " + (t.format() == 'x'
                    ? "hex number" : "number (decimal, 0x hex or 0 octal)"));
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new IllegalArgumentException("'" + word + "' does not fit in " + t.size() + " byte"
                    + (t.size() == 1 ? "" : "s") + " (" + min + ".." + max + (t.format() == 'i' ? "" : ", unsigned") + ")");
        }
        return v.longValue();
    }

    /** A number in C's base-0 notation (or base 16 for hex), or null. */
    private static BigInteger parse(String word, boolean hex) {
        String w = word;
        boolean negative = false;
        if (!hex && w.startsWith("-")) {
            negative = true;
            w = w.substring(1);
        }
        int radix = hex ? 16 : 10;
        if (w.startsWith("0x") || w.startsWith("0X")) {
            radix = 16;
            w = w.substring(2);
        } else if (!hex && w.length() > 1 && w.startsWith("0")) {
            radix = 8;
            w = w.substring(1);
        }
        // ASCII digits only (Character.digit also takes other scripts' digits); the length cap bounds the work
        int base = radix;
        if (w.isEmpty() || w.length() > 1000 || !w.chars().allMatch(c -> c < 128 && Character.digit(c, base) >= 0)) {
            return null;
        }
        BigInteger v = new BigInteger(w, base);
        return negative ? v.negate() : v;
    }
}
