package io.khotools.fdt.check;

import java.util.Objects;

/**
 * One finding of a validator.
 *
 * @param ruleId stable rule id, lower-case, dotted and kebab-cased (e.g. {@code fdt.node.duplicate-name})
 * @param severity the severity after the validator's overrides
 * @param path the node path ({@code /soc/serial@1000}), or null when the finding is not inside a node
 * @param property the property name concerned, or null
 * @param offset absolute byte offset in the blob (0 = first header byte), or -1 when unknown
 * @param message what was found and what was expected
 */
public record Diagnostic(String ruleId, Severity severity, String path, String property, long offset, String message) {

    public Diagnostic {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        if (offset < -1) {
            throw new IllegalArgumentException("offset must be >= -1: " + offset);
        }
    }

    /** A copy with another severity. */
    public Diagnostic withSeverity(Severity newSeverity) {
        return newSeverity == severity ? this : new Diagnostic(ruleId, newSeverity, path, property, offset, message);
    }

    /**
     * The one-line form {@code severity rule-id location @offset: message}, e.g.
     * {@code error fdt.node.duplicate-name /soc/serial@1000 @0x1c4: ...}. The location is the path, or
     * {@code path:property} when a property is concerned, or {@code -} without a path; the offset is
     * {@code @0x} plus lower-case hex, or {@code @-} when unknown.
     */
    public String format() {
        String where = path == null ? "-" : property == null ? path : path + ":" + property;
        String at = offset < 0 ? "@-" : "@0x" + Long.toHexString(offset);
        return severity.label() + " " + ruleId + " " + where + " " + at + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}
