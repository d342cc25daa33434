package io.khotools.cli;

import io.khotools.fdt.FdtError;
import io.khotools.fdt.FdtException;
import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.FdtHeader;
import io.khotools.fdt.index.FdtIndex;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * In-memory edits of a DTB with the placement rules of libfdt's read-write calls (fdt-format.md §9.5, §13),
 * so that {@code kho put} writes the bytes fdtput writes:
 * <ul>
 *   <li>the blob is taken apart as {@code fdt_open_into} does: the reserve map up to and including its
 *       terminating entry, the structure block ({@code size_dt_struct}, or walked to FDT_END before
 *       version 17) and the strings block; version becomes 17;</li>
 *   <li>a new property goes right after its node's name, <em>first</em> in the node; a new subnode goes
 *       after the parent's properties and NOPs, <em>first</em> among its children;</li>
 *   <li>an existing property's value is resized in place; a property name is reused from anywhere in the
 *       strings block (suffixes included), else appended; deleting never shrinks the strings block;</li>
 *   <li>{@link #packed()} lays the blocks out as {@code fdt_pack} does: reserve map at 0x28, structure and
 *       strings right after, totalsize = end of the strings.</li>
 * </ul>
 * Padding after a value or name is zero (libfdt leaves whatever bytes were at that offset before, which
 * is the one difference from fdtput's output). Lookups use {@link FdtIndex#node(String)} (libfdt's path and alias rules).
 *
 * <p>This is not {@code io.khotools.kho.LibfdtRw}: that class is package-private to kho-schema, models only
 * a subnode of the root and a new property on blobs kho wrote itself, and trusts its input. This one takes a
 * user's file: the input is checked completely ({@link FdtIndex#build(ByteBuf)}, STRICT) before any edit, and
 * every walk is bounded by the block lengths. Not thread-safe.
 */
final class FdtEdit {
    /** Where {@code fdt_pack} puts the reserve map: the 40-byte header rounded up to 8. */
    private static final int RSVMAP_OFFSET =
            (int) FdtFormat.alignUp(FdtFormat.HEADER_SIZE_V17, FdtFormat.RSVMAP_ALIGN);
    private static final int RSV_ENTRY = 16;

    private final int magic;
    private final int lastCompVersion;
    private final int bootCpuidPhys;
    private final byte[] rsvmap;
    private byte[] struct;
    private byte[] strings;

    private FdtEdit(int magic, int lastCompVersion, int bootCpuidPhys, byte[] rsvmap, byte[] struct, byte[] strings) {
        this.magic = magic;
        this.lastCompVersion = lastCompVersion;
        this.bootCpuidPhys = bootCpuidPhys;
        this.rsvmap = rsvmap;
        this.struct = struct;
        this.strings = strings;
    }

    /**
     * Takes a blob apart for editing.
     *
     * @param blob the DTB from its reader index; borrowed, not retained (the bytes are copied)
     * @return an editor holding a copy of the blob's blocks
     * @throws FdtException if the blob is not a well-formed DTB (libfdt's STRICT bounds) or its reserve map
     *         has no terminating entry before the structure block
     */
    static FdtEdit open(ByteBuf blob) {
        FdtHeader h = FdtHeader.readChecked(blob);
        FdtIndex.build(blob); // the whole structure block parses: later walks can follow its tokens
        int base = blob.readerIndex();
        // reserve map: entries up to the first all-zero one, bounded by the total size
        int rsvLen = -1;
        for (long p = h.offMemRsvmap(); p + RSV_ENTRY <= h.totalSize(); p += RSV_ENTRY) {
            if (blob.getLong(base + (int) p) == 0 && blob.getLong(base + (int) p + 8) == 0) {
                rsvLen = (int) (p + RSV_ENTRY - h.offMemRsvmap());
                break;
            }
        }
        if (rsvLen < 0) {
            throw new FdtException(FdtError.TRUNCATED, h.offMemRsvmap(), "memory reservation map has no terminating entry");
        }
        int structLen = h.version() >= 17 ? h.sizeDtStruct() : structLengthByWalk(blob, base + h.offDtStruct(),
                h.totalSize() - h.offDtStruct());
        byte[] rsv = new byte[rsvLen];
        blob.getBytes(base + h.offMemRsvmap(), rsv);
        byte[] st = new byte[structLen];
        blob.getBytes(base + h.offDtStruct(), st);
        byte[] str = new byte[h.sizeDtStrings()];
        blob.getBytes(base + h.offDtStrings(), str);
        // fdt_open_into keeps last_comp_version when it only moves a v17 blob, and sets 16 when it rebuilds one
        boolean inOrder = h.offMemRsvmap() <= h.offDtStruct() && h.offDtStruct() + structLen <= h.offDtStrings();
        int lastComp = h.version() >= 17 && inOrder ? h.lastCompVersion() : 16;
        return new FdtEdit(h.magic(), lastComp, h.bootCpuidPhys(), rsv, st, str);
    }

    /** Length of a pre-v17 structure block: up to and including FDT_END (the block was parsed already). */
    private static int structLengthByWalk(ByteBuf blob, int start, int max) {
        int pos = 0;
        while (pos + 4 <= max) {
            int tag = blob.getInt(start + pos);
            pos = skipTag(tag, pos, off -> blob.getInt(start + off), off -> blob.getByte(start + off), max);
            if (tag == FdtFormat.TOKEN_END) {
                return pos;
            }
        }
        throw new FdtException(FdtError.TRUNCATED, start, "structure block has no FDT_END");
    }

    /** True if {@code path} names a node (libfdt's rules: unit-address-less names, aliases). */
    boolean hasNode(String path) {
        return withIndex(index -> index.node(path) >= 0 ? Boolean.TRUE : Boolean.FALSE);
    }

    /**
     * Sets a property, as {@code fdt_setprop}: an existing one is resized in place, a new one becomes the
     * node's first property.
     *
     * @param nodePath the node
     * @param name the property name
     * @param value the new value (copied)
     * @throws EditException if there is no such node
     */
    void setProperty(String nodePath, String name, byte[] value) {
        int[] found = withIndex(index -> {
            int node = requireNode(index, nodePath);
            int p = index.property(node, name);
            return p < 0 ? new int[] {relative(index, index.offset(node)), -1}
                    : new int[] {relative(index, index.offset(node)), relative(index, index.propertyOffset(p))};
        });
        if (found[1] >= 0) {
            int prop = found[1];
            int oldLen = getInt(struct, prop + 4);
            int at = prop + 4 + FdtFormat.PROP_HEADER_SIZE;
            byte[] padded = Arrays.copyOf(value, FdtFormat.tokenAlign(value.length));
            splice(at, FdtFormat.tokenAlign(oldLen), padded);
            putInt(struct, prop + 4, value.length);
        } else {
            int nameOff = findOrAddString(name);
            byte[] prop = new byte[4 + FdtFormat.PROP_HEADER_SIZE + FdtFormat.tokenAlign(value.length)];
            putInt(prop, 0, FdtFormat.TOKEN_PROP);
            putInt(prop, 4, value.length);
            putInt(prop, 8, nameOff);
            System.arraycopy(value, 0, prop, 12, value.length);
            splice(afterName(found[0]), 0, prop);
        }
    }

    /**
     * Deletes a property, as {@code fdt_delprop} (its name stays in the strings block).
     *
     * @throws EditException if there is no such node or property
     */
    void deleteProperty(String nodePath, String name) {
        int prop = withIndex(index -> {
            int node = requireNode(index, nodePath);
            int p = index.property(node, name);
            if (p < 0) {
                throw new EditException(index.path(node) + " has no property " + name);
            }
            return relative(index, index.propertyOffset(p));
        });
        splice(prop, 4 + FdtFormat.PROP_HEADER_SIZE + FdtFormat.tokenAlign(getInt(struct, prop + 4)), new byte[0]);
    }

    /**
     * Adds an empty node, as {@code fdt_add_subnode}: first among its parent's children.
     *
     * @param path the new node's path; its parent must exist
     * @throws EditException if the parent is missing, the name is empty or the node exists
     */
    void addNode(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String parentPath = slash <= 0 ? "/" : path.substring(0, slash);
        if (slash < 0 || name.isEmpty()) {
            throw new EditException("cannot create " + path + ": give the node's full path, /parent/name");
        }
        int parent = withIndex(index -> {
            int p = requireNode(index, parentPath);
            // libfdt's lookup: "memory" also finds memory@0, so that counts as existing too
            for (int c : index.children(p)) {
                String n = index.name(c);
                if (n.equals(name) || (name.indexOf('@') < 0 && n.startsWith(name + "@"))) {
                    throw new EditException("node " + index.path(c) + " already exists");
                }
            }
            return relative(index, index.offset(p));
        });
        int pos = afterName(parent);
        // skip the parent's properties and NOPs
        while (true) {
            int tag = getInt(struct, pos);
            if (tag == FdtFormat.TOKEN_PROP) {
                pos += 4 + FdtFormat.PROP_HEADER_SIZE + FdtFormat.tokenAlign(getInt(struct, pos + 4));
            } else if (tag == FdtFormat.TOKEN_NOP) {
                pos += 4;
            } else {
                break;
            }
        }
        byte[] n = name.getBytes(StandardCharsets.ISO_8859_1); // a char per byte, as kho prints names
        byte[] node = new byte[4 + FdtFormat.tokenAlign(n.length + 1) + 4];
        putInt(node, 0, FdtFormat.TOKEN_BEGIN_NODE);
        System.arraycopy(n, 0, node, 4, n.length);
        putInt(node, node.length - 4, FdtFormat.TOKEN_END_NODE);
        splice(pos, 0, node);
    }

    /**
     * Adds every missing node on an absolute path, as fdtput {@code -p} does; existing ones are kept.
     *
     * @throws EditException if the path is not absolute
     */
    void addNodeWithParents(String path) {
        if (!path.startsWith("/")) {
            throw new EditException("cannot create " + path + ": -p needs an absolute path");
        }
        StringBuilder prefix = new StringBuilder();
        for (String component : path.split("/")) {
            if (component.isEmpty()) {
                continue;
            }
            prefix.append('/').append(component);
            String p = prefix.toString();
            if (!hasNode(p)) {
                addNode(p);
            }
        }
    }

    /**
     * Removes a node and its subtree, as {@code fdt_del_node}.
     *
     * @throws EditException if there is no such node, or it is the root
     */
    void removeNode(String path) {
        int node = withIndex(index -> {
            int id = requireNode(index, path);
            if (id == 0) {
                throw new EditException("cannot remove the root node");
            }
            return relative(index, index.offset(id));
        });
        int pos = node;
        int depth = 0;
        do {
            int tag = getInt(struct, pos);
            if (tag == FdtFormat.TOKEN_BEGIN_NODE) {
                depth++;
            } else if (tag == FdtFormat.TOKEN_END_NODE) {
                depth--;
            }
            pos = skipTag(tag, pos, off -> getInt(struct, off), off -> struct[off], struct.length);
        } while (depth > 0);
        splice(node, pos - node, new byte[0]);
    }

    /**
     * The edited blob, packed as {@code fdt_pack} leaves it.
     *
     * @return a new array: header, reserve map at 0x28, structure block, strings block
     */
    byte[] packed() {
        int structOff = RSVMAP_OFFSET + rsvmap.length;
        int stringsOff = structOff + struct.length;
        int total = stringsOff + strings.length;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        out.putInt(FdtFormat.OFF_MAGIC, magic);
        out.putInt(FdtFormat.OFF_TOTALSIZE, total);
        out.putInt(FdtFormat.OFF_OFF_DT_STRUCT, structOff);
        out.putInt(FdtFormat.OFF_OFF_DT_STRINGS, stringsOff);
        out.putInt(FdtFormat.OFF_OFF_MEM_RSVMAP, RSVMAP_OFFSET);
        out.putInt(FdtFormat.OFF_VERSION, FdtFormat.VERSION_LATEST);
        out.putInt(FdtFormat.OFF_LAST_COMP_VERSION, lastCompVersion);
        out.putInt(FdtFormat.OFF_BOOT_CPUID_PHYS, bootCpuidPhys);
        out.putInt(FdtFormat.OFF_SIZE_DT_STRINGS, strings.length);
        out.putInt(FdtFormat.OFF_SIZE_DT_STRUCT, struct.length);
        out.position(RSVMAP_OFFSET);
        out.put(rsvmap).put(struct).put(strings);
        return out.array();
    }

    private interface IndexQuery<T> {
        T apply(FdtIndex index);
    }

    /** Runs a lookup on an index of the blob as it stands now (offsets change with every edit). */
    private <T> T withIndex(IndexQuery<T> query) {
        ByteBuf buf = Unpooled.wrappedBuffer(packed());
        try {
            return query.apply(FdtIndex.build(buf));
        } finally {
            buf.release();
        }
    }

    private static int requireNode(FdtIndex index, String path) {
        int node = index.node(path);
        if (node < 0) {
            throw new EditException("no node " + path);
        }
        return node;
    }

    /** An absolute offset in {@link #packed()} as an offset in {@link #struct}. */
    private int relative(FdtIndex index, int absolute) {
        return absolute - index.header().offDtStruct();
    }

    /** Offset just after the name of the node whose BEGIN_NODE is at {@code node}. */
    private int afterName(int node) {
        int p = node + 4;
        while (p < struct.length && struct[p] != 0) {
            p++;
        }
        return node + 4 + FdtFormat.tokenAlign(p - node - 4 + 1);
    }

    private interface IntAt {
        int get(int offset);
    }

    /** Offset of the token after the one with tag {@code tag} at {@code pos}; names are bounded by {@code max}. */
    private static int skipTag(int tag, int pos, IntAt intAt, IntAt byteAt, int max) {
        return switch (tag) {
            case FdtFormat.TOKEN_BEGIN_NODE -> {
                int p = pos + 4;
                while (p < max && byteAt.get(p) != 0) {
                    p++;
                }
                yield pos + 4 + FdtFormat.tokenAlign(p - pos - 4 + 1);
            }
            case FdtFormat.TOKEN_PROP -> pos + 4 + FdtFormat.PROP_HEADER_SIZE + FdtFormat.tokenAlign(intAt.get(pos + 4));
            case FdtFormat.TOKEN_END_NODE, FdtFormat.TOKEN_NOP, FdtFormat.TOKEN_END -> pos + 4;
            default -> throw new FdtException(FdtError.BADSTRUCTURE, pos, "unknown token 0x" + Integer.toHexString(tag));
        };
    }

    /** libfdt's string lookup: "name\0" anywhere in the block, so a suffix of a longer name is reused. */
    private int findOrAddString(String name) {
        byte[] s = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
        for (int p = 0; p + s.length <= strings.length; p++) {
            if (Arrays.equals(strings, p, p + s.length, s, 0, s.length)) {
                return p;
            }
        }
        int off = strings.length;
        strings = Arrays.copyOf(strings, off + s.length);
        System.arraycopy(s, 0, strings, off, s.length);
        return off;
    }

    /** Replaces {@code remove} bytes at {@code at} in the structure block by {@code insert}. */
    private void splice(int at, int remove, byte[] insert) {
        byte[] n = new byte[struct.length - remove + insert.length];
        System.arraycopy(struct, 0, n, 0, at);
        System.arraycopy(insert, 0, n, at, insert.length);
        System.arraycopy(struct, at + remove, n, at + insert.length, struct.length - at - remove);
        struct = n;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** An edit that cannot be made: a missing node or property, a node that exists already. */
    static final class EditException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param message what is wrong, lower case, no trailing period */
        EditException(String message) {
            super(message);
        }
    }
}
