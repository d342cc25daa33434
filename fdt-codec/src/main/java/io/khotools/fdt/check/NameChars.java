package io.khotools.fdt.check;

/**
 * 256-entry character class table for node and property names, so a name is checked with one lookup per
 * byte. Each entry is a bit set of the name kinds the byte is <em>not</em> allowed in.
 */
final class NameChars {
    private NameChars() {}

    /** Byte not allowed in a node name by dtc's node_name_chars: {@code [a-zA-Z0-9,._+@-]}. */
    static final int BAD_NODE = 1;
    /** Byte not allowed in a property name by dtc's property_name_chars: {@code [a-zA-Z0-9,._+*#?-]}. */
    static final int BAD_PROP = 2;
    /** Byte not allowed in a property name by DT spec v0.4 §2.2.4 table 2.2: {@code [a-zA-Z0-9,._+?#-]}. */
    static final int BAD_PROP_SPEC = 4;

    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            boolean common = alnum || c == ',' || c == '.' || c == '_' || c == '+' || c == '-';
            int bad = 0;
            if (!(common || c == '@')) {
                bad |= BAD_NODE;
            }
            if (!(common || c == '*' || c == '#' || c == '?')) {
                bad |= BAD_PROP;
            }
            if (!(common || c == '#' || c == '?')) {
                bad |= BAD_PROP_SPEC;
            }
            CLASS[c] = (byte) bad;
        }
    }

    /** The bad-kind bits of byte {@code b}. */
    static int of(byte b) {
        return CLASS[b & 0xff];
    }

    /** True for ASCII letters (DT spec §2.2.1: a node name starts with a letter). */
    static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }
}
