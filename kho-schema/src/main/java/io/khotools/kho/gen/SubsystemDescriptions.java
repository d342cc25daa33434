package io.khotools.kho.gen;

import static io.khotools.kho.gen.DescriptionValues.optionalNumber;
import static io.khotools.kho.gen.DescriptionValues.optionalString;
import static io.khotools.kho.gen.DescriptionValues.pairs;
import static io.khotools.kho.gen.DescriptionValues.requiredNumber;
import static io.khotools.kho.gen.DescriptionValues.u32;

import io.khotools.fdt.stream.WriteOptions;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.blob.KexecMetadata;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.MemblockBlob;
import io.khotools.kho.blob.MemfdFolio;
import io.khotools.kho.blob.MemfdFolioArray;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.ReserveMem;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.gen.HandoverDescription.DescriptionException;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PreservedBlocks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one subsystem node of a {@link HandoverDescription} into its blob: verbatim bytes, an inline sub-FDT,
 * or the typed forms ({@code memblock}, {@code kexec-metadata}, {@code kho_test}, {@code LUO}), laying out
 * and preserving what each points to through the build's {@link DescribedMemory}. Not thread-safe.
 */
final class SubsystemDescriptions {
    private static final Set<String> TYPES = Set.of("memblock", "kho_test", "kexec-metadata", "LUO", "raw");

    private final KhoAbi abi;
    private final KhoOptions options;
    private final DescribedMemory memory;
    private final HandoverLayout layout;

    SubsystemDescriptions(KhoAbi abi, DescribedMemory memory) {
        this.abi = abi;
        this.options = memory.options;
        this.memory = memory;
        this.layout = memory.layout;
    }

    /** The blob of one subsystem node, its structures laid out and recorded. */
    SubBlob subsystem(Node node, String where) {
        Optional<Node> fdt = node.child("fdt");
        if (fdt.isPresent() || node.hasProperty("data")) {
            if (fdt.isPresent() && node.hasProperty("data")) {
                throw new DescriptionException(where, "give either a data property or an fdt node, not both");
            }
            return verbatim(node, fdt, where);
        }
        String type = optionalString(node, where, "type").orElse(TYPES.contains(node.name()) ? node.name()
                : "raw");
        return switch (type) {
            case "memblock" -> memblock(node, where);
            case "kho_test" -> khoTest(node, where);
            case "kexec-metadata" -> kexecMetadata(node, where);
            case "LUO" -> luo(node, where);
            case "raw" -> throw new DescriptionException(where, "a subsystem of unknown type needs a data "
                    + "property or an fdt node (or a type: memblock, kho_test, kexec-metadata, LUO)");
            default -> throw new DescriptionException(where, "type: \"" + type
                    + "\" is not one of memblock, kho_test, kexec-metadata, LUO, raw");
        };
    }

    /** A blob given as bytes ({@code data}) or as an FDT ({@code fdt} node, written as libfdt does). */
    SubBlob verbatim(Node node, Optional<Node> fdt, String where) {
        if (fdt.isEmpty()) {
            byte[] bytes = node.property("data").orElseThrow().toByteArray();
            if (bytes.length == 0) {
                throw new DescriptionException(where, "data: empty (a blob needs at least one byte)");
            }
            return new RawBlob(bytes, null);
        }
        FdtTree sub = FdtTree.of(fdt.get().withName(""));
        ByteBuf buf = sub.write(UnpooledByteBufAllocator.DEFAULT, WriteOptions.libfdt());
        try {
            return new RawBlob(ByteBufUtil.getBytes(buf), sub);
        } finally {
            buf.release();
        }
    }

    SubBlob memblock(Node node, String where) {
        List<ReserveMem> regions = new ArrayList<>();
        for (Node r : node.children()) {
            String rw = where + "/" + r.name();
            long size = requiredNumber(r, rw, "size");
            if (size <= 0 || size > HandoverDescription.PHYS_LIMIT) {
                throw new DescriptionException(rw, "size: must be more than 0 and at most 2^52");
            }
            long rounded = (size + layout.page - 1) & -layout.page;
            Optional<Long> start = optionalNumber(r, rw, "start");
            long at;
            if (start.isEmpty()) {
                if (r.hasProperty("not-preserved")) {
                    throw new DescriptionException(rw, "not-preserved needs an explicit start");
                }
                at = layout.dataRange(rounded);
            } else {
                at = memory.pageAligned(start.get(), rw, "start");
                if (!r.hasProperty("not-preserved")) {
                    memory.preserveRange(at, at + rounded, rw, "start");
                }
            }
            memory.placeData(at, rounded, rw);
            regions.add(new ReserveMem(r.name(), at, size));
        }
        return new MemblockBlob(regions);
    }

    SubBlob kexecMetadata(Node node, String where) {
        String release = optionalString(node, where, "release").orElse("");
        if (release.length() >= KexecMetadata.RELEASE_LENGTH) {
            throw new DescriptionException(where, "release: at most " + (KexecMetadata.RELEASE_LENGTH - 1)
                    + " characters");
        }
        int version = (int) u32(node, where, "version", 1);
        return new KexecMetadata(version, release, u32(node, where, "count", 0));
    }

    SubBlob khoTest(Node node, String where) {
        List<long[]> folios = folios(node, where);
        byte[] words = new byte[folios.size() * 8];
        for (int i = 0; i < folios.size(); i++) {
            NativeBytes.putU64(words, i * 8, folios.get(i)[0] | folios.get(i)[1], options.byteOrder());
        }
        KhoVmalloc d = layout.vmalloc(node.name() + "/folios_info", new RawBlob(words, null),
                vmallocOrder(node, where));
        return new KhoTestBlob((int) u32(node, where, "magic", KhoTestBlob.MAGIC & 0xffff_ffffL), folios.size(), d,
                (int) u32(node, where, "csum", 0));
    }

    SubBlob luo(Node node, String where) {
        String version = optionalString(node, where, "format").orElse(HandoverLayout.luoVersion(abi));
        if (!Set.of("luo-v1", "luo-v3", "luo-v4", "luo-v5").contains(version)) {
            throw new DescriptionException(where, "format: one of luo-v1, luo-v3, luo-v4, luo-v5, not \"" + version
                    + "\"");
        }
        List<Node> sessions = new ArrayList<>();
        Node flbNode = null;
        for (Node c : node.children()) {
            if (c.name().equals("flbs")) {
                flbNode = c;
            } else {
                sessions.add(c);
            }
        }
        List<String> names = new ArrayList<>();
        for (Node s : sessions) {
            String name = optionalString(s, where + "/" + s.name(), "session-name").orElse(s.name());
            if (name.length() >= 64) {
                throw new DescriptionException(where + "/" + s.name(), "session-name: at most 63 characters");
            }
            names.add(name);
        }
        Node flbs = flbNode;
        return layout.luo(version, optionalNumber(node, where, "liveupdate-number").orElse(0L), names,
                (i, filesPath, memfds) -> {
                    List<LuoRecord> files = new ArrayList<>();
                    Node s = sessions.get(i);
                    for (Node f : s.children()) {
                        files.add(file(f, where + "/" + s.name() + "/" + f.name(),
                                filesPath + "[" + files.size() + "]", memfds));
                    }
                    return files;
                }, () -> {
                    List<LuoRecord> out = new ArrayList<>();
                    if (flbs != null) {
                        for (Node f : flbs.children()) {
                            String fw = where + "/flbs/" + f.name();
                            out.add(new LuoRecord.Flb(name48(f, fw), optionalNumber(f, fw, "data").orElse(0L),
                                    optionalNumber(f, fw, "count").orElse(1L)));
                        }
                    }
                    return out;
                });
    }

    /** One LUO file; a {@code memfd-v*} file gets its struct and folio array laid out. */
    LuoRecord.File file(Node f, String where, String path, List<LocatedBlob> memfds) {
        String compatible = optionalString(f, where, "compatible").orElse("khotools-file-v1");
        if (compatible.length() >= 48) {
            throw new DescriptionException(where, "compatible: at most 47 characters");
        }
        long token = optionalNumber(f, where, "token").orElse(0L);
        if (!compatible.startsWith("memfd-v")) {
            return new LuoRecord.File(compatible, optionalNumber(f, where, "data").orElse(0L), token);
        }
        int flags = (int) u32(f, where, "folio-flags", MemfdFolio.UPTODATE);
        List<MemfdFolio> folios = new ArrayList<>();
        long index = 0;
        for (long[] folio : folios(f, where)) {
            folios.add(new MemfdFolio(folio[0] >>> layout.shift, flags, index));
            index += 1L << folio[1];
        }
        KhoVmalloc d = layout.vmalloc(path + "/memfd/folios", new MemfdFolioArray(folios), vmallocOrder(f, where));
        long size = optionalNumber(f, where, "size").orElse(index * layout.page);
        long pos = optionalNumber(f, where, "pos").orElse(0L);
        MemfdSer ser = compatible.equals("memfd-v1")
                ? new MemfdSer(1, pos, size, 0, 0, folios.size(), d)
                : new MemfdSer(2, pos, size, (int) u32(f, where, "seals", 0), 0, folios.size(), d);
        long at = layout.struct(ser.encodedSize());
        memfds.add(new LocatedBlob(path + "/memfd", at, ser));
        return new LuoRecord.File(compatible, at, token);
    }

    /**
     * {@code folios = /bits/ 64 <address order ...>}: each folio preserved as one block of its order (not
     * with {@code folios-not-preserved}); address 0 asks the layout for one.
     */
    List<long[]> folios(Node node, String where) {
        int maxOrder = Math.min(20, PreservedBlocks.maxOrder(layout.shift));
        List<long[]> out = new ArrayList<>();
        for (long[] f : pairs(node, where, "folios")) {
            int order = memory.checkBlock(f[0], f[1], maxOrder, where, "folios");
            long at = f[0];
            if (at == 0) {
                at = layout.data(order);
            } else if (!node.hasProperty("folios-not-preserved")) {
                memory.preserveBlock(at, order, where, "folios");
            }
            memory.placeData(at, layout.page << order, where + " folio " + out.size());
            out.add(new long[] {at, order});
        }
        return out;
    }

    int vmallocOrder(Node node, String where) {
        long order = u32(node, where, "vmalloc-order", 0);
        if (order > 10) {
            throw new DescriptionException(where, "vmalloc-order: 0..10, not " + order);
        }
        return (int) order;
    }

    String name48(Node f, String where) {
        String name = optionalString(f, where, "flb-name").orElse(f.name());
        if (name.length() >= 48) {
            throw new DescriptionException(where, "flb-name: at most 47 characters");
        }
        return name;
    }
}
