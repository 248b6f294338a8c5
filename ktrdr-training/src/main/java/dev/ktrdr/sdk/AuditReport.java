package dev.ktrdr.sdk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Ktrdr#audit}: one verdict per check with its evidence, and the overall verdict
 * (the worst of the checks').
 *
 * @param strategy the strategy's name
 * @param checks the checks in the order they ran
 * @param seconds wall time of the audit
 */
public record AuditReport(String strategy, List<Check> checks, double seconds) {
    /** A check's verdict; {@code SKIPPED} when it did not run (it never makes the audit fail). */
    public enum Verdict { PASS, WARN, FAIL, SKIPPED }

    /**
     * @param id short id ({@code data}, {@code prefix}, {@code split}, {@code canary}, {@code baselines})
     * @param title one line saying what was checked
     * @param verdict its verdict
     * @param evidence lines naming symbol, timeframe, file, instants and figures
     */
    public record Check(String id, String title, Verdict verdict, List<String> evidence) {
        /** Copies the evidence. */
        public Check {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(verdict, "verdict");
            evidence = List.copyOf(evidence);
        }
    }

    /** Copies the checks. */
    public AuditReport {
        Objects.requireNonNull(strategy, "strategy");
        checks = List.copyOf(checks);
    }

    /** @return FAIL when a check failed, else WARN when one warned, else PASS */
    public Verdict overall() {
        Verdict v = Verdict.PASS;
        for (Check c : checks) {
            if (c.verdict() == Verdict.FAIL) {
                return Verdict.FAIL;
            }
            if (c.verdict() == Verdict.WARN) {
                v = Verdict.WARN;
            }
        }
        return v;
    }

    /**
     * @param id a check's id
     * @return that check
     * @throws IllegalArgumentException when no check has that id
     */
    public Check check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check '" + id + "'"));
    }

    /** @return the report as one table for people: a line per check, its evidence indented below */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "audit of %s (%.1f s)", strategy, seconds));
        out.add(String.format(Locale.ROOT, "  %-2s %-10s %-8s %s", "#", "check", "verdict", "what"));
        int n = 1;
        for (Check c : checks) {
            out.add(String.format(Locale.ROOT, "  %-2d %-10s %-8s %s", n++, c.id(), c.verdict().name().toLowerCase(Locale.ROOT),
                    c.title()));
            for (String e : c.evidence()) {
                out.add("                         " + e);
            }
        }
        out.add("overall: " + overall().name().toLowerCase(Locale.ROOT));
        return out;
    }

    /** @return {@code strategy, seconds, overall} and per check {@code id, title, verdict, evidence} */
    public String toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("strategy", strategy);
        out.put("seconds", Json.finite(seconds));
        out.put("overall", overall().name().toLowerCase(Locale.ROOT));
        List<Object> cs = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("title", c.title());
            m.put("verdict", c.verdict().name().toLowerCase(Locale.ROOT));
            m.put("evidence", c.evidence());
            cs.add(m);
        }
        out.put("checks", cs);
        return Json.write(out);
    }
}
