package io.khotools.kho.gen;

import io.khotools.fdt.tree.Node;
import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.blob.SubBlobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers the KHO mutator catalogues share: the root's generation, child edits, small random values. */
final class KhoMutatorsShared {
    /** Scratch areas are pageblock (2 MiB) aligned (kho-format.md §3.3). */
    static final long PAGEBLOCK = io.khotools.kho.check.KhoValidator.PAGEBLOCK;

    private KhoMutatorsShared() {}

    /** The generation a root node's compatible names; throws if none (the input is then not a valid root). */
    static KhoAbi abiOf(Node root, KhoOptions o) {
        List<String> compat = root.property("compatible").orElseThrow().asStringList();
        return KhoAbi.detect(compat, o.v1Bitmap()).orElseThrow().abi();
    }

    /** The root with one child, drawn from {@code r}, replaced by {@code edit} of it. */
    static Node editChild(Node root, Random r, java.util.function.UnaryOperator<Node> edit) {
        List<Node> children = new ArrayList<>(root.children());
        int i = r.nextInt(children.size());
        children.set(i, edit.apply(children.get(i)));
        return root.withChildren(children);
    }

    static <T> List<T> append(List<T> list, T x) {
        List<T> out = new ArrayList<>(list);
        out.add(x);
        return out;
    }

    static String kebab(SubBlobType t) {
        return t.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static int notEight(Random r) {
        int n = r.nextInt(16);
        return n >= 8 ? n + 1 : n;
    }

    static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static String letters(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }
}
