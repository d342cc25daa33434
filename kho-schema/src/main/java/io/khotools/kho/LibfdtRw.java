package io.khotools.kho;

import io.khotools.fdt.FdtFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Emulates the libfdt read-write calls the kernel makes on the KHO root (kho-format.md §2.2,
 * fdt-format.md §9.5): {@code fdt_open_into} of an {@code fdt_sw} blob into a buffer, {@code fdt_add_subnode}
 * under the root, {@code fdt_setprop} of a new property, and {@code fdt_pack}. Only what those calls do to a
 * blob in libfdt's own block order (rsvmap, struct, strings, no gaps after the rsvmap) is modelled:
 * <ul>
 *   <li>open_into of a blob whose blocks are in order keeps every offset (rsvmap stays at 0x30) and sets
 *       totalsize to the buffer size;</li>
 *   <li>a new subnode goes after the parent's properties and NOPs, i.e. <em>first</em> among its children;</li>
 *   <li>a new property goes right after its node's name, i.e. <em>first</em> in the node;</li>
 *   <li>a property name is looked up as "name\0" from the strings block's start (suffixes reuse storage),
 *       else appended;</li>
 *   <li>pack moves the rsvmap to 0x28 (the 40-byte header aligned to 8) with struct and strings right after,
 *       and sets totalsize to the end of the strings.</li>
 * </ul>
 * Single-threaded; not for hostile input (it edits blobs this module wrote).
 */
final class LibfdtRw {
    private final ByteBuffer header;
    private int rsvmapOffset;
    private byte[] rsvmap;
    private byte[] struct;
    private byte[] strings;
    private final int bufferSize;

    /** fdt_open_into(blob, buf, bufferSize) for a blob in libfdt block order. */
    LibfdtRw(byte[] blob, int bufferSize) {
        ByteBuffer h = ByteBuffer.wrap(blob).order(ByteOrder.BIG_ENDIAN);
        this.header = ByteBuffer.wrap(Arrays.copyOf(blob, FdtFormat.HEADER_SIZE_V17)).order(ByteOrder.BIG_ENDIAN);
        this.rsvmapOffset = h.getInt(FdtFormat.OFF_OFF_MEM_RSVMAP);
        int structOff = h.getInt(FdtFormat.OFF_OFF_DT_STRUCT);
        int stringsOff = h.getInt(FdtFormat.OFF_OFF_DT_STRINGS);
        this.rsvmap = Arrays.copyOfRange(blob, rsvmapOffset, structOff);
        this.struct = Arrays.copyOfRange(blob, structOff, structOff + h.getInt(FdtFormat.OFF_SIZE_DT_STRUCT));
        this.strings = Arrays.copyOfRange(blob, stringsOff, stringsOff + h.getInt(FdtFormat.OFF_SIZE_DT_STRINGS));
        this.bufferSize = bufferSize;
    }

    /** Bytes the blob would occupy now (libfdt's data size), which must stay within the buffer. */
    int dataSize() {
        return rsvmapOffset + rsvmap.length + struct.length + strings.length;
    }

    /**
     * fdt_add_subnode(fdt, 0, name): inserts BEGIN_NODE name END_NODE after the root's properties.
     *
     * @return the struct-relative offset of the new node's BEGIN_NODE token
     * @throws IllegalStateException when the buffer is full (libfdt NOSPACE, kernel -ENOMEM)
     */
    int addSubnodeToRoot(String name) {
        int pos = afterNodeName(0);
        // skip the root's properties and NOPs: the new node goes first among the children
        while (true) {
            int tag = ByteBuffer.wrap(struct).getInt(pos);
            if (tag == FdtFormat.TOKEN_PROP) {
                int len = ByteBuffer.wrap(struct).getInt(pos + 4);
                pos += 12 + FdtFormat.tokenAlign(len);
            } else if (tag == FdtFormat.TOKEN_NOP) {
                pos += 4;
            } else {
                break;
            }
        }
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        writeInt(o, FdtFormat.TOKEN_BEGIN_NODE);
        o.write(n, 0, n.length);
        o.write(new byte[FdtFormat.tokenAlign(n.length + 1) - n.length], 0, FdtFormat.tokenAlign(n.length + 1) - n.length);
        writeInt(o, FdtFormat.TOKEN_END_NODE);
        splice(pos, o.toByteArray());
        return pos;
    }

    /**
     * fdt_setprop(fdt, nodeOffset, name, value) for a property the node does not have yet: the property is
     * inserted right after the node name.
     */
    void setNewProperty(int nodeOffset, String name, byte[] value) {
        int nameOff = findOrAddString(name);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        writeInt(o, FdtFormat.TOKEN_PROP);
        writeInt(o, value.length);
        writeInt(o, nameOff);
        o.write(value, 0, value.length);
        int pad = FdtFormat.tokenAlign(value.length) - value.length;
        o.write(new byte[pad], 0, pad);
        splice(afterNodeName(nodeOffset), o.toByteArray());
    }

    /** fdt_pack: rsvmap to 0x28, blocks contiguous, totalsize = data size. Returns the packed blob. */
    byte[] pack() {
        rsvmapOffset = (int) FdtFormat.alignUp(FdtFormat.HEADER_SIZE_V17, FdtFormat.RSVMAP_ALIGN);
        return bytes();
    }

    /** The blob as it stands (totalsize = data size, as after pack or fdt_finish). */
    byte[] bytes() {
        int structOff = rsvmapOffset + rsvmap.length;
        int stringsOff = structOff + struct.length;
        int total = stringsOff + strings.length;
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.BIG_ENDIAN);
        out.put(header.array());
        out.putInt(FdtFormat.OFF_TOTALSIZE, total);
        out.putInt(FdtFormat.OFF_OFF_DT_STRUCT, structOff);
        out.putInt(FdtFormat.OFF_OFF_DT_STRINGS, stringsOff);
        out.putInt(FdtFormat.OFF_OFF_MEM_RSVMAP, rsvmapOffset);
        out.putInt(FdtFormat.OFF_VERSION, FdtFormat.VERSION_LATEST);
        out.putInt(FdtFormat.OFF_SIZE_DT_STRINGS, strings.length);
        out.putInt(FdtFormat.OFF_SIZE_DT_STRUCT, struct.length);
        out.position(rsvmapOffset);
        out.put(rsvmap).put(struct).put(strings);
        return out.array();
    }

    private int afterNodeName(int nodeOffset) {
        int p = nodeOffset + 4;
        while (struct[p] != 0) {
            p++;
        }
        return nodeOffset + 4 + FdtFormat.tokenAlign(p - nodeOffset - 4 + 1);
    }

    private int findOrAddString(String name) {
        byte[] s = (name + "\0").getBytes(StandardCharsets.UTF_8);
        for (int p = 0; p + s.length <= strings.length; p++) {
            if (Arrays.equals(strings, p, p + s.length, s, 0, s.length)) {
                return p;
            }
        }
        int off = strings.length;
        growCheck(s.length);
        strings = Arrays.copyOf(strings, strings.length + s.length);
        System.arraycopy(s, 0, strings, off, s.length);
        return off;
    }

    private void splice(int at, byte[] insert) {
        growCheck(insert.length);
        byte[] n = new byte[struct.length + insert.length];
        System.arraycopy(struct, 0, n, 0, at);
        System.arraycopy(insert, 0, n, at, insert.length);
        System.arraycopy(struct, at, n, at + insert.length, struct.length - at);
        struct = n;
    }

    private void growCheck(int more) {
        if (dataSize() + more > bufferSize) {
            throw new IllegalStateException("root FDT would exceed its " + bufferSize
                    + "-byte buffer (libfdt FDT_ERR_NOSPACE; the kernel's kho_add_subtree fails with -ENOMEM)");
        }
    }

    private static void writeInt(ByteArrayOutputStream o, int v) {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }
}
