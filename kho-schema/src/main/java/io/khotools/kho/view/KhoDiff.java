package io.khotools.kho.view;

import io.khotools.fdt.dts.JsonStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The semantic difference of two handovers, computed from their {@link KhoView} models so that it names what
 * {@code kho dump --format kho} shows: generation, subsystems (subtrees) added, removed or changed field by
 * field, merged preserved ranges added or removed (when both sides were read through memory), scratch areas.
 * What could not be compared (one side has no memory image or no scratch array) is a note, not a difference.
 * Stateless.
 */
public final class KhoDiff {
    /** Nesting bound when flattening decoded values into field paths (the models nest a few levels). */
    private static final int MAX_DEPTH = 32;

    private KhoDiff() {}

    /** The kinds of semantic change; {@link #id()} is the stable JSON name. */
    public enum Kind {
        /** The root's generation differs. */
        GENERATION_CHANGED,
        /** A subtree only B has. */
        SUBSYSTEM_ADDED,
        /** A subtree only A has. */
        SUBSYSTEM_REMOVED,
        /** A field of a subtree both have differs ({@code data}, {@code blob-size}, {@code decoded.…}). */
        SUBSYSTEM_CHANGED,
        /** A merged preserved range only B has. */
        PRESERVED_ADDED,
        /** A merged preserved range only A has. */
        PRESERVED_REMOVED,
        /** A scratch area differs, is new or is gone ({@code field} {@code scratch[i]}). */
        SCRATCH_CHANGED;

        /** {@code generation-changed}, {@code subsystem-added}, ... */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One semantic difference.
     *
     * @param kind what changed
     * @param name the subtree name, or null
     * @param field the changed field's path inside the subtree ({@code decoded.regions[0].size}), or null
     * @param oldValue A's side (a model value: string, number, hex, map, list), or null when A has none
     * @param newValue B's side, or null when B has none
     */
    public record Change(Kind kind, String name, String field, Object oldValue, Object newValue) {
        /** @throws NullPointerException for a null kind */
        public Change {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * The result: the changes in a fixed order (generation, subsystems in A's then B's order, preserved ranges
     * ascending, scratch) and notes on what was not compared.
     *
     * @param changes the differences; empty when the handovers agree
     * @param notes what could not be compared, for people
     */
    public record Result(List<Change> changes, List<String> notes) {
        /** Copies the lists. */
        public Result {
            changes = List.copyOf(changes);
            notes = List.copyOf(notes);
        }
    }

    /**
     * Compares two view models ({@link KhoView#model}).
     *
     * @param a the old side's model
     * @param b the new side's model
     * @param nameA A as the user named it, for notes
     * @param nameB B as the user named it
     */
    public static Result diff(Map<String, Object> a, Map<String, Object> b, String nameA, String nameB) {
        List<Change> out = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (!Objects.equals(text(a.get("generation")), text(b.get("generation")))) {
            out.add(new Change(Kind.GENERATION_CHANGED, null, null, a.get("generation"), b.get("generation")));
        }
        subtrees(a, b, out);
        Object ma = a.get("memory-map");
        Object mb = b.get("memory-map");
        if (ma instanceof Map<?, ?> x && mb instanceof Map<?, ?> y) {
            ranges(x.get("preserved"), y.get("preserved"), out);
        } else {
            notes.add("preserved ranges not compared: " + (ma instanceof Map<?, ?> ? nameB : nameA)
                    + " is not a memory image");
        }
        Object sa = a.get("scratch");
        Object sb = b.get("scratch");
        if (sa instanceof List<?> la && sb instanceof List<?> lb) {
            // by index: the index is the area's kind (lowmem, global, then one per NUMA node)
            for (int i = 0; i < Math.max(la.size(), lb.size()); i++) {
                Object x = i < la.size() ? la.get(i) : null;
                Object y = i < lb.size() ? lb.get(i) : null;
                if (!Objects.equals(text(x), text(y))) {
                    out.add(new Change(Kind.SCRATCH_CHANGED, null, "scratch[" + i + "]", x, y));
                }
            }
        } else {
            notes.add("scratch areas not compared: " + (sa instanceof List<?> ? nameB : nameA) + " has none");
        }
        return new Result(out, notes);
    }

    /**
     * Compares two lone sub-blob views ({@code blob}, {@code type}, {@code length}, {@code decoded}): one
     * {@link Kind#SUBSYSTEM_CHANGED} per differing field, named {@code name}.
     */
    public static Result diffLone(String name, Map<String, Object> a, Map<String, Object> b) {
        List<Change> out = new ArrayList<>();
        fields(name, withoutName(a, "blob"), withoutName(b, "blob"), out);
        return new Result(out, List.of());
    }

    private static void fields(String name, Map<String, Object> a, Map<String, Object> b, List<Change> out) {
        Map<String, Object> fa = flatten(a);
        Map<String, Object> fb = flatten(b);
        Set<String> fields = new LinkedHashSet<>(fa.keySet());
        fields.addAll(fb.keySet());
        for (String f : fields) {
            if (!Objects.equals(text(fa.get(f)), text(fb.get(f))) || fa.containsKey(f) != fb.containsKey(f)) {
                out.add(new Change(Kind.SUBSYSTEM_CHANGED, name, f, fa.get(f), fb.get(f)));
            }
        }
    }

    /** Subtrees by name: removed, changed (field by field) in A's order, then added in B's order. */
    private static void subtrees(Map<String, Object> a, Map<String, Object> b, List<Change> out) {
        Map<String, Map<?, ?>> sa = byName(a.get("subtrees"));
        Map<String, Map<?, ?>> sb = byName(b.get("subtrees"));
        for (Map.Entry<String, Map<?, ?>> e : sa.entrySet()) {
            Map<?, ?> other = sb.get(e.getKey());
            if (other == null) {
                out.add(new Change(Kind.SUBSYSTEM_REMOVED, e.getKey(), null, summary(e.getValue()), null));
                continue;
            }
            // what a memory image's chain walk followed is not compared (yet): pointers and blobs are
            fields(e.getKey(), without(e.getValue(), "name", "followed"), without(other, "name", "followed"), out);
        }
        for (Map.Entry<String, Map<?, ?>> e : sb.entrySet()) {
            if (!sa.containsKey(e.getKey())) {
                out.add(new Change(Kind.SUBSYSTEM_ADDED, e.getKey(), null, null, summary(e.getValue())));
            }
        }
    }

    private static Map<String, Map<?, ?>> byName(Object subtrees) {
        Map<String, Map<?, ?>> m = new LinkedHashMap<>();
        if (subtrees instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> st) {
                    m.putIfAbsent(String.valueOf(st.get("name")), st); // a duplicate name is a root finding
                }
            }
        }
        return m;
    }

    private static Map<String, Object> withoutName(Map<?, ?> subtree, String key) {
        return without(subtree, key, key);
    }

    private static Map<String, Object> without(Map<?, ?> subtree, String key, String key2) {
        Map<String, Object> m = new LinkedHashMap<>();
        subtree.forEach((k, v) -> {
            if (!key.equals(k) && !key2.equals(k)) {
                m.put(String.valueOf(k), v);
            }
        });
        return m;
    }

    /** A subtree's pointer and type without its decoded fields (an added or removed subsystem). */
    private static Map<String, Object> summary(Map<?, ?> subtree) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : List.of("data", "blob-size", "type")) {
            if (subtree.containsKey(k)) {
                m.put(k, subtree.get(k));
            }
        }
        return m;
    }

    private static void ranges(Object pa, Object pb, List<Change> out) {
        Map<String, Object> ra = rangeSet(pa);
        Map<String, Object> rb = rangeSet(pb);
        List<Change> changes = new ArrayList<>();
        ra.forEach((k, v) -> {
            if (!rb.containsKey(k)) {
                changes.add(new Change(Kind.PRESERVED_REMOVED, null, null, v, null));
            }
        });
        rb.forEach((k, v) -> {
            if (!ra.containsKey(k)) {
                changes.add(new Change(Kind.PRESERVED_ADDED, null, null, null, v));
            }
        });
        changes.sort((x, y) -> Long.compareUnsigned(address(x), address(y)));
        out.addAll(changes);
    }

    private static long address(Change c) {
        Object v = c.oldValue() != null ? c.oldValue() : c.newValue();
        return v instanceof Map<?, ?> m && m.get("address") instanceof KhoView.Hex h ? h.value() : 0;
    }

    private static Map<String, Object> rangeSet(Object ranges) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (ranges instanceof List<?> list) {
            for (Object r : list) {
                m.put(text(r), r);
            }
        }
        return m;
    }

    /**
     * A model value as {@code path → leaf} pairs: map members joined with {@code .}, list items as
     * {@code [i]}; an empty map or list is a leaf.
     */
    public static Map<String, Object> flatten(Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", value, out, 0);
        return out;
    }

    private static void flatten(String path, Object v, Map<String, Object> out, int depth) {
        if (depth < MAX_DEPTH && v instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, x) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, x, out, depth + 1));
        } else if (depth < MAX_DEPTH && v instanceof List<?> l && !l.isEmpty()) {
            for (int i = 0; i < l.size(); i++) {
                flatten(path + "[" + i + "]", l.get(i), out, depth + 1);
            }
        } else {
            out.put(path, v);
        }
    }

    /** A model value in one line, as the text view prints leaves ({@code -} for null). */
    public static String text(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, x) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append(' ').append(text(x)));
            return m.isEmpty() ? "{}" : sb.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(text(l.get(i)));
            }
            return sb.append(']').toString();
        }
        return v.toString();
    }

    /**
     * The changes as diff-style lines, {@code -} for A's side and {@code +} for B's:
     * <pre>
     * - generation kho-v3
     * + generation kho-v4
     * + subsystem LUO data 0x100002000 blob-size 0x20 type luo
     * - subsystem memblock: decoded.regions[0].size = 0x100000
     * + subsystem memblock: decoded.regions[0].size = 0x200000
     * + preserved [0x50000000, 0x50004000) 0x4000 bytes
     * + scratch[2] node 0x100000000 size 0x200000
     * </pre>
     */
    public static String text(Result r) {
        StringBuilder sb = new StringBuilder();
        for (Change c : r.changes()) {
            switch (c.kind()) {
                case GENERATION_CHANGED -> {
                    sb.append("- generation ").append(text(c.oldValue())).append('\n');
                    sb.append("+ generation ").append(text(c.newValue())).append('\n');
                }
                case SUBSYSTEM_ADDED -> sb.append("+ subsystem ").append(c.name()).append(' ')
                        .append(text(c.newValue())).append('\n');
                case SUBSYSTEM_REMOVED -> sb.append("- subsystem ").append(c.name()).append(' ')
                        .append(text(c.oldValue())).append('\n');
                case SUBSYSTEM_CHANGED -> {
                    String where = "subsystem " + c.name() + ": " + c.field() + " = ";
                    sb.append("- ").append(where).append(text(c.oldValue())).append('\n');
                    sb.append("+ ").append(where).append(text(c.newValue())).append('\n');
                }
                case PRESERVED_ADDED -> range(sb.append("+ preserved "), c.newValue());
                case PRESERVED_REMOVED -> range(sb.append("- preserved "), c.oldValue());
                case SCRATCH_CHANGED -> {
                    if (c.oldValue() != null) {
                        scratch(sb.append("- ").append(c.field()).append(' '), c.oldValue());
                    }
                    if (c.newValue() != null) {
                        scratch(sb.append("+ ").append(c.field()).append(' '), c.newValue());
                    }
                }
            }
        }
        return sb.toString();
    }

    private static void range(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m && m.get("address") instanceof KhoView.Hex a && m.get("size") instanceof KhoView.Hex s) {
            sb.append("[0x").append(Long.toHexString(a.value())).append(", 0x")
                    .append(Long.toHexString(a.value() + s.value())).append(") ").append(s).append(" bytes\n");
        } else {
            sb.append(text(v)).append('\n');
        }
    }

    private static void scratch(StringBuilder sb, Object area) {
        if (area instanceof Map<?, ?> m) {
            sb.append(text(m.get("kind"))).append(' ').append(text(m.get("address"))).append(" size ")
                    .append(text(m.get("size"))).append('\n');
        } else {
            sb.append(text(area)).append('\n');
        }
    }

    /**
     * The result as the {@code kho} member of {@code kho diff --format json}:
     * {@code {"changes": [{"kind", "name", "field", "old", "new"}], "notes": [...]}}.
     */
    public static StringBuilder json(StringBuilder sb, Result r) {
        sb.append("{\"changes\": [");
        for (int i = 0; i < r.changes().size(); i++) {
            Change c = r.changes().get(i);
            sb.append(i == 0 ? "\n    {" : ",\n    {");
            sb.append("\"kind\": \"").append(c.kind().id()).append('"');
            sb.append(", \"name\": ");
            KhoView.jsonValue(sb, c.name());
            sb.append(", \"field\": ");
            KhoView.jsonValue(sb, c.field());
            sb.append(", \"old\": ");
            KhoView.jsonValue(sb, c.oldValue());
            sb.append(", \"new\": ");
            KhoView.jsonValue(sb, c.newValue());
            sb.append('}');
        }
        sb.append(r.changes().isEmpty() ? "]" : "\n  ]").append(", \"notes\": [");
        for (int i = 0; i < r.notes().size(); i++) {
            JsonStrings.quote(sb.append(i == 0 ? "" : ", "), r.notes().get(i));
        }
        return sb.append("]}");
    }
}
