package io.khotools.kho.scratch;

import io.khotools.kho.NativeBytes;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The scratch array in its three outward forms: the binary array of {@code kho_scratch} (a kexec segment),
 * and debugfs's {@code scratch_phys}/{@code scratch_len} text files (kho-format.md §3.3, §6). Stateless.
 */
public final class ScratchCodec {
    private ScratchCodec() {
    }

    /**
     * Decodes the binary array: {@code length / 16} entries, a remainder is ignored as the kernel does (the
     * rules report it).
     *
     * @param array the bytes (not kept)
     * @param order the producing kernel's byte order
     */
    public static List<ScratchArea> decode(byte[] array, ByteOrder order) {
        int n = array.length / ScratchArea.SIZE;
        List<ScratchArea> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new ScratchArea(NativeBytes.u64(array, i * 16, order), NativeBytes.u64(array, i * 16 + 8, order)));
        }
        return List.copyOf(out);
    }

    /** Encodes the binary array in {@code order}; a new array the caller owns. */
    public static byte[] encode(List<ScratchArea> areas, ByteOrder order) {
        byte[] b = new byte[areas.size() * ScratchArea.SIZE];
        for (int i = 0; i < areas.size(); i++) {
            NativeBytes.putU64(b, i * 16, areas.get(i).address(), order);
            NativeBytes.putU64(b, i * 16 + 8, areas.get(i).size(), order);
        }
        return b;
    }

    /**
     * Decodes debugfs's {@code scratch_phys} and {@code scratch_len}: one {@code 0x%llx} line per entry, in
     * array order.
     *
     * @throws IllegalArgumentException if a line is not a hexadecimal u64 or the two files differ in lines
     */
    public static List<ScratchArea> fromDebugfs(String scratchPhys, String scratchLen) {
        List<Long> phys = hexLines(scratchPhys, "scratch_phys");
        List<Long> len = hexLines(scratchLen, "scratch_len");
        if (phys.size() != len.size()) {
            throw new IllegalArgumentException("scratch_phys has " + phys.size() + " lines, scratch_len "
                    + len.size());
        }
        List<ScratchArea> out = new ArrayList<>();
        for (int i = 0; i < phys.size(); i++) {
            out.add(new ScratchArea(phys.get(i), len.get(i)));
        }
        return List.copyOf(out);
    }

    /** The debugfs text form of one column: {@code 0x%llx} lines. */
    public static String toDebugfs(List<ScratchArea> areas, boolean lengths) {
        StringBuilder sb = new StringBuilder();
        for (ScratchArea a : areas) {
            sb.append("0x").append(Long.toHexString(lengths ? a.size() : a.address())).append('\n');
        }
        return sb.toString();
    }

    private static List<Long> hexLines(String text, String file) {
        List<Long> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!s.startsWith("0x") || s.length() < 3 || s.length() > 18) {
                throw new IllegalArgumentException(file + ": not a 0x%llx line: " + s);
            }
            try {
                out.add(Long.parseUnsignedLong(s.substring(2), 16));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + ": not a 0x%llx line: " + s, e);
            }
        }
        return out;
    }
}
