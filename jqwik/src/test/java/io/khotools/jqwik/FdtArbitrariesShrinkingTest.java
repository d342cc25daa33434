package io.khotools.jqwik;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import io.khotools.fdt.tree.FdtTree;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs the deliberately failing properties of {@link ShrinkingSubjects} with jqwik through the JUnit Platform
 * launcher and checks that jqwik shrank each counterexample to a small one: because the arbitraries expose
 * their size knobs, "fewer than six nodes" fails with a six-node tree with almost no properties, not with the
 * hundreds-of-nodes tree that first failed.
 */
class FdtArbitrariesShrinkingTest {
    private static long run(String method) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(ShrinkingSubjects.class, method, method.startsWith("roots")
                        ? "byte[]" : FdtTree.class.getName()))
                .build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        return summary.getSummary().getTotalFailureCount();
    }

    @Test
    void aFailingTreePropertyShrinksToTheSmallestFailingTree() {
        ShrinkingSubjects.FAILED_TREES.clear();
        assertThat(run("treesHaveFewerThanSixNodes")).as("the property fails").isEqualTo(1);
        FdtTree first = ShrinkingSubjects.FAILED_TREES.get(0);
        FdtTree shrunk = ShrinkingSubjects.FAILED_TREES.get(ShrinkingSubjects.FAILED_TREES.size() - 1);
        System.err.printf("FdtArbitrariesShrinkingTest: first failing tree %d nodes, %d properties; shrunk to %d nodes,"
                + " %d properties after %d failing samples%n", ShrinkingSubjects.nodes(first), ShrinkingSubjects.properties(first),
                ShrinkingSubjects.nodes(shrunk), ShrinkingSubjects.properties(shrunk), ShrinkingSubjects.FAILED_TREES.size());
        assertThat(ShrinkingSubjects.nodes(first)).isGreaterThan(6);
        assertThat(ShrinkingSubjects.nodes(shrunk)).as("shrunk tree:%n%s", shrunk).isEqualTo(6);
        // properties-per-node shrinks to 0: only the #address-cells/#size-cells pairs of parents remain
        assertThat(ShrinkingSubjects.properties(shrunk)).isLessThanOrEqualTo(10);
        assertThat(shrunk.reserveEntries()).isEmpty();
    }

    @Test
    void aFailingRootPropertyShrinksToTheFewestFailingSubtrees() {
        ShrinkingSubjects.FAILED_ROOTS.clear();
        assertThat(run("rootsHaveFewerThanTwoSubtrees")).isEqualTo(1);
        byte[] first = ShrinkingSubjects.FAILED_ROOTS.get(0);
        byte[] shrunk = ShrinkingSubjects.FAILED_ROOTS.get(ShrinkingSubjects.FAILED_ROOTS.size() - 1);
        System.err.printf("FdtArbitrariesShrinkingTest: first failing root %d bytes, %d subtrees; shrunk to %d bytes,"
                + " %d subtrees%n", first.length, ShrinkingSubjects.subtrees(first), shrunk.length,
                ShrinkingSubjects.subtrees(shrunk));
        assertThat(ShrinkingSubjects.subtrees(shrunk)).isEqualTo(2);
        assertThat(shrunk.length).isLessThanOrEqualTo(first.length);
    }
}
