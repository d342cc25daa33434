package io.khotools.fdt.check;

import static io.khotools.fdt.check.Severity.ERROR;
import static io.khotools.fdt.check.Severity.INFO;
import static io.khotools.fdt.check.Severity.WARNING;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids of the built-in FDT rules. Ids are stable API: they appear in reports, fixtures
 * ({@code testdata/fdt/invalid/<id>--<case>.dtb}) and in {@link Validator#withSeverity}/{@link Validator#without}
 * calls. docs/validation-rules.md documents each one, with what libfdt 1.6.1 / 1.8.1 and dtc do.
 */
public final class FdtRules {
    private FdtRules() {}

    /** Fewer bytes than the magic, the version field or the version's header. */
    public static final String HEADER_TRUNCATED = "fdt.header.truncated";
    /** Magic is not 0xd00dfeed (libfdt BADMAGIC). */
    public static final String HEADER_MAGIC = "fdt.header.magic";
    /** version &lt; 2, last_comp_version &gt; 17 or version &lt; last_comp_version (libfdt BADVERSION). */
    public static final String HEADER_VERSION = "fdt.header.version";
    /** totalsize below the header size, above INT_MAX, or above the bytes given. */
    public static final String HEADER_TOTALSIZE = "fdt.header.totalsize";
    /** off_mem_rsvmap not 8-aligned or off_dt_struct not 4-aligned (libfdt 1.8 ALIGNMENT). */
    public static final String HEADER_ALIGNMENT = "fdt.header.alignment";
    /** A block starts inside the header or starts/ends past totalsize. */
    public static final String BLOCK_BOUNDS = "fdt.block.bounds";
    /** Two of the reservation map, structure and strings blocks share bytes. */
    public static final String BLOCK_OVERLAP = "fdt.block.overlap";
    /** No reservation entry with size 0 before totalsize. */
    public static final String RSVMAP_UNTERMINATED = "fdt.rsvmap.unterminated";
    /** The terminating reservation entry has size 0 but a non-zero address. */
    public static final String RSVMAP_TERMINATOR = "fdt.rsvmap.terminator";
    /** A token value other than 1, 2, 3, 4, 9. */
    public static final String STRUCT_TOKEN = "fdt.struct.token";
    /** A token, name or value runs past the structure block, or FDT_END is missing. */
    public static final String STRUCT_TRUNCATED = "fdt.struct.truncated";
    /** FDT_END without any node. */
    public static final String STRUCT_NO_ROOT = "fdt.struct.no-root";
    /** A node begins after the root node closed. */
    public static final String STRUCT_TWO_ROOTS = "fdt.struct.two-roots";
    /** A property or NOP precedes the root node. */
    public static final String STRUCT_BEFORE_ROOT = "fdt.struct.before-root";
    /** A property after the root node closed. */
    public static final String STRUCT_AFTER_ROOT = "fdt.struct.after-root";
    /** A NOP between the root's END_NODE and FDT_END (libfdt 1.6.1 and dtc refuse, 1.8.1 accepts). */
    public static final String STRUCT_NOP_AFTER_ROOT = "fdt.struct.nop-after-root";
    /** FDT_END while a node is open. */
    public static final String STRUCT_END_IN_NODE = "fdt.struct.end-in-node";
    /** FDT_END_NODE with no open node. */
    public static final String STRUCT_UNBALANCED = "fdt.struct.unbalanced";
    /** A padding byte after a node name or property value is not zero. */
    public static final String STRUCT_PAD_NONZERO = "fdt.struct.pad-nonzero";
    /** A property follows a subnode of the same node. */
    public static final String STRUCT_PROP_AFTER_NODE = "fdt.struct.prop-after-node";
    /** size_dt_struct extends past the FDT_END token. */
    public static final String STRUCT_TRAILING_DATA = "fdt.struct.trailing-data";
    /** The root node's name is not empty; before v16, where names are full paths, it is not {@code "/"}. */
    public static final String ROOT_NAME = "fdt.root.name";
    /** A property name offset outside the strings block. */
    public static final String STRING_OFFSET = "fdt.string.offset";
    /** A property name not NUL-terminated inside the strings block. */
    public static final String STRING_UNTERMINATED = "fdt.string.unterminated";
    /** Two sibling nodes with the same name. */
    public static final String NODE_DUPLICATE_NAME = "fdt.node.duplicate-name";
    /** A node name byte outside dtc's set {@code [a-zA-Z0-9,._+@-]}. */
    public static final String NODE_NAME_CHARS = "fdt.node.name-chars";
    /** A node name with more than one '@'. */
    public static final String NODE_NAME_FORMAT = "fdt.node.name-format";
    /** A non-root node whose name before '@' is empty. */
    public static final String NODE_NAME_EMPTY = "fdt.node.name-empty";
    /** A node name before '@' longer than 31 characters. */
    public static final String NODE_NAME_LENGTH = "fdt.node.name-length";
    /** A node name that does not start with a letter. */
    public static final String NODE_NAME_START = "fdt.node.name-start";
    /** A property name repeated within one node. */
    public static final String PROPERTY_DUPLICATE_NAME = "fdt.property.duplicate-name";
    /** A property name byte outside dtc's set {@code [a-zA-Z0-9,._+*#?-]}. */
    public static final String PROPERTY_NAME_CHARS = "fdt.property.name-chars";
    /** A property name with '*', which dtc allows and the spec does not. */
    public static final String PROPERTY_NAME_CHARS_SPEC = "fdt.property.name-chars-spec";
    /** A property name longer than 31 characters. */
    public static final String PROPERTY_NAME_LENGTH = "fdt.property.name-length";
    /** An empty property name. */
    public static final String PROPERTY_NAME_EMPTY = "fdt.property.name-empty";
    /** A {@code name} property that is not the node's base name and a NUL: dtc's {@code name_properties} and {@code name_is_string} checks refuse it. */
    public static final String NODE_NAME_PROPERTY = "fdt.node.name-property";
    /** A bad {@code phandle}/{@code linux,phandle}: dtc's {@code explicit_phandles} check refuses it. */
    public static final String NODE_PHANDLE = "fdt.node.phandle";
    /** Meta: more findings than the validator's cap; the rest were dropped. */
    public static final String REPORT_LIMIT = "fdt.report.limit";
    /** Meta: a {@link TreeRule} threw instead of reporting. */
    public static final String RULE_FAILED = "fdt.rule.failed";

    private static final Map<String, RuleInfo> CATALOGUE = build(
            rule(HEADER_TRUNCATED, ERROR, "buffer shorter than the magic, the version field or the version's header"),
            rule(HEADER_MAGIC, ERROR, "magic is not 0xd00dfeed"),
            rule(HEADER_VERSION, ERROR, "version < 2, last_comp_version > 17, or version < last_comp_version"),
            rule(HEADER_TOTALSIZE, ERROR, "totalsize < header size, > INT_MAX, or larger than the buffer"),
            rule(HEADER_ALIGNMENT, ERROR, "off_mem_rsvmap not 8-aligned or off_dt_struct not 4-aligned"),
            rule(BLOCK_BOUNDS, ERROR, "a block starts inside the header or starts/ends past totalsize"),
            rule(BLOCK_OVERLAP, WARNING, "reservation map, structure and strings blocks share bytes"),
            rule(RSVMAP_UNTERMINATED, ERROR, "no reservation entry with size 0 before totalsize"),
            rule(RSVMAP_TERMINATOR, WARNING, "terminating reservation entry has a non-zero address"),
            rule(STRUCT_TOKEN, ERROR, "unknown token"),
            rule(STRUCT_TRUNCATED, ERROR, "token, name or value past the structure block, or no FDT_END"),
            rule(STRUCT_NO_ROOT, ERROR, "FDT_END without a root node"),
            rule(STRUCT_TWO_ROOTS, ERROR, "FDT_BEGIN_NODE after the root node closed"),
            rule(STRUCT_BEFORE_ROOT, ERROR, "FDT_PROP or FDT_NOP before the root node"),
            rule(STRUCT_AFTER_ROOT, ERROR, "FDT_PROP after the root node closed"),
            rule(STRUCT_NOP_AFTER_ROOT, WARNING, "FDT_NOP between the root's FDT_END_NODE and FDT_END"),
            rule(STRUCT_END_IN_NODE, ERROR, "FDT_END inside an open node"),
            rule(STRUCT_UNBALANCED, ERROR, "FDT_END_NODE without an open node"),
            rule(STRUCT_PAD_NONZERO, WARNING, "non-zero padding after a node name or property value"),
            rule(STRUCT_PROP_AFTER_NODE, WARNING, "property after a subnode of the same node"),
            rule(STRUCT_TRAILING_DATA, WARNING, "size_dt_struct extends past FDT_END"),
            rule(ROOT_NAME, ERROR, "root node name is not empty (before v16: its path has no '/')"),
            rule(STRING_OFFSET, ERROR, "property name offset outside the strings block"),
            rule(STRING_UNTERMINATED, ERROR, "property name not NUL-terminated inside the strings block"),
            rule(NODE_DUPLICATE_NAME, ERROR, "two sibling nodes with the same name"),
            rule(NODE_NAME_CHARS, ERROR, "node name byte outside [a-zA-Z0-9,._+@-]"),
            rule(NODE_NAME_FORMAT, ERROR, "node name with more than one '@'"),
            rule(NODE_NAME_EMPTY, ERROR, "non-root node with an empty name before '@'"),
            rule(NODE_NAME_LENGTH, WARNING, "node name before '@' longer than 31 characters"),
            rule(NODE_NAME_START, INFO, "node name does not start with a letter"),
            rule(PROPERTY_DUPLICATE_NAME, ERROR, "property name repeated within a node"),
            rule(PROPERTY_NAME_CHARS, ERROR, "property name byte outside [a-zA-Z0-9,._+*#?-]"),
            rule(PROPERTY_NAME_CHARS_SPEC, WARNING, "property name contains '*' (dtc allows it, the spec does not)"),
            rule(PROPERTY_NAME_LENGTH, WARNING, "property name longer than 31 characters"),
            rule(PROPERTY_NAME_EMPTY, WARNING, "empty property name"),
            rule(NODE_PHANDLE, ERROR, "phandle or linux,phandle not one cell, 0 or 0xffffffff, the two disagree, or a"
                    + " value shared by two nodes (dtc refuses it)"),
            rule(NODE_NAME_PROPERTY, ERROR, "a name property whose value is not the node's base name (dtc refuses it)"),
            new RuleInfo(REPORT_LIMIT, INFO, true, "more findings than the cap; the rest were suppressed"),
            new RuleInfo(RULE_FAILED, ERROR, true, "a plugged-in tree rule threw an exception"));

    /** Every built-in rule, in catalogue order. */
    public static List<RuleInfo> all() {
        return List.copyOf(CATALOGUE.values());
    }

    /** The catalogue entry for {@code id}, or null for an id that is not built in. */
    public static RuleInfo info(String id) {
        return CATALOGUE.get(id);
    }

    /** Default severity of a built-in rule. */
    static Severity defaultSeverity(String id) {
        RuleInfo info = CATALOGUE.get(id);
        if (info == null) {
            throw new IllegalArgumentException("not a built-in rule: " + id);
        }
        return info.defaultSeverity();
    }

    private static RuleInfo rule(String id, Severity severity, String summary) {
        return new RuleInfo(id, severity, false, summary);
    }

    private static Map<String, RuleInfo> build(RuleInfo... infos) {
        Map<String, RuleInfo> map = new LinkedHashMap<>();
        for (RuleInfo info : infos) {
            map.put(info.id(), info);
        }
        return map;
    }
}
