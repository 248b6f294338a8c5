package dev.ktrdr.data;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Counts every problem of a read and keeps the first {@link ValidationReport#MAX_LISTED}; not thread-safe. */
final class IssueLog {
    private final long[] counts = new long[ValidationRule.values().length];
    private final List<RowIssue> listed = new ArrayList<>();
    private long dropped;

    void add(RowIssue issue) {
        counts[issue.rule().ordinal()]++;
        if (issue.action() == RowIssue.Action.DROPPED) {
            dropped++;
        }
        if (listed.size() < ValidationReport.MAX_LISTED) {
            listed.add(issue);
        }
    }

    /** @return true when another issue would still be listed (callers skip building its text otherwise) */
    boolean listing() {
        return listed.size() < ValidationReport.MAX_LISTED;
    }

    /** Counts an issue without building it. */
    void count(ValidationRule rule, RowIssue.Action action) {
        counts[rule.ordinal()]++;
        if (action == RowIssue.Action.DROPPED) {
            dropped++;
        }
    }

    ValidationReport report(String file, ValidationPolicy policy, int rowsRead, int rowsKept) {
        Map<ValidationRule, Long> m = new EnumMap<>(ValidationRule.class);
        for (ValidationRule r : ValidationRule.values()) {
            if (counts[r.ordinal()] > 0) {
                m.put(r, counts[r.ordinal()]);
            }
        }
        List<RowIssue> sorted = new ArrayList<>(listed);
        sorted.sort((a, b) -> Long.compare(a.line(), b.line()));
        return new ValidationReport(file, policy, rowsRead, rowsKept, sorted, m, dropped);
    }
}
