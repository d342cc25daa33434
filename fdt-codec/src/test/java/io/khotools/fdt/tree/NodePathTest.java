package io.khotools.fdt.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodePathTest {

    @Test
    void parsesAndPrintsPaths() {
        NodePath p = NodePath.parse("/cpus/cpu@0");
        assertThat(p.toString()).isEqualTo("/cpus/cpu@0");
        assertThat(p.depth()).isEqualTo(2);
        assertThat(p.name()).isEqualTo("cpu@0");
        assertThat(p.components()).containsExactly("cpus", "cpu@0");
        assertThat(p.parent()).isEqualTo(NodePath.of("cpus"));
        assertThat(p).isEqualTo(NodePath.ROOT.child("cpus").child("cpu@0"));
        assertThat(p.hashCode()).isEqualTo(NodePath.of("cpus", "cpu@0").hashCode());
        assertThat(p).isNotEqualTo(NodePath.of("cpus", "cpu@1"));
        assertThat(p).isNotEqualTo(NodePath.of("cpus"));
        assertThat(NodePath.parse("/")).isSameAs(NodePath.ROOT);
        assertThat(NodePath.ROOT.toString()).isEqualTo("/");
        assertThat(NodePath.ROOT.isRoot()).isTrue();
        assertThat(p.startsWith(NodePath.of("cpus"))).isTrue();
        assertThat(p.startsWith(NodePath.ROOT)).isTrue();
        assertThat(NodePath.of("cpus").startsWith(p)).isFalse();
        assertThat(p.startsWith(NodePath.of("cpu"))).isFalse();
    }

    @Test
    void rejectsMalformedPaths() {
        for (String bad : new String[] {"", "cpus", "//", "/a//b", "/a/"}) {
            assertThatThrownBy(() -> NodePath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(NodePath.ROOT::parent).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> NodePath.ROOT.child("a\0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void handlesVeryDeepPathsIteratively() {
        NodePath p = NodePath.ROOT;
        NodePath q = NodePath.ROOT;
        for (int i = 0; i < 100_000; i++) {
            p = p.child("n");
            q = q.child("n");
        }
        assertThat(p).isEqualTo(q);
        assertThat(p.toString()).hasSize(200_000);
        assertThat(NodePath.parse(p.toString())).isEqualTo(p);
    }
}
