package dev.ktrdr.training.backtest.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Fill;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The portfolio backtester: a hand-computed two-symbol account, and one symbol alone against the single-symbol backtest. */
class PortfolioBacktesterTest {
    static final long H = 3_600_000L;
    static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 86_400_000L;
    static final SymbolInfo CRYPTO = new SymbolInfo(Symbol.of("AAA"), AssetClass.CRYPTO, "crypto", Optional.empty());
    static final SymbolInfo EQUITY = new SymbolInfo(Symbol.of("BBB"), AssetClass.EQUITY, "us-equity", Optional.empty());

    /** Hourly bars opening at T0 + hours[i] hours. */
    static BarSeries bars(Symbol s, long[] hours, double[] o, double[] c) {
        int n = o.length;
        long[] t = new long[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + hours[i] * H;
            h[i] = Math.max(o[i], c[i]);
            l[i] = Math.min(o[i], c[i]);
            v[i] = 100;
        }
        return BarSeries.ofOpenTimes(s, Timeframe.H1, t, o, h, l, c, v);
    }

    /** 'B' BUY, 'S' SELL, 'H' HOLD, '-' no features. */
    static double[] probabilities(String pattern) {
        double[] p = new double[pattern.length() * 3];
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            double[] row = c == 'B' ? new double[] {0.8, 0.1, 0.1} : c == 'S' ? new double[] {0.1, 0.1, 0.8}
                    : c == 'H' ? new double[] {0.1, 0.8, 0.1} : new double[] {Double.NaN, Double.NaN, Double.NaN};
            System.arraycopy(row, 0, p, i * 3, 3);
        }
        return p;
    }

    static RuleDecisionEngine engine(boolean allowShort) {
        return RuleDecisionEngine.of(DecisionConfig.DEFAULTS.withConfidenceThreshold(0.6)
                .withSeparation(Duration.ZERO, 0).withAllowShort(allowShort));
    }

    @Test
    void twoSymbolsOfDifferentCalendarsWithASplitDayCostsAndBorrowAreWorkedOutByHand() {
        // AAA (crypto, every hour) opens at hours 0..5; BBB (equity) at hours 1, 2, 4, 5 (no bar at 3) and splits 2:1
        // from its bar opening at hour 4 (raw prices halve there).
        BarSeries a = bars(CRYPTO.symbol(), new long[] {0, 1, 2, 3, 4, 5}, new double[] {100, 100, 102, 104, 103, 101},
                new double[] {100, 102, 104, 103, 101, 100});
        BarSeries b = bars(EQUITY.symbol(), new long[] {1, 2, 4, 5}, new double[] {50, 50, 26, 25},
                new double[] {50, 52, 25, 24});
        PortfolioLeg la = PortfolioLeg.of(CRYPTO, a, probabilities("BHHSHH"), engine(false));
        PortfolioLeg lb = PortfolioLeg.of(EQUITY, b, probabilities("SHHH"), engine(true))
                .withSplits(List.of(new PortfolioLeg.Split(T0 + 4 * H, 2)));
        PortfolioOptions options = PortfolioOptions.defaults(10_000)
                .withCosts(AssetClass.CRYPTO, new AssetClassCosts(0.001, 0, 0, 0))
                .withCosts(AssetClass.EQUITY, new AssetClassCosts(0, 1, 0, 0.1))
                .withBorrow(true);
        PortfolioRun run = new PortfolioBacktester().run(List.of(la, lb), options);

        double year = 365.25 * 24;
        // t=1h: AAA closes 100, decides BUY; its bar 1 opens at 100: equity 10000 (BBB flat), slot 10000 / 2 = 5000,
        // 50 units, commission 0.001 × 5000 = 5, cash 4995.
        // t=2h: closes AAA 102, BBB 50 (BBB decides SELL): equity 4995 + 50 × 102 = 10095. Opens: AAA 102 (marked), then
        // BBB 50: equity 10095 (AAA marked at its open 102, not its later close 104), slot 5047.5, short 100.95 units,
        // commission max(1, 0) = 1, cash 4995 + 5047.5 − 1 = 10041.5.
        // t=3h: closes AAA 104, BBB 52; borrow 0.1 × 100.95 × 52 × 1h / year.
        double b1 = 0.1 * 100.95 * 52 * (1 / year);
        // t=4h: AAA closes 103 and decides SELL (long only: exit); BBB has no bar at 3h: marked at 52.
        // Opens at 4h: AAA exits at 103: commission 5.15, pnl 50 × 3 − 5 − 5.15 = 139.85; BBB's split: −201.9 units, entry 25.
        // t=5h: BBB closes 25: borrow for 2h: 0.1 × 201.9 × 25 × 2h / year.
        double b2 = 0.1 * 201.9 * 25 * (2 / year);
        // t=6h: last bars. BBB: borrow 1h at 24, forced buy of 201.9 at 24, commission 1;
        // pnl 201.9 × (25 − 24) − 1 − 1 − borrow.
        double b3 = 0.1 * 201.9 * 24 * (1 / year);
        double borrow = b1 + b2 + b3;
        assertThat(run.times()).containsExactly(T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H, T0 + 5 * H, T0 + 6 * H);
        assertThat(run.equity()).containsExactly(new double[] {10_000, 10_095, 10_041.5 - b1 + 50 * 104 - 100.95 * 52,
                10_041.5 - b1 + 50 * 103 - 100.95 * 52, 10_041.5 - b1 + 5150 - 5.15 - b2 - 201.9 * 25,
                10_000 + 139.85 + 199.9 - borrow}, within(1e-9));
        List<Trade> trades = run.trades();
        assertThat(trades).hasSize(2);
        assertThat(run.tradeSymbol()).containsExactly(0, 1);
        assertThat(trades.get(0).entryPrice()).isEqualTo(100);
        assertThat(trades.get(0).units()).isCloseTo(50, within(1e-12));
        assertThat(trades.get(0).pnl()).isCloseTo(139.85, within(1e-9));
        Trade s = trades.get(1);
        assertThat(s.direction()).isEqualTo(-1);
        assertThat(s.units()).isCloseTo(201.9, within(1e-9));
        assertThat(s.entryPrice()).isCloseTo(25, within(1e-12));
        assertThat(s.exitTime()).isEqualTo(T0 + 6 * H);
        assertThat(s.costs()).isCloseTo(2 + borrow, within(1e-9));
        assertThat(s.pnl()).isCloseTo(199.9 - borrow, within(1e-9));
        List<Fill> fb = run.fills().get(1);
        assertThat(fb).hasSize(2);
        assertThat(fb.get(0).units()).isCloseTo(100.95, within(1e-12));
        assertThat(fb.get(1).forced()).isTrue();
        assertThat(run.metrics().get(PortfolioRun.BORROW_PAID)).isCloseTo(borrow, within(1e-12));
        assertThat(run.metrics().get(Performance.COMMISSION_PAID)).isCloseTo(5 + 5.15 + 1 + 1, within(1e-9));
        // contributions add up to the final minus the initial equity
        assertThat(run.perSymbol().get(0).contribution() + run.perSymbol().get(1).contribution())
                .isCloseTo(run.equity()[5] - 10_000, within(1e-9));
        // Benchmark: 5000 each; AAA from its first close 100, BBB from 50 (25 after the split): at the end
        // 5000 × 100/100 + 5000 × 24/25 = 9800; at 1h BBB has not started and counts as cash.
        assertThat(run.benchmark()[0]).isCloseTo(10_000, within(1e-9));
        assertThat(run.benchmark()[5]).isCloseTo(9_800, within(1e-9));
        assertThat(run.perSymbol().get(1).buyHoldReturn()).isCloseTo(24.0 / 25 - 1, within(1e-12));
        // gross exposure at 3h: (50 × 104 + 100.95 × 52) / equity
        assertThat(run.grossExposure()[2]).isCloseTo((50 * 104 + 100.95 * 52) / run.equity()[2], within(1e-12));
        assertThat(run.exposureByClass()).containsOnlyKeys(AssetClass.CRYPTO, AssetClass.EQUITY);
    }

    @Test
    void theGrossCapCutsTheSecondEntryAndTheSymbolCapTheFirst() {
        BarSeries a = bars(CRYPTO.symbol(), new long[] {0, 1, 2}, new double[] {100, 100, 100}, new double[] {100, 100, 100});
        BarSeries b = bars(EQUITY.symbol(), new long[] {0, 1, 2}, new double[] {50, 50, 50}, new double[] {50, 50, 50});
        PortfolioOptions options = PortfolioOptions.defaults(10_000).withCostsForAll(new AssetClassCosts(0, 0, 0, 0))
                .withSizing(PortfolioSizing.cap(0.6, 1.0));
        PortfolioRun run = new PortfolioBacktester().run(List.of(PortfolioLeg.of(CRYPTO, a, probabilities("BHH"), engine(false)),
                PortfolioLeg.of(EQUITY, b, probabilities("BHH"), engine(false))), options);
        // AAA: 0.6 × 10000 = 6000 notional; BBB: min(6000, 1.0 × 10000 − 6000) = 4000
        assertThat(run.fills().get(0).get(0).units()).isCloseTo(60, within(1e-12));
        assertThat(run.fills().get(1).get(0).units()).isCloseTo(80, within(1e-12));
        assertThat(run.grossExposure()[1]).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void volatilitySizingWaitsForItsLookbackAndScalesByTargetOverSigma() {
        // AAA alternates +1 %, −1 %: the sample sd of returns is known; no entry before `lookback` returns exist.
        int n = 12;
        double[] o = new double[n];
        double[] c = new double[n];
        long[] hours = new long[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            hours[i] = i;
            o[i] = price;
            price = i % 2 == 0 ? price * 1.01 : price / 1.01;
            c[i] = price;
        }
        BarSeries a = bars(CRYPTO.symbol(), hours, o, c);
        PortfolioOptions options = PortfolioOptions.defaults(10_000).withCostsForAll(new AssetClassCosts(0, 0, 0, 0))
                .withSizing(PortfolioSizing.volatility(0.2, 4));
        PortfolioLeg leg = new PortfolioLeg(CRYPTO, a, probabilities("BBBBBBHHHHHH"), engine(false), 100, List.of());
        PortfolioRun run = new PortfolioBacktester().run(List.of(leg), options);
        // closes 0..4 give 4 returns by the close of bar 4: entries at the opens of bars 1..4 are skipped, bar 5 fills
        assertThat(run.metrics().get(PortfolioRun.SKIPPED_ENTRIES)).isEqualTo(4.0);
        Fill f = run.fills().get(0).get(0);
        assertThat(f.bar()).isEqualTo(5);
        double[] r = {c[1] / c[0] - 1, c[2] / c[1] - 1, c[3] / c[2] - 1, c[4] / c[3] - 1};
        double mean = (r[0] + r[1] + r[2] + r[3]) / 4;
        double ss = 0;
        for (double x : r) {
            ss += (x - mean) * (x - mean);
        }
        double sigma = Math.sqrt(ss / 3 * 100);
        assertThat(f.units() * f.price()).isCloseTo(10_000 * 0.2 / sigma, within(1e-6));
    }

    @Test
    void oneSymbolAloneEqualsTheSingleSymbolBacktestBitForBit() {
        qt().withExamples(200).forAll(integers().between(2, 120), longs().all()).checkAssert((n, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] o = new double[n];
            double[] c = new double[n];
            long[] hours = new long[n];
            double price = 100;
            long h = 0;
            for (int i = 0; i < n; i++) {
                h += 1 + (rnd.nextInt(5) == 0 ? rnd.nextInt(60) : 0);
                hours[i] = h;
                o[i] = price * (1 + (rnd.nextDouble() - 0.5) * 0.01);
                c[i] = o[i] * (1 + (rnd.nextDouble() - 0.5) * 0.04);
                price = c[i];
            }
            double[] p = new double[n * 3];
            int warmUp = rnd.nextInt(Math.max(1, n / 3));
            for (int i = 0; i < n; i++) {
                double x = rnd.nextDouble();
                double y = rnd.nextDouble();
                double z = rnd.nextDouble();
                double s = x + y + z;
                p[3 * i] = i < warmUp ? Double.NaN : x / s;
                p[3 * i + 1] = i < warmUp ? Double.NaN : y / s;
                p[3 * i + 2] = i < warmUp ? Double.NaN : z / s;
            }
            DecisionConfig cfg = DecisionConfig.DEFAULTS.withConfidenceThreshold(rnd.nextDouble() * 0.6)
                    .withAllowShort(rnd.nextBoolean()).withPositionAwareness(rnd.nextBoolean())
                    .withSeparation(Duration.ofHours(rnd.nextInt(3)), rnd.nextInt(3));
            double rate = rnd.nextDouble() * 0.002;
            double min = rnd.nextDouble() * 2;
            double bps = rnd.nextDouble() * 20;
            BarSeries bars = bars(CRYPTO.symbol(), hours, o, c);
            BacktestRun single = new EventBacktester().runProbabilities(bars, p, RuleDecisionEngine.of(cfg),
                    new Execution(10_000, rate, min, bps, Sizing.FRACTION_OF_EQUITY, 1), 8766);
            PortfolioRun port = new PortfolioBacktester().run(
                    List.of(new PortfolioLeg(CRYPTO, bars, p, RuleDecisionEngine.of(cfg), 8766, List.of())),
                    PortfolioOptions.defaults(10_000).withCosts(AssetClass.CRYPTO, new AssetClassCosts(rate, min, bps, 0.05)));
            assertThat(port.equity()).containsExactly(single.result().equity());
            assertThat(port.trades()).isEqualTo(single.result().trades());
            assertThat(port.fills().get(0)).isEqualTo(single.fills());
            assertThat(port.decisions().get(0)).containsExactly(single.decisions());
            assertThat(port.firstBars()[0]).isEqualTo(single.firstBar());
            for (Map.Entry<String, Double> e : single.result().metrics().entrySet()) {
                assertThat(port.metrics().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
            long[] closes = new long[single.result().equityTimes().length];
            for (int i = 0; i < closes.length; i++) {
                closes[i] = bars.closeTime(single.firstBar() + i);
            }
            assertThat(port.times()).containsExactly(closes);
        });
    }

    @Test
    void legsSharingAnEngineOrWithoutProbabilitiesAreRefused() {
        BarSeries a = bars(CRYPTO.symbol(), new long[] {0, 1}, new double[] {1, 1}, new double[] {1, 1});
        RuleDecisionEngine e = engine(false);
        PortfolioOptions options = PortfolioOptions.defaults(1000);
        assertThatThrownBy(() -> new PortfolioBacktester().run(List.of(PortfolioLeg.of(CRYPTO, a, probabilities("BH"), e),
                PortfolioLeg.of(EQUITY, a, probabilities("BH"), e)), options)).hasMessageContaining("share one decision engine");
        assertThatThrownBy(() -> new PortfolioBacktester().run(List.of(PortfolioLeg.of(CRYPTO, a, probabilities("--"), e)),
                options)).hasMessageContaining("AAA").hasMessageContaining("no base bar has probabilities");
        assertThatThrownBy(() -> new PortfolioSizing(PortfolioSizing.Mode.EQUAL, 1, 0, 1, 20, 0.2))
                .hasMessageContaining("sizing.symbol_cap");
        assertThatThrownBy(() -> new AssetClassCosts(0, 0, 0, 1.5)).hasMessageContaining("borrow_rate");
    }
}
