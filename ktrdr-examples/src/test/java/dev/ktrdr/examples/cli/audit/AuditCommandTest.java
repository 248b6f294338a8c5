package dev.ktrdr.examples.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.Examples;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ktrdr audit}: one table, exit 0 when nothing fails, 1 when a check fails, 2 for bad input. */
class AuditCommandTest {
    private static final Symbol EURUSD = Symbol.of("EURUSD");
    @TempDir
    static Path dir;
    static Path clean;
    static Path early;
    static Path strategy;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void data() throws IOException {
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2021-01-01T00:00:00Z"), 2_500, 5);
        BarSeries h1 = SyntheticMarket.generate(config).get(EURUSD);
        BarSeries d1 = new CalendarResampler(Calendars.byId("forex")).resample(h1, Timeframe.D1);
        clean = dir.resolve("clean");
        SyntheticMarket.writeFolder(clean, config, Map.of(EURUSD, h1));
        CsvBars.write(clean.resolve("EURUSD_1d.csv.gz"), d1);
        early = dir.resolve("early");
        SyntheticMarket.writeFolder(early, config, Map.of(EURUSD, h1));
        long[] t = d1.openTimes();
        for (int i = 0; i < t.length; i++) {
            t[i] -= 86_400_000L;
        }
        CsvBars.write(early.resolve("EURUSD_1d.csv.gz"), BarSeries.ofOpenTimes(EURUSD, Timeframe.D1, t, d1.opens(),
                d1.highs(), d1.lows(), d1.closes(), d1.volumes()));
        strategy = dir.resolve("quickstart.yaml");
        Files.writeString(strategy, Examples.resource("quickstart.yaml"));
    }

    int run(String... args) {
        var cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void aCleanFolderPassesQuicklyWithExitZeroAndOneTable() {
        assertThat(run("audit", strategy.toString(), "--data-dir", clean.toString(), "--quick")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("audit of quickstart").contains("1  data       pass")
                .contains("2  prefix     pass").contains("3  split      pass").contains("skipped by --quick")
                .contains("overall: pass");
    }

    @Test
    void aDailyFileStampedADayEarlyExitsOneAndNamesTheFile() {
        assertThat(run("audit", strategy.toString(), "--data-dir", early.toString(), "--quick", "--json")).isEqualTo(1);
        assertThat(out.toString()).contains("\"overall\" : \"fail\"").contains("EURUSD_1d.csv.gz: stamped one day early");
    }

    @Test
    void outWritesOnePageWithEachCheckAndItsEvidence() throws IOException {
        Path page = dir.resolve("page-early");
        assertThat(run("audit", strategy.toString(), "--data-dir", early.toString(), "--quick", "--out", page.toString()))
                .isEqualTo(1);
        assertThat(out.toString()).contains("page: " + page.resolve("index.html"));
        String html = Files.readString(page.resolve("index.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"en\">")
                .contains("<title>Audit of quickstart: fail</title>")
                .contains("<section id=\"check-data\"><h2>data: <span class=\"fail\">fail</span></h2>")
                .contains("<section id=\"check-prefix\">").contains("<section id=\"check-split\">")
                .contains("<section id=\"check-canary\"><h2>canary: <span class=\"skipped\">skipped</span></h2>")
                .contains("EURUSD_1d.csv.gz: stamped one day early").doesNotContain("<script");
    }

    @Test
    void badInputExitsTwo() {
        assertThat(run("audit", strategy.toString(), "--data-dir", dir.resolve("missing").toString(), "--quick")).isEqualTo(2);
        assertThat(err.toString()).contains("is not a directory");
        assertThat(run("audit", strategy.toString(), "--data-dir", clean.toString(), "--cuts", "0")).isEqualTo(2);
    }
}
