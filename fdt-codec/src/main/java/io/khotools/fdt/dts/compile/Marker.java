package io.khotools.fdt.dts.compile;

/**
 * A position inside a property value: a phandle reference (a 4-byte cell to patch), a path reference (the
 * target's path goes in here) or a value label.
 */
final class Marker {
    enum Type { PHANDLE, PATH, LABEL }

    final Type type;
    /** Byte offset in the value; moves when a path is inserted before it. */
    int offset;
    /** Label or path of the reference, or the label's name. */
    final String ref;
    final Pos pos;
    /** PHANDLE: set when the reference could not be resolved (overlays: goes to __fixups__). */
    boolean unresolved;

    Marker(Type type, int offset, String ref, Pos pos) {
        this.type = type;
        this.offset = offset;
        this.ref = ref;
        this.pos = pos;
    }
}
