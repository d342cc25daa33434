package io.khotools.fdt.check;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Structural validator for flattened device tree blobs: every check of libfdt 1.8.1's
 * {@code fdt_check_header} and {@code fdt_check_full}, plus what they miss (duplicate names, name character
 * sets and lengths, no root, tokens before or after the root, overlapping blocks, non-zero padding). The rules
 * and their ids are listed in {@link FdtRules} and documented in docs/validation-rules.md.
 *
 * <p>{@link #validate} reports <em>all</em> findings and never throws, whatever bytes it is given: it reads
 * the blob in one linear pass, bounds every loop and allocation by the input length, does not recurse, and
 * keeps at most {@link #maxDiagnostics()} findings (plus one {@code fdt.report.limit} notice). Instances are
 * immutable and thread-safe; the {@code with*} methods return modified copies.
 *
 * <pre>{@code
 * Report report = Validator.defaults()
 *         .withSeverity(FdtRules.STRUCT_PAD_NONZERO, Severity.ERROR)
 *         .without(FdtRules.NODE_NAME_START)
 *         .validate(blob);
 * report.lines().forEach(System.out::println);
 * }</pre>
 */
public final class Validator {
    /** Default cap on findings kept in one report. */
    public static final int DEFAULT_MAX_DIAGNOSTICS = 1000;

    private static final Validator DEFAULTS = new Validator(Map.of(), Set.of(), List.of(), DEFAULT_MAX_DIAGNOSTICS);

    private final Map<String, Severity> overrides;
    private final Set<String> disabled;
    private final List<TreeRule> treeRules;
    private final int maxDiagnostics;

    private Validator(Map<String, Severity> overrides, Set<String> disabled, List<TreeRule> treeRules, int max) {
        this.overrides = overrides;
        this.disabled = disabled;
        this.treeRules = treeRules;
        this.maxDiagnostics = max;
    }

    /** The built-in FDT rules with their default severities, no tree rules, a cap of 1,000 findings. */
    public static Validator defaults() {
        return DEFAULTS;
    }

    /**
     * A copy that reports {@code ruleId} with {@code severity}. Works for built-in and tree-rule ids alike;
     * an id nobody reports is accepted and has no effect.
     */
    public Validator withSeverity(String ruleId, Severity severity) {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Map<String, Severity> m = new HashMap<>(overrides);
        m.put(ruleId, severity);
        return new Validator(Map.copyOf(m), disabled, treeRules, maxDiagnostics);
    }

    /** A copy that drops every finding of {@code ruleId}. */
    public Validator without(String ruleId) {
        Objects.requireNonNull(ruleId, "ruleId");
        Set<String> s = new HashSet<>(disabled);
        s.add(ruleId);
        return new Validator(overrides, Set.copyOf(s), treeRules, maxDiagnostics);
    }

    /**
     * A copy that also runs {@code rules}, in order, after the built-in checks and only when the structure
     * is readable (see {@link TreeRule}).
     */
    public Validator with(TreeRule... rules) {
        List<TreeRule> l = new ArrayList<>(treeRules);
        for (TreeRule r : rules) {
            l.add(Objects.requireNonNull(r, "rule"));
        }
        return new Validator(overrides, disabled, List.copyOf(l), maxDiagnostics);
    }

    /**
     * A copy that keeps at most {@code max} findings; further ones are counted in one INFO
     * {@code fdt.report.limit} finding (the first ERROR is kept even past the cap, so
     * {@link Report#hasErrors()} stays truthful).
     *
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public Validator withMaxDiagnostics(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1: " + max);
        }
        return new Validator(overrides, disabled, treeRules, max);
    }

    /** The cap on findings kept in one report. */
    public int maxDiagnostics() {
        return maxDiagnostics;
    }

    /**
     * Validates the blob starting at the buffer's reader index; the readable bytes are the buffer. Borrows
     * {@code blob}: its indices and reference count are unchanged. Big-endian, as every FDT field.
     *
     * @param blob the blob; borrowed
     * @return every finding; never throws for any content
     */
    public Report validate(ByteBuf blob) {
        Objects.requireNonNull(blob, "blob");
        ByteBuffer view = blob.nioBufferCount() == 1
                ? blob.nioBuffer(blob.readerIndex(), blob.readableBytes())
                : ByteBuffer.wrap(ByteBufUtil.getBytes(blob)); // composite: one copy, bounded by the input
        return run(view, blob);
    }

    /**
     * Validates {@code blob}, which is not modified or kept.
     *
     * @param blob the whole blob
     * @return every finding; never throws for any content
     */
    public Report validate(byte[] blob) {
        Objects.requireNonNull(blob, "blob");
        return run(ByteBuffer.wrap(blob), null);
    }

    private Report run(ByteBuffer view, ByteBuf original) {
        // a view of our own: position 0 is the blob's first byte, absolute gets, big-endian
        ByteBuffer b = view.slice().order(ByteOrder.BIG_ENDIAN);
        Findings findings = new Findings(overrides, disabled, maxDiagnostics);
        new BlobCheck(b, findings).run();
        if (!treeRules.isEmpty() && !findings.unreadable()) {
            ByteBuf blob = original != null ? original : Unpooled.wrappedBuffer(b.array(), b.arrayOffset(), b.limit());
            try {
                for (TreeRule rule : treeRules) {
                    runRule(rule, blob, findings);
                }
            } finally {
                if (original == null) {
                    blob.release();
                }
            }
        }
        return findings.toReport();
    }

    private static void runRule(TreeRule rule, ByteBuf blob, Findings findings) {
        int reader = blob.readerIndex();
        int writer = blob.writerIndex();
        try {
            rule.check(blob, findings);
        } catch (RuntimeException e) {
            // the contract is "never throws": a plugged-in rule's failure becomes a finding
            findings.report(new Diagnostic(FdtRules.RULE_FAILED, FdtRules.defaultSeverity(FdtRules.RULE_FAILED),
                    null, null, -1, rule.getClass().getName() + " failed: " + e));
        } finally {
            blob.setIndex(reader, writer);
        }
    }

    @Override
    public String toString() {
        return "Validator[overrides=" + overrides + ", disabled=" + Arrays.toString(disabled.toArray())
                + ", treeRules=" + treeRules.size() + ", max=" + maxDiagnostics + "]";
    }
}
