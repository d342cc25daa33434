package io.khotools.fdt.tree;

import java.util.Arrays;
import java.util.Objects;

/**
 * One difference between two trees, as {@link TreeDiff} finds it. Values are copies.
 *
 * <p>For node changes {@code property} is null and both values are null; for the header kinds the path is
 * "/" and the values hold the field's old and new value as 4 big-endian bytes ({@code BOOT_CPU}) or the
 * reservation list's raw 16-byte entries ({@code RESERVATIONS}).
 */
public final class TreeChange {
    /** What changed. */
    public enum Kind {
        /** A node (with its whole subtree) exists only in the second tree. */
        NODE_ADDED,
        /** A node (with its whole subtree) exists only in the first tree. */
        NODE_REMOVED,
        /** A property exists only in the second tree. */
        PROPERTY_ADDED,
        /** A property exists only in the first tree. */
        PROPERTY_REMOVED,
        /** A property's value differs. */
        PROPERTY_CHANGED,
        /** The memory reservation entries differ. */
        RESERVATIONS,
        /** The header's boot_cpuid_phys differs. */
        BOOT_CPU
    }

    private final Kind kind;
    private final String path;
    private final String property;
    private final byte[] oldValue;
    private final byte[] newValue;

    TreeChange(Kind kind, String path, String property, byte[] oldValue, byte[] newValue) {
        this.kind = Objects.requireNonNull(kind);
        this.path = Objects.requireNonNull(path);
        this.property = property;
        this.oldValue = oldValue == null ? null : oldValue.clone();
        this.newValue = newValue == null ? null : newValue.clone();
    }

    /** What changed. */
    public Kind kind() {
        return kind;
    }

    /** Path of the node concerned ("/" for header changes). */
    public String path() {
        return path;
    }

    /** The property's name, or null for node and header changes. */
    public String property() {
        return property;
    }

    /** The first tree's value (a copy), or null where it has none. */
    public byte[] oldValue() {
        return oldValue == null ? null : oldValue.clone();
    }

    /** The second tree's value (a copy), or null where it has none. */
    public byte[] newValue() {
        return newValue == null ? null : newValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeChange c && kind == c.kind && path.equals(c.path) && Objects.equals(property, c.property)
                && Arrays.equals(oldValue, c.oldValue) && Arrays.equals(newValue, c.newValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, property, Arrays.hashCode(oldValue), Arrays.hashCode(newValue));
    }

    @Override
    public String toString() {
        return kind + " " + path + (property == null ? "" : ":" + property);
    }
}
