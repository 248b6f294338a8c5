package dev.ktrdr.report;

import java.nio.file.NoSuchFileException;
import dev.ktrdr.api.io.StrictText;
import dev.ktrdr.api.io.FileRefusedException;
import dev.ktrdr.api.io.BoundedFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what the library writes to disk into {@link ReportData}: a model version directory
 * ({@code metrics.json}, {@code history.csv}) or a backtest directory ({@code equity.csv} as written by
 * {@code BacktestCsv}, optionally {@code buy_and_hold.csv}, {@code trades.csv} and {@code metrics.json} or {@code ktrdr backtest --out}'s
 * {@code summary.json}).
 * Every section is filled only from what is there; nothing is invented.
 *
 * <p>Stateless and thread-safe.
 */
public final class ReportSources {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The largest report source read: 64 MiB. */
    private static final long MAX_SOURCE_BYTES = 64L << 20;

    private ReportSources() {
    }

    /**
     * @param dir a directory
     * @return true when it looks like a model version directory (it has {@code metrics.json} and no
     *     {@code equity.csv})
     */
    public static boolean isModelDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve("metrics.json")) && !Files.isRegularFile(dir.resolve("equity.csv"));
    }

    /**
     * @param dir a directory
     * @return true when it holds a backtest's {@code equity.csv}
     */
    public static boolean isBacktestDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve("equity.csv"));
    }

    /**
     * Reads a model version directory.
     *
     * @param dir the directory with {@code metrics.json} and optionally {@code history.csv}
     * @return the report data (summary, training curves, per-symbol accuracy, importance, confusion,
     *     embedding map, as far as the files hold them)
     * @throws DataException naming the file when one is unreadable or malformed
     */
    public static ReportData fromModelDirectory(Path dir) {
        String metrics = read(dir.resolve("metrics.json"));
        Path h = dir.resolve("history.csv");
        String history = Files.isRegularFile(h) ? read(h) : "";
        String title = "Model " + dir.toAbsolutePath().normalize().getFileName();
        return fromModelFiles(title, metrics, dir.resolve("metrics.json").toString(), history, h.toString());
    }

    /**
     * Builds report data from a model's metrics and epoch history as text.
     *
     * @param title the page title
     * @param metricsJson the {@code metrics.json} text written by the trainer
     * @param metricsSource where it came from, for error messages
     * @param historyCsv the {@code history.csv} text, or empty for none
     * @param historySource where it came from, for error messages
     * @return the report data
     * @throws DataException naming the source when a file is malformed
     */
    public static ReportData fromModelFiles(String title, String metricsJson, String metricsSource, String historyCsv,
                                            String historySource) {
        JsonNode m = parse(metricsJson, metricsSource);
        ReportData d = ReportData.empty(title);
        Map<String, String> summary = new LinkedHashMap<>();
        JsonNode test = m.path("test");
        if (test.isObject()) {
            summary.put("test rows", test.path("rows").asText("-"));
            summary.put("test accuracy", pct(test.path("accuracy")));
            JsonNode edge = m.path("edge_test");
            if (edge.isObject()) {
                // the per-symbol baseline (each symbol's own majority class, row-weighted) is the one to beat
                summary.put("per-symbol baseline", pct(edge.path("baseline_accuracy")));
                summary.put("pooled majority baseline", pct(edge.path("pooled_majority_accuracy")));
                summary.put("edge over the stronger baseline", edgeText(edge));
            } else {
                summary.put("majority-class baseline", pct(test.path("majority_baseline")));
            }
            if (m.path("label_caveat").isTextual()) {
                summary.put("label caveat", m.path("label_caveat").asText());
            }
            summary.put("macro F1", num(test.path("macro_f1")));
            Map<String, Double> acc = new LinkedHashMap<>();
            Map<String, Double> base = new LinkedHashMap<>();
            Map<String, Long> rows = new LinkedHashMap<>();
            if (edge.isObject() && edge.path("accuracy").isNumber() && test.path("per_symbol").size() > 1) {
                acc.put("all symbols", edge.path("accuracy").asDouble());
                base.put("all symbols", edge.path("baseline_accuracy").asDouble(0));
                if (test.path("rows").isNumber()) {
                    rows.put("all symbols", test.path("rows").asLong());
                }
            }
            for (Map.Entry<String, JsonNode> e : test.path("per_symbol").properties()) {
                if (e.getValue().path("accuracy").isNumber()) {
                    acc.put(e.getKey(), e.getValue().path("accuracy").asDouble());
                    base.put(e.getKey(), e.getValue().path("majority_baseline").asDouble(0));
                    if (e.getValue().path("rows").isNumber()) {
                        rows.put(e.getKey(), e.getValue().path("rows").asLong());
                    }
                }
            }
            d = d.withPerSymbol(acc, base).withPerSymbolRows(rows);
            JsonNode c = test.path("confusion");
            if (c.isArray() && c.size() == 3) {
                int[][] cm = new int[3][3];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        cm[i][j] = c.path(i).path(j).asInt();
                    }
                }
                d = d.withConfusion(cm);
            }
        }
        JsonNode mom = m.path("momentum_baseline_test").path("overall");
        if (mom.isObject()) {
            summary.put("momentum baseline (" + m.path("momentum_baseline_test").path("lookback").asText("?") + " bars)",
                    pct(mom.path("accuracy")));
        }
        if (m.path("validation").isObject()) {
            summary.put("validation accuracy", pct(m.path("validation").path("accuracy")));
        }
        if (m.has("best_epoch")) {
            // counted from 1 as in the charts and the CLI; files written before "epochs_counted_from" count from 0
            int best = m.path("best_epoch").asInt() + (m.has("epochs_counted_from") ? 0 : 1);
            summary.put("best epoch (counted from 1)", best + (m.has("epochs_run") ? " of " + m.path("epochs_run").asText() : ""));
        }
        JsonNode imp = m.path("permutation_importance_test");
        if (imp.isObject()) {
            d = d.withImportance(doubles(imp.path("per_timeframe")), doubles(imp.path("per_set")));
            List<ReportData.GroupImportance> groups = new ArrayList<>();
            for (Map.Entry<String, JsonNode> g : imp.path("group").properties()) {
                List<ReportData.Bar> bars = new ArrayList<>();
                for (Map.Entry<String, JsonNode> b : g.getValue().path("groups").properties()) {
                    bars.add(new ReportData.Bar(b.getKey(), numOrNaN(b.getValue().path("mean_drop")),
                            numOrNaN(b.getValue().path("ci_low")), numOrNaN(b.getValue().path("ci_high"))));
                }
                groups.add(new ReportData.GroupImportance(g.getKey(), g.getValue().path("rows").asInt(),
                        g.getValue().path("repeats").asInt(), bars));
            }
            d = d.withImportanceGroups(groups);
        }
        JsonNode emb = m.path("symbol_embeddings");
        if (emb.isObject() && emb.path("names").isArray() && emb.path("pca_2d").isArray()) {
            Map<String, double[]> coords = new LinkedHashMap<>();
            for (int i = 0; i < emb.path("names").size() && i < emb.path("pca_2d").size(); i++) {
                JsonNode p = emb.path("pca_2d").path(i);
                coords.put(emb.path("names").path(i).asText(), new double[] {p.path(0).asDouble(), p.path(1).asDouble()});
            }
            d = d.withEmbedding(coords);
        }
        if (!historyCsv.isBlank()) {
            d = d.withTraining(history(historyCsv, historySource));
        }
        return d.withSummary(summary);
    }

    /**
     * Reads a backtest directory: {@code equity.csv} ({@code time,equity,drawdown}), the optional
     * {@code buy_and_hold.csv} ({@code time,buy_and_hold}, same times), the optional {@code metrics.json}
     * or {@code summary.json} (their scalar figures, also those under {@code metrics}, become the summary
     * table) and the optional {@code trades.csv} (counted).
     *
     * @param dir the directory
     * @return the report data (equity and drawdown charts, summary)
     * @throws DataException naming the file and line when one is malformed
     */
    public static ReportData fromBacktestDirectory(Path dir) {
        Path eq = dir.resolve("equity.csv");
        List<String[]> rows = csv(read(eq), eq.toString(), "time", 2);
        long[] times = new long[rows.size()];
        double[] equity = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            times[i] = instant(rows.get(i)[0], eq, i + 2);
            equity[i] = number(rows.get(i)[1], eq, i + 2);
        }
        double[] bench = new double[0];
        Path bh = dir.resolve("buy_and_hold.csv");
        if (Files.isRegularFile(bh)) {
            List<String[]> b = csv(read(bh), bh.toString(), "time", 2);
            if (b.size() != rows.size()) {
                throw new DataException(bh + ": " + b.size() + " rows, but equity.csv has " + rows.size());
            }
            bench = new double[b.size()];
            for (int i = 0; i < b.size(); i++) {
                if (instant(b.get(i)[0], bh, i + 2) != times[i]) {
                    throw new DataException(bh + " line " + (i + 2) + ": time " + b.get(i)[0] + " differs from equity.csv");
                }
                bench[i] = number(b.get(i)[1], bh, i + 2);
            }
        }
        String name = dir.toAbsolutePath().normalize().getFileName().toString();
        JsonNode sj = null;
        Path sp = dir.resolve("summary.json");
        if (Files.isRegularFile(sp)) {
            sj = parse(read(sp), sp.toString());
        }
        // title: strategy, symbol (or the portfolio's size) and window, as far as summary.json names them
        String what = name;
        if (sj != null && sj.path("strategy").isTextual()) {
            what = sj.path("strategy").asText() + (sj.path("symbol").isTextual() ? " on " + sj.path("symbol").asText()
                    : sj.path("symbols").isArray() ? ", portfolio of " + sj.path("symbols").size() + " symbols" : "");
        }
        String window = times.length == 0 ? "" : ", " + Instant.ofEpochMilli(times[0]).toString().substring(0, 10) + " to "
                + Instant.ofEpochMilli(times[times.length - 1]).toString().substring(0, 10) + " (UTC)";
        String label = sj != null && sj.path("symbol").isTextual() ? sj.path("symbol").asText()
                : sj != null && sj.path("symbols").isArray() ? "portfolio" : name;
        ReportData d = ReportData.empty("Backtest: " + what + window)
                .withEquity(new ReportData.Equity(label, times, equity, bench));
        // long windows (3 years and more) or curves that grow or fall fourfold get a logarithmic equity chart too
        boolean log = times.length > 1 && (times[times.length - 1] - times[0] >= 3 * 365L * 86_400_000L || spread(equity) >= 4);
        d = d.withDisplay(new ReportData.Display("quote currency", log));
        if (sj != null && sj.path("symbols").isArray()) {
            d = d.withPortfolio(portfolio(sj));
        }
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("bars", Integer.toString(times.length));
        if (times.length > 0) {
            summary.put("from", Instant.ofEpochMilli(times[0]).toString());
            summary.put("to", Instant.ofEpochMilli(times[times.length - 1]).toString());
        }
        Path tr = dir.resolve("trades.csv");
        if (Files.isRegularFile(tr)) {
            summary.put("trades", Integer.toString(csv(read(tr), tr.toString(), "entry_time", 9).size()));
        }
        for (String file : List.of("summary.json", "metrics.json")) {
            Path mj = dir.resolve(file);
            if (Files.isRegularFile(mj)) {
                JsonNode m = parse(read(mj), mj.toString());
                scalars(m, summary);
                // ktrdr backtest --out nests its figures under "metrics"
                scalars(m.path("metrics"), summary);
            }
        }
        return d.withSummary(summary);
    }

    private static double spread(double[] v) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return lo > 0 ? hi / lo : 1;
    }

    /** The portfolio section from a portfolio backtest's summary.json ({@code symbols}, {@code exposure_by_asset_class}, {@code correlation}). */
    private static ReportData.Portfolio portfolio(JsonNode sj) {
        Map<String, Double> contribution = new LinkedHashMap<>();
        for (JsonNode s : sj.path("symbols")) {
            contribution.put(s.path("symbol").asText("?"), numOrNaN(s.path("contribution")));
        }
        Map<String, Double> exposure = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : sj.path("exposure_by_asset_class").properties()) {
            exposure.put(e.getKey(), numOrNaN(e.getValue()));
        }
        List<String> symbols = new ArrayList<>();
        sj.path("correlation").path("symbols").forEach(n -> symbols.add(n.asText()));
        double[][] m = new double[symbols.size()][symbols.size()];
        JsonNode rows = sj.path("correlation").path("matrix");
        for (int a = 0; a < symbols.size(); a++) {
            for (int b = 0; b < symbols.size(); b++) {
                m[a][b] = numOrNaN(rows.path(a).path(b));
            }
        }
        return new ReportData.Portfolio(contribution, exposure, symbols, m);
    }

    /** e.g. {@code +1.20 pts, 95% interval [-0.40, +2.80] over per-symbol baseline: no edge}. */
    private static String edgeText(JsonNode e) {
        if (!e.path("edge").isNumber()) {
            return "-";
        }
        String ci = e.path("edge_ci_low").isNumber() ? String.format(java.util.Locale.ROOT, ", %.0f%% interval [%+.2f, %+.2f]",
                100 * e.path("confidence").asDouble(0.95), 100 * e.path("edge_ci_low").asDouble(),
                100 * e.path("edge_ci_high").asDouble()) : ", no interval";
        return String.format(java.util.Locale.ROOT, "%+.2f pts%s over %s: %s", 100 * e.path("edge").asDouble(), ci,
                e.path("edge_against").asText("?"), e.path("verdict").asText("?"));
    }

    private static void scalars(JsonNode m, Map<String, String> into) {
        for (Map.Entry<String, JsonNode> e : m.properties()) {
            if (e.getValue().isNumber()) {
                into.put(e.getKey(), String.format(Locale.ROOT, "%.4f", e.getValue().asDouble()));
            } else if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                into.put(e.getKey(), e.getValue().asText());
            }
        }
    }

    /**
     * Reads training curves from {@code history.csv} text.
     *
     * @param csv the text, with the header {@code epoch,train_loss,train_accuracy,val_loss,val_accuracy,...}
     * @param source where it came from, for error messages
     * @return the curves; a missing value (empty cell) becomes NaN
     * @throws DataException naming the source and line when the header or a number is malformed
     */
    public static ReportData.Training history(String csv, String source) {
        String[] lines = csv.strip().split("\r?\n");
        List<String> header = List.of(lines[0].split(",", -1));
        int tl = column(header, "train_loss", source);
        int ta = column(header, "train_accuracy", source);
        int vl = column(header, "val_loss", source);
        int va = column(header, "val_accuracy", source);
        int n = lines.length - 1;
        double[][] c = new double[4][n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].split(",", -1);
            if (f.length != header.size()) {
                throw new DataException(source + " line " + (i + 2) + ": " + f.length + " fields, the header has " + header.size());
            }
            int[] cols = {tl, vl, ta, va};
            for (int k = 0; k < 4; k++) {
                c[k][i] = f[cols[k]].isEmpty() ? Double.NaN : parseNumber(f[cols[k]], source, i + 2);
            }
        }
        return new ReportData.Training(c[0], c[1], c[2], c[3]);
    }

    private static int column(List<String> header, String name, String source) {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new DataException(source + " line 1: no column '" + name + "' in " + header);
        }
        return i;
    }

    private static List<String[]> csv(String text, String source, String firstColumn, int minFields) {
        String[] lines = text.strip().split("\r?\n");
        if (lines.length == 0 || !lines[0].startsWith(firstColumn + ",")) {
            throw new DataException(source + " line 1: expected a header starting with '" + firstColumn + ",'");
        }
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length < minFields) {
                throw new DataException(source + " line " + (i + 1) + ": " + f.length + " fields, expected at least " + minFields);
            }
            out.add(f);
        }
        return out;
    }

    private static long instant(String s, Path file, int line) {
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new DataException(file + " line " + line + ": '" + s + "' is not an ISO-8601 UTC instant");
        }
    }

    private static double number(String s, Path file, int line) {
        return parseNumber(s, file.toString(), line);
    }

    private static double parseNumber(String s, String source, int line) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataException(source + " line " + line + ": '" + s + "' is not a number");
        }
    }

    private static double numOrNaN(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static Map<String, Double> doubles(JsonNode n) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (e.getValue().isNumber()) {
                out.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return out;
    }

    private static String pct(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.2f %%", 100 * n.asDouble()) : "-";
    }

    private static String num(JsonNode n) {
        return n.isNumber() ? String.format(Locale.ROOT, "%.4f", n.asDouble()) : "-";
    }

    private static JsonNode parse(String text, String source) {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new DataException(source + ": expected a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new DataException(source + " line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        }
    }

    private static String read(Path p) {
        try {
            return BoundedFiles.readUtf8(p, MAX_SOURCE_BYTES, "report source");
        } catch (NoSuchFileException e) {
            throw new DataException(StrictText.printable(p.toString()) + ": no such file");
        } catch (FileRefusedException e) {
            throw new DataException(e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": " + e.getMessage(), e);
        }
    }
}
