package io.khotools.fdt.oracle;

import static io.khotools.fdt.FdtFormat.*;

import java.util.Arrays;
import java.util.Random;

/**
 * The kinds of damage a mutant can carry. Each kind returns a new array and never changes its input; a kind
 * that finds nothing to aim at (no property to edit, a blob too short for a header) falls back to a bit flip,
 * so every application changes something or at least tries to. Structural kinds edit through
 * {@link BlobEdit}, keeping the header in step so the damage reaches the checks behind it.
 */
enum Mutation {
    /** One bit flipped anywhere. */
    BIT_FLIP {
        @Override
        byte[] apply(Target t) {
            return flip(t.copy(), t.random(), 1);
        }
    },
    /** Two to eight bits flipped anywhere. */
    BIT_FLIPS {
        @Override
        byte[] apply(Target t) {
            return flip(t.copy(), t.random(), 2 + t.random().nextInt(7));
        }
    },
    /** One to four bytes set to 0x00. */
    BYTES_ZERO {
        @Override
        byte[] apply(Target t) {
            return setBytes(t, () -> 0);
        }
    },
    /** One to four bytes set to 0xff. */
    BYTES_FF {
        @Override
        byte[] apply(Target t) {
            return setBytes(t, () -> 0xff);
        }
    },
    /** One to four bytes set to random values. */
    BYTES_RANDOM {
        @Override
        byte[] apply(Target t) {
            return setBytes(t, () -> t.random().nextInt(256));
        }
    },
    /** The blob cut short: anywhere, within 16 bytes of its end, or at a token. */
    TRUNCATE {
        @Override
        byte[] apply(Target t) {
            byte[] b = t.bytes();
            Random r = t.random();
            if (b.length == 0) {
                return b.clone();
            }
            int len = switch (r.nextInt(3)) {
                case 0 -> r.nextInt(b.length);
                case 1 -> Math.max(0, b.length - 1 - r.nextInt(16));
                default -> t.map().tokens().length == 0 ? r.nextInt(b.length) : pick(t.map().tokens(), r);
            };
            return Arrays.copyOf(b, len);
        }
    },
    /** A header field (sizes, offsets, versions) set to a nearby, boundary, borrowed or random value. */
    HEADER_FIELD {
        @Override
        byte[] apply(Target t) {
            byte[] b = t.copy();
            Random r = t.random();
            if (b.length < HEADER_SIZE_V17) {
                return flip(b, r, 1);
            }
            int[] fields = {OFF_TOTALSIZE, OFF_OFF_DT_STRUCT, OFF_OFF_DT_STRINGS, OFF_OFF_MEM_RSVMAP, OFF_VERSION,
                    OFF_LAST_COMP_VERSION, OFF_SIZE_DT_STRINGS, OFF_SIZE_DT_STRUCT};
            int field = fields[r.nextInt(fields.length)];
            int old = BlobEdit.getInt(b, field);
            int value;
            if (field == OFF_VERSION || field == OFF_LAST_COMP_VERSION) {
                int[] versions = {0, 1, 2, 3, 15, 16, 17, 18, 0x10000, -1};
                value = r.nextInt(4) == 0 ? r.nextInt(40) : versions[r.nextInt(versions.length)];
            } else {
                value = switch (r.nextInt(6)) {
                    case 0, 1 -> old + (r.nextBoolean() ? 1 : -1) * (1 << r.nextInt(5)); // ±1..±16
                    case 2 -> new int[] {0, 1, 0x7fffffff, 0x80000000, -1, -4, HEADER_SIZE_V17, b.length,
                            b.length + 4, b.length - 4}[r.nextInt(10)];
                    case 3 -> BlobEdit.getInt(b, fields[r.nextInt(4)]); // another block's offset or totalsize
                    case 4 -> r.nextInt(Math.max(1, b.length + 64));
                    default -> r.nextInt();
                };
            }
            return BlobEdit.putInt(b, field, value);
        }
    },
    /** A token word replaced by another token, an unknown value or zero. */
    TOKEN {
        @Override
        byte[] apply(Target t) {
            int[] tokens = t.map().tokens();
            if (tokens.length == 0) {
                return BIT_FLIP.apply(t);
            }
            int[] values = {TOKEN_BEGIN_NODE, TOKEN_END_NODE, TOKEN_PROP, TOKEN_NOP, TOKEN_END, 0, 5, 8, 0x10,
                    t.random().nextInt()};
            return BlobEdit.putInt(t.copy(), pick(tokens, t.random()), values[t.random().nextInt(values.length)]);
        }
    },
    /** A node name byte changed to a separator, a character outside dtc's set, NUL or a letter. */
    NODE_NAME {
        @Override
        byte[] apply(Target t) {
            int[] nodes = t.map().nodes();
            byte[] b = t.copy();
            if (nodes.length == 0) {
                return BIT_FLIP.apply(t);
            }
            Random r = t.random();
            int at = pick(nodes, r) + 4;
            int len = 0;
            while (at + len < b.length && b[at + len] != 0) {
                len++;
            }
            int pos = Math.min(b.length - 1, at + r.nextInt(len + 1));
            byte[] chars = {'@', '/', '$', ' ', 0, (byte) 0x80, 'A', 'z', '0', ',', '#', '*', '?', '_', '-'};
            if (pos >= 0) {
                b[pos] = chars[r.nextInt(chars.length)];
            }
            return b;
        }
    },
    /** A property's length changed a little, to zero, or to something huge. */
    PROP_LEN {
        @Override
        byte[] apply(Target t) {
            int[] props = t.map().props();
            if (props.length == 0) {
                return BIT_FLIP.apply(t);
            }
            Random r = t.random();
            int at = pick(props, r) + 4;
            int old = BlobEdit.getInt(t.bytes(), at);
            int[] values = {old + 1, old - 1, old + 4, old - 4, old + 8, 0, 0x7fffffff, 0x7ffffff0, -1, -8,
                    r.nextInt(256), r.nextInt()};
            return BlobEdit.putInt(t.copy(), at, values[r.nextInt(values.length)]);
        }
    },
    /** A property's name offset pointed at another name, a NUL, the block's edge or anywhere. */
    NAME_OFFSET {
        @Override
        byte[] apply(Target t) {
            int[] props = t.map().props();
            if (props.length == 0) {
                return BIT_FLIP.apply(t);
            }
            Random r = t.random();
            byte[] b = t.copy();
            int at = pick(props, r) + 8;
            int size = BlobEdit.getInt(b, OFF_SIZE_DT_STRINGS);
            int old = BlobEdit.getInt(b, at);
            int[] values = {BlobEdit.getInt(b, pick(props, r) + 8), old + 1, old - 1, size - 1, size, size + 1, -1,
                    0x7fffffff, r.nextInt(Math.max(1, size + 8)), r.nextInt()};
            return BlobEdit.putInt(b, at, values[r.nextInt(values.length)]);
        }
    },
    /** A byte of the strings block set to NUL, a name character, a character outside the set, or 'x'. */
    STRINGS {
        @Override
        byte[] apply(Target t) {
            byte[] b = t.copy();
            Random r = t.random();
            int off = BlobEdit.getInt(b, OFF_OFF_DT_STRINGS);
            int size = BlobEdit.getInt(b, OFF_SIZE_DT_STRINGS);
            if (b.length < HEADER_SIZE_V17 || off < 0 || off >= b.length || size <= 0) {
                return flip(b, r, 1);
            }
            int pos = off + r.nextInt(Math.min(size, b.length - off));
            byte[] chars = {0, 'x', '$', '*', '@', ' ', (byte) 0xe9, '#', '?'};
            b[pos] = chars[r.nextInt(chars.length)];
            return b;
        }
    },
    /** A reservation entry edited: the terminator's size or address made non-zero, an entry's size zeroed. */
    RSVMAP {
        @Override
        byte[] apply(Target t) {
            byte[] b = t.copy();
            Random r = t.random();
            int off = BlobEdit.getInt(b, OFF_OFF_MEM_RSVMAP);
            if (b.length < HEADER_SIZE_V17 || off < 0 || (long) off + RESERVE_ENTRY_SIZE > b.length) {
                return flip(b, r, 1);
            }
            int entries = (b.length - off) / RESERVE_ENTRY_SIZE;
            int entry = off + RESERVE_ENTRY_SIZE * r.nextInt(Math.min(entries, 6));
            int word = entry + 4 * r.nextInt(4);
            return BlobEdit.putInt(b, word, r.nextBoolean() ? 0 : 1 + r.nextInt(0x1000));
        }
    },
    /** Tokens inserted at a token boundary: NOP, END_NODE, END, a node, a property, with the header in step. */
    INSERT_TOKENS {
        @Override
        byte[] apply(Target t) {
            int[] tokens = t.map().tokens();
            byte[] b = t.bytes();
            if (tokens.length == 0 || b.length < HEADER_SIZE_V17) {
                return BIT_FLIP.apply(t);
            }
            Random r = t.random();
            int nameoff = t.map().props().length == 0 ? 0 : BlobEdit.getInt(b, pick(t.map().props(), r) + 8);
            byte[] data = switch (r.nextInt(8)) {
                case 0 -> BlobEdit.words(TOKEN_NOP);
                case 1 -> BlobEdit.words(TOKEN_END_NODE);
                case 2 -> BlobEdit.words(TOKEN_END);
                case 3 -> BlobEdit.words(TOKEN_BEGIN_NODE, 0, TOKEN_END_NODE); // empty name
                case 4 -> BlobEdit.words(TOKEN_BEGIN_NODE, 0x6e657700, TOKEN_END_NODE); // "new"
                case 5 -> BlobEdit.words(TOKEN_BEGIN_NODE, 0x6e657700); // "new", left open
                case 6 -> BlobEdit.words(TOKEN_PROP, 0, nameoff);
                default -> BlobEdit.words(TOKEN_PROP, 4, nameoff, r.nextInt());
            };
            int at = pick(tokens, r);
            if (r.nextInt(4) == 0 && at + 4 <= b.length) {
                at += 4; // also right after a token word, before its payload
            }
            return BlobEdit.replace(b, Math.min(at, b.length), 0, data);
        }
    },
    /** One token removed with its payload (a property, a node's header), or a whole node, header in step. */
    REMOVE_TOKENS {
        @Override
        byte[] apply(Target t) {
            int[] tokens = t.map().tokens();
            byte[] b = t.bytes();
            if (tokens.length < 2 || b.length < HEADER_SIZE_V17) {
                return BIT_FLIP.apply(t);
            }
            Random r = t.random();
            int[] nodes = t.map().nodes();
            if (r.nextInt(3) == 0 && nodes.length > 1) {
                int i = 1 + r.nextInt(nodes.length - 1);
                int end = t.map().nodeEnds()[i];
                if (end > nodes[i] && end <= b.length) {
                    return BlobEdit.replace(b, nodes[i], end - nodes[i], new byte[0]);
                }
            }
            int i = r.nextInt(tokens.length - 1);
            int len = Math.min(tokens[i + 1], b.length) - tokens[i];
            return len <= 0 ? BIT_FLIP.apply(t) : BlobEdit.replace(b, tokens[i], len, new byte[0]);
        }
    },
    /** Bytes from another blob (or this one) copied over or into this one: a node, a chunk, the header. */
    SPLICE {
        @Override
        byte[] apply(Target t) {
            byte[] b = t.bytes();
            byte[] donor = t.donor();
            Random r = t.random();
            if (b.length < HEADER_SIZE_V17 || donor.length == 0) {
                return BIT_FLIP.apply(t);
            }
            switch (r.nextInt(4)) {
                case 0 -> {
                    // a copy of one of our own nodes inserted next to it: duplicate names and deep nesting
                    int[] nodes = t.map().nodes();
                    if (nodes.length > 1) {
                        int i = r.nextInt(nodes.length);
                        int end = t.map().nodeEnds()[i];
                        if (end > nodes[i] && end <= b.length) {
                            byte[] node = Arrays.copyOfRange(b, nodes[i], end);
                            int at = r.nextBoolean() ? end : nodes[i] + 4 + r.nextInt(end - nodes[i] - 4);
                            return BlobEdit.replace(b, at, 0, node);
                        }
                    }
                    return BIT_FLIP.apply(t);
                }
                case 1 -> {
                    // a chunk of the donor inserted at one of our tokens
                    int from = r.nextInt(donor.length);
                    int len = Math.min(donor.length - from, 4 * (1 + r.nextInt(16)));
                    int[] tokens = t.map().tokens();
                    int at = tokens.length == 0 ? r.nextInt(b.length) : pick(tokens, r);
                    return BlobEdit.replace(b, at, 0, Arrays.copyOfRange(donor, from, from + len));
                }
                case 2 -> {
                    // a chunk of the donor written over ours at the same offset
                    byte[] out = b.clone();
                    int from = r.nextInt(out.length);
                    int len = Math.min(Math.min(out.length, donor.length) - from, 1 + r.nextInt(64));
                    if (len > 0) {
                        System.arraycopy(donor, from, out, from, len);
                    }
                    return out;
                }
                default -> {
                    // the donor's header on our body
                    byte[] out = b.clone();
                    System.arraycopy(donor, 0, out, 0, Math.min(HEADER_SIZE_V17, donor.length));
                    return out;
                }
            }
        }
    };

    /** What a mutation works on: the base (never modified), its tokens, a random source and a donor blob. */
    record Target(byte[] bytes, TokenMap map, Random random, byte[] donor) {
        byte[] copy() {
            return bytes.clone();
        }
    }

    /** Applies this kind of damage; returns a new array. */
    abstract byte[] apply(Target t);

    private static int pick(int[] values, Random r) {
        return values[r.nextInt(values.length)];
    }

    private static byte[] flip(byte[] b, Random r, int bits) {
        for (int i = 0; i < bits && b.length > 0; i++) {
            b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
    }

    private static byte[] setBytes(Target t, java.util.function.IntSupplier value) {
        byte[] b = t.copy();
        int n = 1 + t.random().nextInt(4);
        for (int i = 0; i < n && b.length > 0; i++) {
            b[t.random().nextInt(b.length)] = (byte) value.getAsInt();
        }
        return b;
    }
}
