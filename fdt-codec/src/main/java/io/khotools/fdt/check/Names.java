package io.khotools.fdt.check;

import java.nio.ByteBuffer;

/**
 * Renders names and paths from blob bytes for messages: printable ASCII as is, anything else (including
 * space) as {@code \xNN}, so a diagnostic stays on one line. Long names and deep paths are shortened so a
 * hostile blob cannot make one message huge.
 */
final class Names {
    private Names() {}

    /** Longest name rendered in full; longer ones keep their start and end around "...". */
    static final int MAX_NAME = 96;
    /** Deepest path rendered in full; deeper ones keep the first and last components around "/...". */
    static final int MAX_COMPONENTS = 32;

    /** Appends the name at {@code [off, off + len)}, escaped and shortened. */
    static void appendName(StringBuilder sb, ByteBuffer b, int off, int len) {
        if (len <= MAX_NAME) {
            appendRaw(sb, b, off, len);
        } else {
            appendRaw(sb, b, off, MAX_NAME / 2);
            sb.append("...");
            appendRaw(sb, b, off + len - MAX_NAME / 2, MAX_NAME / 2);
        }
    }

    /** The name at {@code [off, off + len)}, escaped and shortened. */
    static String name(ByteBuffer b, int off, int len) {
        StringBuilder sb = new StringBuilder(Math.min(len, MAX_NAME) + 8);
        appendName(sb, b, off, len);
        return sb.toString();
    }

    /**
     * The path of the node at {@code depth} (1 = root) from per-level name offsets and lengths. Only called
     * when a finding is emitted.
     */
    static String path(ByteBuffer b, int[] nameOff, int[] nameLen, int depth) {
        if (depth <= 1) {
            return "/";
        }
        StringBuilder sb = new StringBuilder();
        int head = MAX_COMPONENTS / 2;
        for (int i = 1; i < depth; i++) {
            if (depth - 1 > MAX_COMPONENTS && i == head + 1) {
                sb.append("/...");
                i = depth - head; // skip to the last components
            }
            sb.append('/');
            appendName(sb, b, nameOff[i], nameLen[i]);
        }
        return sb.toString();
    }

    private static void appendRaw(StringBuilder sb, ByteBuffer b, int off, int len) {
        for (int i = 0; i < len; i++) {
            int c = b.get(off + i) & 0xff;
            if (c > 0x20 && c < 0x7f && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
    }
}
