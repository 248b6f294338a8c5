package dev.ktrdr.examples.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.report.ReportWriter;
import dev.ktrdr.report.ReportWriterTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the report page in real headless Chromium (Debian's package; .ci/run installs it and sets
 * {@code KTRDR_CHROMIUM}) and checks that every chart decoded and that the page logged nothing to the
 * console. Skipped when no Chromium is found and {@code KTRDR_CHROMIUM} is unset; fails when it is set
 * but the browser is missing.
 */
class ReportInChromiumTest {
    private static Path chromium;

    @BeforeAll
    static void findChromium() {
        String configured = System.getenv("KTRDR_CHROMIUM");
        if (configured != null) {
            chromium = Path.of(configured);
            assertThat(Files.isExecutable(chromium)).as("KTRDR_CHROMIUM=" + configured + " is executable").isTrue();
            return;
        }
        Path debian = Path.of("/usr/bin/chromium");
        Assumptions.assumeTrue(Files.isExecutable(debian), "no Chromium on this machine and KTRDR_CHROMIUM unset");
        chromium = debian;
    }

    record Rendered(int charts, int loaded, int withoutAlt, int empty, List<String> consoleLines) {
    }

    private static int attribute(String body, String name) {
        Matcher m = Pattern.compile("<body[^>]* " + name + "=\"(\\d+)\"").matcher(body);
        assertThat(m.find()).as("the page's load handler ran and set " + name).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static Rendered render(Path page, Path work) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path dom = work.resolve("dom.html");
        Path log = work.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000",
                "--dump-dom", page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        String body = Files.readString(dom, StandardCharsets.UTF_8);
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Rendered(attribute(body, "data-charts"), attribute(body, "data-charts-loaded"),
                attribute(body, "data-charts-without-alt"), attribute(body, "data-charts-empty"), console);
    }

    @Test
    void everyChartRendersWithNoConsoleErrors(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        int written = new ReportWriter().write(ReportWriterTest.fullReport(), report).size();
        Rendered r = render(report.resolve("index.html"), dir);
        assertThat(r.charts()).isEqualTo(written).isEqualTo(10);
        assertThat(r.loaded()).isEqualTo(written);
        assertThat(r.withoutAlt()).isZero();
        assertThat(r.empty()).isZero();
        assertThat(r.consoleLines()).isEmpty();
    }

    @Test
    void aPortfolioBacktestsReportFromBacktestOutPassesTheChecksWithBuyAndHoldAndATitle(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path store = dir.resolve("models");
        dev.ktrdr.examples.cli.backtest.PortfolioReportFixture.trainTiny(dir, data, store);
        Path out = dir.resolve("bt");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = dev.ktrdr.examples.cli.KtrdrCli.commandLine();
        cl.setOut(new java.io.PrintWriter(new java.io.StringWriter()));
        cl.setErr(new java.io.PrintWriter(err));
        assertThat(cl.execute("backtest", dir.resolve("tiny.yaml").toString(), "--portfolio", "--symbols", "BTCUSDT,ETHUSDT,EURUSD",
                "--data-dir", data.toString(), "--models-dir", store.toString(), "--out", out.toString())).as(err.toString()).isZero();
        assertThat(cl.execute("report", out.toString(), "--log-equity")).as(err.toString()).isZero();
        Path page = out.resolve("report/index.html");
        String html = Files.readString(page);
        assertThat(html).contains("<title>Backtest: tiny_universal, portfolio of 3 symbols, 2024-").contains("buy-and-hold");
        Rendered r = render(page, dir);
        // equity, equity on a log axis, drawdown, contribution, exposure by class, correlation
        assertThat(r.charts()).isEqualTo(6);
        assertThat(r.loaded()).isEqualTo(6);
        assertThat(r.withoutAlt()).isZero();
        assertThat(r.empty()).isZero();
        assertThat(r.consoleLines()).isEmpty();
    }

    @Test
    void anEmptyChartAndAMissingAltAreDetected(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        new ReportWriter().write(ReportWriterTest.fullReport(), report);
        Path page = report.resolve("index.html");
        String html = Files.readString(page);
        Files.writeString(page, html.replaceFirst("data-points=\"[0-9]+\"", "data-points=\"0\"")
                .replaceFirst("<img alt=\"[^\"]*\"", "<img alt=\"\""));
        Rendered r = render(page, dir);
        assertThat(r.empty()).isEqualTo(1);
        assertThat(r.withoutAlt()).isEqualTo(1);
        assertThat(r.consoleLines()).anySatisfy(l -> assertThat(l).contains("empty chart"))
                .anySatisfy(l -> assertThat(l).contains("image without alt text"));
    }

    @Test
    void theDemosReportRendersEveryChartWithNoConsoleErrors(@TempDir Path dir) throws Exception {
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = dev.ktrdr.examples.cli.KtrdrCli.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(err));
        assertThat(cl.execute("demo", "--out", dir.resolve("demo").toString(), "--bars", "3000", "--json"))
                .as(err.toString()).isZero();
        Rendered r = render(dir.resolve("demo/report/index.html"), dir);
        // seven charts and three group-importance charts (timeframe, fuzzy set, indicator)
        assertThat(r.charts()).isEqualTo(10 + 1);
        assertThat(r.loaded()).isEqualTo(10 + 1);
        assertThat(r.consoleLines()).isEmpty();
    }

    @Test
    void aBrokenChartIsDetected(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        new ReportWriter().write(ReportWriterTest.fullReport(), report);
        Path page = report.resolve("index.html");
        String html = Files.readString(page);
        Files.writeString(page, html.replaceFirst("data:image/png;base64,[A-Za-z0-9+/=]+", "data:image/png;base64,AAAA"));
        Rendered r = render(page, dir);
        assertThat(r.loaded()).isEqualTo(r.charts() - 1);
        assertThat(r.consoleLines()).anySatisfy(l -> assertThat(l).contains("chart failed: Equity vs buy-and-hold"));
    }
}
