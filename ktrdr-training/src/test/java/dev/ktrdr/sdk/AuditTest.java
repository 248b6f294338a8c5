package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.Ohlcv;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.sdk.AuditReport.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Positive controls of {@code Ktrdr.audit}: each planted fault is caught by the check meant for it, with
 * the expected message, and a clean synthetic setup passes every check that runs.
 */
class AuditTest {
    private static final long DAY = 86_400_000L;
    private static final Symbol EURUSD = Symbol.of("EURUSD");
    private static final Symbol GBPUSD = Symbol.of("GBPUSD");
    private static final Symbol BTC = Symbol.of("BTCUSDT");
    private static final Symbol AAPL = Symbol.of("AAPL");

    @TempDir
    static Path dir;
    static Path clean;
    static SyntheticMarket.Config config;
    static Map<Symbol, BarSeries> series;
    static String yaml;

    @BeforeAll
    static void market() throws IOException {
        clean = dir.resolve("clean");
        config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 3_000, 42);
        series = SyntheticMarket.generate(config);
        SyntheticMarket.writeFolder(clean, config, Map.of(EURUSD, series.get(EURUSD), GBPUSD, series.get(GBPUSD),
                BTC, series.get(BTC)));
        for (Symbol s : List.of(EURUSD, GBPUSD, BTC)) {
            CsvBars.write(clean.resolve(s + "_1d.csv.gz"), daily(s));
        }
        try (InputStream in = AuditTest.class.getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("list: [EURUSD, GBPUSD, BTCUSDT]", "list: [EURUSD, GBPUSD]");
        }
    }

    private static BarSeries daily(Symbol s) {
        String cal = s.equals(BTC) ? "crypto" : "forex";
        return new CalendarResampler(Calendars.byId(cal)).resample(series.get(s), Timeframe.D1);
    }

    private static BarSeries shifted(BarSeries b, long by) {
        long[] t = b.openTimes();
        for (int i = 0; i < t.length; i++) {
            t[i] += by;
        }
        return BarSeries.ofOpenTimes(b.symbol(), b.timeframe(), t, b.opens(), b.highs(), b.lows(), b.closes(), b.volumes());
    }

    private static Path copyOfClean(String name) throws IOException {
        Path to = dir.resolve(name);
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(clean)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static AuditReport quick(Path data, String strategy, IndicatorCatalog catalog) {
        return Ktrdr.open(data, dir.resolve("models")).audit(StrategyInput.text(strategy, "audit.yaml"),
                AuditOptions.DEFAULTS.withQuick(true), catalog);
    }

    @Test
    void aCleanSetupPassesEveryCheckThatRuns() {
        AuditReport r = quick(clean, yaml, IndicatorCatalog.standard());
        assertThat(r.check("data").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.PASS);
        assertThat(r.check("prefix").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.PASS);
        assertThat(r.check("split").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.PASS);
        assertThat(r.check("canary").verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(r.overall()).isEqualTo(Verdict.PASS);
        assertThat(r.check("prefix").evidence().get(0)).contains("equal the full run's rows");
        assertThat(r.toJson()).contains("\"overall\" : \"pass\"").contains("\"id\" : \"split\"");
    }

    @Test
    void aDailyFileStampedOneDayEarlyFailsTheDataCheck() throws IOException {
        Path data = copyOfClean("early");
        CsvBars.write(data.resolve("EURUSD_1d.csv.gz"), shifted(daily(EURUSD), -DAY));
        AuditReport r = quick(data, yaml, IndicatorCatalog.standard());
        assertThat(r.check("data").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.overall()).isEqualTo(Verdict.FAIL);
        assertThat(String.join("\n", r.check("data").evidence())).contains("EURUSD_1d.csv.gz: stamped one day early")
                .contains("look-ahead");
    }

    @Test
    void aFourHourFileStampedAtBarCloseWarns() throws IOException {
        Path data = copyOfClean("close-stamped");
        BarSeries h4 = new CalendarResampler(Calendars.byId("forex")).resample(series.get(GBPUSD), Timeframe.H4);
        CsvBars.write(data.resolve("GBPUSD_4h.csv.gz"), shifted(h4, Timeframe.H4.millis()));
        AuditReport r = quick(data, yaml, IndicatorCatalog.standard());
        assertThat(r.check("data").verdict()).isEqualTo(Verdict.WARN);
        assertThat(String.join("\n", r.check("data").evidence())).contains("GBPUSD_4h.csv.gz: stamped one bar late")
                .contains("close-time stamping");
    }

    @Test
    void aSessionRunningPastTheCalendarCloseWarns() throws IOException {
        Path data = dir.resolve("late-session");
        BarSeries aapl = series.get(AAPL);
        var cal = Calendars.byId("us_equity");
        // one extra bar opening at a session's close: an after-close print
        int i = aapl.size() / 2;
        long close = cal.session(cal.tradingDay(aapl.openTime(i))).orElseThrow().closeMillis();
        int at = 0;
        while (aapl.openTime(at) < close) {
            at++;
        }
        if (aapl.openTime(at) == close) {
            throw new IllegalStateException("the synthetic market already has a bar at the close");
        }
        long[] t = insert(aapl.openTimes(), at, close);
        BarSeries late = BarSeries.ofOpenTimes(AAPL, Timeframe.H1, t, insert(aapl.opens(), at, aapl.close(at - 1)),
                insert(aapl.highs(), at, aapl.close(at - 1)), insert(aapl.lows(), at, aapl.close(at - 1)),
                insert(aapl.closes(), at, aapl.close(at - 1)), insert(aapl.volumes(), at, 1));
        SyntheticMarket.writeFolder(data, config, Map.of(AAPL, late));
        AuditReport r = Ktrdr.open(data, dir.resolve("models")).audit(StrategyInput.text(yaml, "audit.yaml"),
                AuditOptions.DEFAULTS.withQuick(true).withSymbols(List.of(AAPL)), IndicatorCatalog.standard());
        assertThat(r.check("data").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.WARN);
        assertThat(String.join("\n", r.check("data").evidence())).contains("AAPL_1h.csv.gz: 1 bar(s) close after the")
                .contains(Instant.ofEpochMilli(close).toString()).contains("the aligner holds");
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] out = new long[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    private static double[] insert(double[] a, int at, double v) {
        double[] out = new double[a.length + 1];
        System.arraycopy(a, 0, out, 0, at);
        out[at] = v;
        System.arraycopy(a, at, out, at + 1, a.length - at);
        return out;
    }

    /** A custom indicator that reads ahead: the close {@value #AHEAD} bars later over this bar's close. */
    static final int AHEAD = 24;

    static final IndicatorDefinition PEEK = IndicatorDefinition.of("peek_next", List.of(), Category.PRICE_CONTEXT,
            "the close 24 bars ahead (the last close near the end) over this close: looks ahead on purpose", List.of(), params -> new Peek());

    static final class Peek extends Indicator {
        Peek() {
            super(List.of(OutputSpec.bounded("value", 0, 10)), 0);
        }

        @Override
        public IndicatorStream newStream() {
            throw new UnsupportedOperationException("batch only");
        }

        @Override
        public double[][] compute(Ohlcv bars) {
            double[] c = bars.close();
            double[] out = new double[c.length];
            for (int i = 0; i < c.length; i++) {
                out[i] = c[Math.min(i + AHEAD, c.length - 1)] / c[i];
            }
            return new double[][] {out};
        }
    }

    @Test
    void aCustomIndicatorThatReadsOneBarAheadFailsThePrefixCheck() {
        AuditReport r = quick(clean, leaky(), IndicatorCatalog.builtins().register(PEEK));
        assertThat(r.check("prefix").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.FAIL);
        assertThat(String.join("\n", r.check("prefix").evidence())).contains("EURUSD, cut ").contains("looks ahead");
        assertThat(r.check("data").verdict()).isEqualTo(Verdict.PASS);
    }

    /** The strategy with a feature from {@link #PEEK} on the base timeframe. */
    private static String leaky() {
        return yaml.replace("indicators:\n", "indicators:\n  peek: {type: peek_next}\n")
                .replace("fuzzy_sets:\n", "fuzzy_sets:\n  peek:\n    indicator: peek\n    down: [0.95, 0.995, 1.0]\n"
                        + "    up: [1.0, 1.005, 1.05]\n")
                .replace("nn_inputs:\n", "nn_inputs:\n  - fuzzy_set: peek\n    timeframes: [\"1h\"]\n");
    }

    @Test
    void aLabelHorizonLongerThanTheValidationSplitWarns() {
        String shortValidation = yaml.replace("data_split: {train: 0.7, validation: 0.15, test: 0.15}",
                "data_split: {train: 0.84, validation: 0.01, test: 0.15}");
        AuditReport r = quick(clean, shortValidation, IndicatorCatalog.standard());
        assertThat(r.check("split").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.WARN);
        assertThat(String.join("\n", r.check("split").evidence()))
                .contains("EURUSD: label horizon 48 bars is longer than its validation split");
    }

    @Test
    void symbolsWhoseDataEndsBeforeTheTestCutWarn() {
        // 3,000 hourly crypto bars (every hour) end weeks before 3,000 forex bars (weekdays only)
        AuditReport r = Ktrdr.open(clean, dir.resolve("models")).audit(StrategyInput.text(yaml, "audit.yaml"),
                AuditOptions.DEFAULTS.withQuick(true).withSymbols(List.of(EURUSD, BTC)), IndicatorCatalog.standard());
        assertThat(r.check("split").verdict()).isEqualTo(Verdict.WARN);
        assertThat(String.join("\n", r.check("split").evidence())).contains("BTCUSDT: no test rows");
    }

    @Test
    void theFullAuditOfRandomWalksPassesTheCanaryAndShowsTheBaselines() {
        AuditReport r = Ktrdr.open(clean, dir.resolve("models")).audit(StrategyInput.text(yaml, "audit.yaml"),
                AuditOptions.DEFAULTS.withCanarySeeds(2), IndicatorCatalog.standard());
        assertThat(r.check("canary").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.PASS);
        assertThat(r.check("canary").evidence()).hasSize(2).allMatch(l -> l.startsWith("seed "));
        assertThat(r.check("baselines").verdict()).isIn(Verdict.PASS, Verdict.WARN);
        assertThat(String.join("\n", r.check("baselines").evidence())).contains("EURUSD: ").contains("GBPUSD: ");
    }

    @Test
    void theCanaryFailsOnALeakySetup() {
        AuditReport r = Ktrdr.open(clean, dir.resolve("models")).audit(StrategyInput.text(leaky()
                        .replace("epochs: 4", "epochs: 12"), "leaky.yaml"),
                AuditOptions.DEFAULTS.withCanarySeeds(2), IndicatorCatalog.builtins().register(PEEK));
        assertThat(r.check("canary").verdict()).as(String.join("\n", r.table())).isEqualTo(Verdict.FAIL);
        assertThat(String.join("\n", r.check("canary").evidence())).contains("something leaks");
        assertThat(r.overall()).isEqualTo(Verdict.FAIL);
    }
}
