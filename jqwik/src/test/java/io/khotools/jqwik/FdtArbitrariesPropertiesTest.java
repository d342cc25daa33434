package io.khotools.jqwik;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.FdtRules;
import io.khotools.fdt.check.Report;
import io.khotools.fdt.check.RuleInfo;
import io.khotools.fdt.check.Validator;
import io.khotools.fdt.dts.compile.CompileOptions;
import io.khotools.fdt.dts.compile.DtsCompiler;
import io.khotools.fdt.gen.FdtGenOptions;
import io.khotools.fdt.gen.FdtMutators;
import io.khotools.fdt.tree.FdtTree;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** The FDT arbitraries used as a user would: valid values are valid, invalid ones break their rule. */
class FdtArbitrariesPropertiesTest {
    @Property(tries = 200)
    void blobsValidateCleanAndReadBack(@ForAll("blobs") byte[] blob) {
        Report r = Validator.defaults().validate(blob);
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        ByteBuf buf = Unpooled.wrappedBuffer(blob);
        try {
            FdtTree.read(buf);
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    @Provide
    Arbitrary<byte[]> blobs() {
        return Arbitraries.oneOf(FdtArbitraries.blobs(), FdtArbitraries.blobs(FdtGenOptions.defaults().withVersion(16)));
    }

    @Property(tries = 100)
    void treesWriteAndReadBackEqual(@ForAll("trees") FdtTree tree) {
        ByteBuf out = tree.write(PooledByteBufAllocator.DEFAULT, io.khotools.fdt.stream.WriteOptions.dtc());
        try {
            assertThat(FdtTree.read(out)).isEqualTo(tree);
        } finally {
            assertThat(out.release()).isTrue();
        }
    }

    @Provide
    Arbitrary<FdtTree> trees() {
        return FdtArbitraries.trees();
    }

    @Property(tries = 100)
    void dtsSourcesCompile(@ForAll("sources") String dts) {
        FdtTree t = DtsCompiler.compile(dts, "arbitrary.dts", CompileOptions.defaults());
        assertThat(t.root().name()).isEmpty();
    }

    @Provide
    Arbitrary<String> sources() {
        return FdtArbitraries.dtsSources();
    }

    @Property(tries = 300)
    void invalidBlobsBreakTheirRule(@ForAll("invalid") Tuple2<String, byte[]> c) {
        assertThat(Validator.defaults().validate(c.get2()).diagnostics()).extracting(Diagnostic::ruleId)
                .contains(c.get1());
    }

    @Provide
    Arbitrary<Tuple2<String, byte[]>> invalid() {
        List<String> rules = FdtRules.all().stream().map(RuleInfo::id)
                .filter(id -> !FdtMutators.unreachable().containsKey(id)).toList();
        return Arbitraries.of(rules).flatMap(id -> FdtArbitraries.invalidBlobs(id).map(b -> Tuple.of(id, b)));
    }
}
