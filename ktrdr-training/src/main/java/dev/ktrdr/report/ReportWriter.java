package dev.ktrdr.report;

import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.KtrdrException;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes a report directory: one PNG per chart (xchart) and {@code index.html}, a self-contained page
 * that embeds the same PNGs as data URIs, so it can be mailed or opened offline.
 *
 * <p>Charts: equity against buy-and-hold, drawdown, training and validation loss and accuracy,
 * per-symbol accuracy against the per-symbol baseline (each symbol's own majority class), group permutation
 * importance (the accuracy drop when all columns of one timeframe, fuzzy set or indicator are shuffled
 * together, with its interval; older model directories: the sums of single-column drops, labelled as such),
 * the confusion matrix, a calibration (reliability) plot and the symbol-embedding map; each
 * is drawn only when its section is present.
 *
 * <p>Runs headless. Not thread-safe per instance; create one per report.
 */
public final class ReportWriter {
    private static final int W = 900;
    private static final int H = 420;
    private static final int MAX_POINTS = 2_000;
    /** Caption of the chart of summed single-column drops per timeframe. */
    static final String SUM_PER_TIMEFRAME = "Sum of single-column accuracy drops per timeframe (each column shuffled alone)";
    /** Caption of the chart of summed single-column drops per fuzzy set. */
    static final String SUM_PER_SET = "Sum of single-column accuracy drops per fuzzy set (each column shuffled alone)";

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * One written chart.
     *
     * @param file the PNG
     * @param title its caption
     */
    public record ChartFile(Path file, String title) {
    }

    /**
     * @param data what to show
     * @param dir the report directory (created if needed)
     * @return the charts written, in page order
     */
    public List<ChartFile> write(ReportData data, Path dir) {
        try {
            Files.createDirectories(dir);
            List<ChartFile> charts = new ArrayList<>();
            LinkedHashMap<String, Chart<?, ?>> toDraw = charts(data);
            Map<String, Integer> points = new LinkedHashMap<>();
            int i = 1;
            for (Map.Entry<String, Chart<?, ?>> e : toDraw.entrySet()) {
                points.put(e.getKey(), points(e.getValue()));
                String name = String.format(Locale.ROOT, "%02d-%s.png", i++, slug(e.getKey()));
                Path file = dir.resolve(name);
                AtomicFiles.writeBytes(file, BitmapEncoder.getBitmapBytes(e.getValue(), BitmapEncoder.BitmapFormat.PNG));
                charts.add(new ChartFile(file, e.getKey()));
            }
            AtomicFiles.writeString(dir.resolve("index.html"), html(data, charts, points));
            return charts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report to " + dir + ": " + e.getMessage(), e);
        } catch (java.awt.AWTError | UnsatisfiedLinkError e) {
            throw new KtrdrException("cannot draw charts (no usable AWT/fonts on this machine): " + e.getMessage(), e);
        }
    }

    private static LinkedHashMap<String, Chart<?, ?>> charts(ReportData d) {
        LinkedHashMap<String, Chart<?, ?>> out = new LinkedHashMap<>();
        d.equity().filter(e -> e.times().length > 0).ifPresent(e -> {
            String ccy = d.display().currency();
            out.put("Equity vs buy-and-hold", equityChart(e, ccy, false));
            if (d.display().logEquity() && positive(e)) {
                out.put("Equity vs buy-and-hold, logarithmic axis", equityChart(e, ccy, true));
            }
            out.put("Drawdown", drawdownChart(e));
        });
        d.portfolio().ifPresent(p -> {
            if (!p.contribution().isEmpty()) {
                out.put("Contribution per symbol", bars("Contribution per symbol: profit of its trades after costs",
                        "contribution (" + d.display().currency() + ")", p.contribution(), "symbol"));
            }
            if (!p.exposureByClass().isEmpty()) {
                Map<String, Double> pct = new LinkedHashMap<>();
                p.exposureByClass().forEach((k, v) -> pct.put(k, 100 * v));
                out.put("Exposure by asset class", bars("Mean gross exposure by asset class", "% of equity", pct,
                        "asset class"));
            }
            if (p.symbols().size() > 1) {
                out.put("Correlation of daily returns", correlation(p));
            }
        });
        d.training().ifPresent(t -> {
            if (t.trainLoss().length > 0) {
                out.put("Training and validation loss", curves("Loss", "loss (cross-entropy)", t.trainLoss(),
                        t.validationLoss()));
                out.put("Training and validation accuracy", curves("Accuracy", "accuracy (share of rows)",
                        t.trainAccuracy(), t.validationAccuracy()));
            }
        });
        if (!d.perSymbolAccuracy().isEmpty()) {
            out.put("Accuracy per symbol", perSymbol(d.perSymbolAccuracy(), d.perSymbolBaseline(), d.perSymbolRows()));
        }
        if (!d.importanceGroups().isEmpty()) {
            for (ReportData.GroupImportance g : d.importanceGroups()) {
                out.put(g.caption(), groupBars(g));
            }
        } else {
            // older model directories carry only single-column drops: say that these are their sums
            if (!d.importanceByTimeframe().isEmpty()) {
                out.put(SUM_PER_TIMEFRAME, bars(SUM_PER_TIMEFRAME, "sum of accuracy drops", d.importanceByTimeframe(),
                        "timeframe"));
            }
            if (!d.importanceByIndicator().isEmpty()) {
                out.put(SUM_PER_SET, bars(SUM_PER_SET, "sum of accuracy drops", d.importanceByIndicator(), "fuzzy set"));
            }
        }
        d.confusion().ifPresent(c -> out.put("Confusion matrix", confusion(c)));
        d.calibration().filter(c -> Arrays.stream(c.count()).anyMatch(n -> n > 0))
                .ifPresent(c -> out.put("Calibration", calibration(c)));
        if (!d.embedding().isEmpty()) {
            out.put("Symbol embedding map", embedding(d.embedding()));
        }
        return out;
    }

    /** White background; the legend outside the plot area (below it), so it never covers data. */
    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setAntiAlias(true);
    }

    /** Dates on time axes are UTC, as every instant in ktrdr. */
    private static void utc(XYChart c) {
        c.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
        c.getStyler().setDatePattern("yyyy-MM-dd");
    }

    private static boolean positive(ReportData.Equity e) {
        return Arrays.stream(e.equity()).allMatch(v -> v > 0) && Arrays.stream(e.buyAndHold()).allMatch(v -> v > 0);
    }

    private static XYChart equityChart(ReportData.Equity e, String currency, boolean log) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Equity: " + e.label()).xAxisTitle("time (UTC)")
                .yAxisTitle("equity (" + currency + (log ? ", logarithmic axis)" : ")")).build();
        style(c.getStyler());
        utc(c);
        c.getStyler().setYAxisLogarithmic(log);
        c.getStyler().setMarkerSize(0);
        long[] times = e.times();
        double[] equity = e.equity();
        double[] buyAndHold = e.buyAndHold();
        int[] idx = sampleIndices(times.length);
        List<Date> x = new ArrayList<>(idx.length);
        List<Double> y1 = new ArrayList<>(idx.length);
        List<Double> y2 = new ArrayList<>(idx.length);
        for (int i : idx) {
            x.add(new Date(times[i]));
            y1.add(equity[i]);
            if (buyAndHold.length > 0) {
                y2.add(buyAndHold[i]);
            }
        }
        c.addSeries("strategy", x, y1).setMarker(SeriesMarkers.NONE);
        if (!y2.isEmpty()) {
            c.addSeries("buy and hold", x, y2).setMarker(SeriesMarkers.NONE);
        }
        return c;
    }

    private static XYChart drawdownChart(ReportData.Equity e) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Drawdown: " + e.label()).xAxisTitle("time (UTC)")
                .yAxisTitle("drawdown (% below the running peak)").build();
        style(c.getStyler());
        utc(c);
        c.getStyler().setLegendVisible(false);
        double[] equity = e.equity();
        long[] times = e.times();
        double[] dd = new double[equity.length];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < dd.length; i++) {
            peak = Math.max(peak, equity[i]);
            dd[i] = peak > 0 ? 100.0 * (equity[i] / peak - 1.0) : 0.0;
        }
        int[] idx = sampleIndices(dd.length);
        List<Date> x = new ArrayList<>(idx.length);
        List<Double> y = new ArrayList<>(idx.length);
        for (int i : idx) {
            x.add(new Date(times[i]));
            y.add(dd[i]);
        }
        XYSeries s = c.addSeries("drawdown", x, y);
        s.setMarker(SeriesMarkers.NONE);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        return c;
    }

    private static XYChart curves(String title, String yTitle, double[] train, double[] validation) {
        XYChart c = new XYChartBuilder().width(W).height(H).title(title).xAxisTitle("epoch (counted from 1)")
                .yAxisTitle(yTitle).build();
        style(c.getStyler());
        double[] x = new double[train.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        c.addSeries("train", x, train).setMarker(SeriesMarkers.CIRCLE);
        c.addSeries("validation", x, validation).setMarker(SeriesMarkers.DIAMOND);
        return c;
    }

    private static CategoryChart perSymbol(Map<String, Double> accuracy, Map<String, Double> baseline, Map<String, Long> rows) {
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title("Test accuracy per symbol")
                .xAxisTitle(rows.isEmpty() ? "symbol" : "symbol (n = test rows)").yAxisTitle("accuracy (share of test rows)")
                .build();
        style(c.getStyler());
        c.getStyler().setXAxisLabelRotation(accuracy.size() > 5 ? 30 : 0);
        List<String> names = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        List<Double> base = new ArrayList<>();
        for (String n : accuracy.keySet()) {
            Long r = rows.get(n);
            names.add(r == null ? n : String.format(Locale.ROOT, "%s (n=%,d)", n, r));
            acc.add(accuracy.get(n));
            base.add(baseline.getOrDefault(n, 0.0));
        }
        c.addSeries("model", names, acc);
        if (!baseline.isEmpty()) {
            // each symbol's own majority class ("all symbols": row-weighted over the symbols), never the pooled one
            c.addSeries("per-symbol baseline", names, base);
        }
        return c;
    }

    private static CategoryChart bars(String title, String yTitle, Map<String, Double> values, String xTitle) {
        CategoryChart c = new CategoryChartBuilder().width(W).height(H).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(values.size() > 8 ? 45 : 0);
        c.addSeries(yTitle, new ArrayList<>(values.keySet()), new ArrayList<>(values.values()));
        return c;
    }

    private static CategoryChart groupBars(ReportData.GroupImportance g) {
        String kind = g.kind().replace('_', ' ');
        CategoryChart c = new CategoryChartBuilder().width(W).height(H)
                .title("Accuracy drop, all columns of one " + kind + " shuffled together (" + g.rows() + " rows, "
                        + g.repeats() + (g.repeats() == 1 ? " repeat: no interval)" : " repeats)"))
                .xAxisTitle(kind).yAxisTitle(g.repeats() > 1 ? "accuracy drop (mean, 95% interval)" : "accuracy drop").build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(g.bars().size() > 8 ? 45 : 0);
        List<String> names = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> half = new ArrayList<>();
        boolean whiskers = true;
        for (ReportData.Bar b : g.bars()) {
            names.add(b.group());
            mean.add(Double.isFinite(b.mean()) ? b.mean() : 0.0);
            whiskers &= Double.isFinite(b.high()) && Double.isFinite(b.mean());
            half.add(Double.isFinite(b.high()) && Double.isFinite(b.mean()) ? b.high() - b.mean() : 0.0);
        }
        if (whiskers) {
            c.addSeries("accuracy drop", names, mean, half);
        } else {
            c.addSeries("accuracy drop", names, mean);
        }
        return c;
    }

    private static HeatMapChart confusion(int[][] m) {
        HeatMapChart c = new HeatMapChartBuilder().width(520).height(440).title("Confusion matrix").xAxisTitle("predicted").yAxisTitle("true")
                .build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(true);
        c.getStyler().setLegendVisible(false);
        List<String> labels = List.of("BUY", "HOLD", "SELL");
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            for (int p = 0; p < 3; p++) {
                // xchart's y axis grows upwards: flip so that BUY is the top row, as in a printed matrix.
                cells.add(new Number[] {p, 2 - t, m[t][p]});
            }
        }
        c.addSeries("confusion", labels, List.of("SELL", "HOLD", "BUY"), cells);
        return c;
    }

    private static XYChart calibration(ReportData.Calibration cal) {
        long rows = Arrays.stream(cal.count()).sum();
        XYChart c = new XYChartBuilder().width(560).height(520)
                .title(String.format(Locale.ROOT, "Calibration (ECE %.3f, %,d rows)", cal.ece(), rows))
                .xAxisTitle("predicted confidence (bin mean)").yAxisTitle("observed accuracy (share of the bin's rows)").build();
        style(c.getStyler());
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        c.addSeries("perfect", new double[] {0, 1}, new double[] {0, 1}).setMarker(SeriesMarkers.NONE);
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        double[] confidence = cal.confidence();
        double[] accuracy = cal.accuracy();
        long[] count = cal.count();
        for (int i = 0; i < confidence.length; i++) {
            if (count[i] > 0) {
                x.add(confidence[i]);
                y.add(accuracy[i]);
            }
        }
        if (!x.isEmpty()) {
            c.addSeries("model", x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    private static XYChart embedding(Map<String, double[]> coords) {
        XYChart c = new XYChartBuilder().width(W).height(H).title("Symbol embeddings (PCA)").xAxisTitle("PC1")
                .yAxisTitle("PC2").build();
        style(c.getStyler());
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMarkerSize(12);
        for (Map.Entry<String, double[]> e : coords.entrySet()) {
            c.addSeries(e.getKey(), new double[] {e.getValue()[0]}, new double[] {e.getValue()[1]});
        }
        return c;
    }

    private static HeatMapChart correlation(ReportData.Portfolio p) {
        int n = p.symbols().size();
        HeatMapChart c = new HeatMapChartBuilder().width(Math.max(520, 60 * n + 200)).height(Math.max(440, 40 * n + 160))
                .title("Correlation of daily returns (UTC days)").xAxisTitle("symbol").yAxisTitle("symbol").build();
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setShowValue(n <= 15);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setMin(-1).setMax(1);
        double[][] m = p.correlation();
        List<Number[]> cells = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                // undefined pairs (too few common days) are left out rather than drawn as 0
                if (Double.isFinite(m[a][b])) {
                    cells.add(new Number[] {a, b, Math.round(m[a][b] * 100) / 100.0});
                }
            }
        }
        c.addSeries("correlation", p.symbols(), p.symbols(), cells);
        return c;
    }

    private static int[] sampleIndices(int n) {
        if (n <= MAX_POINTS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] idx = new int[MAX_POINTS];
        for (int i = 0; i < MAX_POINTS; i++) {
            idx[i] = (int) ((long) i * (n - 1) / (MAX_POINTS - 1));
        }
        return idx;
    }

    private static String slug(String title) {
        String s = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        // long captions (the importance charts say exactly what they show) make short enough file names
        return s.length() <= 60 ? s : s.substring(0, 60).replaceAll("-$", "");
    }

    /** The number of data points a chart draws (a chart with none is "empty"). */
    static int points(Chart<?, ?> c) {
        if (c instanceof HeatMapChart h) {
            return h.getHeatMapSeries() == null ? 0 : h.getHeatMapSeries().getHeatData().size();
        }
        if (c instanceof XYChart x) {
            return x.getSeriesMap().values().stream().mapToInt(s -> s.getXData().length).sum();
        }
        if (c instanceof CategoryChart k) {
            return k.getSeriesMap().values().stream().mapToInt(s -> s.getXData().size()).sum();
        }
        return 0;
    }

    private static String html(ReportData d, List<ChartFile> charts, Map<String, Integer> points) throws IOException {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(d.title())).append("</title><style>")
                .append("body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:980px;color:#222}")
                .append("table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .7rem;text-align:left}")
                .append("figure{margin:1.5rem 0}img{max-width:100%;border:1px solid #eee}figcaption{color:#555}")
                .append("</style></head><body>\n<h1>").append(esc(d.title())).append("</h1>\n");
        if (!d.summary().isEmpty()) {
            sb.append("<table class=\"summary\">");
            for (Map.Entry<String, String> e : d.summary().entrySet()) {
                sb.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue())).append("</td></tr>");
            }
            sb.append("</table>\n");
        }
        for (String p : d.notes()) {
            sb.append("<p>").append(esc(p)).append("</p>\n");
        }
        for (ChartFile c : charts) {
            String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(c.file()));
            sb.append("<figure class=\"chart\" data-points=\"").append(points.getOrDefault(c.title(), 0)).append("\"><img alt=\"").append(esc(alt(d, c.title()))).append("\" src=\"data:image/png;base64,")
                    .append(b64).append("\"><figcaption>").append(esc(c.title())).append(" (")
                    .append(esc(c.file().getFileName().toString())).append(")</figcaption></figure>\n");
            if (c.title().equals("Calibration")) {
                d.calibration().ifPresent(cal -> calibrationTable(sb, cal));
            }
        }
        // Marks the body once every chart has decoded, so a headless browser (and a person) can tell that
        // the page rendered completely: data-charts="N" and data-charts-loaded="N"; every image without alt
        // text and every chart that draws no data point is logged as a console error and counted
        // (data-charts-without-alt, data-charts-empty).
        sb.append("<script>window.addEventListener('load',function(){var imgs=document.querySelectorAll('figure.chart img');")
                .append("var ok=0,noAlt=0,empty=0;imgs.forEach(function(i){if(i.complete&&i.naturalWidth>0){ok++;}else{console.error('chart failed: '+i.alt);}")
                .append("if(!i.alt||!i.alt.trim()){noAlt++;console.error('image without alt text: '+i.src.substring(0,40));}")
                .append("if(i.parentNode.getAttribute('data-points')==='0'){empty++;console.error('empty chart: '+i.alt);}});")
                .append("document.querySelectorAll('img:not(figure.chart img)').forEach(function(i){if(!i.alt){noAlt++;console.error('image without alt text');}});")
                .append("document.body.setAttribute('data-charts',String(imgs.length));")
                .append("document.body.setAttribute('data-charts-without-alt',String(noAlt));")
                .append("document.body.setAttribute('data-charts-empty',String(empty));")
                .append("document.body.setAttribute('data-charts-loaded',String(ok));});</script>\n");
        sb.append("</body></html>\n");
        return sb.toString();
    }

    /** The chart's caption, with the figures a reader of the text alone needs (screen readers, no images). */
    private static String alt(ReportData d, String title) {
        if (title.startsWith("Equity vs buy-and-hold") && d.equity().isPresent()) {
            ReportData.Equity e = d.equity().get();
            double[] q = e.equity();
            double[] b = e.buyAndHold();
            String s = String.format(Locale.ROOT, "%s: strategy equity from %,.2f to %,.2f %s", title, q[0], q[q.length - 1],
                    d.display().currency());
            return b.length > 0 ? s + String.format(Locale.ROOT, ", buy and hold from %,.2f to %,.2f", b[0], b[b.length - 1]) : s;
        }
        return title;
    }

    private static void calibrationTable(StringBuilder sb, ReportData.Calibration cal) {
        sb.append("<table class=\"calibration\"><caption>Calibration bins: rows per bin</caption>")
                .append("<tr><th scope=\"col\">mean confidence</th><th scope=\"col\">observed accuracy</th>")
                .append("<th scope=\"col\">rows</th></tr>");
        double[] conf = cal.confidence();
        double[] acc = cal.accuracy();
        long[] n = cal.count();
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0) {
                sb.append(String.format(Locale.ROOT, "<tr><td>%.3f</td><td>%.3f</td><td>%,d</td></tr>", conf[i], acc[i], n[i]));
            }
        }
        sb.append("</table>\n");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
