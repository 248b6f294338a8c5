package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester.Trade;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance figures of an equity curve and its trades, and the keys under which the backtester
 * stores them in {@link dev.ktrdr.api.Backtester.Result#metrics()}.
 *
 * <p>Conventions: per-bar simple returns r<sub>t</sub> = E<sub>t</sub> ÷ E<sub>t−1</sub> − 1 of the
 * equity at each bar's close; no risk-free rate. Annualisation uses the series' own bars per year
 * ({@link BarsPerYear}), not the √252 the Python original applies to every bar size. Undefined figures
 * are NaN (a Sharpe ratio of a curve without variation, a profit factor without trades) and an
 * unbounded one is +∞ (a profit factor without losing trades). Ratios and returns are fractions
 * (0.05 = 5 %); amounts are in the quote currency.
 *
 * <p>Stateless and thread-safe.
 */
public final class Performance {
    /** Final ÷ initial equity − 1. */
    public static final String TOTAL_RETURN = "total_return";
    /** (1 + total return)^(bars per year ÷ returns) − 1. */
    public static final String ANNUALIZED_RETURN = "annualized_return";
    /** Sample standard deviation of per-bar returns × √bars per year. */
    public static final String VOLATILITY = "volatility";
    /** Mean ÷ sample standard deviation of per-bar returns × √bars per year. */
    public static final String SHARPE = "sharpe";
    /** Mean per-bar return ÷ downside deviation (target 0) × √bars per year. */
    public static final String SORTINO = "sortino";
    /** Largest peak-to-trough fall as a fraction of the peak (positive). */
    public static final String MAX_DRAWDOWN = "max_drawdown";
    /** Largest peak-to-trough fall in currency (positive). */
    public static final String MAX_DRAWDOWN_AMOUNT = "max_drawdown_amount";
    /** Annualised return ÷ maximum drawdown. */
    public static final String CALMAR = "calmar";
    /** Share of trades with a positive profit after costs. */
    public static final String WIN_RATE = "win_rate";
    /** Gross profit ÷ gross loss of trades, after costs. */
    public static final String PROFIT_FACTOR = "profit_factor";
    /** Mean profit of winning trades. */
    public static final String AVERAGE_WIN = "average_win";
    /** Mean loss of losing trades (negative). */
    public static final String AVERAGE_LOSS = "average_loss";
    /** Largest profit of one trade. */
    public static final String LARGEST_WIN = "largest_win";
    /** Largest loss of one trade (negative). */
    public static final String LARGEST_LOSS = "largest_loss";
    /** Mean number of base bars a trade was held. */
    public static final String AVERAGE_HOLDING_BARS = "average_holding_bars";
    /** Longest number of base bars a trade was held. */
    public static final String MAX_HOLDING_BARS = "max_holding_bars";
    /** Mean holding time of a trade in hours (exit fill time − entry fill time). */
    public static final String AVERAGE_HOLDING_HOURS = "average_holding_hours";
    /** Share of bars that closed with an open position. */
    public static final String EXPOSURE = "exposure";
    /** Number of closed trades. */
    public static final String TRADE_COUNT = "trade_count";
    /** Traded notional (every fill) ÷ mean equity. */
    public static final String TURNOVER = "turnover";
    /** Commissions paid. */
    public static final String COMMISSION_PAID = "commission_paid";
    /** Slippage paid: units × |fill price − reference price| over every fill. */
    public static final String SLIPPAGE_PAID = "slippage_paid";
    /** Commissions plus slippage. */
    public static final String COSTS_PAID = "costs_paid";
    /** The annualisation factor used. */
    public static final String BARS_PER_YEAR = "bars_per_year";
    /** Equity at the end. */
    public static final String FINAL_EQUITY = "final_equity";
    /** Total return of buying at the first bar's close and holding to the last bar's close, no costs. */
    public static final String BUY_HOLD_RETURN = "buy_hold_return";
    /** Annualised buy-and-hold return. */
    public static final String BUY_HOLD_ANNUALIZED_RETURN = "buy_hold_annualized_return";
    /** Buy-and-hold Sharpe ratio. */
    public static final String BUY_HOLD_SHARPE = "buy_hold_sharpe";
    /** Buy-and-hold maximum drawdown. */
    public static final String BUY_HOLD_MAX_DRAWDOWN = "buy_hold_max_drawdown";
    /** Total return − buy-and-hold return. */
    public static final String EXCESS_RETURN = "excess_return";

    private Performance() {
    }

    /**
     * @param equity equity at each bar's close, at least 1 value
     * @return the per-bar simple returns, one fewer than the equity values
     */
    public static double[] returns(double[] equity) {
        double[] r = new double[Math.max(0, equity.length - 1)];
        for (int i = 1; i < equity.length; i++) {
            r[i - 1] = equity[i] / equity[i - 1] - 1;
        }
        return r;
    }

    /**
     * @param returns per-bar returns
     * @return the arithmetic mean, NaN when empty
     */
    public static double mean(double[] returns) {
        if (returns.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double r : returns) {
            s += r;
        }
        return s / returns.length;
    }

    /**
     * @param returns per-bar returns
     * @return the sample standard deviation (n − 1), NaN for fewer than 2 returns
     */
    public static double standardDeviation(double[] returns) {
        if (returns.length < 2) {
            return Double.NaN;
        }
        double m = mean(returns);
        double ss = 0;
        for (double r : returns) {
            ss += (r - m) * (r - m);
        }
        return Math.sqrt(ss / (returns.length - 1));
    }

    /**
     * @param returns per-bar returns
     * @param barsPerYear the annualisation factor
     * @return mean ÷ sample standard deviation × √barsPerYear; NaN when the deviation is 0 or undefined
     */
    public static double sharpe(double[] returns, double barsPerYear) {
        double sd = standardDeviation(returns);
        if (!(sd > 0)) {
            return Double.NaN;
        }
        return mean(returns) / sd * Math.sqrt(barsPerYear);
    }

    /**
     * @param returns per-bar returns
     * @param barsPerYear the annualisation factor
     * @return mean ÷ downside deviation × √barsPerYear, with downside deviation √(Σ min(r, 0)² ÷ n);
     *     NaN when there are no returns or no negative return
     */
    public static double sortino(double[] returns, double barsPerYear) {
        if (returns.length == 0) {
            return Double.NaN;
        }
        double ss = 0;
        for (double r : returns) {
            if (r < 0) {
                ss += r * r;
            }
        }
        double dd = Math.sqrt(ss / returns.length);
        if (!(dd > 0)) {
            return Double.NaN;
        }
        return mean(returns) / dd * Math.sqrt(barsPerYear);
    }

    /**
     * @param equity an equity curve
     * @return the largest fall from a running peak as a fraction of that peak, 0 for a curve that never falls
     */
    public static double maxDrawdown(double[] equity) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double e : equity) {
            if (e > peak) {
                peak = e;
            } else if (peak > 0 && peak - e > worst * peak) {
                // Divide only when the fall may be a new worst: keeps the pass cheap on long curves.
                worst = Math.max(worst, (peak - e) / peak);
            }
        }
        return worst;
    }

    /**
     * @param equity an equity curve
     * @return the largest fall from a running peak in currency, 0 for a curve that never falls
     */
    public static double maxDrawdownAmount(double[] equity) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            worst = Math.max(worst, peak - e);
        }
        return worst;
    }

    /**
     * @param totalReturn total return as a fraction
     * @param periods number of per-bar returns it took
     * @param barsPerYear the annualisation factor
     * @return the compound annual rate; NaN without periods; −1 when the equity was wiped out
     */
    public static double annualizedReturn(double totalReturn, int periods, double barsPerYear) {
        if (periods <= 0) {
            return Double.NaN;
        }
        if (totalReturn <= -1) {
            return -1;
        }
        return Math.pow(1 + totalReturn, barsPerYear / periods) - 1;
    }

    /**
     * Mean, sample standard deviation and downside deviation of the per-bar returns of an equity curve,
     * in two passes and without allocating a returns array (the same definitions as {@link #mean},
     * {@link #standardDeviation} and {@link #sortino}).
     */
    static double[] returnStats(double[] equity) {
        int n = equity.length - 1;
        if (n <= 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double sum = 0;
        double down = 0;
        for (int i = 1; i <= n; i++) {
            double r = equity[i] / equity[i - 1] - 1;
            sum += r;
            if (r < 0) {
                down += r * r;
            }
        }
        double mean = sum / n;
        double ss = 0;
        for (int i = 1; i <= n; i++) {
            double d = equity[i] / equity[i - 1] - 1 - mean;
            ss += d * d;
        }
        return new double[] {mean, n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1)), Math.sqrt(down / n)};
    }

    /**
     * Every figure of the report.
     *
     * @param equity equity at each bar's close over the backtest window
     * @param trades the closed trades
     * @param holding per trade, the number of bars held (same order as trades)
     * @param barsPerYear the annualisation factor
     * @param benchmarkEquity buy-and-hold equity over the same bars
     * @param exposure share of bars closed with an open position
     * @param tradedNotional Σ units × fill price over every fill
     * @param commissions commissions paid
     * @param slippage slippage paid
     * @return the figures, keyed by the constants of this class, in a stable order
     */
    public static Map<String, Double> report(double[] equity, List<Trade> trades, int[] holding, double barsPerYear,
                                             double[] benchmarkEquity, double exposure, double tradedNotional,
                                             double commissions, double slippage) {
        Map<String, Double> m = new LinkedHashMap<>();
        int periods = equity.length - 1;
        double total = equity[equity.length - 1] / equity[0] - 1;
        double annual = annualizedReturn(total, periods, barsPerYear);
        double mdd = maxDrawdown(equity);
        double[] st = returnStats(equity);
        double root = Math.sqrt(barsPerYear);
        m.put(TOTAL_RETURN, total);
        m.put(ANNUALIZED_RETURN, annual);
        m.put(VOLATILITY, st[1] * root);
        m.put(SHARPE, st[1] > 0 ? st[0] / st[1] * root : Double.NaN);
        m.put(SORTINO, st[2] > 0 ? st[0] / st[2] * root : Double.NaN);
        m.put(MAX_DRAWDOWN, mdd);
        m.put(MAX_DRAWDOWN_AMOUNT, maxDrawdownAmount(equity));
        m.put(CALMAR, mdd > 0 ? annual / mdd : Double.NaN);

        int wins = 0;
        int losses = 0;
        double grossProfit = 0;
        double grossLoss = 0;
        double largestWin = Double.NaN;
        double largestLoss = Double.NaN;
        double holdHours = 0;
        long holdBars = 0;
        int maxHold = 0;
        for (int i = 0; i < trades.size(); i++) {
            Trade t = trades.get(i);
            if (t.pnl() > 0) {
                wins++;
                grossProfit += t.pnl();
                largestWin = Double.isNaN(largestWin) ? t.pnl() : Math.max(largestWin, t.pnl());
            } else if (t.pnl() < 0) {
                losses++;
                grossLoss -= t.pnl();
                largestLoss = Double.isNaN(largestLoss) ? t.pnl() : Math.min(largestLoss, t.pnl());
            }
            holdHours += (t.exitTime() - t.entryTime()) / 3_600_000d;
            holdBars += holding[i];
            maxHold = Math.max(maxHold, holding[i]);
        }
        int n = trades.size();
        m.put(WIN_RATE, n == 0 ? Double.NaN : (double) wins / n);
        m.put(PROFIT_FACTOR, n == 0 ? Double.NaN : grossLoss > 0 ? grossProfit / grossLoss
                : grossProfit > 0 ? Double.POSITIVE_INFINITY : Double.NaN);
        m.put(AVERAGE_WIN, wins == 0 ? Double.NaN : grossProfit / wins);
        m.put(AVERAGE_LOSS, losses == 0 ? Double.NaN : -grossLoss / losses);
        m.put(LARGEST_WIN, largestWin);
        m.put(LARGEST_LOSS, largestLoss);
        m.put(AVERAGE_HOLDING_BARS, n == 0 ? Double.NaN : (double) holdBars / n);
        m.put(MAX_HOLDING_BARS, n == 0 ? Double.NaN : (double) maxHold);
        m.put(AVERAGE_HOLDING_HOURS, n == 0 ? Double.NaN : holdHours / n);
        m.put(EXPOSURE, exposure);
        m.put(TRADE_COUNT, (double) n);
        double meanEquity = 0;
        for (double e : equity) {
            meanEquity += e;
        }
        meanEquity /= equity.length;
        m.put(TURNOVER, meanEquity > 0 ? tradedNotional / meanEquity : Double.NaN);
        m.put(COMMISSION_PAID, commissions);
        m.put(SLIPPAGE_PAID, slippage);
        m.put(COSTS_PAID, commissions + slippage);
        m.put(BARS_PER_YEAR, barsPerYear);
        m.put(FINAL_EQUITY, equity[equity.length - 1]);

        double[] bst = returnStats(benchmarkEquity);
        double bTotal = benchmarkEquity[benchmarkEquity.length - 1] / benchmarkEquity[0] - 1;
        m.put(BUY_HOLD_RETURN, bTotal);
        m.put(BUY_HOLD_ANNUALIZED_RETURN, annualizedReturn(bTotal, benchmarkEquity.length - 1, barsPerYear));
        m.put(BUY_HOLD_SHARPE, bst[1] > 0 ? bst[0] / bst[1] * root : Double.NaN);
        m.put(BUY_HOLD_MAX_DRAWDOWN, maxDrawdown(benchmarkEquity));
        m.put(EXCESS_RETURN, total - bTotal);
        return m;
    }
}
