package io.khotools.fdt.oracle;

import static io.khotools.fdt.FdtFormat.*;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.fdt.check.FdtRules;
import java.util.EnumSet;
import java.util.Set;

/**
 * The documented, deliberate differences between our validator and libfdt's {@code fdt_check_full}
 * (docs/validation-rules.md, "Differences from libfdt"). Debian 12 ships 1.6.1, which shows them all; some
 * exist only before libfdt 1.7 or 1.8 (said on each). Each one recognises its own
 * disagreements and confirms the claim on the blob's bytes with {@link BlobFacts}, so that a wrong finding
 * cannot pass as a documented difference.
 *
 * <p>Two directions. "We reject": libfdt accepts the blob and each of our ERROR findings must be covered by a
 * difference of this direction ({@link #covers}); one uncovered ERROR makes the mismatch unexplained.
 * "libfdt rejects": we report no ERROR and a difference of that direction must explain libfdt's code
 * ({@link #explains}). A libfdt crash is explained only by a difference that names it; a libfdt hang only
 * when we reject, every ERROR is covered and {@link #PROP_LEN_OVERFLOW} is among them.
 */
enum Difference {
    /** libfdt 1.8.0 added the block alignment check we follow; 1.6.1 accepts misaligned blocks. */
    ALIGNMENT("alignment", FdtRules.HEADER_ALIGNMENT) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            return (BlobFacts.word(b, OFF_OFF_MEM_RSVMAP) & (RSVMAP_ALIGN - 1)) != 0
                    || (BlobFacts.word(b, OFF_OFF_DT_STRUCT) & (TOKEN_ALIGN - 1)) != 0;
        }
    },
    /** A structure block with no node at all (just FDT_END): libfdt accepts, dtc refuses. */
    NO_ROOT("no-root", FdtRules.STRUCT_NO_ROOT) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            return BlobFacts.word(b, d.offset()) == TOKEN_END && map.nodes().length == 0;
        }
    },
    /** FDT_PROP or FDT_NOP before the root's FDT_BEGIN_NODE: libfdt accepts (then finds no path), dtc refuses. */
    BEFORE_ROOT("before-root", FdtRules.STRUCT_BEFORE_ROOT) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            int token = BlobFacts.word(b, d.offset());
            return d.offset() == Integer.toUnsignedLong(BlobFacts.word(b, OFF_OFF_DT_STRUCT))
                    && (token == TOKEN_PROP || token == TOKEN_NOP);
        }
    },
    /** Two siblings with the same name: libfdt accepts, dtc refuses (duplicate_node_names). */
    DUPLICATE_NODE("duplicate-node", FdtRules.NODE_DUPLICATE_NAME) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            return BlobFacts.earlierSiblingNamed(b, map, d.offset());
        }
    },
    /** A property name twice in one node: libfdt accepts, dtc refuses (duplicate_property_names). */
    DUPLICATE_PROPERTY("duplicate-property", FdtRules.PROPERTY_DUPLICATE_NAME) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            return BlobFacts.earlierPropertyNamed(b, map, d.offset());
        }
    },
    /** A node name byte outside dtc's set: libfdt accepts, dtc refuses (node_name_chars). */
    NODE_NAME_CHARS("node-name-chars", FdtRules.NODE_NAME_CHARS) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            byte[] name = BlobFacts.nodeName(b, d.offset());
            return name != null && BlobFacts.hasCharOutside(name, BlobFacts.NODE_CHARS);
        }
    },
    /** More than one '@' in a node name: libfdt accepts, dtc refuses (node_name_format). */
    NODE_NAME_FORMAT("node-name-format", FdtRules.NODE_NAME_FORMAT) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            byte[] name = BlobFacts.nodeName(b, d.offset());
            return name != null && BlobFacts.ats(name) > 1;
        }
    },
    /** A non-root node with an empty name before '@': libfdt accepts, dtc 1.8 refuses (node_name_not_empty). */
    NODE_NAME_EMPTY("node-name-empty", FdtRules.NODE_NAME_EMPTY) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            byte[] name = BlobFacts.nodeName(b, d.offset());
            return name != null && (name.length == 0 || name[0] == '@') && map.nodeIndex(d.offset()) > 0;
        }
    },
    /** A property name byte outside dtc's set: libfdt accepts, dtc refuses (property_name_chars). */
    PROPERTY_NAME_CHARS("property-name-chars", FdtRules.PROPERTY_NAME_CHARS) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            byte[] name = BlobFacts.propName(b, d.offset());
            return name != null && BlobFacts.hasCharOutside(name, BlobFacts.PROP_CHARS);
        }
    },
    /**
     * A {@code name} property that is not the node's base name plus a NUL: libfdt never looks at property
     * values, dtc refuses it (name_properties).
     */
    NAME_PROPERTY("name-property", FdtRules.NODE_NAME_PROPERTY) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            byte[] name = BlobFacts.propName(b, d.offset());
            return name != null && new String(name, java.nio.charset.StandardCharsets.ISO_8859_1).equals("name");
        }
    },
    /**
     * A {@code phandle} / {@code linux,phandle} that dtc's explicit_phandles check refuses (not one cell, 0 or
     * 0xffffffff, the two disagreeing, a value shared by two nodes): libfdt never reads property values.
     */
    PHANDLE("phandle", FdtRules.NODE_PHANDLE) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            byte[] name = BlobFacts.propName(b, d.offset());
            String n = name == null ? "" : new String(name, java.nio.charset.StandardCharsets.ISO_8859_1);
            return n.equals("phandle") || n.equals("linux,phandle");
        }
    },
    /**
     * A property length so large that the offset of the next token passes INT_MAX: libfdt before 1.7 lets
     * {@code fdt_next_tag}'s sum wrap, so a length of 0xffffffff acts as -1 (the walk goes on inside the value
     * and may accept) and 0xfffffff4 as -12 (the next token is the property itself: an endless loop); 1.7.0
     * refuses it (upstream 7359034). We report {@code fdt.struct.truncated}, as 1.7+ does. The only documented
     * cause of a libfdt hang.
     */
    PROP_LEN_OVERFLOW("prop-len-overflow", FdtRules.STRUCT_TRUNCATED) {
        @Override
        boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
            long structOff = Integer.toUnsignedLong(BlobFacts.word(b, OFF_OFF_DT_STRUCT));
            long len = Integer.toUnsignedLong(BlobFacts.word(b, d.offset() + 4));
            // 1.8.1: offset after the tag (struct-relative) + len must stay below INT_MAX
            return BlobFacts.word(b, d.offset()) == TOKEN_PROP && d.offset() + 8 <= b.length
                    && (d.offset() - structOff) + 4 + len >= Integer.MAX_VALUE;
        }
    },
    /**
     * FDT_NOP between the root's FDT_END_NODE and FDT_END: libfdt 1.6.1 returns BADSTRUCTURE, 1.8.1 accepts
     * (we follow 1.8.1 and warn).
     */
    NOP_AFTER_ROOT("nop-after-root", FdtRules.STRUCT_NOP_AFTER_ROOT) {
        @Override
        boolean explains(Comparison c) {
            return c.weAccept() && "BADSTRUCTURE".equals(c.libfdt().codeName()) && c.ours().diagnostics().stream()
                    .anyMatch(d -> d.ruleId().equals(rule()) && BlobFacts.word(c.mutant().bytes(), d.offset()) == TOKEN_NOP);
        }
    },
    /**
     * A version 2 header is 32 bytes and has no size_dt_strings, but libfdt's {@code fdt_check_header} (1.6.1
     * and 1.8.1) bounds-checks the strings block with the word at 0x20 anyway, which in a v2 blob is the
     * first reservation's address (high half). dtc reads such blobs; we do not check a field the version lacks.
     */
    V2_STRINGS_SIZE("v2-strings-size", FdtRules.BLOCK_BOUNDS) {
        @Override
        boolean explains(Comparison c) {
            byte[] b = c.mutant().bytes();
            long total = Integer.toUnsignedLong(BlobFacts.word(b, OFF_TOTALSIZE));
            long stringsEnd = Integer.toUnsignedLong(BlobFacts.word(b, OFF_OFF_DT_STRINGS))
                    + Integer.toUnsignedLong(BlobFacts.word(b, OFF_SIZE_DT_STRINGS));
            return c.weAccept() && c.libfdt().stage() == 'h' && "TRUNCATED".equals(c.libfdt().codeName())
                    && BlobEdit.version(b) == 2 && stringsEnd > total;
        }
    },
    /**
     * libfdt 1.6.1 {@code fdt_check_full} dereferences NULL when the root of a version 2-15 blob has a name
     * without '/' ({@code fdt_get_name} fails; fixed upstream by fda71da and 5045465, so 1.8.1 returns
     * BADSTRUCTURE). We report {@code fdt.root.name}, as 1.8.1 rejects.
     */
    LIBFDT_CRASH_ROOT_NAME("libfdt-1.6.1-crash-root-name", FdtRules.ROOT_NAME) {
        @Override
        boolean explains(Comparison c) {
            byte[] b = c.mutant().bytes();
            TokenMap map = TokenMap.of(b);
            byte[] rootName = map.nodes().length == 0 ? null : BlobFacts.fullName(b, map.nodes()[0]);
            return c.libfdt().crashed() && c.libfdt().code() == LibfdtVerdict.SIGSEGV
                    && Integer.compareUnsigned(BlobEdit.version(b), 16) < 0
                    && rootName != null && BlobFacts.indexOf(rootName, '/') < 0
                    && c.errors().stream().anyMatch(d -> d.ruleId().equals(rule()));
        }
    };

    private final String id;
    private final String rule;

    Difference(String id, String rule) {
        this.id = id;
        this.rule = rule;
    }

    /** Short name used in the count line. */
    String id() {
        return id;
    }

    /** Our rule id the difference is about (for "libfdt rejects" ones: the rule that warns or would report it). */
    String rule() {
        return rule;
    }

    /** "We reject" direction: true if {@code d} is this difference's finding and the bytes confirm it. */
    boolean covers(byte[] b, TokenMap map, Diagnostic d) {
        return d.ruleId().equals(rule) && confirmed(b, map, d);
    }

    /** "libfdt rejects" direction: true if this difference explains libfdt's rejection of a blob we accept. */
    boolean explains(Comparison c) {
        return false;
    }

    /** The byte-level confirmation of a "we reject" finding; false for the other direction. */
    boolean confirmed(byte[] b, TokenMap map, Diagnostic d) {
        return false;
    }

    /**
     * The documented differences that explain a disagreement, or an empty set when it is unexplained (or
     * there is no disagreement).
     */
    static Set<Difference> classify(Comparison c) {
        if (c.agree()) {
            return EnumSet.noneOf(Difference.class);
        }
        LibfdtVerdict libfdt = c.libfdt();
        if (libfdt.accepted() || libfdt.hung()) {
            Set<Difference> covered = coverEveryError(c);
            return libfdt.accepted() || covered.contains(PROP_LEN_OVERFLOW) ? covered : EnumSet.noneOf(Difference.class);
        }
        Set<Difference> found = EnumSet.noneOf(Difference.class);
        for (Difference diff : values()) {
            if (diff.explains(c)) {
                found.add(diff);
            }
        }
        return found;
    }

    /** The differences covering each of our ERROR findings; empty if there is none or one is not covered. */
    private static Set<Difference> coverEveryError(Comparison c) {
        Set<Difference> found = EnumSet.noneOf(Difference.class);
        byte[] b = c.mutant().bytes();
        TokenMap map = TokenMap.of(b);
        for (Diagnostic d : c.errors()) {
            Difference cover = null;
            for (Difference diff : values()) {
                if (diff.covers(b, map, d)) {
                    cover = diff;
                    break;
                }
            }
            if (cover == null) {
                return EnumSet.noneOf(Difference.class);
            }
            found.add(cover);
        }
        return found;
    }
}
