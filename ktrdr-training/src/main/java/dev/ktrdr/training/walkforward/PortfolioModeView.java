package dev.ktrdr.training.walkforward;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.backtest.portfolio.AssetClassCosts;
import dev.ktrdr.training.backtest.portfolio.PortfolioBacktester;
import dev.ktrdr.training.backtest.portfolio.PortfolioLeg;
import dev.ktrdr.training.backtest.portfolio.PortfolioOptions;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The portfolio view of the mode comparison: per mode, per group of symbols (training, held out) and per
 * walk-forward window, the symbols traded as one equal-weight portfolio ({@link PortfolioBacktester}: one
 * account, merged clock, the comparison's commission and slippage for every asset class) over the window's
 * test span with that window's out-of-sample probabilities; then, for each pair of modes and each group,
 * the paired differences of the window portfolios' Sharpe ratio and total return, with a 95 % Student-t
 * interval over the windows (mean ± t<sub>0.975, n−1</sub> × sd ÷ √n; NaN with fewer than 2 windows, so
 * with the usual 3 to 5 windows the intervals are wide, and say so).
 *
 * <p>Stateless and thread-safe.
 */
public final class PortfolioModeView {
    private PortfolioModeView() {
    }

    /**
     * One window's portfolio under one mode.
     *
     * @param mode the mode
     * @param heldOut true for the held-out symbols' portfolio, false for the training symbols'
     * @param window the window, counted from 1
     * @param symbols symbols in the portfolio (those with out-of-sample probabilities in the window)
     * @param totalReturn the portfolio's total return over the window
     * @param sharpe its annualised Sharpe ratio (NaN when the equity never moved)
     * @param buyHoldReturn the equal-weight buy-and-hold return of the same symbols over the window
     * @param trades closed trades
     */
    public record Window(ModeComparison.Mode mode, boolean heldOut, int window, int symbols, double totalReturn, double sharpe,
                         double buyHoldReturn, int trades) {
    }

    /**
     * Paired difference of two modes' window portfolios (a − b).
     *
     * @param a the first mode
     * @param b the second mode
     * @param heldOut which group
     * @param windows windows where both had a portfolio
     * @param sharpe mean Sharpe difference
     * @param sharpeLow lower end of its 95 % interval
     * @param sharpeHigh upper end
     * @param totalReturn mean total-return difference
     * @param returnLow lower end of its 95 % interval
     * @param returnHigh upper end
     */
    public record Difference(ModeComparison.Mode a, ModeComparison.Mode b, boolean heldOut, int windows, double sharpe,
                             double sharpeLow, double sharpeHigh, double totalReturn, double returnLow, double returnHigh) {
        /** @return one line: the differences, their intervals and what they mean */
        public String line() {
            return String.format(Locale.ROOT, "%s − %s (%s symbols, %d windows): Sharpe %+.2f [%+.2f, %+.2f], total return "
                            + "%+.2f %% [%+.2f, %+.2f]%s", a.id(), b.id(), heldOut ? "held-out" : "training", windows, sharpe,
                    sharpeLow, sharpeHigh, 100 * totalReturn, 100 * returnLow, 100 * returnHigh,
                    Double.isNaN(sharpeLow) ? " (one window: no interval)"
                            : sharpeLow > 0 ? ": " + a.id() + " better" : sharpeHigh < 0 ? ": " + b.id() + " better"
                            : ": no difference shown");
        }
    }

    /**
     * One symbol's out-of-sample probabilities under one mode.
     *
     * @param info the symbol
     * @param base its base bars
     * @param perWindow per window, probabilities aligned to the base bars (NaN rows outside the window), or null
     * @param heldOut whether it is held out of training
     */
    record SymbolWindows(SymbolInfo info, BarSeries base, double[][] perWindow, boolean heldOut) {
        /** Equal when every component is, the windows' probabilities by content, the bars by identity. */
        @Override
        public boolean equals(Object o) {
            return o instanceof SymbolWindows x && info.equals(x.info) && base == x.base
                    && Arrays.deepEquals(perWindow, x.perWindow) && heldOut == x.heldOut;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(info, System.identityHashCode(base), Arrays.deepHashCode(perWindow), heldOut);
        }

        /** The arrays are shown by size. */
        @Override
        public String toString() {
            return "SymbolWindows[" + info.symbol() + ", " + perWindow.length + " windows, heldOut=" + heldOut + "]";
        }
    }

    /**
     * @param symbols per mode, its symbols' windows
     * @param windows the number of windows
     * @param decisions the decision rules
     * @param execution capital, commission, slippage
     * @return the window portfolios, mode by mode, training group first
     */
    static List<Window> windows(Map<ModeComparison.Mode, List<SymbolWindows>> symbols, int windows, DecisionConfig decisions,
                                Backtester.Execution execution) {
        PortfolioOptions options = PortfolioOptions.defaults(execution.initialCapital()).withCostsForAll(new AssetClassCosts(
                execution.commissionRate(), execution.minimumCommission(), execution.slippageBps(), 0));
        List<Window> out = new ArrayList<>();
        for (Map.Entry<ModeComparison.Mode, List<SymbolWindows>> e : symbols.entrySet()) {
            for (boolean held : new boolean[] {false, true}) {
                for (int k = 0; k < windows; k++) {
                    List<PortfolioLeg> legs = new ArrayList<>();
                    for (SymbolWindows s : e.getValue()) {
                        if (s.heldOut() == held && s.perWindow()[k] != null) {
                            PortfolioLeg leg = leg(s, s.perWindow()[k], decisions);
                            if (leg != null) {
                                legs.add(leg);
                            }
                        }
                    }
                    if (legs.isEmpty()) {
                        continue;
                    }
                    PortfolioRun run = new PortfolioBacktester().run(legs, options);
                    Map<String, Double> m = run.metrics();
                    out.add(new Window(e.getKey(), held, k + 1, legs.size(), m.get(Performance.TOTAL_RETURN),
                            m.get(Performance.SHARPE), m.get(Performance.BUY_HOLD_RETURN), run.trades().size()));
                }
            }
        }
        return out;
    }

    /** The bars from the first to one past the last bar with probabilities (so the last decision can fill). */
    private static PortfolioLeg leg(SymbolWindows s, double[] p, DecisionConfig decisions) {
        BarSeries base = s.base();
        int first = -1;
        int last = -1;
        for (int i = 0; i < base.size(); i++) {
            if (!Double.isNaN(p[i * Label.COUNT])) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return null;
        }
        int end = Math.min(base.size(), last + 2);
        return PortfolioLeg.of(s.info(), base.slice(first, end), Arrays.copyOfRange(p, first * Label.COUNT, end * Label.COUNT),
                RuleDecisionEngine.of(decisions));
    }

    /**
     * @param windows the window portfolios
     * @return per pair of modes (in mode order) and group, the paired differences over the windows both have
     */
    static List<Difference> differences(List<Window> windows) {
        List<Difference> out = new ArrayList<>();
        ModeComparison.Mode[] modes = ModeComparison.Mode.values();
        for (int i = 0; i < modes.length; i++) {
            for (int j = i + 1; j < modes.length; j++) {
                for (boolean held : new boolean[] {false, true}) {
                    List<double[]> pairs = new ArrayList<>();
                    for (Window a : windows) {
                        if (a.mode() != modes[i] || a.heldOut() != held) {
                            continue;
                        }
                        for (Window b : windows) {
                            if (b.mode() == modes[j] && b.heldOut() == held && b.window() == a.window()) {
                                pairs.add(new double[] {a.sharpe() - b.sharpe(), a.totalReturn() - b.totalReturn()});
                            }
                        }
                    }
                    if (pairs.isEmpty()) {
                        continue;
                    }
                    double[] sh = pairs.stream().mapToDouble(x -> x[0]).filter(Double::isFinite).toArray();
                    double[] rt = pairs.stream().mapToDouble(x -> x[1]).toArray();
                    double[] si = interval(sh);
                    double[] ri = interval(rt);
                    out.add(new Difference(modes[i], modes[j], held, pairs.size(), si[0], si[1], si[2], ri[0], ri[1], ri[2]));
                }
            }
        }
        return out;
    }

    /** @return mean, lower and upper end of the 95 % Student-t interval (NaN ends with fewer than 2 values) */
    static double[] interval(double[] x) {
        int n = x.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mean = Arrays.stream(x).sum() / n;
        if (n < 2) {
            return new double[] {mean, Double.NaN, Double.NaN};
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (n - 1) / n);
        return new double[] {mean, mean - half, mean + half};
    }
}
