package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DecisionEngine;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.training.backtest.BarsPerYear;
import java.util.List;
import java.util.Objects;

/**
 * One symbol of a portfolio backtest: its base bars, the model's probabilities aligned to them (as
 * {@link dev.ktrdr.training.backtest.EventBacktester#alignToBars} makes them; a NaN row means "no
 * features", no decision), its own decision engine (engines keep state: one instance per leg) and the
 * splits to apply to a position held across an ex-date when the bars are not split-adjusted.
 *
 * <p>Split: at the first bar of the symbol that opens at or after {@code exTime}, before that bar's
 * fill, a held position's units are multiplied by {@code ratio} and its entry price divided by it (the
 * value is unchanged; the trade's profit stays in currency), and the buy-and-hold benchmark's shares
 * likewise. Leave the list empty for back-adjusted bars.
 *
 * @param info the symbol, its asset class (which selects the costs) and calendar
 * @param bars the base bars
 * @param probabilities row-major BUY, HOLD, SELL probabilities, {@code bars.size() × 3}
 * @param engine the decision engine of this leg
 * @param barsPerYear the symbol's annualisation factor (volatility sizing), &gt; 0
 * @param splits splits in ex-time order
 */
public record PortfolioLeg(SymbolInfo info, BarSeries bars, double[] probabilities, DecisionEngine engine,
                           double barsPerYear, List<Split> splits) {
    /**
     * A split.
     *
     * @param exTime the open time from which bars trade on the new basis, UTC epoch ms
     * @param ratio new shares per old share, &gt; 0 and not 1
     */
    public record Split(long exTime, double ratio) {
        /** Checks the ratio. */
        public Split {
            if (!(ratio > 0) || !Double.isFinite(ratio) || ratio == 1) {
                throw new IllegalArgumentException("split ratio " + ratio + " is not a finite number > 0 other than 1");
            }
        }
    }

    /** Checks presence, lengths and order; copies the probabilities. */
    public PortfolioLeg {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(engine, "engine");
        if (probabilities.length != bars.size() * Label.COUNT) {
            throw new IllegalArgumentException(info.symbol() + ": " + bars.size() + " bars need "
                    + bars.size() * Label.COUNT + " probabilities, got " + probabilities.length);
        }
        probabilities = probabilities.clone();
        if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
            throw new IllegalArgumentException(info.symbol() + ": barsPerYear " + barsPerYear + " is not in (0, +inf)");
        }
        splits = List.copyOf(splits);
        for (int i = 1; i < splits.size(); i++) {
            if (splits.get(i).exTime() <= splits.get(i - 1).exTime()) {
                throw new IllegalArgumentException(info.symbol() + ": splits are not in increasing ex-time order");
            }
        }
    }

    /**
     * A leg without splits, annualised with {@link BarsPerYear#estimate} on its bars.
     *
     * @param info the symbol
     * @param bars the base bars
     * @param probabilities aligned probabilities
     * @param engine the leg's own decision engine
     * @return the leg
     */
    public static PortfolioLeg of(SymbolInfo info, BarSeries bars, double[] probabilities, DecisionEngine engine) {
        return new PortfolioLeg(info, bars, probabilities, engine,
                BarsPerYear.estimate(bars.openTimes(), bars.timeframe(), info.calendarId()), List.of());
    }

    /**
     * @param s the splits, in ex-time order
     * @return this leg with them
     */
    public PortfolioLeg withSplits(List<Split> s) {
        return new PortfolioLeg(info, bars, probabilities, engine, barsPerYear, s);
    }

    /** @return a copy of the probabilities */
    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    /** The probabilities themselves, for the backtester's loop (never handed out). */
    double[] probabilitiesView() {
        return probabilities;
    }

    /** Equal when the symbol, splits and factor are, the probabilities by content, the bars and engine by identity. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PortfolioLeg other && info.equals(other.info) && bars == other.bars
                && java.util.Arrays.equals(probabilities, other.probabilities) && engine == other.engine
                && Double.compare(barsPerYear, other.barsPerYear) == 0 && splits.equals(other.splits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(info, System.identityHashCode(bars), java.util.Arrays.hashCode(probabilities),
                System.identityHashCode(engine), barsPerYear, splits);
    }

    /** The bars and probabilities are shown by size. */
    @Override
    public String toString() {
        return "PortfolioLeg[" + info.symbol() + ", " + bars.size() + " " + bars.timeframe() + " bars, "
                + splits.size() + " splits]";
    }
}
