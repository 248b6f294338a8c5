package dev.ktrdr.report;

import dev.ktrdr.api.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes the page of an audit ({@code ktrdr audit --out DIR}, {@code Ktrdr.writeReport(AuditReport, dir)}):
 * {@code index.html}, self-contained, one section per check with its verdict and every line of its evidence,
 * and the overall verdict at the top. Plain HTML with no script and no image, so it reads the same in any
 * browser, a screen reader or a mail client; text is escaped, so evidence naming a hostile file name cannot
 * inject markup.
 */
public final class AuditPage {
    private AuditPage() {
    }

    /**
     * One check of the audit.
     *
     * @param id short id of the check
     * @param title what it checked, in one line
     * @param verdict {@code pass}, {@code warn}, {@code fail} or {@code skipped}
     * @param evidence the lines naming symbol, timeframe, file, instants and figures
     */
    public record Section(String id, String title, String verdict, List<String> evidence) {
        /** Copies the evidence. */
        public Section {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(verdict, "verdict");
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * @param strategy the audited strategy's name
     * @param overall the overall verdict
     * @param seconds wall time of the audit
     * @param sections the checks in the order they ran
     * @param dir the report directory (created if needed)
     * @return the written {@code index.html}
     */
    public static Path write(String strategy, String overall, double seconds, List<Section> sections, Path dir) {
        StringBuilder sb = new StringBuilder(16 * 1024);
        String title = "Audit of " + strategy + ": " + overall;
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(title)).append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:980px;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .7rem;text-align:left}")
                .append(".pass{color:#176a2c}.warn{color:#8a5a00}.fail{color:#b00020}.skipped{color:#555}")
                .append("ul.evidence{font-family:ui-monospace,monospace;font-size:.9rem}")
                .append("</style></head><body>\n<h1>").append(esc(title)).append("</h1>\n");
        sb.append("<p>").append(String.format(Locale.ROOT, "%d checks in %.1f s. ", sections.size(), seconds))
                .append("Overall verdict: the worst verdict of the checks (fail, then warn); a skipped check never fails the audit.</p>\n");
        sb.append("<table class=\"summary\"><caption>Verdict per check</caption><thead><tr><th scope=\"col\">#</th>")
                .append("<th scope=\"col\">check</th><th scope=\"col\">verdict</th><th scope=\"col\">what it checks</th></tr></thead><tbody>");
        int n = 1;
        for (Section s : sections) {
            sb.append("<tr><td>").append(n++).append("</td><td><a href=\"#").append(anchor(s.id())).append("\">")
                    .append(esc(s.id())).append("</a></td><td class=\"").append(cls(s.verdict())).append("\">")
                    .append(esc(s.verdict())).append("</td><td>").append(esc(s.title())).append("</td></tr>");
        }
        sb.append("</tbody></table>\n");
        for (Section s : sections) {
            sb.append("<section id=\"").append(anchor(s.id())).append("\"><h2>").append(esc(s.id())).append(": <span class=\"")
                    .append(cls(s.verdict())).append("\">").append(esc(s.verdict())).append("</span></h2>\n<p>")
                    .append(esc(s.title())).append("</p>\n");
            if (s.evidence().isEmpty()) {
                sb.append("<p>No evidence lines.</p>\n");
            } else {
                sb.append("<ul class=\"evidence\">");
                for (String e : s.evidence()) {
                    sb.append("<li>").append(esc(e)).append("</li>");
                }
                sb.append("</ul>\n");
            }
            sb.append("</section>\n");
        }
        sb.append("</body></html>\n");
        try {
            Files.createDirectories(dir);
            Path index = dir.resolve("index.html");
            AtomicFiles.writeString(index, sb.toString());
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit page to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String cls(String verdict) {
        return switch (verdict) {
            case "pass", "warn", "fail", "skipped" -> verdict;
            default -> "other";
        };
    }

    private static String anchor(String id) {
        return "check-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
