package io.khotools.kho.gen;

import io.khotools.kho.blob.KhoBlock;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.LuoRecord;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The model edits behind the {@link KhoMutationTarget#MODEL} mutators of {@link KhoMutators}, public so that
 * fixture builders use the same ones: copies of a {@link HandoverModel} with a block dropped or added, one
 * subsystem's blob, structure, vmalloc area or descriptor replaced. Every method returns a new model (records
 * are immutable) and leaves its input alone; {@link io.khotools.kho.memory.StateEncoder#encode} lays the result
 * out. Edits that name something the model lacks throw {@link IllegalStateException}.
 */
public final class KhoMutationModels {
    private KhoMutationModels() {
    }

    /**
     * The model less the one block that starts at {@code phys}.
     *
     * @throws IllegalStateException unless exactly one block starts there
     */
    public static HandoverModel withoutBlock(HandoverModel m, long phys) {
        PreservedBlocks b = m.blocks();
        PreservedBlocks.Builder nb = PreservedBlocks.builder(b.pageShift());
        int dropped = 0;
        for (int i = 0; i < b.count(); i++) {
            if (b.phys(i) == phys) {
                dropped++;
            } else {
                nb.addKey(b.key(i));
            }
        }
        if (dropped != 1) {
            throw new IllegalStateException("no single block at 0x" + Long.toHexString(phys));
        }
        return withBlocks(m, nb.build());
    }

    /**
     * The model less every block that shares memory with the page holding {@code phys}, so that page is not
     * preserved (nor anything else those blocks covered).
     *
     * @throws IllegalStateException if no block covers that page
     */
    public static HandoverModel withoutBlocksCovering(HandoverModel m, long phys) {
        PreservedBlocks b = m.blocks();
        long page = phys & -(1L << b.pageShift());
        PhysRange r = PhysRange.of(page, 1L << b.pageShift());
        PreservedBlocks.Builder nb = PreservedBlocks.builder(b.pageShift());
        int dropped = 0;
        for (int i = 0; i < b.count(); i++) {
            long s = b.phys(i);
            if (s < r.end() && s + b.size(i) > r.start()) {
                dropped++;
            } else {
                nb.addKey(b.key(i));
            }
        }
        if (dropped == 0) {
            throw new IllegalStateException("no block covers 0x" + Long.toHexString(phys));
        }
        return withBlocks(m, nb.build());
    }

    /** The model with one more block ({@link PreservedBlocks#key} says what is refused). */
    public static HandoverModel withBlock(HandoverModel m, long phys, int order) {
        PreservedBlocks b = m.blocks();
        PreservedBlocks.Builder nb = PreservedBlocks.builder(b.pageShift());
        for (long k : b.keys()) {
            nb.addKey(k);
        }
        nb.add(phys, order);
        return withBlocks(m, nb.build());
    }

    /** The model with another block set. */
    public static HandoverModel withBlocks(HandoverModel m, PreservedBlocks blocks) {
        return new HandoverModel(m.root(), m.scratch(), blocks, m.subsystems());
    }

    /**
     * The model with subsystem {@code name} changed.
     *
     * @throws IllegalStateException if the model has no such subsystem
     */
    public static HandoverModel change(HandoverModel m, String name, UnaryOperator<SubsystemModel> f) {
        List<SubsystemModel> subs = new ArrayList<>();
        boolean found = false;
        for (SubsystemModel s : m.subsystems()) {
            found |= s.name().equals(name);
            subs.add(s.name().equals(name) ? f.apply(s) : s);
        }
        if (!found) {
            throw new IllegalStateException("no subsystem " + name);
        }
        return new HandoverModel(m.root(), m.scratch(), m.blocks(), subs);
    }

    /** The subsystem with another blob at the same address. */
    public static SubsystemModel withBlob(SubsystemModel s, SubBlob blob) {
        return new SubsystemModel(s.name(), s.address(), blob, s.structures(), s.vmallocs());
    }

    /**
     * The subsystem with the structure at {@code path} changed (same path and address).
     *
     * @throws IllegalStateException if it has no structure of that path
     */
    public static SubsystemModel withStructure(SubsystemModel s, String path, UnaryOperator<SubBlob> f) {
        List<LocatedBlob> out = new ArrayList<>();
        boolean found = false;
        for (LocatedBlob b : s.structures()) {
            if (b.path().equals(path)) {
                out.add(new LocatedBlob(path, b.address(), f.apply(b.blob())));
                found = true;
            } else {
                out.add(b);
            }
        }
        if (!found) {
            throw new IllegalStateException("no structure " + path);
        }
        return new SubsystemModel(s.name(), s.address(), s.blob(), out, s.vmallocs());
    }

    /**
     * The subsystem with the vmalloc area at {@code path} replaced (the descriptor its owner holds is not
     * touched: see {@link #withDescriptor}).
     *
     * @throws IllegalStateException if it has no area of that path
     */
    public static SubsystemModel withArea(SubsystemModel s, String path, UnaryOperator<VmallocArea> f) {
        List<VmallocArea> out = new ArrayList<>();
        boolean found = false;
        for (VmallocArea v : s.vmallocs()) {
            if (v.path().equals(path)) {
                out.add(f.apply(v));
                found = true;
            } else {
                out.add(v);
            }
        }
        if (!found) {
            throw new IllegalStateException("no vmalloc area " + path);
        }
        return new SubsystemModel(s.name(), s.address(), s.blob(), s.structures(), out);
    }

    /**
     * The subsystem with the {@code kho_vmalloc} descriptor of its area at {@code path} changed, both where
     * it is encoded (the {@code kho_test} blob's {@code folios_info}, or a {@code memfd_luo_ser}'s folios) and
     * in the area's model.
     *
     * @throws IllegalStateException if it has no such area, or the area's owner is neither
     */
    public static SubsystemModel withDescriptor(SubsystemModel s, String path, UnaryOperator<KhoVmalloc> f) {
        VmallocArea area = s.vmallocs().stream().filter(v -> v.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no vmalloc area " + path));
        KhoVmalloc d = f.apply(area.descriptor());
        SubsystemModel out = withArea(s, path, v -> new VmallocArea(v.path(), d, v.chunks(), v.content()));
        if (s.blob() instanceof KhoTestBlob t && path.equals(s.name() + "/folios_info")) {
            return withBlob(out, new KhoTestBlob(t.magic(), t.nrFolios(), d, t.csum()));
        }
        String owner = path.endsWith("/folios") ? path.substring(0, path.length() - "/folios".length()) : "";
        return withStructure(out, owner, b -> {
            MemfdSer m = (MemfdSer) b;
            return new MemfdSer(m.version(), m.pos(), m.size(), m.seals(), m.flags(), m.nrFolios(), d);
        });
    }

    /** A KHO block with entry {@code i} replaced. */
    public static KhoBlock withEntry(SubBlob block, int i, UnaryOperator<LuoRecord> f) {
        KhoBlock k = (KhoBlock) block;
        List<LuoRecord> e = new ArrayList<>(k.entries());
        e.set(i, f.apply(e.get(i)));
        return new KhoBlock(k.type(), k.next(), e);
    }

    /**
     * The {@code kho_test} subsystem's {@code folios_info} area.
     *
     * @throws IllegalStateException if the model has no {@code kho_test} area
     */
    public static VmallocArea khoTestArea(HandoverModel m) {
        SubsystemModel s = m.subsystem("kho_test");
        if (s == null || s.vmallocs().isEmpty()) {
            throw new IllegalStateException("no kho_test vmalloc area");
        }
        return s.vmallocs().get(0);
    }
}
