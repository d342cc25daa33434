package io.khotools.fdt.gen;

import static io.khotools.fdt.gen.FdtBlobEdits.addString;
import static io.khotools.fdt.gen.FdtBlobEdits.getInt;
import static io.khotools.fdt.gen.FdtBlobEdits.insertGap;
import static io.khotools.fdt.gen.FdtBlobEdits.insertStruct;
import static io.khotools.fdt.gen.FdtBlobEdits.paddedName;
import static io.khotools.fdt.gen.FdtBlobEdits.putInt;
import static io.khotools.fdt.gen.FdtBlobEdits.rsvmapStart;
import static io.khotools.fdt.gen.FdtBlobEdits.stringsSize;
import static io.khotools.fdt.gen.FdtBlobEdits.stringsStart;
import static io.khotools.fdt.gen.FdtBlobEdits.structStart;
import static io.khotools.fdt.gen.FdtBlobEdits.totalSize;
import static io.khotools.fdt.gen.FdtBlobEdits.version;
import static io.khotools.fdt.gen.FdtBlobEdits.words;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.check.FdtRules;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The catalogue of {@link FdtMutator}s: at least one per non-meta {@link FdtRules} id, each named
 * {@code <rule-id>--<case>} and applicable to any valid version 16/17 blob that has what it needs (see
 * {@link FdtMutator#appliesTo}). Targets (which node, which property) and values are drawn from the seed.
 *
 * <pre>{@code
 * byte[] valid = FdtGenerator.of(FdtGenOptions.defaults()).blob(1);
 * FdtMutator m = FdtMutators.named("fdt.node.name-chars--bad-char");
 * byte[] broken = m.apply(valid, 99);
 * }</pre>
 *
 * <p>The two meta rules cannot be reached by a mutation of the blob alone: {@link FdtRules#REPORT_LIMIT}
 * needs more findings than the validator's cap (a {@code withMaxDiagnostics} setting, not a blob property),
 * and {@link FdtRules#RULE_FAILED} needs a plugged-in tree rule that throws. {@link #unreachable()} lists them.
 */
public final class FdtMutators {
    private static final String NODE_OK = "abcdefghijklmnopqrstuvwxyz0123456789,._+-";
    private static final String NAME_BAD = "$%^&()!~ /\\:;'\"<>{}[]|=`";
    private static final List<FdtMutator> ALL = build();
    private static final Map<String, FdtMutator> BY_NAME = index(ALL);

    private FdtMutators() {}

    /** Every mutator, in catalogue order (rules in {@link FdtRules#all()} order). */
    public static List<FdtMutator> all() {
        return ALL;
    }

    /** The mutators that break {@code ruleId}; empty for an id without one. */
    public static List<FdtMutator> forRule(String ruleId) {
        return ALL.stream().filter(m -> m.ruleId().equals(ruleId)).toList();
    }

    /**
     * The mutator called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static FdtMutator named(String name) {
        FdtMutator m = BY_NAME.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no FDT mutator " + name);
        }
        return m;
    }

    /** Rule ids no blob mutation can trigger, each with the reason. */
    public static Map<String, String> unreachable() {
        return Map.of(
                FdtRules.REPORT_LIMIT, "meta: needs more findings than the validator's cap, a validator setting",
                FdtRules.RULE_FAILED, "meta: needs a plugged-in TreeRule that throws; the built-in rules never do");
    }

    private static Map<String, FdtMutator> index(List<FdtMutator> all) {
        Map<String, FdtMutator> m = new LinkedHashMap<>();
        for (FdtMutator x : all) {
            if (m.put(x.name(), x) != null) {
                throw new IllegalStateException("duplicate mutator " + x.name());
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- the catalogue

    private static List<FdtMutator> build() {
        List<FdtMutator> c = new ArrayList<>();
        FdtMutator.Precondition any = (b, m) -> true;
        FdtMutator.Precondition hasProps = (b, m) -> !m.props.isEmpty();
        FdtMutator.Precondition v17 = (b, m) -> m.version >= FdtFormat.VERSION_LATEST;

        c.add(new FdtMutator("fdt.header.truncated--cut", "keeps fewer bytes than the version's header", any,
                (b, m, r) -> Arrays.copyOf(b, r.nextInt(FdtFormat.headerSize(version(b))))));
        c.add(new FdtMutator("fdt.header.magic--flip-bit", "flips one bit of the magic, or writes the "
                + "sequential-write magic", any, (b, m, r) -> r.nextInt(8) == 0
                        ? putInt(b, FdtFormat.OFF_MAGIC, FdtFormat.SW_MAGIC)
                        : FdtBlobEdits.xorByte(b, r.nextInt(4), 1 << r.nextInt(8))));
        c.add(new FdtMutator("fdt.header.version--too-old", "sets version and last_comp_version below 2", any,
                (b, m, r) -> {
                    int v = r.nextInt(2);
                    return putInt(putInt(b, FdtFormat.OFF_VERSION, v), FdtFormat.OFF_LAST_COMP_VERSION, v);
                }));
        c.add(new FdtMutator("fdt.header.version--last-comp-too-new", "sets version = last_comp_version > 17",
                any, (b, m, r) -> {
                    int v = 18 + r.nextInt(64);
                    return putInt(putInt(b, FdtFormat.OFF_VERSION, v), FdtFormat.OFF_LAST_COMP_VERSION, v);
                }));
        c.add(new FdtMutator("fdt.header.totalsize--past-buffer", "sets totalsize beyond the bytes given", any,
                (b, m, r) -> putInt(b, FdtFormat.OFF_TOTALSIZE, b.length + 1 + r.nextInt(4096))));
        c.add(new FdtMutator("fdt.header.totalsize--below-header", "sets totalsize below the header size", any,
                (b, m, r) -> putInt(b, FdtFormat.OFF_TOTALSIZE, r.nextInt(FdtFormat.headerSize(version(b))))));
        c.add(new FdtMutator("fdt.header.alignment--misaligned-block", "inserts 1-3 bytes before the structure "
                + "block, or 4 before the reservation map", (b, m) -> rsvmapStart(b) < structStart(b)
                        && structStart(b) < stringsStart(b),
                (b, m, r) -> r.nextBoolean()
                        ? insertGap(b, structStart(b), 1 + r.nextInt(3))
                        : insertGap(b, rsvmapStart(b), 4)));
        c.add(new FdtMutator("fdt.block.bounds--strings-past-totalsize", "grows size_dt_strings past totalsize",
                any, (b, m, r) -> putInt(b, FdtFormat.OFF_SIZE_DT_STRINGS,
                        totalSize(b) - stringsStart(b) + 1 + r.nextInt(256))));
        c.add(new FdtMutator("fdt.block.bounds--struct-inside-header", "points off_dt_struct into the header",
                any, (b, m, r) -> putInt(b, FdtFormat.OFF_OFF_DT_STRUCT,
                        4 * r.nextInt(FdtFormat.headerSize(version(b)) / 4))));
        c.add(new FdtMutator("fdt.block.overlap--strings-over-struct-end", "starts the strings block on the "
                + "FDT_END token, keeping every name", (b, m) -> m.props.size() > 0
                        && stringsStart(b) >= m.endToken + 4 && structStart(b) > rsvmapStart(b),
                (b, m, r) -> FdtBlobEdits.stringsStartAt(b, m.endToken)));
        c.add(new FdtMutator("fdt.rsvmap.unterminated--at-end-of-blob", "moves the reservation map to the last "
                + "8-aligned offset, too close to totalsize for an entry", any,
                (b, m, r) -> putInt(b, FdtFormat.OFF_OFF_MEM_RSVMAP, (totalSize(b) - 1) & -8)));
        c.add(new FdtMutator("fdt.rsvmap.terminator--address-nonzero", "writes a non-zero address into the "
                + "terminating entry", any, (b, m, r) -> FdtBlobEdits.putLong(b, FdtBlobEdits.rsvmapTerminator(b),
                        1 + (r.nextLong() >>> 1))));
        c.add(new FdtMutator("fdt.struct.token--unknown", "overwrites one token with an unknown value", any,
                (b, m, r) -> putInt(b, pick(tokens(m), r), unknownToken(r))));
        c.add(new FdtMutator("fdt.struct.truncated--size-dt-struct-short", "shrinks size_dt_struct by 4-12 bytes",
                v17, (b, m, r) -> putInt(b, FdtFormat.OFF_SIZE_DT_STRUCT,
                        getInt(b, FdtFormat.OFF_SIZE_DT_STRUCT) - 4 * (1 + r.nextInt(3)))));
        c.add(new FdtMutator("fdt.struct.truncated--prop-len-huge", "sets a property length past the block",
                hasProps, (b, m, r) -> {
                    StructMap.PropAt p = pick(m.props, r);
                    int room = totalSize(b) - p.offset();
                    return putInt(b, p.offset() + 4, room + r.nextInt(Integer.MAX_VALUE - room));
                }));
        c.add(new FdtMutator("fdt.struct.no-root--only-end", "makes the structure block a lone FDT_END", any,
                (b, m, r) -> {
                    putInt(b, structStart(b), FdtFormat.TOKEN_END);
                    return m.version >= 17 ? putInt(b, FdtFormat.OFF_SIZE_DT_STRUCT, 4) : b;
                }));
        c.add(new FdtMutator("fdt.struct.two-roots--second-root", "adds an empty node after the root closed", any,
                (b, m, r) -> insertStruct(b, m.endToken, concat(words(FdtFormat.TOKEN_BEGIN_NODE),
                        paddedName(r.nextBoolean() ? "" : nodeName(r)), words(FdtFormat.TOKEN_END_NODE)))));
        c.add(new FdtMutator("fdt.struct.before-root--nop", "inserts NOPs before the root node", any,
                (b, m, r) -> insertStruct(b, structStart(b), nops(1 + r.nextInt(3)))));
        c.add(new FdtMutator("fdt.struct.before-root--prop", "inserts an empty property before the root node",
                hasProps, (b, m, r) -> insertStruct(b, structStart(b),
                        words(FdtFormat.TOKEN_PROP, 0, pick(m.props, r).nameoff()))));
        c.add(new FdtMutator("fdt.struct.after-root--prop", "inserts an empty property after the root closed",
                hasProps, (b, m, r) -> insertStruct(b, m.endToken,
                        words(FdtFormat.TOKEN_PROP, 0, pick(m.props, r).nameoff()))));
        c.add(new FdtMutator("fdt.struct.nop-after-root--nop", "inserts NOPs between the root's END_NODE and "
                + "FDT_END", any, (b, m, r) -> insertStruct(b, m.endToken, nops(1 + r.nextInt(3)))));
        c.add(new FdtMutator("fdt.struct.end-in-node--end-node-to-nop", "turns one END_NODE into a NOP", any,
                (b, m, r) -> putInt(b, pick(m.nodes, r).end, FdtFormat.TOKEN_NOP)));
        c.add(new FdtMutator("fdt.struct.unbalanced--extra-end-node", "adds an END_NODE after the root closed",
                any, (b, m, r) -> insertStruct(b, m.endToken, words(FdtFormat.TOKEN_END_NODE))));
        c.add(new FdtMutator("fdt.struct.pad-nonzero--pad-byte", "sets a padding byte after a name or value",
                (b, m) -> !padBytes(m).isEmpty(),
                (b, m, r) -> {
                    b[pick(padBytes(m), r)] = (byte) (1 + r.nextInt(255));
                    return b;
                }));
        c.add(new FdtMutator("fdt.struct.prop-after-node--prop-last", "appends a property after a node's "
                + "subnodes", (b, m) -> m.nodes.stream().anyMatch(n -> n.children > 0),
                (b, m, r) -> {
                    byte[] out = addString(b, "gen-after-" + r.nextInt(1000));
                    int nameoff = stringsSize(b);
                    StructMap m2 = StructMap.of(out);
                    List<StructMap.NodeAt> parents = m2.nodes.stream().filter(n -> n.children > 0).toList();
                    return insertStruct(out, pick(parents, r).end, words(FdtFormat.TOKEN_PROP, 0, nameoff));
                }));
        c.add(new FdtMutator("fdt.struct.trailing-data--words-after-end", "grows size_dt_struct over words after "
                + "FDT_END", v17, (b, m, r) -> insertStruct(b, m.endToken + 4, new byte[4 * (1 + r.nextInt(3))])));
        c.add(new FdtMutator("fdt.root.name--named-root", "gives the root node a name", any,
                (b, m, r) -> FdtBlobEdits.renameNodeAt(b, m.root().begin, nodeName(r))));
        c.add(new FdtMutator("fdt.string.offset--past-strings-block", "points a property name past the strings "
                + "block", hasProps, (b, m, r) -> {
                    int bound = m.version >= 17 ? stringsSize(b) : totalSize(b) - stringsStart(b);
                    return putInt(b, pick(m.props, r).offset() + 8, bound + r.nextInt(1024));
                }));
        c.add(new FdtMutator("fdt.string.unterminated--last-nul-overwritten", "overwrites the NUL ending the "
                + "strings block", (b, m) -> (m.version >= 17 || stringsStart(b) + stringsSize(b) == totalSize(b))
                        && m.props.stream().anyMatch(p -> p.nameoff() + p.name().length() == stringsSize(b) - 1),
                (b, m, r) -> {
                    b[stringsStart(b) + stringsSize(b) - 1] = (byte) ('a' + r.nextInt(26));
                    return b;
                }));
        c.add(new FdtMutator("fdt.node.duplicate-name--twin", "adds an empty sibling named like an existing node",
                (b, m) -> m.nodes.size() > 1, (b, m, r) -> {
                    StructMap.NodeAt n = pick(m.nodes.subList(1, m.nodes.size()), r);
                    return insertStruct(b, m.nodes.get(n.parent).end, emptyNode(n.name));
                }));
        c.add(nodeNamed("fdt.node.name-chars--bad-char", "adds or renames a node to a name with a byte outside "
                + "dtc's set", r -> {
                    String base = nodeName(r);
                    int at = r.nextInt(base.length() + 1);
                    return base.substring(0, at) + badChar(r, NAME_BAD) + base.substring(at);
                }));
        c.add(nodeNamed("fdt.node.name-format--two-at", "adds or renames a node to a name with two '@'",
                r -> nodeName(r) + "@" + Integer.toHexString(r.nextInt(4096)) + "@" + Integer.toHexString(r.nextInt(16))));
        c.add(nodeNamed("fdt.node.name-empty--unit-address-only", "adds or renames a node to '@addr' or ''",
                r -> r.nextInt(4) == 0 ? "" : "@" + Integer.toHexString(r.nextInt(1 << 20))));
        c.add(nodeNamed("fdt.node.name-length--long", "adds or renames a node to a 32-60 character name",
                r -> letters(r, 32 + r.nextInt(29))));
        c.add(nodeNamed("fdt.node.name-start--not-a-letter", "adds or renames a node to a name starting with a "
                + "digit or punctuation", r -> "0123456789,._+-".charAt(r.nextInt(15)) + nodeName(r)));
        c.add(new FdtMutator("fdt.property.duplicate-name--repeat", "repeats a property's name right after it",
                hasProps, (b, m, r) -> {
                    StructMap.PropAt p = pick(m.props, r);
                    return insertStruct(b, p.next(), words(FdtFormat.TOKEN_PROP, 0, p.nameoff()));
                }));
        c.add(propertyNamed("fdt.property.name-chars--bad-char", "adds a property whose name has a byte outside "
                + "dtc's set", r -> {
                    String base = letters(r, 1 + r.nextInt(8));
                    int at = r.nextInt(base.length() + 1);
                    return base.substring(0, at) + badChar(r, NAME_BAD + "@") + base.substring(at);
                }));
        c.add(propertyNamed("fdt.property.name-chars-spec--star", "adds a property whose name has a '*'",
                r -> letters(r, 1 + r.nextInt(6)) + "*" + letters(r, r.nextInt(4))));
        c.add(propertyNamed("fdt.property.name-length--long", "adds a property with a 32-60 character name",
                r -> letters(r, 32 + r.nextInt(29))));
        c.add(propertyNamed("fdt.property.name-empty--empty", "adds a property with an empty name", r -> ""));
        c.add(new FdtMutator("fdt.node.name-property--other-name", "adds a \"name\" property whose string is not "
                + "the node's base name", (b, m) -> true, (b, m, r) -> {
                    byte[] out = addString(b, "name");
                    int nameoff = stringsSize(b);
                    StructMap m2 = StructMap.of(out);
                    // a space never appears in a valid node name, so the value cannot equal the base name
                    byte[] value = ("not " + letters(r, 1 + r.nextInt(8)) + "\0").getBytes(StandardCharsets.US_ASCII);
                    byte[] prop = concat(words(FdtFormat.TOKEN_PROP, value.length, nameoff),
                            Arrays.copyOf(value, FdtFormat.tokenAlign(value.length)));
                    return insertStruct(out, pick(m2.nodes, r).afterName(), prop);
                }));
        c.add(new FdtMutator("fdt.node.phandle--reserved-value", "adds a \"phandle\" property of 0 or 0xffffffff, "
                + "values dtc reserves", (b, m) -> true, (b, m, r) -> {
                    byte[] out = addString(b, "phandle");
                    int nameoff = stringsSize(b);
                    StructMap m2 = StructMap.of(out);
                    byte[] prop = words(FdtFormat.TOKEN_PROP, 4, nameoff, r.nextBoolean() ? 0 : 0xffffffff);
                    return insertStruct(out, pick(m2.nodes, r).afterName(), prop);
                }));
        return List.copyOf(c);
    }

    /** Adds an empty child with the drawn name to a random node, or (half the time) renames a non-root node. */
    private static FdtMutator nodeNamed(String name, String description, java.util.function.Function<Random, String> names) {
        return new FdtMutator(name, description, (b, m) -> true, (b, m, r) -> {
            String newName = names.apply(r);
            if (m.nodes.size() > 1 && r.nextBoolean()) {
                return FdtBlobEdits.renameNodeAt(b, pick(m.nodes.subList(1, m.nodes.size()), r).begin, newName);
            }
            return insertStruct(b, pick(m.nodes, r).end, emptyNode(newName));
        });
    }

    /** Adds a property with the drawn name (and a short random value) as the first property of a random node. */
    private static FdtMutator propertyNamed(String name, String description, java.util.function.Function<Random, String> names) {
        return new FdtMutator(name, description, (b, m) -> true, (b, m, r) -> {
            byte[] out = addString(b, names.apply(r));
            int nameoff = stringsSize(b);
            StructMap m2 = StructMap.of(out);
            byte[] value = new byte[r.nextInt(9)];
            r.nextBytes(value);
            byte[] prop = concat(words(FdtFormat.TOKEN_PROP, value.length, nameoff),
                    Arrays.copyOf(value, FdtFormat.tokenAlign(value.length)));
            return insertStruct(out, pick(m2.nodes, r).afterName(), prop);
        });
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T pick(List<T> list, Random r) {
        return list.get(r.nextInt(list.size()));
    }

    private static List<Integer> tokens(StructMap m) {
        List<Integer> out = new ArrayList<>();
        for (StructMap.NodeAt n : m.nodes) {
            out.add(n.begin);
            out.add(n.end);
        }
        for (StructMap.PropAt p : m.props) {
            out.add(p.offset());
        }
        out.add(m.endToken);
        return out;
    }

    private static int unknownToken(Random r) {
        int[] small = {0, 5, 6, 7, 8, 10, 11, 0x10};
        if (r.nextBoolean()) {
            return small[r.nextInt(small.length)];
        }
        int t;
        do {
            t = r.nextInt();
        } while (t >= 0 && t <= 4 || t == 9);
        return t;
    }

    /** Absolute offsets of padding bytes after node names and property values. */
    private static List<Integer> padBytes(StructMap m) {
        List<Integer> out = new ArrayList<>();
        for (StructMap.NodeAt n : m.nodes) {
            int nameEnd = n.begin + 4 + n.name.length() + 1;
            for (int i = nameEnd; i < n.afterName(); i++) {
                out.add(i);
            }
        }
        for (StructMap.PropAt p : m.props) {
            int valueEnd = p.offset() + 12 + p.length();
            for (int i = valueEnd; i < p.next(); i++) {
                out.add(i);
            }
        }
        return out;
    }

    private static byte[] emptyNode(String name) {
        return concat(words(FdtFormat.TOKEN_BEGIN_NODE), paddedName(name), words(FdtFormat.TOKEN_END_NODE));
    }

    private static byte[] nops(int n) {
        int[] w = new int[n];
        Arrays.fill(w, FdtFormat.TOKEN_NOP);
        return words(w);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A valid node name: a letter then up to 7 of dtc's node-name chars. */
    private static String nodeName(Random r) {
        StringBuilder s = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        for (int i = r.nextInt(8); i > 0; i--) {
            s.append(NODE_OK.charAt(r.nextInt(NODE_OK.length())));
        }
        return s.toString();
    }

    private static String letters(Random r, int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    /** A byte outside the allowed set: from {@code punctuation} or from 0x80-0xff. */
    private static char badChar(Random r, String punctuation) {
        return r.nextInt(4) == 0 ? (char) (0x80 + r.nextInt(0x80)) : punctuation.charAt(r.nextInt(punctuation.length()));
    }
}
