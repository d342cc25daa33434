package io.khotools.kho;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.stream.FdtWriter;
import io.khotools.fdt.stream.NodeHandle;
import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.check.KhoValidator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * KHO root FDT bytes ⇄ {@link KhoTree}: the only class that knows the root's property names and how each
 * generation's kernel assembles the root (kho-format.md §2). Stateless.
 */
public final class KhoRootCodec {
    private KhoRootCodec() {
    }

    /**
     * Decodes a root FDT. Lenient: a missing or wrongly-sized property becomes an empty value (the rules
     * report it).
     *
     * @param blob the root FDT file (not kept); may be longer than its totalsize
     * @param options byte order of values and the {@code kho-v1} bitmap size
     * @throws KhoDecodeException carrying the validator's report when the file is shorter than its header's
     *     totalsize, is not a readable FDT, or its root is not compatible with a known generation
     */
    public static KhoTree decode(byte[] blob, KhoOptions options) {
        FdtTree tree;
        try {
            tree = KhoValidator.truncatedRoot(blob) ? null : SubBlobCodec.readFdt(blob);
        } catch (KhoDecodeException e) {
            throw e;
        } catch (FdtException e) {
            tree = null;
        }
        if (tree == null) {
            Report r = KhoValidator.of(options).validateRoot(blob);
            throw new KhoDecodeException("KHO root FDT not readable: " + r.errors().get(0).format(), r);
        }
        Node root = tree.root();
        List<String> compat = compatibleEntries(root);
        Optional<KhoAbi.Detection> d = KhoAbi.detect(compat, options.v1Bitmap());
        if (d.isEmpty()) {
            Report r = KhoValidator.of(options).validateRoot(blob);
            throw new KhoDecodeException("root compatible " + compat + " is no known KHO generation", r);
        }
        KhoAbi abi = d.get().abi();
        ByteOrder o = options.byteOrder();
        List<KhoSubtree> subtrees = new ArrayList<>();
        for (Node c : root.children()) {
            subtrees.add(new KhoSubtree(c.name(), SubBlobCodec.u64Property(c, abi.dataProperty(), o),
                    SubBlobCodec.u64Property(c, KhoAbi.BLOB_SIZE_PROPERTY, o)));
        }
        return new KhoTree(abi, d.get().assumed(), SubBlobCodec.u64Property(root, KhoAbi.MEMORY_MAP_PROPERTY, o),
                subtrees);
    }

    /** The root's {@code compatible} entries, or an empty list when absent or not a string list. */
    static List<String> compatibleEntries(Node root) {
        Optional<Property> p = root.property("compatible");
        if (p.isEmpty()) {
            return List.of();
        }
        try {
            return p.get().asStringList();
        } catch (FdtException e) {
            return List.of();
        }
    }

    /**
     * Encodes a root as its generation's kernel would (kho-format.md §2.2, fdt-format.md §9.5).
     * {@link KhoAbi.RootAssembly#FINALIZE}: one {@code fdt_sw} pass, children in list order.
     * {@link KhoAbi.RootAssembly#BOOT}: {@code fdt_sw} root with compatible and memory map, then for each
     * subtree, <em>last in the list first</em> (so the blob shows the list order), {@code fdt_open_into}
     * one page, {@code fdt_add_subnode}, {@code fdt_setprop} of the pointer then (when present) of
     * {@code blob-size}, {@code fdt_pack}. Values are written in {@code options}' byte order; the memory map
     * and pointers are written as given (no in-place update step is modelled: the final value is written).
     *
     * @param tree the root; subtrees in blob order, each with an address and, where given, a blob size
     * @param assembly how the kernel assembles the root
     * @param options byte order; the page size bounds the root (kernel buffer)
     * @return the root FDT, a new array
     * @throws IllegalArgumentException if a subtree lacks an address or the root outgrows one page
     */
    public static byte[] encode(KhoTree tree, KhoAbi.RootAssembly assembly, KhoOptions options) {
        ByteOrder o = options.byteOrder();
        OptionalLong map = tree.preservedMemoryMap();
        for (KhoSubtree s : tree.subtrees()) {
            if (s.address().isEmpty()) {
                throw new IllegalArgumentException("subtree " + s.name() + " has no address");
            }
        }
        byte[] seq;
        try (FdtWriter w = FdtWriter.create(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt().lenient())) {
            NodeHandle root = w.beginNode("");
            w.propertyString("compatible", tree.abi().compatible());
            // v6.16 reserves the map property before the subsystems add their nodes; later kernels write it at
            // boot: either way it directly follows compatible
            if (map.isPresent()) {
                w.property(KhoAbi.MEMORY_MAP_PROPERTY, NativeBytes.u64Bytes(map.getAsLong(), o));
            }
            if (assembly == KhoAbi.RootAssembly.FINALIZE) {
                for (KhoSubtree s : tree.subtrees()) {
                    NodeHandle h = w.beginNode(s.name());
                    w.property(tree.abi().dataProperty(), NativeBytes.u64Bytes(s.address().getAsLong(), o));
                    if (s.blobSize().isPresent()) {
                        w.property(KhoAbi.BLOB_SIZE_PROPERTY, NativeBytes.u64Bytes(s.blobSize().getAsLong(), o));
                    }
                    w.endNode(h);
                }
            }
            w.endNode(root);
            ByteBuf out = w.finish();
            try {
                seq = ByteBufUtil.getBytes(out);
            } finally {
                out.release();
            }
        }
        if (seq.length > options.pageSize()) {
            throw new IllegalArgumentException("root FDT of " + seq.length + " bytes exceeds one page");
        }
        if (assembly == KhoAbi.RootAssembly.FINALIZE) {
            return seq;
        }
        byte[] blob = seq;
        List<KhoSubtree> subs = tree.subtrees();
        for (int i = subs.size() - 1; i >= 0; i--) {
            KhoSubtree s = subs.get(i);
            LibfdtRw rw = new LibfdtRw(blob, options.pageSize());
            try {
                int node = rw.addSubnodeToRoot(s.name());
                rw.setNewProperty(node, tree.abi().dataProperty(), NativeBytes.u64Bytes(s.address().getAsLong(), o));
                if (s.blobSize().isPresent()) {
                    rw.setNewProperty(node, KhoAbi.BLOB_SIZE_PROPERTY,
                            NativeBytes.u64Bytes(s.blobSize().getAsLong(), o));
                }
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("subtree " + s.name() + ": " + e.getMessage(), e);
            }
            blob = rw.pack();
        }
        return blob;
    }
}
