package io.khotools.fdt.testsupport;

import io.khotools.fdt.FdtFormat;
import io.khotools.fdt.gen.FdtBlobEdits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Named mutations of valid dtc-built blobs that make invalid ones, for blobs no DTS can express (libfdt's
 * {@code tests/trees.S} idea). The edits they use are the public {@link FdtBlobEdits}; the seeded, target-picking
 * variants of the same mutations for any valid blob are {@link io.khotools.fdt.gen.FdtMutators}. Each {@link Case} is named {@code <rule-id>--<case>} after the rule it must
 * trigger; {@code testdata/fdt/invalid/<name>.dtb} holds its output, checked by {@code InvalidFixturesTest}.
 *
 * <p>The helpers work on {@code byte[]} copies and keep the header consistent: inserting or replacing bytes
 * inside the structure block moves every later block and grows totalsize and size_dt_struct, so a case
 * breaks exactly the one thing it names.
 */
public final class TestBlobs {
    private TestBlobs() {}

    /** The golden every case derives from unless it names another. */
    public static final String BASIC = "fdt/valid/basic.dtb";

    /**
     * One named mutation.
     *
     * @param name {@code <rule-id>--<case>}
     * @param base testdata-relative path of the valid blob it starts from
     * @param mutation returns the invalid blob; gets a private copy of the base
     */
    public record Case(String name, String base, UnaryOperator<byte[]> mutation) {
        /** The rule id part of the name. */
        public String ruleId() {
            return name.substring(0, name.indexOf("--"));
        }

        /** Builds the invalid blob from the base golden. */
        public byte[] build() {
            return mutation.apply(TestData.bytes(base));
        }
    }

    /** Every invalid case, in a fixed order. */
    public static List<Case> invalidCases() {
        List<Case> c = new ArrayList<>();
        add(c, "fdt.header.truncated--short-buffer", b -> Arrays.copyOf(b, 20));
        add(c, "fdt.header.truncated--v17-header-cut", b -> Arrays.copyOf(b, FdtFormat.HEADER_SIZE_V17 - 4));
        add(c, "fdt.header.magic--flipped-bit", b -> xorByte(b, 3, 0x10));
        add(c, "fdt.header.magic--sequential-write", b -> putInt(b, FdtFormat.OFF_MAGIC, FdtFormat.SW_MAGIC));
        add(c, "fdt.header.version--version-1", b -> putInt(putInt(b, FdtFormat.OFF_VERSION, 1),
                FdtFormat.OFF_LAST_COMP_VERSION, 1));
        add(c, "fdt.header.version--last-comp-18", b -> putInt(putInt(b, FdtFormat.OFF_VERSION, 18),
                FdtFormat.OFF_LAST_COMP_VERSION, 18));
        add(c, "fdt.header.totalsize--larger-than-buffer", b -> putInt(b, FdtFormat.OFF_TOTALSIZE, b.length + 16));
        add(c, "fdt.header.totalsize--below-header", b -> putInt(b, FdtFormat.OFF_TOTALSIZE, 16));
        add(c, "fdt.header.alignment--struct-off-by-two", b -> misalignStruct(b));
        add(c, "fdt.block.bounds--strings-past-totalsize", b -> putInt(b, FdtFormat.OFF_SIZE_DT_STRINGS,
                getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS) + 0x40));
        add(c, "fdt.block.bounds--struct-inside-header", b -> putInt(b, FdtFormat.OFF_OFF_DT_STRUCT, 0x10));
        add(c, "fdt.block.overlap--strings-over-struct-end", TestBlobs::stringsOverlapStruct);
        add(c, "fdt.rsvmap.unterminated--at-end-of-blob", b -> putInt(b, FdtFormat.OFF_OFF_MEM_RSVMAP,
                (b.length - 1) & -8));
        add(c, "fdt.rsvmap.terminator--address-nonzero", b -> putInt(b, rsvmapStart(b) + 16 + 4, 0x1234));
        add(c, "fdt.struct.token--five", b -> putInt(b, propOffset(b, "/chosen", "bootargs"), 5));
        add(c, "fdt.struct.truncated--size-dt-struct-short", b -> putInt(b, FdtFormat.OFF_SIZE_DT_STRUCT,
                getInt(b, FdtFormat.OFF_SIZE_DT_STRUCT) - 4));
        add(c, "fdt.struct.truncated--prop-len-huge", b -> putInt(b, propOffset(b, "/chosen", "bootargs") + 4,
                0x7ffffff0));
        add(c, "fdt.struct.no-root--only-end", b -> putInt(putInt(b, structStart(b), FdtFormat.TOKEN_END),
                FdtFormat.OFF_SIZE_DT_STRUCT, 4));
        add(c, "fdt.struct.two-roots--empty-second-root", b -> insertStruct(b, endToken(b),
                words(FdtFormat.TOKEN_BEGIN_NODE, 0, FdtFormat.TOKEN_END_NODE)));
        add(c, "fdt.struct.before-root--nop", b -> insertStruct(b, structStart(b), words(FdtFormat.TOKEN_NOP)));
        add(c, "fdt.struct.before-root--prop", b -> insertStruct(b, structStart(b),
                words(FdtFormat.TOKEN_PROP, 0, nameoff(b, "/", "model"))));
        add(c, "fdt.struct.after-root--prop", b -> insertStruct(b, endToken(b),
                words(FdtFormat.TOKEN_PROP, 0, nameoff(b, "/", "model"))));
        add(c, "fdt.struct.nop-after-root--one-nop", b -> insertStruct(b, endToken(b), words(FdtFormat.TOKEN_NOP)));
        add(c, "fdt.struct.end-in-node--root-not-closed", b -> putInt(b, endToken(b) - 4, FdtFormat.TOKEN_NOP));
        add(c, "fdt.struct.unbalanced--extra-end-node", b -> insertStruct(b, endToken(b),
                words(FdtFormat.TOKEN_END_NODE)));
        add(c, "fdt.struct.pad-nonzero--value-and-name", b -> {
            int bytes = propOffset(b, "/serial@2000", "bytes");
            b[bytes + 12 + 3] = (byte) 0xff; // value is 3 bytes: one pad byte follows
            b[nodeOffset(b, "/chosen") + 4 + 7] = (byte) 0xaa; // "chosen\0" + one pad byte
            return b;
        });
        add(c, "fdt.struct.prop-after-node--root-prop-last", b -> insertStruct(b, endToken(b) - 4,
                words(FdtFormat.TOKEN_PROP, 0, nameoff(b, "/interrupt-controller@1000", "interrupt-controller"))));
        add(c, "fdt.struct.trailing-data--zero-word-after-end", b -> insertStruct(b, endToken(b) + 4, words(0)));
        add(c, "fdt.root.name--named-root", b -> {
            b[structStart(b) + 4] = 'r';
            return b;
        });
        add(c, "fdt.string.offset--past-strings-block", b -> putInt(b, propOffset(b, "/chosen", "bootargs") + 8,
                getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS) + 0x100));
        add(c, "fdt.string.unterminated--last-nul-overwritten", b -> {
            b[getInt(b, FdtFormat.OFF_OFF_DT_STRINGS) + getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS) - 1] = 'x';
            return b;
        });
        add(c, "fdt.node.duplicate-name--two-chosen", b -> renameNode(b, "/serial@2000", "chosen"));
        add(c, "fdt.node.name-chars--dollar", b -> renameNode(b, "/chosen", "cho$en"));
        add(c, "fdt.node.name-format--two-at", b -> renameNode(b, "/memory@80000000", "memory@8000@000"));
        add(c, "fdt.node.name-empty--unit-address-only", b -> renameNode(b, "/serial@2000", "@2000"));
        add(c, "fdt.node.name-length--32-chars", b -> renameNode(b, "/chosen", "chosen-abcdefghijklmnopqrstuvwxy"));
        add(c, "fdt.node.name-start--digit", b -> renameNode(b, "/cpus", "0cpus"));
        add(c, "fdt.property.duplicate-name--reg-twice", b -> putInt(b, propOffset(b, "/serial@2000", "reg") + 8,
                nameoff(b, "/serial@2000", "compatible")));
        add(c, "fdt.property.name-chars--dollar", b -> renameString(b, "bootargs", "boot$rgs"));
        add(c, "fdt.property.name-chars-spec--star", b -> renameString(b, "bootargs", "boot*rgs"));
        add(c, "fdt.property.name-length--32-chars", b -> {
            int size = getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS);
            byte[] out = appendString(b, "bootargs-abcdefghijklmnopqrstuvw");
            return putInt(out, propOffset(out, "/chosen", "bootargs") + 8, size);
        });
        add(c, "fdt.node.name-property--chosen-named-console", b -> {
            // /chosen's bootargs renamed to "name": its value "console=ttyS0" is not the base name "chosen"
            int size = getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS);
            byte[] out = appendString(b, "name");
            return putInt(out, propOffset(out, "/chosen", "bootargs") + 8, size);
        });
        add(c, "fdt.node.phandle--two-cells", b -> {
            // /interrupt-controller@1000's phandle (one cell) grows to two: "bad length (8)" for dtc
            int prop = propOffset(b, "/interrupt-controller@1000", "phandle");
            return insertStruct(putInt(b, prop + 4, 8), prop + 16, words(0x11111111));
        });
        add(c, "fdt.property.name-empty--points-at-nul", b -> putInt(b, propOffset(b, "/chosen", "bootargs") + 8,
                getInt(b, FdtFormat.OFF_SIZE_DT_STRINGS) - 1));
        return List.copyOf(c);
    }

    private static void add(List<Case> cases, String name, UnaryOperator<byte[]> mutation) {
        cases.add(new Case(name, BASIC, mutation));
    }

    // ---------------------------------------------------------------- mutations used by several cases
    // The byte-level edits live in the public io.khotools.fdt.gen.FdtBlobEdits (also behind FdtMutators);
    // these delegates keep the signatures other tests use.

    /** Inserts two zero bytes before the structure block, so off_dt_struct is 2 mod 4 and everything still reads. */
    public static byte[] misalignStruct(byte[] b) {
        return FdtBlobEdits.misalignStruct(b);
    }

    /** Moves the strings block 4 bytes back so it starts on the FDT_END token, fixing every name offset. */
    public static byte[] stringsOverlapStruct(byte[] b) {
        return FdtBlobEdits.stringsOverlapStruct(b);
    }

    // ---------------------------------------------------------------- locating things (through FdtReader)

    /** Absolute offset of the structure block. */
    public static int structStart(byte[] b) {
        return FdtBlobEdits.structStart(b);
    }

    /** Absolute offset of the memory reservation block. */
    public static int rsvmapStart(byte[] b) {
        return FdtBlobEdits.rsvmapStart(b);
    }

    /** Absolute offset of the FDT_END token (the last 4 bytes of a dtc-built structure block). */
    public static int endToken(byte[] b) {
        return FdtBlobEdits.endToken(b);
    }

    /** Absolute offset of the BEGIN_NODE token of the node at {@code path}. */
    public static int nodeOffset(byte[] b, String path) {
        return FdtBlobEdits.nodeOffset(b, path);
    }

    /** Absolute offset of the PROP token of {@code path:name}. */
    public static int propOffset(byte[] b, String path, String name) {
        return FdtBlobEdits.propOffset(b, path, name);
    }

    /** The strings-block offset of the name of {@code path:name}. */
    public static int nameoff(byte[] b, String path, String name) {
        return FdtBlobEdits.nameoff(b, path, name);
    }

    /** Absolute offsets of every PROP token, in order. */
    public static List<Integer> propOffsets(byte[] b) {
        return FdtBlobEdits.propOffsets(b);
    }

    // ---------------------------------------------------------------- editing with header fix-ups

    /**
     * Replaces {@code oldLen} bytes at {@code at} inside the structure block with {@code data} (the size change
     * must keep 4-byte alignment), moving later blocks and growing size_dt_struct and totalsize.
     */
    public static byte[] replaceStruct(byte[] b, int at, int oldLen, byte[] data) {
        return FdtBlobEdits.replaceStruct(b, at, oldLen, data);
    }

    /** Inserts {@code data} at {@code at} inside (or at the end of) the structure block. */
    public static byte[] insertStruct(byte[] b, int at, byte[] data) {
        return FdtBlobEdits.insertStruct(b, at, data);
    }

    /** Renames the node at {@code path}: its name and padding are rewritten, later bytes move. */
    public static byte[] renameNode(byte[] b, String path, String newName) {
        return FdtBlobEdits.renameNode(b, path, newName);
    }

    /** Overwrites the strings-block entry {@code old} with {@code replacement} of the same length. */
    public static byte[] renameString(byte[] b, String old, String replacement) {
        return FdtBlobEdits.renameString(b, old, replacement);
    }

    /** Appends {@code name} and its NUL to the strings block (which must end the blob); its offset is the old size. */
    public static byte[] appendString(byte[] b, String name) {
        return FdtBlobEdits.appendString(b, name);
    }

    // ---------------------------------------------------------------- raw bytes

    /** Big-endian u32 words as bytes. */
    public static byte[] words(int... words) {
        return FdtBlobEdits.words(words);
    }

    /** Reads a big-endian u32. */
    public static int getInt(byte[] b, int off) {
        return FdtBlobEdits.getInt(b, off);
    }

    /** Writes a big-endian u32 in place and returns {@code b}. */
    public static byte[] putInt(byte[] b, int off, int v) {
        return FdtBlobEdits.putInt(b, off, v);
    }

    /** XORs one byte in place and returns {@code b}. */
    public static byte[] xorByte(byte[] b, int off, int mask) {
        return FdtBlobEdits.xorByte(b, off, mask);
    }
}
