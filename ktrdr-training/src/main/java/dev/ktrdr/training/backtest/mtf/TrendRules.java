package dev.ktrdr.training.backtest.mtf;

import dev.ktrdr.api.ConfigurationException;

/**
 * The simple, documented rules that read a timeframe's trend from indicators:
 * <ul>
 *   <li>direction: UP when close &gt; SMA({@code smaPeriod}) and ADX({@code adxPeriod}) ≥
 *       {@code adxThreshold}; DOWN when close &lt; SMA and ADX ≥ threshold; NEUTRAL otherwise (a weak
 *       trend, or close exactly on the average);</li>
 *   <li>strength: ADX ÷ {@code strongAdx}, capped at 1 (ADX of 50 or more counts as fully strong).</li>
 * </ul>
 *
 * @param smaPeriod bars in the simple moving average, in [2, 500]
 * @param adxPeriod Wilder's ADX period, in [2, 100]
 * @param adxThreshold ADX below which there is no trend, in [0, 100]
 * @param strongAdx ADX that counts as full strength, in (0, 100]
 */
public record TrendRules(int smaPeriod, int adxPeriod, double adxThreshold, double strongAdx) {
    /** SMA 20, ADX 14, threshold 20, full strength at 50. */
    public static final TrendRules DEFAULTS = new TrendRules(20, 14, 20, 50);

    /** Validates every value, naming the parameter and its range. */
    public TrendRules {
        if (smaPeriod < 2 || smaPeriod > 500) {
            throw new ConfigurationException("sma_period", smaPeriod + " is not in [2, 500]");
        }
        if (adxPeriod < 2 || adxPeriod > 100) {
            throw new ConfigurationException("adx_period", adxPeriod + " is not in [2, 100]");
        }
        if (!(adxThreshold >= 0 && adxThreshold <= 100)) {
            throw new ConfigurationException("adx_threshold", adxThreshold + " is not in [0, 100]");
        }
        if (!(strongAdx > 0 && strongAdx <= 100)) {
            throw new ConfigurationException("strong_adx", strongAdx + " is not in (0, 100]");
        }
    }
}
