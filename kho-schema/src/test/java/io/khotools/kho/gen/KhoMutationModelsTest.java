package io.khotools.kho.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.blob.KhoTestBlob;
import io.khotools.kho.blob.KhoVmalloc;
import io.khotools.kho.blob.MemfdSer;
import io.khotools.kho.memory.HandoverModel;
import io.khotools.kho.memory.LocatedBlob;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.StateDecoder;
import io.khotools.kho.memory.StateEncoder;
import io.khotools.kho.memory.SubsystemModel;
import io.khotools.kho.memory.VmallocArea;
import org.junit.jupiter.api.Test;

/** The model edits of {@link KhoMutationModels}: what they change, what they refuse, and that inputs stay. */
class KhoMutationModelsTest {
    private final GeneratedHandover g = HandoverGenerator.generate(HandoverSpec.defaults(KhoAbi.V4).withLuo(2, 2, 3));
    private final HandoverModel m = g.model();

    @Test
    void blockEdits() {
        long phys = m.blocks().phys(0);
        HandoverModel less = KhoMutationModels.withoutBlock(m, phys);
        assertThat(less.blocks().count()).isEqualTo(m.blocks().count() - 1);
        assertThatThrownBy(() -> KhoMutationModels.withoutBlock(less, phys)).isInstanceOf(IllegalStateException.class);

        long inside = phys + m.blocks().size(0) - 1;
        HandoverModel uncovered = KhoMutationModels.withoutBlocksCovering(m, inside);
        assertThat(uncovered.blocks().covers(PhysRange.of(inside, 1))).isFalse();
        assertThat(m.blocks().covers(PhysRange.of(inside, 1))).isTrue();
        assertThatThrownBy(() -> KhoMutationModels.withoutBlocksCovering(uncovered, inside))
                .isInstanceOf(IllegalStateException.class);

        HandoverModel more = KhoMutationModels.withBlock(m, 992L << 30, 3);
        assertThat(more.blocks().count()).isEqualTo(m.blocks().count() + 1);
        assertThat(more.blocks().covers(PhysRange.of(992L << 30, 8 << 12))).isTrue();
    }

    @Test
    void descriptorEditsReachTheEncodedOwner() {
        VmallocArea kt = KhoMutationModels.khoTestArea(m);
        HandoverModel a = KhoMutationModels.change(m, "kho_test", s -> KhoMutationModels.withDescriptor(s, kt.path(),
                d -> new KhoVmalloc(d.first(), d.totalPages() + 2, d.flags(), d.order())));
        assertThat(((KhoTestBlob) a.subsystem("kho_test").blob()).foliosInfo().totalPages())
                .isEqualTo(kt.descriptor().totalPages() + 2);
        assertThat(KhoMutationModels.khoTestArea(a).descriptor().totalPages()).isEqualTo(kt.descriptor().totalPages() + 2);

        SubsystemModel luo = m.subsystem("LUO");
        VmallocArea folios = luo.vmallocs().get(0);
        assertThat(folios.path()).endsWith("/folios");
        String owner = folios.path().substring(0, folios.path().length() - "/folios".length());
        HandoverModel b = KhoMutationModels.change(m, "LUO", s -> KhoMutationModels.withDescriptor(s, folios.path(),
                d -> new KhoVmalloc(d.first(), d.totalPages(), d.flags(), d.order() + 1)));
        LocatedBlob memfd = b.subsystem("LUO").structures().stream().filter(x -> x.path().equals(owner)).findFirst()
                .orElseThrow();
        assertThat(((MemfdSer) memfd.blob()).folios().order()).isEqualTo(folios.descriptor().order() + 1);
        assertThat(HandoverGenerator.generate(g.spec()).model()).isEqualTo(m); // the input is untouched

        // the decoder reads the changed descriptor back from the encoded state
        HandoverModel decoded = StateDecoder.of(g.options()).decode(StateEncoder.encode(a, g.options())).model();
        assertThat(((KhoTestBlob) decoded.subsystem("kho_test").blob()).foliosInfo().totalPages())
                .isEqualTo(kt.descriptor().totalPages() + 2);
    }

    @Test
    void namesTheModelLacksThrow() {
        assertThatThrownBy(() -> KhoMutationModels.change(m, "nope", s -> s)).isInstanceOf(IllegalStateException.class);
        SubsystemModel luo = m.subsystem("LUO");
        assertThatThrownBy(() -> KhoMutationModels.withStructure(luo, "LUO/none", x -> x))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KhoMutationModels.withArea(luo, "LUO/none", x -> x))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> KhoMutationModels.withDescriptor(luo, "LUO/none", x -> x))
                .isInstanceOf(IllegalStateException.class);
    }
}
