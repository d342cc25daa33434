package io.khotools.fdt.dts.compile;

import java.util.ArrayList;
import java.util.List;

/** A property of the compiler's working tree. Deleted entries stay in place (dtc revives them in place). */
final class DProp {
    final String name;
    final Pos pos;
    Value value;
    boolean deleted;
    /** In reverse source order: dtc prepends labels, so the newest is printed first. */
    final List<Label> labels = new ArrayList<>(0);

    DProp(String name, Value value, Pos pos) {
        this.name = name;
        this.value = value;
        this.pos = pos;
    }

    /** Adds a label unless present (then revives it). */
    void addLabel(String label, Pos at) {
        for (Label l : labels) {
            if (l.name.equals(label)) {
                l.deleted = false;
                return;
            }
        }
        labels.add(new Label(label, this, at));
    }
}
