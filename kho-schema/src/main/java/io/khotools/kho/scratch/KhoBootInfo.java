package io.khotools.kho.scratch;

import io.khotools.fdt.FdtException;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.fdt.tree.Node;
import io.khotools.fdt.tree.Property;
import io.khotools.kho.NativeBytes;
import io.khotools.kho.PhysPointer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * Where the next kernel finds the KHO root FDT and the scratch array (kho-format.md §3): physical address and
 * size of each. Both are pointers into memory, reported by {@link #pointers()}.
 *
 * @param fdtAddress physical address of the root FDT
 * @param fdtSize bytes mapped for it (PAGE_SIZE from the kernel's loaders)
 * @param scratchAddress physical address of the scratch array
 * @param scratchSize bytes of the array (16 per entry)
 */
public record KhoBootInfo(long fdtAddress, long fdtSize, long scratchAddress, long scratchSize) {
    /** {@code SETUP_KEXEC_KHO} (arch/x86/include/uapi/asm/setup_data.h). */
    public static final int SETUP_KEXEC_KHO = 10;
    /** Payload length of the record: four u64 ({@code struct kho_data}). */
    public static final int KHO_DATA_LEN = 32;
    /** setup_data header: {@code next} u64, {@code type} u32, {@code len} u32. */
    public static final int SETUP_HEADER = 16;
    /** {@code /chosen} property with the root FDT's {@code <addr size>}. */
    public static final String CHOSEN_FDT = "linux,kho-fdt";
    /** {@code /chosen} property with the scratch array's {@code <addr size>}. */
    public static final String CHOSEN_SCRATCH = "linux,kho-scratch";

    /** The two pointers, which need physical memory to follow. */
    public List<PhysPointer> pointers() {
        return List.of(new PhysPointer("kho root FDT", fdtAddress, fdtSize),
                new PhysPointer("kho scratch array", scratchAddress, scratchSize));
    }

    /**
     * Parses one x86 {@code setup_data} node holding the KHO record: {@code next} u64 @0, {@code type} u32 @8
     * (must be 10), {@code len} u32 @12 (must be 32), then {@code struct kho_data} (little-endian: x86).
     *
     * @param node the node's bytes from its {@code next} field on (not kept)
     * @return the record, or empty if the node is not a well-formed KHO record
     */
    public static Optional<KhoBootInfo> fromSetupData(byte[] node) {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        if (node.length < SETUP_HEADER + KHO_DATA_LEN || NativeBytes.u32(node, 8, le) != SETUP_KEXEC_KHO
                || NativeBytes.u32(node, 12, le) != KHO_DATA_LEN) {
            return Optional.empty();
        }
        return Optional.of(new KhoBootInfo(NativeBytes.u64(node, 16, le), NativeBytes.u64(node, 24, le),
                NativeBytes.u64(node, 32, le), NativeBytes.u64(node, 40, le)));
    }

    /** Encodes the x86 {@code setup_data} node ({@code next} = 0), little-endian. */
    public byte[] toSetupData() {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        byte[] b = new byte[SETUP_HEADER + KHO_DATA_LEN];
        NativeBytes.putU32(b, 8, SETUP_KEXEC_KHO, le);
        NativeBytes.putU32(b, 12, KHO_DATA_LEN, le);
        NativeBytes.putU64(b, 16, fdtAddress, le);
        NativeBytes.putU64(b, 24, fdtSize, le);
        NativeBytes.putU64(b, 32, scratchAddress, le);
        NativeBytes.putU64(b, 40, scratchSize, le);
        return b;
    }

    /**
     * Reads {@code /chosen} {@code linux,kho-fdt} and {@code linux,kho-scratch} of a devicetree. Both are
     * big-endian {@code <addr size>} cells sized by the root's {@code #address-cells} / {@code #size-cells}
     * (DT spec defaults 2 and 1); like the kernel's parser, a property whose length is not exactly
     * (address + size cells) × 4 makes KHO ignored.
     *
     * @return the record, or empty when either property is missing or wrongly sized
     */
    public static Optional<KhoBootInfo> fromChosen(FdtTree devicetree) {
        Node root = devicetree.root();
        int ac = cells(root, "#address-cells", 2);
        int sc = cells(root, "#size-cells", 1);
        Optional<Node> chosen = root.child("chosen");
        if (chosen.isEmpty() || ac < 1 || ac > 2 || sc < 1 || sc > 2) {
            return Optional.empty();
        }
        Optional<long[]> fdt = addrSize(chosen.get(), CHOSEN_FDT, ac, sc);
        Optional<long[]> scr = addrSize(chosen.get(), CHOSEN_SCRATCH, ac, sc);
        if (fdt.isEmpty() || scr.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new KhoBootInfo(fdt.get()[0], fdt.get()[1], scr.get()[0], scr.get()[1]));
    }

    private static int cells(Node n, String name, int dflt) {
        Optional<Property> p = n.property(name);
        if (p.isEmpty()) {
            return dflt;
        }
        try {
            return p.get().asU32();
        } catch (FdtException e) {
            return -1;
        }
    }

    private static Optional<long[]> addrSize(Node chosen, String name, int ac, int sc) {
        Optional<Property> p = chosen.property(name);
        if (p.isEmpty() || p.get().length() != (ac + sc) * 4) {
            return Optional.empty();
        }
        byte[] v = p.get().toByteArray();
        long a = ac == 2 ? NativeBytes.u64(v, 0, ByteOrder.BIG_ENDIAN) : NativeBytes.u32(v, 0, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
        int so = ac * 4;
        long s = sc == 2 ? NativeBytes.u64(v, so, ByteOrder.BIG_ENDIAN) : NativeBytes.u32(v, so, ByteOrder.BIG_ENDIAN) & 0xffffffffL;
        return Optional.of(new long[] {a, s});
    }
}
