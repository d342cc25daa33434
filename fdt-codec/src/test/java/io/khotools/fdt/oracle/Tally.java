package io.khotools.fdt.oracle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts of one differential run: blobs compared, both accepting, both rejecting, disagreements explained by
 * a documented {@link Difference} (per kind: a blob explained by two kinds counts once in the total and once
 * under each kind), and the unexplained ones grouped by {@link Comparison#signature()} with the first few kept
 * for the report. Not thread-safe.
 */
final class Tally {
    private final int keep;
    private long compared;
    private long bothAccept;
    private long bothReject;
    private long documented;
    private final Map<Difference, Long> byKind = new EnumMap<>(Difference.class);
    private final Map<String, Long> unexplained = new TreeMap<>();
    private final List<Comparison> examples = new ArrayList<>();

    /** @param keep how many unexplained comparisons to keep as examples */
    Tally(int keep) {
        this.keep = keep;
    }

    /** Records one comparison and the differences that explain it (empty when none do or none is needed). */
    void add(Comparison c, Set<Difference> explained) {
        compared++;
        if (c.agree()) {
            if (c.weAccept()) {
                bothAccept++;
            } else {
                bothReject++;
            }
        } else if (!explained.isEmpty()) {
            documented++;
            explained.forEach(d -> byKind.merge(d, 1L, Long::sum));
        } else {
            unexplained.merge(c.signature(), 1L, Long::sum);
            if (examples.size() < keep) {
                examples.add(c);
            }
        }
    }

    long compared() {
        return compared;
    }

    long bothAccept() {
        return bothAccept;
    }

    long bothReject() {
        return bothReject;
    }

    /** Number of unexplained disagreements. */
    long unexplained() {
        return unexplained.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The first unexplained comparisons. */
    List<Comparison> examples() {
        return List.copyOf(examples);
    }

    /**
     * The count line: {@code compared N, accepted A, rejected R, documented differences D (kind=n, ...),
     * unexplained U}; A and R count blobs both sides accept or reject.
     */
    String line() {
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((k, n) -> kinds.append(kinds.length() == 0 ? "" : ", ").append(k.id()).append('=').append(n));
        return "compared " + compared + ", accepted " + bothAccept + ", rejected " + bothReject
                + ", documented differences " + documented + " (" + kinds + "), unexplained " + unexplained();
    }

    /** One line per kind of unexplained disagreement, most frequent first. */
    String unexplainedSummary() {
        StringBuilder sb = new StringBuilder();
        unexplained.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sb.append("  ").append(e.getValue()).append(" × ").append(e.getKey()).append('\n'));
        return sb.toString();
    }
}
