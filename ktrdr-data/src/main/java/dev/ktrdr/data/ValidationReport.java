package dev.ktrdr.data;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What validation found in one file: how many data rows were read and kept, how many problems of each
 * rule were found, and the first {@value #MAX_LISTED} of them in detail (a file with millions of bad
 * rows costs counters, not memory). Under {@link ValidationPolicy#STRICT} a report returned is always
 * clean.
 *
 * @param file the file name as given to the reader
 * @param policy the policy used
 * @param rowsRead data rows read (blank lines and the header not counted)
 * @param rowsKept bars in the resulting series
 * @param issues the first {@value #MAX_LISTED} problems found, in file order
 * @param ruleCounts the number of problems of each rule (all of them, not only those listed)
 * @param droppedCount the number of problems whose row was dropped (all of them)
 */
public record ValidationReport(String file, ValidationPolicy policy, int rowsRead, int rowsKept, List<RowIssue> issues,
                               Map<ValidationRule, Long> ruleCounts, long droppedCount) {
    /** The most problems a report lists in detail. */
    public static final int MAX_LISTED = 1000;

    /** Copies the list and the counts. */
    public ValidationReport {
        issues = List.copyOf(issues);
        ruleCounts = Map.copyOf(ruleCounts);
    }

    /**
     * A report whose list holds every problem (counts are taken from the list).
     *
     * @param file the file name
     * @param policy the policy used
     * @param rowsRead data rows read
     * @param rowsKept bars kept
     * @param issues every problem, in file order
     */
    public ValidationReport(String file, ValidationPolicy policy, int rowsRead, int rowsKept, List<RowIssue> issues) {
        this(file, policy, rowsRead, rowsKept, issues, countRules(issues),
                issues.stream().filter(i -> i.action() == RowIssue.Action.DROPPED).count());
    }

    private static Map<ValidationRule, Long> countRules(List<RowIssue> issues) {
        Map<ValidationRule, Long> m = new EnumMap<>(ValidationRule.class);
        for (RowIssue i : issues) {
            m.merge(i.rule(), 1L, Long::sum);
        }
        return m;
    }

    /** @return true when no row broke a rule */
    public boolean isClean() {
        return issueCount() == 0;
    }

    /** @return the number of problems found (at least {@code issues().size()}) */
    public long issueCount() {
        long s = 0;
        for (long c : ruleCounts.values()) {
            s += c;
        }
        return s;
    }

    /** @return the number of problems whose row was kept with a fix */
    public long fixedCount() {
        return issueCount() - droppedCount;
    }

    /**
     * @param rule a rule
     * @return the number of problems of that rule
     */
    public long count(ValidationRule rule) {
        return ruleCounts.getOrDefault(rule, 0L);
    }

    /** @return the listed problems whose row was dropped */
    public List<RowIssue> dropped() {
        return issues.stream().filter(i -> i.action() == RowIssue.Action.DROPPED).toList();
    }

    /** @return the listed problems whose row was kept with a fix */
    public List<RowIssue> fixed() {
        return issues.stream().filter(i -> i.action() == RowIssue.Action.FIXED).toList();
    }
}
