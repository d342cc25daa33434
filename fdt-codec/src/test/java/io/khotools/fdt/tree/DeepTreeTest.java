package io.khotools.fdt.tree;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.index.TinyBlob;
import io.khotools.fdt.stream.ReadLimits;
import io.khotools.fdt.stream.ReadMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A 100,000-deep chain: reading, equality, hashing, lookup, walking and editing must not recurse. */
class DeepTreeTest {
    private static final int DEPTH = 100_000;

    private static byte[] chainBlob() {
        TinyBlob b = TinyBlob.create().begin("");
        for (int i = 1; i < DEPTH; i++) {
            b.begin("n@" + i).cells("reg", i);
        }
        for (int i = 0; i < DEPTH; i++) {
            b.end();
        }
        return b.build();
    }

    /** The same chain built bottom-up with the builders. */
    private static Node chainBuilt() {
        Node n = null;
        for (int i = DEPTH - 1; i >= 1; i--) {
            Node.Builder b = Node.builder("n@" + i).property(Property.u32("reg", i));
            n = (n == null ? b : b.child(n)).build();
        }
        return Node.builder("").child(n).build();
    }

    private static FdtTree read(byte[] bytes) {
        ByteBuf blob = Unpooled.wrappedBuffer(bytes);
        try {
            return FdtTree.read(blob, ReadLimits.NONE, ReadMode.STRICT);
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @Test
    void readsComparesHashesAndEditsAHundredThousandDeepChain() {
        byte[] bytes = chainBlob();
        FdtTree a = read(bytes);
        FdtTree b = read(bytes);
        assertThat(a.root()).isNotSameAs(b.root());
        assertThat(a).isEqualTo(b);
        assertThat(a.hashCode()).isEqualTo(b.hashCode());
        Node built = chainBuilt();
        assertThat(built).isEqualTo(a.root());
        assertThat(built.hashCode()).isEqualTo(a.root().hashCode());

        AtomicInteger count = new AtomicInteger();
        AtomicInteger maxDepth = new AtomicInteger();
        a.forEachNode((p, n) -> {
            count.incrementAndGet();
            maxDepth.accumulateAndGet(p.depth(), Math::max);
        });
        assertThat(count.get()).isEqualTo(DEPTH);
        assertThat(maxDepth.get()).isEqualTo(DEPTH - 1);

        String deepest = "/n".repeat(DEPTH - 1);
        Node leaf = a.node(deepest).orElseThrow();
        assertThat(leaf.name()).isEqualTo("n@" + (DEPTH - 1));
        assertThat(leaf.property("reg").orElseThrow().asU32()).isEqualTo(DEPTH - 1);

        FdtTree edited = a.withNode(deepest, n -> n.withProperty(Property.empty("leaf")));
        assertThat(edited).isNotEqualTo(a);
        assertThat(edited.node(deepest).orElseThrow().hasProperty("leaf")).isTrue();
        FdtTree undone = edited.withNode(deepest, n -> n.withoutProperty("leaf"));
        assertThat(undone).isEqualTo(b);
        assertThat(undone.hashCode()).isEqualTo(b.hashCode());
    }
}
