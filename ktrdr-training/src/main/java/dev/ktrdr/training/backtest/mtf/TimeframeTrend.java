package dev.ktrdr.training.backtest.mtf;

import dev.ktrdr.api.Timeframe;
import java.util.Locale;
import java.util.Objects;

/**
 * One timeframe's trend: its direction, a strength in [0, 1] and what it was read from.
 *
 * @param timeframe the timeframe
 * @param direction up, down or neutral
 * @param strength how strong, in [0, 1]
 * @param basis one short phrase naming the inputs, e.g. {@code "close 1.0842 > sma20 1.0810, adx14 27.3"}
 */
public record TimeframeTrend(Timeframe timeframe, Trend direction, double strength, String basis) {
    /** Checks presence and the strength's range. */
    public TimeframeTrend {
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(basis, "basis");
        if (!(strength >= 0 && strength <= 1)) {
            throw new IllegalArgumentException(timeframe + ": strength " + strength + " is not in [0, 1]");
        }
    }

    /**
     * A trend from a model's probabilities on that timeframe: the most probable class gives the
     * direction (BUY up, SELL down, HOLD neutral; ties go to the lower class index as an argmax does) and
     * the strength is |P(BUY) − P(SELL)|.
     *
     * @param timeframe the timeframe
     * @param pBuy probability of BUY
     * @param pHold probability of HOLD
     * @param pSell probability of SELL
     * @return the trend
     * @throws IllegalArgumentException when a probability is NaN or outside [0, 1]
     */
    public static TimeframeTrend fromProbabilities(Timeframe timeframe, double pBuy, double pHold, double pSell) {
        for (double p : new double[] {pBuy, pHold, pSell}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(timeframe + ": probability " + p + " is not in [0, 1]");
            }
        }
        Trend d = pBuy >= pHold && pBuy >= pSell ? Trend.UP : pHold >= pSell ? Trend.NEUTRAL : Trend.DOWN;
        return new TimeframeTrend(timeframe, d, Math.min(1, Math.abs(pBuy - pSell)),
                String.format(Locale.ROOT, "model buy %.2f hold %.2f sell %.2f", pBuy, pHold, pSell));
    }

    /**
     * A trend from indicator values by {@link TrendRules}.
     *
     * @param timeframe the timeframe
     * @param close the last completed bar's close
     * @param sma the simple moving average at that bar
     * @param adx Wilder's ADX at that bar, in [0, 100]
     * @param rules the thresholds
     * @return the trend
     * @throws IllegalArgumentException when a value is NaN
     */
    public static TimeframeTrend fromIndicators(Timeframe timeframe, double close, double sma, double adx, TrendRules rules) {
        if (Double.isNaN(close) || Double.isNaN(sma) || Double.isNaN(adx)) {
            throw new IllegalArgumentException(timeframe + ": close " + close + ", sma " + sma + ", adx " + adx
                    + " (NaN: not enough bars)");
        }
        Trend d = adx < rules.adxThreshold() ? Trend.NEUTRAL : close > sma ? Trend.UP : close < sma ? Trend.DOWN : Trend.NEUTRAL;
        double strength = Math.max(0, Math.min(1, adx / rules.strongAdx()));
        return new TimeframeTrend(timeframe, d, strength, String.format(Locale.ROOT, "close %.6g %s sma%d %.6g, adx%d %.1f",
                close, close > sma ? ">" : close < sma ? "<" : "=", rules.smaPeriod(), sma, rules.adxPeriod(), adx));
    }
}
