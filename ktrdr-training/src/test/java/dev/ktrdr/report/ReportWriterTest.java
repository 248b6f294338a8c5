package dev.ktrdr.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report writer's charts and page; {@link #fullReport()} is shared with the command line's browser test. */
public class ReportWriterTest {

    /** @return report data with every section filled */
    public static ReportData fullReport() {
        int n = 5_000;
        long[] t = new long[n];
        double[] eq = new double[n];
        double[] bh = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_500_000_000_000L + i * 3_600_000L;
            eq[i] = 10_000 * (1 + 0.1 * Math.sin(i / 300.0) + i * 2e-5);
            bh[i] = 10_000 * (1 + i * 3e-5);
        }
        Map<String, double[]> emb = new LinkedHashMap<>();
        emb.put("EURUSD", new double[] {0.2, -0.1});
        emb.put("BTCUSDT", new double[] {-0.8, 0.4});
        emb.put("AAPL", new double[] {0.5, 0.6});
        return ReportData.empty("Demo report <test>")
                .withSummary(Map.of("test accuracy", "0.52", "baseline", "0.41"))
                .withEquity(new ReportData.Equity("EURUSD", t, eq, bh))
                .withTraining(new ReportData.Training(new double[] {1.1, 0.9, 0.8}, new double[] {1.0, 0.95, 0.97},
                        new double[] {0.4, 0.5, 0.55}, new double[] {0.42, 0.47, 0.46}))
                .withPerSymbol(Map.of("EURUSD", 0.5, "AAPL", 0.48), Map.of("EURUSD", 0.4, "AAPL", 0.45))
                .withImportance(Map.of("1h", 0.03, "4h", 0.02, "1d", 0.01), Map.of("rsi_14", 0.02, "macd", 0.01))
                .withImportanceGroups(List.of(new ReportData.GroupImportance("timeframe", 2000, 5, List.of(
                        new ReportData.Bar("1h", 0.05, 0.03, 0.07), new ReportData.Bar("4h", 0.01, -0.01, 0.03))),
                        new ReportData.GroupImportance("fuzzy_set", 2000, 1, List.of(
                                new ReportData.Bar("rsi_14", 0.04, Double.NaN, Double.NaN)))))
                .withConfusion(new int[][] {{50, 10, 5}, {8, 60, 9}, {4, 12, 40}})
                .withCalibration(new ReportData.Calibration(new double[] {0.35, 0.5, 0.7}, new double[] {0.3, 0.52, 0.6},
                        new long[] {100, 80, 20}, 0.04))
                .withEmbedding(emb)
                .withNotes(List.of("Segment-label accuracy is not an edge; compare with the momentum baseline."));
    }

    @Test
    void writesOneDecodablePngPerChartAndEmbedsThemAll(@TempDir Path dir) throws Exception {
        List<ReportWriter.ChartFile> charts = new ReportWriter().write(fullReport(), dir);
        assertThat(charts).extracting(ReportWriter.ChartFile::title).containsExactly(
                "Equity vs buy-and-hold", "Drawdown", "Training and validation loss", "Training and validation accuracy",
                "Accuracy per symbol",
                "Accuracy drop when all columns of one timeframe are shuffled together (2000 rows, 5 repeats, "
                        + "whiskers: 95% interval over the repeats)",
                "Accuracy drop when all columns of one fuzzy set are shuffled together (2000 rows, 1 repeat)",
                "Confusion matrix", "Calibration", "Symbol embedding map");
        for (ReportWriter.ChartFile c : charts) {
            BufferedImage img = ImageIO.read(c.file().toFile());
            assertThat(img).as(c.title()).isNotNull();
            assertThat(img.getWidth()).isGreaterThan(300);
        }
        String html = Files.readString(dir.resolve("index.html"));
        Matcher m = Pattern.compile("src=\"data:image/png;base64,").matcher(html);
        int count = 0;
        while (m.find()) {
            count++;
        }
        assertThat(count).isEqualTo(charts.size());
        assertThat(html).contains("Demo report &lt;test&gt;").doesNotContain("<test>");
    }

    @Test
    void drawsOnlyTheSectionsThatArePresent(@TempDir Path dir) {
        List<ReportWriter.ChartFile> charts = new ReportWriter().write(
                ReportData.empty("backtest").withEquity(fullReport().equity().orElseThrow()), dir);
        assertThat(charts).extracting(ReportWriter.ChartFile::title).containsExactly("Equity vs buy-and-hold", "Drawdown");
    }

    @Test
    void withoutGroupImportanceTheSingleColumnSumsAreLabelledAsSums(@TempDir Path dir) {
        List<ReportWriter.ChartFile> charts = new ReportWriter().write(ReportData.empty("old model")
                .withImportance(Map.of("1h", 0.03), Map.of("rsi_14", 0.02)), dir);
        assertThat(charts).extracting(ReportWriter.ChartFile::title).containsExactly(
                "Sum of single-column accuracy drops per timeframe (each column shuffled alone)",
                "Sum of single-column accuracy drops per fuzzy set (each column shuffled alone)");
    }
}
