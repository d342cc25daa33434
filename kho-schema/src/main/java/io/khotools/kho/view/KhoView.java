package io.khotools.kho.view;

import io.khotools.fdt.dts.JsonStrings;
import io.khotools.fdt.tree.FdtTree;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.blob.RawBlob;
import io.khotools.kho.blob.SubBlob;
import io.khotools.kho.scratch.ScratchArea;
import io.khotools.kho.scratch.ScratchKind;
import java.lang.reflect.RecordComponent;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The decoded view of a handover that {@code kho dump --format kho} prints and the {@code kho} member of
 * {@code kho dump --format json} carries: generation, every pointer as an address, each sub-blob decoded,
 * scratch areas, and what could not be followed. Both renderings come from one ordered model, so they never
 * disagree; the model's names are the KHO model's record component names, kebab-cased.
 *
 * <p>64-bit values (addresses, sizes, counters stored as u64) print as {@code 0x} hex, in JSON as strings (a
 * JSON number cannot hold every u64); 32-bit values print as decimal numbers.
 */
public final class KhoView {
    private KhoView() {}

    /** Nesting bound for decoded sub-blobs: the model's own types nest a few levels; deeper input is cut. */
    private static final int MAX_DEPTH = 32;
    /** Raw bytes longer than this are shown by length only in text. */
    private static final int TEXT_HEX_LIMIT = 64;
    /** Entries of a long list ({@link Listing}) that {@link #text(Map)} shows; the rest are counted. */
    public static final int TEXT_LIST_LIMIT = 16;

    /**
     * A list that may be long (structures reached, vmalloc chunks, preservation needs): JSON carries every
     * entry, text only the first ones and how many more there are.
     */
    static final class Listing extends AbstractList<Object> {
        private final List<Object> items;

        Listing(List<Object> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public Object get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }

    /** A 64-bit value shown in hex ({@code 0x...}; a JSON string). */
    record Hex(long value) {
        @Override
        public String toString() {
            return "0x" + Long.toHexString(value);
        }
    }

    /**
     * The view model of a handover.
     *
     * @param h the decoded handover
     * @param blobsPresent whether the input carried the sub-blobs (a debugfs directory does, a lone root
     *     FDT does not)
     * @param scratchPresent whether the input carried the scratch array
     * @return an ordered map of strings to maps, lists, strings, numbers, booleans and null
     */
    public static Map<String, Object> model(KhoHandover h, boolean blobsPresent, boolean scratchPresent) {
        return model(h, blobsPresent, scratchPresent, null);
    }

    /**
     * The view model of a handover read through physical memory: as {@link #model(KhoHandover, boolean,
     * boolean)}, with {@code memory-map} the {@link HandoverMemory#summary()}, each subtree whose blob could
     * not be read saying why, and each subtree with a data pointer carrying {@code followed}: what the chain
     * walk reached from it ({@link HandoverMemory#followed(String)}).
     *
     * @param memory the handover as an image holds it
     */
    public static Map<String, Object> model(HandoverMemory memory) {
        return model(memory.handover(), true, memory.state().scratch() != null, memory);
    }

    private static Map<String, Object> model(KhoHandover h, boolean blobsPresent, boolean scratchPresent,
            HandoverMemory memory) {
        KhoTree root = h.root();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", root.abi() == null ? null : "kho-" + root.abi().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        m.put("compatible", root.abi() == null ? null : root.abi().compatible());
        if (root.abiAssumed()) {
            m.put("assumed", "kho-v1 does not say its bitmap size; page-sized bitmaps assumed (kho: --v1-bitmap 512|page to choose)");
        }
        m.put("preserved-memory-map", optional(root.preservedMemoryMap()));
        m.put("memory-map", memory != null ? memory.summary() : "not followed: needs a physical memory image");
        List<Object> subtrees = new ArrayList<>();
        for (KhoSubtree s : root.subtrees()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("name", s.name());
            st.put("data", optional(s.address()));
            st.put("blob-size", optional(s.blobSize()));
            SubBlob blob = h.blobs().get(s.name());
            if (blob != null) {
                st.put("type", blob.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                st.put("decoded", value(blob, 0));
            } else {
                String why = memory != null ? memory.blobProblems().get(s.name()) : null;
                st.put("decoded", why != null ? why : memory != null ? "no data pointer to follow"
                        : blobsPresent ? "missing from the input" : "not in this input (a root FDT alone)");
            }
            Map<String, Object> followed = memory != null ? memory.followed(s.name()) : null;
            if (followed != null) {
                st.put("followed", followed);
            }
            subtrees.add(st);
        }
        m.put("subtrees", subtrees);
        if (scratchPresent) {
            List<Object> scratch = new ArrayList<>();
            List<ScratchArea> areas = h.scratch();
            for (int i = 0; i < areas.size(); i++) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("kind", ScratchKind.of(i).name().toLowerCase(Locale.ROOT));
                a.put("address", new Hex(areas.get(i).address()));
                a.put("size", new Hex(areas.get(i).size()));
                scratch.add(a);
            }
            m.put("scratch", scratch);
        } else {
            m.put("scratch", "not in this input");
        }
        return m;
    }

    private static Object optional(OptionalLong v) {
        return v.isPresent() ? new Hex(v.getAsLong()) : null;
    }

    /** A model value for any part of the KHO model: records by component, lists, optionals, numbers. */
    static Object value(Object v, int depth) {
        if (depth > MAX_DEPTH) {
            return "(nested deeper than " + MAX_DEPTH + " levels)";
        }
        if (v == null || v instanceof String || v instanceof Integer || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Long l) {
            return new Hex(l);
        }
        if (v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue();
        }
        if (v instanceof OptionalLong o) {
            return optional(o);
        }
        if (v instanceof OptionalInt o) {
            return o.isPresent() ? o.getAsInt() : null;
        }
        if (v instanceof Optional<?> o) {
            return o.isPresent() ? value(o.get(), depth + 1) : null;
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (v instanceof byte[] b) {
            return HexFormat.of().formatHex(b);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(value(item, depth + 1));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), value(x, depth + 1)));
            return out;
        }
        if (v instanceof RawBlob raw) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("length", raw.bytes().length);
            out.put("fdt", raw.fdt().map(t -> nodeCount(t) + " nodes").orElse(null));
            out.put("hex", HexFormat.of().formatHex(raw.bytes()));
            return out;
        }
        if (v instanceof FdtTree t) {
            return nodeCount(t) + " nodes";
        }
        if (v instanceof Record r) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    out.put(kebab(c.getName()), value(c.getAccessor().invoke(r), depth + 1));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c, e);
                }
            }
            return out;
        }
        return v.toString();
    }

    private static int nodeCount(FdtTree t) {
        int[] n = {0};
        t.forEachNode((p, node) -> n[0]++);
        return n[0];
    }

    private static String kebab(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append('-').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ text

    /**
     * The model as indented {@code name: value} lines (YAML-like, for people); long lists (what a memory image's
     * chain walk followed) show their first {@link #TEXT_LIST_LIMIT} entries and how many more there are.
     */
    public static String text(Map<String, Object> model) {
        return text(model, TEXT_LIST_LIMIT);
    }

    /**
     * The model as text, long lists cut after {@code limit} entries.
     *
     * @param limit entries of each long list to show, at least 1; {@link Integer#MAX_VALUE} shows all
     * @throws IllegalArgumentException if {@code limit} is below 1
     */
    public static String text(Map<String, Object> model, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        StringBuilder sb = new StringBuilder();
        textMap(sb, model, 0, limit);
        return sb.toString();
    }

    private static void textMap(StringBuilder sb, Map<?, ?> map, int indent, int limit) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            pad(sb, indent).append(e.getKey()).append(':');
            textValue(sb, e.getValue(), indent, limit);
        }
    }

    private static void textValue(StringBuilder sb, Object v, int indent, int limit) {
        if (v instanceof Map<?, ?> m) {
            sb.append(m.isEmpty() ? " {}\n" : "\n");
            textMap(sb, m, indent + 2, limit);
        } else if (v instanceof List<?> all) {
            sb.append(all.isEmpty() ? " (none)\n" : "\n");
            List<?> list = all instanceof Listing && all.size() > limit ? all.subList(0, limit) : all;
            for (Object item : list) {
                pad(sb, indent + 2).append('-');
                if (all instanceof Listing && item instanceof Map<?, ?> m && flat(m)) {
                    // a long list's flat entries take one line each: name: value, name: value
                    String sep = " ";
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        sb.append(sep).append(e.getKey()).append(": ").append(e.getValue() == null ? "-" : e.getValue());
                        sep = ", ";
                    }
                    sb.append('\n');
                } else if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    // first member on the dash line, the rest aligned under it
                    boolean first = true;
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        if (first) {
                            sb.append(' ').append(e.getKey()).append(':');
                            first = false;
                        } else {
                            pad(sb, indent + 4).append(e.getKey()).append(':');
                        }
                        textValue(sb, e.getValue(), indent + 4, limit);
                    }
                } else {
                    textValue(sb, item, indent + 2, limit);
                }
            }
            if (list.size() < all.size()) {
                pad(sb, indent + 2).append("- (").append(all.size() - list.size())
                        .append(" more; kho dump --all lists every one)\n");
            }
        } else if (v instanceof String s && s.length() > 2 * TEXT_HEX_LIMIT && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            sb.append(' ').append(s, 0, 2 * TEXT_HEX_LIMIT).append("... (").append(s.length() / 2).append(" bytes)\n");
        } else {
            sb.append(' ').append(v == null ? "-" : v).append('\n');
        }
    }

    /** Whether a map has members and none of them is a map or a list. */
    private static boolean flat(Map<?, ?> m) {
        return !m.isEmpty() && m.values().stream().noneMatch(v -> v instanceof Map<?, ?> || v instanceof List<?>);
    }

    private static StringBuilder pad(StringBuilder sb, int n) {
        return sb.append(" ".repeat(n));
    }

    // ------------------------------------------------------------------ JSON

    /** The model as JSON (one object), appended to {@code sb}. */
    public static StringBuilder json(StringBuilder sb, Map<String, Object> model) {
        jsonValue(sb, model);
        return sb;
    }

    /** Appends any model value (map, list, string, number, boolean, hex, null) as JSON. */
    static void jsonValue(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                JsonStrings.quote(sb, String.valueOf(e.getKey())).append(": ");
                jsonValue(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                jsonValue(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof Integer || v instanceof Boolean) {
            sb.append(v);
        } else {
            JsonStrings.quote(sb, v.toString()); // strings, and Hex as "0x..."
        }
    }
}
