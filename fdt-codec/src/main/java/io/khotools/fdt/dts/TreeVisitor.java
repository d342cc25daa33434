package io.khotools.fdt.dts;

import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Receives a device tree in dtc's printing order: a node's properties first, then its children, each
 * child between its {@link #beginNode} and {@link #endNode}. Used by {@link TreeWalk}.
 */
interface TreeVisitor {
    /**
     * A node opens.
     *
     * @param name the unit name, bytes mapped one-to-one to chars (ISO-8859-1); "" for a nameless root
     * @param depth 1 for the root, 2 for its children, ...
     * @param offset absolute offset of the node's BEGIN_NODE token
     */
    void beginNode(String name, int depth, int offset) throws IOException;

    /**
     * A property of the innermost open node.
     *
     * @param name the property name (ISO-8859-1)
     * @param value the value, a slice of the blob; borrowed, valid only during this call
     * @param depth depth of the node that owns the property
     * @param offset absolute offset of the PROP token
     */
    void property(String name, ByteBuf value, int depth, int offset) throws IOException;

    /**
     * The innermost open node closes.
     *
     * @param depth the closing node's depth
     */
    void endNode(int depth) throws IOException;
}
