package io.khotools.fdt.dts.compile;

/** A label on a node or property; deleted with its owner (dtc keeps it, flagged, so a re-add revives it). */
final class Label {
    final String name;
    final Object owner;
    final Pos pos;
    boolean deleted;

    Label(String name, Object owner, Pos pos) {
        this.name = name;
        this.owner = owner;
        this.pos = pos;
    }
}
