package dev.ktrdr.data;

import java.util.List;

/**
 * What validation found in one file: how many data rows were read and kept, and every row that was
 * dropped or fixed. Under {@link ValidationPolicy#STRICT} a report returned is always clean.
 *
 * @param file the file name as given to the reader
 * @param policy the policy used
 * @param rowsRead data rows read (blank lines and the header not counted)
 * @param rowsKept bars in the resulting series
 * @param issues every problem, in file order
 */
public record ValidationReport(String file, ValidationPolicy policy, int rowsRead, int rowsKept, List<RowIssue> issues) {
    /** Copies the issue list. */
    public ValidationReport {
        issues = List.copyOf(issues);
    }

    /** @return true when no row broke a rule */
    public boolean isClean() {
        return issues.isEmpty();
    }

    /**
     * @param rule a rule
     * @return the number of issues of that rule
     */
    public long count(ValidationRule rule) {
        return issues.stream().filter(i -> i.rule() == rule).count();
    }

    /** @return the issues whose row was dropped */
    public List<RowIssue> dropped() {
        return issues.stream().filter(i -> i.action() == RowIssue.Action.DROPPED).toList();
    }

    /** @return the issues whose row was kept with a fix */
    public List<RowIssue> fixed() {
        return issues.stream().filter(i -> i.action() == RowIssue.Action.FIXED).toList();
    }
}
