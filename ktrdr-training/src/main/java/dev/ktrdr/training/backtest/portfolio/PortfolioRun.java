package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.training.backtest.Fill;
import dev.ktrdr.training.backtest.Performance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a portfolio backtest produced. Immutable: arrays are copied in and out.
 *
 * <p>Figures ({@link #metrics()}): every {@link Performance} figure of the portfolio's equity curve on the
 * merged clock (one point per distinct close instant of any symbol), with the equal-weight buy-and-hold
 * of the same symbols as benchmark ({@code buy_hold_*}), plus {@value #BORROW_PAID},
 * {@value #SKIPPED_ENTRIES}, {@value #MEAN_GROSS_EXPOSURE} and {@value #SYMBOLS}. Annualisation: with one
 * symbol its own bars per year; with several, the clock's points per year (points ÷ span in years of
 * 365.25 days) when the clock spans at least 60 days and 30 points, else the largest of the symbols'.
 *
 * @param symbols the symbols, in leg order
 * @param times close instants of the equity points, UTC epoch ms
 * @param equity portfolio equity at each point
 * @param benchmark equal-weight buy-and-hold equity at each point
 * @param grossExposure Σ |notional| ÷ equity at each point
 * @param trades closed trades in exit order
 * @param tradeSymbol per trade, the index of its symbol
 * @param fills per symbol, its fills (bar indices in its own bars)
 * @param decisions per symbol, per bar, the label index decided at its close or {@link dev.ktrdr.api.Label#NONE}
 * @param firstBars per symbol, its first bar with probabilities
 * @param perSymbol per symbol, its contribution and activity
 * @param exposureByClass mean Σ |notional| ÷ equity per asset class present
 * @param correlation daily-return correlation of the symbols ({@link ReturnCorrelation})
 * @param metrics the portfolio's figures
 */
public record PortfolioRun(List<SymbolInfo> symbols, long[] times, double[] equity, double[] benchmark,
                           double[] grossExposure, List<Trade> trades, int[] tradeSymbol, List<List<Fill>> fills,
                           List<byte[]> decisions, int[] firstBars, List<SymbolFigures> perSymbol,
                           Map<AssetClass, Double> exposureByClass, double[][] correlation, Map<String, Double> metrics) {
    /** Borrow paid on short positions. */
    public static final String BORROW_PAID = "borrow_paid";
    /** Entries not made (equity not positive, a cap reached, volatility unknown). */
    public static final String SKIPPED_ENTRIES = "skipped_entries";
    /** Mean of Σ |notional| ÷ equity over the points. */
    public static final String MEAN_GROSS_EXPOSURE = "mean_gross_exposure";
    /** Number of symbols. */
    public static final String SYMBOLS = "symbols";

    /**
     * One symbol's part.
     *
     * @param info the symbol
     * @param trades its closed trades
     * @param contribution Σ profit of its trades after commissions and borrow, in currency
     * @param tradedNotional its traded notional
     * @param commissions its commissions
     * @param buyHoldReturn its close-to-close return over its window (first to last close, split-adjusted)
     */
    public record SymbolFigures(SymbolInfo info, int trades, double contribution, double tradedNotional,
                                double commissions, double buyHoldReturn) {
    }

    /** Copies everything. */
    public PortfolioRun {
        symbols = List.copyOf(symbols);
        times = times.clone();
        equity = equity.clone();
        benchmark = benchmark.clone();
        grossExposure = grossExposure.clone();
        trades = List.copyOf(trades);
        tradeSymbol = tradeSymbol.clone();
        fills = fills.stream().map(List::copyOf).toList();
        decisions = decisions.stream().map(byte[]::clone).toList();
        firstBars = firstBars.clone();
        perSymbol = List.copyOf(perSymbol);
        exposureByClass = Map.copyOf(exposureByClass);
        correlation = Arrays.stream(correlation).map(double[]::clone).toArray(double[][]::new);
        metrics = Map.copyOf(metrics);
        if (equity.length != times.length || benchmark.length != times.length || grossExposure.length != times.length) {
            throw new IllegalArgumentException("equity, benchmark, exposure and times differ in length");
        }
    }

    /**
     * Builds the run from a driven book.
     *
     * @param legs the legs the book was made with
     * @param book the book, after the last event
     * @param decisions per leg, per bar, the decided label index
     * @param firstBars per leg, its first bar with probabilities
     * @return the run
     * @throws IllegalStateException when the book recorded no point
     */
    public static PortfolioRun of(List<PortfolioLeg> legs, PortfolioBook book, List<byte[]> decisions, int[] firstBars) {
        Objects.requireNonNull(book, "book");
        PortfolioBook.State s = book.state();
        int points = s.times().length;
        if (points == 0) {
            throw new IllegalStateException("the portfolio recorded no equity point");
        }
        double bpy;
        if (legs.size() == 1) {
            bpy = legs.get(0).barsPerYear();
        } else {
            double span = (s.times()[points - 1] - s.times()[0]) / (365.25 * 86_400_000d);
            bpy = 0;
            for (PortfolioLeg l : legs) {
                bpy = Math.max(bpy, l.barsPerYear());
            }
            if (points >= 30 && span >= 60 / 365.25) {
                bpy = points / span;
            }
        }
        Map<String, Double> m = new LinkedHashMap<>(Performance.report(s.equity(), s.trades(), s.holdingBars(), bpy,
                s.benchmark(), (double) s.exposedPoints() / points, s.tradedNotional(), s.commissions(), s.slippage()));
        double g = 0;
        int gn = 0;
        for (double x : s.grossExposure()) {
            if (x == x) {
                g += x;
                gn++;
            }
        }
        m.put(BORROW_PAID, s.borrow());
        m.put(SKIPPED_ENTRIES, (double) s.skippedEntries());
        m.put(MEAN_GROSS_EXPOSURE, gn == 0 ? Double.NaN : g / gn);
        m.put(SYMBOLS, (double) legs.size());
        List<SymbolInfo> infos = new ArrayList<>();
        List<SymbolFigures> per = new ArrayList<>();
        List<BarSeries> bars = new ArrayList<>();
        Map<AssetClass, Double> byClass = new EnumMap<>(AssetClass.class);
        for (int l = 0; l < legs.size(); l++) {
            PortfolioLeg leg = legs.get(l);
            infos.add(leg.info());
            bars.add(leg.bars());
            BarSeries b = leg.bars();
            double c0 = b.close(firstBars[l]);
            for (PortfolioLeg.Split sp : leg.splits()) {
                if (sp.exTime() > b.openTime(firstBars[l]) && sp.exTime() <= b.openTime(b.size() - 1)) {
                    c0 /= sp.ratio();
                }
            }
            per.add(new SymbolFigures(leg.info(), s.tradesByLeg()[l], s.contribution()[l], s.notional()[l],
                    s.commissionsByLeg()[l], b.close(b.size() - 1) / c0 - 1));
            byClass.put(leg.info().assetClass(), s.exposureByClass()[leg.info().assetClass().ordinal()]);
        }
        return new PortfolioRun(infos, s.times(), s.equity(), s.benchmark(), s.grossExposure(), s.trades(), s.tradeLeg(),
                s.fills(), decisions, firstBars, per, byClass, ReturnCorrelation.daily(bars, firstBars), m);
    }

    /** @return a copy of the times */
    @Override
    public long[] times() {
        return times.clone();
    }

    /** @return a copy of the equity */
    @Override
    public double[] equity() {
        return equity.clone();
    }

    /** @return a copy of the benchmark */
    @Override
    public double[] benchmark() {
        return benchmark.clone();
    }

    /** @return a copy of the gross exposure */
    @Override
    public double[] grossExposure() {
        return grossExposure.clone();
    }

    /** @return a copy of the trade symbols */
    @Override
    public int[] tradeSymbol() {
        return tradeSymbol.clone();
    }

    /** @return copies of the decisions */
    @Override
    public List<byte[]> decisions() {
        return decisions.stream().map(byte[]::clone).toList();
    }

    /** @return a copy of the first bars */
    @Override
    public int[] firstBars() {
        return firstBars.clone();
    }

    /** @return a copy of the correlation matrix */
    @Override
    public double[][] correlation() {
        return Arrays.stream(correlation).map(double[]::clone).toArray(double[][]::new);
    }

    /**
     * @param symbol a symbol's index
     * @return its trades, in exit order
     */
    public List<Trade> tradesOf(int symbol) {
        List<Trade> out = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            if (tradeSymbol[i] == symbol) {
                out.add(trades.get(i));
            }
        }
        return out;
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof PortfolioRun r && symbols.equals(r.symbols) && Arrays.equals(times, r.times)
                && Arrays.equals(equity, r.equity) && Arrays.equals(benchmark, r.benchmark)
                && Arrays.equals(grossExposure, r.grossExposure) && trades.equals(r.trades)
                && Arrays.equals(tradeSymbol, r.tradeSymbol) && fills.equals(r.fills)
                && Arrays.deepEquals(decisions.toArray(), r.decisions.toArray()) && Arrays.equals(firstBars, r.firstBars)
                && perSymbol.equals(r.perSymbol) && exposureByClass.equals(r.exposureByClass)
                && Arrays.deepEquals(correlation, r.correlation) && metrics.equals(r.metrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbols, Arrays.hashCode(times), Arrays.hashCode(equity), trades, metrics);
    }

    /** Arrays are shown by length. */
    @Override
    public String toString() {
        return "PortfolioRun[symbols=" + symbols.size() + ", points=" + times.length + ", trades=" + trades.size()
                + ", metrics=" + metrics + "]";
    }
}
