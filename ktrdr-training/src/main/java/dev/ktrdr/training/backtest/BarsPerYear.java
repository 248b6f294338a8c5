package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Timeframe;

/**
 * How many bars a series has per year, the factor that annualises per-bar statistics (volatility ×
 * √bars-per-year, Sharpe, Sortino, annualised return). The Python original multiplies per-bar Sharpe
 * by √252 whatever the bar size, which overstates or understates every intraday figure; here the factor
 * comes from the series itself.
 *
 * <p>Rule: when the bars span at least {@value #MIN_SPAN_DAYS} days and there are at least
 * {@value #MIN_BARS} of them, the factor is measured from the timestamps: bars ÷ (span in years), with
 * span = last open − first open + one bar, years of 365.25 days. That gives about 1764 for US-equity 1h
 * bars (7 bars a session, ~252 sessions), 8766 for crypto 1h and about 6200 for forex 1h. Shorter
 * series use the nominal figure of their calendar id: {@code crypto} 365.25 days of 24 h,
 * {@code forex} (and any other 24/5 market) 365.25 × 5/7 days of 24 h, {@code us-equity} 252 sessions
 * of 6.5 h (intraday bars per session rounded up, one bar per daily session, 52.18 weekly bars).
 *
 * <p>Stateless and thread-safe.
 */
public final class BarsPerYear {
    /** The shortest span, in days, measured from timestamps. */
    public static final int MIN_SPAN_DAYS = 60;
    /** The fewest bars measured from timestamps. */
    public static final int MIN_BARS = 30;

    private static final double YEAR_MS = 365.25 * 86_400_000d;

    private BarsPerYear() {
    }

    /**
     * @param openTimes bar open times, UTC epoch ms, increasing
     * @param timeframe the bar size
     * @param calendarId {@code crypto}, {@code forex}, {@code us-equity}, or anything else (treated as 24/5)
     * @return bars per year, &gt; 0
     */
    public static double estimate(long[] openTimes, Timeframe timeframe, String calendarId) {
        int n = openTimes.length;
        if (n >= MIN_BARS) {
            long span = openTimes[n - 1] - openTimes[0] + timeframe.millis();
            if (span >= MIN_SPAN_DAYS * 86_400_000L) {
                return n / (span / YEAR_MS);
            }
        }
        return nominal(timeframe, calendarId);
    }

    /**
     * @param timeframe the bar size
     * @param calendarId {@code crypto}, {@code forex}, {@code us-equity}, or anything else (treated as 24/5)
     * @return the nominal bars per year of that calendar
     */
    public static double nominal(Timeframe timeframe, String calendarId) {
        String id = calendarId == null ? "" : calendarId;
        if (id.equals("us-equity")) {
            if (timeframe == Timeframe.W1) {
                return 365.25 / 7;
            }
            if (!timeframe.isIntraday()) {
                return 252;
            }
            long perSession = (6 * 3_600_000L + 1_800_000L + timeframe.millis() - 1) / timeframe.millis();
            return 252d * perSession;
        }
        double days = id.equals("crypto") ? 365.25 : 365.25 * 5 / 7;
        if (timeframe == Timeframe.W1) {
            return 365.25 / 7;
        }
        return days * 86_400_000d / timeframe.millis();
    }
}
