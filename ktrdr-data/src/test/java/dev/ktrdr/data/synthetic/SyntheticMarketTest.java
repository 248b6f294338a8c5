package dev.ktrdr.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.GapAnalyzer;
import dev.ktrdr.data.GapReport;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.ValidationPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticMarketTest {
    private static final Instant START = Instant.parse("2021-01-04T00:00:00Z");

    private static Map<Symbol, BarSeries> demo(long seed, int bars) {
        return SyntheticMarket.generate(SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1, START, bars, seed));
    }

    @Test
    void sameSeedGivesIdenticalBarsAndAnotherSeedDoes() {
        Map<Symbol, BarSeries> a = demo(42, 3000);
        Map<Symbol, BarSeries> b = demo(42, 3000);
        Map<Symbol, BarSeries> c = demo(43, 3000);
        for (Symbol s : a.keySet()) {
            assertThat(a.get(s).closes()).containsExactly(b.get(s).closes());
            assertThat(a.get(s).volumes()).containsExactly(b.get(s).volumes());
            assertThat(a.get(s).closes()).isNotEqualTo(c.get(s).closes());
        }
        assertThat(a.keySet()).extracting(Symbol::value).containsExactly("EURUSD", "GBPUSD", "BTCUSDT", "ETHUSDT", "AAPL", "SPY");
    }

    @Test
    void barsSitExactlyWhereEachCalendarExpectsThemAndPassStrictValidation(@TempDir Path dir) {
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1, START, 4000, 1);
        Map<Symbol, BarSeries> m = SyntheticMarket.generate(cfg);
        for (BarSeries s : m.values()) {
            GapReport g = GapAnalyzer.analyze(s, SymbolRegistry.defaults().calendar(s.symbol()));
            assertThat(g.missing() + g.holidayWindowMissing()).as(s.symbol().value()).isZero();
            assertThat(g.unexpectedRows()).as(s.symbol().value()).isZero();
            assertThat(g.expected()).isEqualTo(4000);
        }
        SyntheticMarket.writeFolder(dir, cfg, m);
        DataFolder folder = new DataFolder(dir);
        for (BarSeries s : m.values()) {
            CsvBars.Loaded back = folder.loadWithReport(s.symbol(), Timeframe.H1);
            assertThat(back.report().isClean()).isTrue();
            assertThat(back.series().closes()).containsExactly(s.closes());
            assertThat(back.series().closeTimes()).containsExactly(s.closeTimes());
        }
        assertThat(folder.registry().info(Symbol.of("SPY")).group()).contains("equity");
        // Daily bars: one per expected day, closing by the daily rule.
        Map<Symbol, BarSeries> daily = SyntheticMarket.generate(SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(),
                Timeframe.D1, START, 300, 1));
        BarSeries spy = daily.get(Symbol.of("SPY"));
        assertThat(GapAnalyzer.analyze(spy, SymbolRegistry.defaults().calendar(Symbol.of("SPY"))).missing()).isZero();
        assertThat(spy.closeTime(0)).isEqualTo(Instant.parse("2021-01-04T21:00:00Z").toEpochMilli());
    }

    @Test
    void pricesAreValidBarsWithCorrelatedReturnsRegimesAndSeasonality() {
        Map<Symbol, BarSeries> m = demo(7, 20_000);
        for (BarSeries s : m.values()) {
            for (int i = 0; i < s.size(); i++) {
                assertThat(s.high(i)).isGreaterThanOrEqualTo(Math.max(s.open(i), s.close(i)));
                assertThat(s.low(i)).isLessThanOrEqualTo(Math.min(s.open(i), s.close(i)));
                assertThat(s.low(i)).isPositive();
                assertThat(s.volume(i)).isGreaterThanOrEqualTo(0);
            }
        }
        // Same-class pairs share a factor: returns at common timestamps are clearly correlated.
        assertThat(correlation(m.get(Symbol.of("EURUSD")), m.get(Symbol.of("GBPUSD")))).isGreaterThan(0.4);
        assertThat(correlation(m.get(Symbol.of("BTCUSDT")), m.get(Symbol.of("ETHUSDT")))).isGreaterThan(0.4);
        assertThat(correlation(m.get(Symbol.of("AAPL")), m.get(Symbol.of("BTCUSDT")))).isBetween(0.05, 0.5);
        // Regimes: volatility clusters, so 250-bar windows differ widely in realised volatility.
        BarSeries btc = m.get(Symbol.of("BTCUSDT"));
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int w = 0; w + 250 <= btc.size(); w += 250) {
            double ss = 0;
            for (int i = w + 1; i < w + 250; i++) {
                double r = Math.log(btc.close(i) / btc.close(i - 1));
                ss += r * r;
            }
            lo = Math.min(lo, ss);
            hi = Math.max(hi, ss);
        }
        assertThat(hi / lo).isGreaterThan(4);
        // Seasonality: the opening hour of the US session trades more than the midday hour.
        BarSeries spy = m.get(Symbol.of("SPY"));
        double open = 0;
        double midday = 0;
        for (int i = 0; i < spy.size(); i++) {
            int hour = Instant.ofEpochMilli(spy.openTime(i)).atZone(java.time.ZoneId.of("America/New_York")).getHour();
            if (hour == 9) {
                open += spy.volume(i);
            } else if (hour == 12) {
                midday += spy.volume(i);
            }
        }
        assertThat(open).isGreaterThan(1.3 * midday);
    }

    @Test
    void barSourceServesTheGeneratedTimeframeAndResamplesCoarserOnes() {
        dev.ktrdr.api.BarSource src = SyntheticMarket.asBarSource(SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(),
                Timeframe.H1, START, 500, 3));
        assertThat(src.load(Symbol.of("AAPL"), Timeframe.H1).closes()).containsExactly(
                SyntheticMarket.generate(SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1, START, 500, 3))
                        .get(Symbol.of("AAPL")).closes());
        BarSeries d1 = src.load(Symbol.of("AAPL"), Timeframe.D1);
        assertThat(d1.size()).isEqualTo(500 / 7); // 7 hourly bars per regular session; the last, partial day left out
        assertThatThrownBy(() -> src.load(Symbol.of("AAPL"), Timeframe.M15)).isInstanceOf(dev.ktrdr.api.DataException.class)
                .hasMessage("the synthetic market is generated at 1h; 15m is finer");
        assertThatThrownBy(() -> src.load(Symbol.of("MSFT"), Timeframe.H1)).isInstanceOf(dev.ktrdr.api.DataException.class);
        assertThat(SyntheticMarket.demo(100, 1)).hasSize(6);
    }

    @Test
    void universeNamesFurtherSymbolsAndConfigIsValidated() {
        assertThat(SyntheticMarket.universe(9)).extracting(s -> s.symbol().value()).containsExactly("EURUSD", "GBPUSD",
                "BTCUSDT", "ETHUSDT", "AAPL", "SPY", "AUDUSD", "SOLUSDT", "EQ009");
        for (SyntheticMarket.SymbolSpec s : SyntheticMarket.universe(30)) {
            assertThat(SymbolRegistry.defaults().info(s.symbol()).assetClass()).as(s.symbol().value()).isEqualTo(s.assetClass());
        }
        assertThat(SyntheticMarket.universe(40).get(36).symbol().value()).isEqualTo("SYNFX037");
        assertThatThrownBy(() -> SyntheticMarket.Config.of(List.of(), Timeframe.H1, START, 10, 1))
                .isInstanceOf(ConfigurationException.class).hasMessage("symbols: at least one symbol is required");
        assertThatThrownBy(() -> SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1, START, 0, 1))
                .isInstanceOf(ConfigurationException.class).hasMessage("bars: 0 must be in [1, 50000000]");
    }

    static double correlation(BarSeries a, BarSeries b) {
        Map<Long, Double> ra = new HashMap<>();
        for (int i = 1; i < a.size(); i++) {
            if (a.openTime(i) - a.openTime(i - 1) == 3_600_000L) {
                ra.put(a.openTime(i), Math.log(a.close(i) / a.open(i)));
            }
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        int n = 0;
        for (int i = 1; i < b.size(); i++) {
            Double x = ra.get(b.openTime(i));
            if (x != null) {
                double y = Math.log(b.close(i) / b.open(i));
                sx += x;
                sy += y;
                sxx += x * x;
                syy += y * y;
                sxy += x * y;
                n++;
            }
        }
        double cov = sxy / n - sx / n * sy / n;
        return cov / Math.sqrt((sxx / n - sx / n * sx / n) * (syy / n - sy / n * sy / n));
    }
}
