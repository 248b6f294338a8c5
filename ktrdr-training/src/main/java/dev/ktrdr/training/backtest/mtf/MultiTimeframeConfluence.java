package dev.ktrdr.training.backtest.mtf;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multi-timeframe confluence: per timeframe a {@link TimeframeTrend}, read from a model's probabilities
 * when the caller has them or from indicators otherwise (close vs SMA, Wilder's ADX; see
 * {@link TrendRules}), then their {@link Confluence}.
 *
 * <p>No look-ahead: at instant {@code asOf} each timeframe uses only its bars whose close time is ≤
 * asOf, so a 1d bar still in progress is never read.
 *
 * <p>The indicators are ktrdr-indicators' catalogue {@code sma} and {@code adx} (TA-Lib definitions), fed
 * as streams over at most the last {@value #ADX_WINDOW_PERIODS} × period bars before asOf: Wilder's
 * smoothing forgets its start geometrically, (1 − 1/14)<sup>280</sup> ≈ 1e-9 for period 14, so the tail
 * gives the full-history value to display precision while the cost stays constant whatever the series
 * length (three timeframes take microseconds).
 *
 * <p>Immutable and thread-safe.
 */
public final class MultiTimeframeConfluence {
    /** How many ADX periods of bars the indicator helper reads before asOf. */
    public static final int ADX_WINDOW_PERIODS = 20;

    private final TrendRules rules;
    private final Indicator sma;
    private final Indicator adx;

    /** @param rules the trend rules */
    public MultiTimeframeConfluence(TrendRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
        List<Indicator> inds = new CatalogIndicatorEngine().configure(List.of(
                new IndicatorSpec("sma", "sma", Map.of("period", rules.smaPeriod())),
                new IndicatorSpec("adx", "adx", Map.of("period", rules.adxPeriod()))));
        this.sma = inds.get(0);
        this.adx = inds.get(1);
    }

    /** @return the trend rules */
    public TrendRules rules() {
        return rules;
    }

    /**
     * Confluence from indicators at the latest instant the data knows: the largest close time over all series.
     *
     * @param bars the symbol's bars on each timeframe
     * @return the confluence, timeframes in the bars' order
     * @throws DataException when a timeframe has too few completed bars (naming it and the count needed)
     */
    public Confluence analyze(MultiTimeframeBars bars) {
        long asOf = Long.MIN_VALUE;
        for (BarSeries s : bars.series().values()) {
            if (!s.isEmpty()) {
                asOf = Math.max(asOf, s.closeTime(s.size() - 1));
            }
        }
        return analyze(bars, asOf);
    }

    /**
     * Confluence from indicators at an instant.
     *
     * @param bars the symbol's bars on each timeframe
     * @param asOf the instant, UTC epoch ms: only bars closed by then are read
     * @return the confluence, timeframes in the bars' order
     * @throws DataException when a timeframe has too few completed bars (naming it and the count needed)
     */
    public Confluence analyze(MultiTimeframeBars bars, long asOf) {
        List<TimeframeTrend> trends = new ArrayList<>();
        for (Map.Entry<Timeframe, BarSeries> e : bars.series().entrySet()) {
            trends.add(trend(e.getValue(), asOf));
        }
        return Confluence.of(trends);
    }

    /**
     * Confluence from a model's probabilities per timeframe.
     *
     * @param probabilities per timeframe, BUY, HOLD, SELL probabilities (length 3), in the caller's order
     * @return the confluence
     */
    public static Confluence fromProbabilities(Map<Timeframe, double[]> probabilities) {
        List<TimeframeTrend> trends = new ArrayList<>();
        for (Map.Entry<Timeframe, double[]> e : probabilities.entrySet()) {
            double[] p = e.getValue();
            if (p == null || p.length != Label.COUNT) {
                throw new IllegalArgumentException(e.getKey() + ": expected " + Label.COUNT + " probabilities");
            }
            trends.add(TimeframeTrend.fromProbabilities(e.getKey(), p[0], p[1], p[2]));
        }
        return Confluence.of(trends);
    }

    /**
     * One timeframe's trend from indicators at an instant.
     *
     * @param series the timeframe's bars
     * @param asOf the instant: only bars with close time ≤ asOf are read
     * @return the trend
     * @throws DataException when fewer than {@code max(smaPeriod, 2 × adxPeriod + 1)} bars closed by asOf
     */
    public TimeframeTrend trend(BarSeries series, long asOf) {
        int last = lastClosed(series, asOf);
        int p = rules.adxPeriod();
        int need = Math.max(rules.smaPeriod(), 2 * p + 1);
        if (last + 1 < need) {
            throw new DataException(series.symbol() + " " + series.timeframe() + ": " + (last + 1)
                    + " bars closed by " + Instant.ofEpochMilli(asOf) + "; the trend needs " + need);
        }
        int from = Math.max(0, last + 1 - Math.max(ADX_WINDOW_PERIODS * p, need));
        double[] v = smaAndAdx(series, from, last);
        return TimeframeTrend.fromIndicators(series.timeframe(), series.close(last), v[0], v[1], rules);
    }

    /** SMA and ADX at bar {@code last}, streaming bars {@code from..last} through the catalogue indicators. */
    double[] smaAndAdx(BarSeries s, int from, int last) {
        IndicatorStream a = adx.newStream();
        IndicatorStream m = sma.newStream();
        int smaFrom = last - rules.smaPeriod() + 1;
        for (int i = from; i <= last; i++) {
            a.update(s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
            if (i >= smaFrom) {
                m.update(s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i));
            }
        }
        return new double[] {m.value(), a.value()};
    }

    /**
     * The last bar known at an instant (binary search: close times do not decrease).
     *
     * @param s a series
     * @param asOf the instant, UTC epoch ms
     * @return index of the last bar with close time ≤ asOf, −1 when none
     */
    public static int lastClosed(BarSeries s, long asOf) {
        int lo = 0;
        int hi = s.size() - 1;
        int ans = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (s.closeTime(mid) <= asOf) {
                ans = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return ans;
    }
}
