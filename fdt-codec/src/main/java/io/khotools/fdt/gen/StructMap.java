package io.khotools.fdt.gen;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.FdtToken;
import io.khotools.fdt.stream.FdtReader;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Where things are in a readable blob: every node's BEGIN_NODE, END_NODE and end-of-properties offsets, every
 * property's PROP offset, name offset and value length, and the FDT_END offset. Built by one strict walk
 * (no recursion); the mutators pick their targets from it.
 */
final class StructMap {
    /** One node; offsets are absolute. */
    static final class NodeAt {
        final int begin;
        final int depth;
        final int parent;
        final String name;
        /** Offset of the first child's BEGIN_NODE or of the node's END_NODE: where properties end. */
        int propsEnd = -1;
        int end = -1;
        int children;
        int properties;

        NodeAt(int begin, int depth, int parent, String name) {
            this.begin = begin;
            this.depth = depth;
            this.parent = parent;
            this.name = name;
        }

        /** Offset just after the node's padded name: where a new first property can go. */
        int afterName() {
            return begin + 4 + FdtFormat.tokenAlign(name.length() + 1);
        }
    }

    /** One property; offsets are absolute, {@code nameoff} relative to the strings block. */
    record PropAt(int offset, int node, int nameoff, int length, String name) {
        /** Offset of the token after this property. */
        int next() {
            return offset + FdtFormat.PROP_HEADER_SIZE + 4 + FdtFormat.tokenAlign(length);
        }
    }

    final List<NodeAt> nodes = new ArrayList<>();
    final List<PropAt> props = new ArrayList<>();
    final int endToken;
    final int version;

    private StructMap(byte[] b) {
        version = FdtBlobEdits.version(b);
        ByteBuf buf = Unpooled.wrappedBuffer(b);
        try {
            FdtReader r = FdtReader.open(buf, ReadLimits.NONE, ReadMode.STRICT);
            ArrayDeque<Integer> open = new ArrayDeque<>();
            FdtToken t;
            while ((t = r.next()) != FdtToken.END) {
                switch (t) {
                    case BEGIN_NODE -> {
                        int parent = open.isEmpty() ? -1 : open.peek();
                        if (parent >= 0) {
                            NodeAt p = nodes.get(parent);
                            p.children++;
                            if (p.propsEnd < 0) {
                                p.propsEnd = r.offset();
                            }
                        }
                        nodes.add(new NodeAt(r.offset(), open.size(), parent, r.nodeName()));
                        open.push(nodes.size() - 1);
                    }
                    case PROP -> {
                        int node = open.peek();
                        nodes.get(node).properties++;
                        props.add(new PropAt(r.offset(), node, r.propertyNameOffset(), r.propertyLength(),
                                r.propertyName()));
                    }
                    case END_NODE -> {
                        NodeAt n = nodes.get(open.pop());
                        n.end = r.offset();
                        if (n.propsEnd < 0) {
                            n.propsEnd = r.offset();
                        }
                    }
                    default -> throw new IllegalStateException("reader returned " + t);
                }
            }
            endToken = r.offset();
        } finally {
            buf.release();
        }
    }

    /** Walks {@code b}; throws {@link io.khotools.fdt.FdtException} if a strict reader cannot. */
    static StructMap of(byte[] b) {
        return new StructMap(b);
    }

    NodeAt root() {
        return nodes.get(0);
    }
}
