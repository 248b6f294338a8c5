package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.DecisionEngine;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.TradingModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The event-driven {@link Backtester}: features from the request's pipeline (through a
 * {@link FeatureCache}), the model's feature spec checked, probabilities for every feature row, then one
 * pass over the base bars.
 *
 * <p>Per base bar {@code i} of the window, in time order:
 * <ol>
 *   <li>at its open: the order decided at the close of bar {@code i − 1} is filled at
 *       {@code open(i)} moved against the trader by the slippage (buys at open × (1 + bps/10⁴), sells at
 *       open × (1 − bps/10⁴)); a flip is two fills, the exit then the new entry;</li>
 *   <li>at its close: equity = cash + units × close(i) is recorded;</li>
 *   <li>at its close: the decision engine decides from that bar's probabilities and the position
 *       (rule 8 of docs/ARCHITECTURE.md: decide at a bar's close, fill at the next bar's open; no fill is ever
 *       at the decision bar). No decision is taken at the last bar, which has no next open.</li>
 * </ol>
 * BUY means "be long"; SELL means "be short" when the engine allows shorts
 * ({@link RuleDecisionEngine#allowShort()}; any other {@link DecisionEngine} is taken to allow them),
 * otherwise "be flat"; HOLD keeps the position. A position still open after the last bar is closed at
 * that bar's <em>close</em> (there is no later open), with slippage and commission, and marked forced.
 *
 * <p>Costs: each fill pays {@code max(minimumCommission, commissionRate × units × fill price)} and the
 * slippage. Sizing at entry, with the equity at that instant (all cash, since entries start flat):
 * fraction of equity → units = fraction × equity ÷ fill price (commission comes on top; a fraction above
 * 1 is leverage); fixed notional → notional ÷ fill price; fixed units → the units. No entry is made when
 * equity is not positive.
 *
 * <p>The window starts at the first base bar that has features (warm-up bars carry no decision); the
 * equity curve and the buy-and-hold benchmark (all capital in at that bar's close, out at the last close,
 * no costs) cover the same bars. Figures are annualised with {@link BarsPerYear} from the base bars'
 * timestamps and the symbol's calendar id.
 *
 * <p>A {@link RuleDecisionEngine} is called through its primitive, allocation-free method; any other
 * engine gets one {@link DecisionEngine.Context} per decision whose probabilities array is reused from
 * bar to bar, so such an engine must not keep it.
 *
 * <p>Thread-safe: runs share only the cache. A {@link RuleDecisionEngine} is {@linkplain
 * RuleDecisionEngine#reset() reset} at the start of each run; engines are not thread-safe, so concurrent
 * runs need their own.
 */
public final class EventBacktester implements Backtester {
    /** Bars in the average volume handed to engines other than {@link RuleDecisionEngine}. */
    public static final int DEFAULT_VOLUME_WINDOW = 20;
    /** Feature rows from which the model is run on slices in parallel (common fork-join pool and the calling thread). */
    public static final int PARALLEL_PREDICTION_ROWS = 20_000;

    private final FeatureCache cache;

    /** A backtester with its own cache of 16 feature matrices. */
    public EventBacktester() {
        this(new FeatureCache(16));
    }

    /** @param cache the feature cache, possibly shared with other backtesters */
    public EventBacktester(FeatureCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    /** @return the feature cache */
    public FeatureCache cache() {
        return cache;
    }

    @Override
    public Result run(Request request) {
        return runDetailed(request).result();
    }

    /**
     * Like {@link #run} with the fills and decisions behind the result.
     *
     * @param request what to replay
     * @return the result and its detail
     * @throws dev.ktrdr.api.ModelException naming the first differing feature when the pipeline's spec is not the model's
     */
    public BacktestRun runDetailed(Request request) {
        BarSeries base = request.bars().get(request.bars().base());
        FeatureMatrix m = cache.features(request.bars(), request.features(), request.model().featureSpec());
        double[] p = predict(request.model(), m);
        double[] aligned = alignToBars(base, m, p);
        double bpy = BarsPerYear.estimate(base.openTimes(), base.timeframe(), request.bars().info().calendarId());
        return runProbabilities(base, aligned, request.decisions(), request.execution(), bpy);
    }

    /**
     * The model's probabilities for every row of a matrix. From {@link #PARALLEL_PREDICTION_ROWS} rows the
     * matrix is cut into contiguous slices predicted concurrently with {@link TradingModel#predict(FeatureMatrix)}
     * (models are safe for concurrent prediction by contract, and rows are independent), so the result
     * is the same as one call.
     *
     * @param model the model
     * @param matrix the rows, with the model's spec
     * @return row-major probabilities, {@code rows × 3}
     * @throws dev.ktrdr.api.ModelException naming the first differing feature when the specs differ
     */
    public static double[] predict(TradingModel model, FeatureMatrix matrix) {
        int n = matrix.rows();
        // a parallel stream runs on the common pool and the calling thread: one slice per processor
        int slices = Math.min(Runtime.getRuntime().availableProcessors(), n / (PARALLEL_PREDICTION_ROWS / 2));
        if (n < PARALLEL_PREDICTION_ROWS || slices < 2) {
            return model.predict(matrix);
        }
        model.featureSpec().requireSameAs(matrix.spec());
        double[] out = new double[n * Label.COUNT];
        IntStream.range(0, slices).parallel().forEach(k -> {
            int from = (int) ((long) n * k / slices);
            int to = (int) ((long) n * (k + 1) / slices);
            double[] part = model.predict(matrix.slice(from, to));
            System.arraycopy(part, 0, out, from * Label.COUNT, part.length);
        });
        return out;
    }

    /**
     * Spreads row-major probabilities of the matrix rows over the base bars; bars without a row get NaN.
     *
     * @param base the base series
     * @param matrix the feature matrix, rows stamped with base bar open times
     * @param probabilities {@code matrix.rows() × 3} probabilities
     * @return {@code base.size() × 3} probabilities, NaN where a bar has no features
     * @throws DataException when a row time is not a base bar open time
     */
    public static double[] alignToBars(BarSeries base, FeatureMatrix matrix, double[] probabilities) {
        if (probabilities.length != matrix.rows() * Label.COUNT) {
            throw new IllegalArgumentException(matrix.rows() + " rows need " + matrix.rows() * Label.COUNT
                    + " probabilities, got " + probabilities.length);
        }
        double[] out = new double[base.size() * Label.COUNT];
        Arrays.fill(out, Double.NaN);
        int b = 0;
        for (int r = 0; r < matrix.rows(); r++) {
            long t = matrix.time(r);
            while (b < base.size() && base.openTime(b) < t) {
                b++;
            }
            if (b == base.size() || base.openTime(b) != t) {
                throw new DataException(matrix.symbol() + ": feature row " + r + " at " + Instant.ofEpochMilli(t)
                        + " is not a base " + base.timeframe() + " bar");
            }
            System.arraycopy(probabilities, r * Label.COUNT, out, b * Label.COUNT, Label.COUNT);
        }
        return out;
    }

    /**
     * The lower-level entry: replays precomputed probabilities, for speed (a model run once, many
     * execution settings) and for tests.
     *
     * @param base the base bars
     * @param probabilities row-major BUY, HOLD, SELL probabilities, {@code base.size() × 3}, aligned to the
     *     base bars; a row containing NaN means "no features for this bar" (warm-up or gap): no decision,
     *     the position is kept
     * @param decisions the decision engine
     * @param execution capital, costs and sizing
     * @param barsPerYear the annualisation factor, &gt; 0 (see {@link BarsPerYear})
     * @return the result and its detail
     * @throws DataException when no bar has probabilities
     */
    public BacktestRun runProbabilities(BarSeries base, double[] probabilities, DecisionEngine decisions,
                                        Execution execution, double barsPerYear) {
        return runProbabilities(base, probabilities, decisions, execution, barsPerYear, SplitAdjustment.NONE);
    }

    /**
     * {@link #runProbabilities(BarSeries, double[], DecisionEngine, Execution, double)} on raw
     * (unadjusted) prices with the symbol's splits: an open position is adjusted at each split
     * ({@link SplitAdjustment}), so fills are at the prices as traded and equity and P&amp;L are
     * continuous across the split; the buy-and-hold benchmark holds through the splits too.
     *
     * @param base the raw base bars
     * @param probabilities row-major probabilities aligned to the base bars, NaN rows meaning "no features"
     * @param decisions the decision engine
     * @param execution capital, costs and sizing
     * @param barsPerYear the annualisation factor, &gt; 0
     * @param splits the symbol's splits ({@link SplitAdjustment#NONE} for adjusted or split-free bars)
     * @return the result and its detail
     * @throws DataException when no bar has probabilities
     */
    public BacktestRun runProbabilities(BarSeries base, double[] probabilities, DecisionEngine decisions,
                                        Execution execution, double barsPerYear, SplitAdjustment splits) {
        if (!(barsPerYear > 0) || Double.isInfinite(barsPerYear)) {
            throw new IllegalArgumentException("barsPerYear " + barsPerYear + " is not in (0, +inf)");
        }
        Replay r = replay(base, probabilities, decisions, execution, splits);
        int start = r.firstBar();
        int n = base.size();
        int len = n - start;
        long[] times = new long[len];
        double[] bench = new double[len];
        double c0 = base.close(start);
        double[] ratio = splits.isEmpty() ? null : splits.ratios(base);
        double shares = 1; // shares held by the benchmark per share bought at bar start
        for (int i = start; i < n; i++) {
            times[i - start] = base.openTime(i);
            if (ratio != null && i > start) {
                shares = SplitAdjustment.units(shares, ratio[i]);
            }
            bench[i - start] = execution.initialCapital() * shares * base.close(i) / c0;
        }
        Map<String, Double> metrics = Performance.report(r.equity(), r.trades(), r.holdingBars(), barsPerYear, bench,
                (double) r.exposedBars() / len, r.tradedNotional(), r.commissions(), r.slippage());
        Result result = new Result(r.trades(), times, r.equity(), metrics);
        return new BacktestRun(result, r.fills(), r.decisions(), start, r.holdingBars());
    }

    /**
     * The event loop alone, without performance figures: the same fills, trades and equity as
     * {@link #runProbabilities}, for callers that need only those.
     *
     * @param base the base bars
     * @param probabilities row-major probabilities aligned to the base bars, NaN rows meaning "no features"
     * @param decisions the decision engine
     * @param execution capital, costs and sizing
     * @return the raw outcome
     * @throws DataException when no bar has probabilities
     */
    public Replay replay(BarSeries base, double[] probabilities, DecisionEngine decisions, Execution execution) {
        return replay(base, probabilities, decisions, execution, SplitAdjustment.NONE);
    }

    /**
     * The event loop on raw prices with the symbol's splits (see
     * {@link #runProbabilities(BarSeries, double[], DecisionEngine, Execution, double, SplitAdjustment)}).
     * A trade open across a split reports its units and entry price on the post-split basis.
     *
     * @param base the raw base bars
     * @param probabilities row-major probabilities aligned to the base bars, NaN rows meaning "no features"
     * @param decisions the decision engine
     * @param execution capital, costs and sizing
     * @param splits the symbol's splits
     * @return the raw outcome
     * @throws DataException when no bar has probabilities
     */
    public Replay replay(BarSeries base, double[] probabilities, DecisionEngine decisions, Execution execution,
                         SplitAdjustment splits) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(splits, "splits");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(execution, "execution");
        int n = base.size();
        if (probabilities.length != n * Label.COUNT) {
            throw new IllegalArgumentException(n + " bars need " + n * Label.COUNT + " probabilities, got "
                    + probabilities.length);
        }
        int start = -1;
        for (int i = 0; i < n && start < 0; i++) {
            if (hasRow(probabilities, i)) {
                start = i;
            }
        }
        if (start < 0) {
            throw new DataException(base.symbol() + " " + base.timeframe() + ": no base bar has probabilities; nothing to backtest");
        }
        RuleDecisionEngine rules = decisions instanceof RuleDecisionEngine r ? r : null;
        if (rules != null) {
            rules.reset();
        }
        Loop loop = new Loop(base, probabilities, decisions, rules, execution, start, splits.isEmpty() ? null : splits.ratios(base));
        loop.run();
        return new Replay(start, loop.equity, loop.trades, loop.fills, loop.decided,
                Arrays.copyOf(loop.holding, loop.trades.size()), loop.exposedBars, loop.tradedNotional,
                loop.commissions, loop.slippage);
    }

    private static boolean hasRow(double[] p, int i) {
        int k = i * Label.COUNT;
        return !Double.isNaN(p[k]) && !Double.isNaN(p[k + 1]) && !Double.isNaN(p[k + 2]);
    }

    /** One run's mutable state; confined to the calling thread. */
    private static final class Loop {
        private final BarSeries base;
        private final double[] p;
        private final DecisionStep step;
        private final Execution ex;
        private final int start;
        private final double slip;
        private final double[] splitRatio;

        final double[] equity;
        final byte[] decided;
        final List<Trade> trades = new ArrayList<>();
        final List<Fill> fills = new ArrayList<>();
        int[] holding = new int[16];
        int exposedBars;
        double tradedNotional;
        double commissions;
        double slippage;

        private double cash;
        private double units;
        private int position;
        private long entryTime;
        private double entryPrice;
        private double entryCommission;
        private int entryBar;

        Loop(BarSeries base, double[] p, DecisionEngine engine, RuleDecisionEngine rules, Execution ex, int start,
             double[] splitRatio) {
            this.base = base;
            this.splitRatio = splitRatio;
            this.p = p;
            this.step = rules != null ? new DecisionStep(rules) : new DecisionStep(engine, DEFAULT_VOLUME_WINDOW, true);
            this.ex = ex;
            this.start = start;
            this.slip = ex.slippageBps() / 10_000d;
            this.equity = new double[base.size() - start];
            this.decided = new byte[base.size()];
            Arrays.fill(decided, Label.NONE);
            this.cash = ex.initialCapital();
        }

        void run() {
            int n = base.size();
            int target = 0;
            int decisionBar = -1;
            for (int j = Math.max(0, start - step.volumeWindow() + 1); j < start; j++) {
                step.addVolume(base.volume(j));
            }
            for (int i = start; i < n; i++) {
                if (splitRatio != null && splitRatio[i] != 1.0 && position != 0) {
                    // A split before this bar's open: more (or fewer) units at a proportionally lower (higher) entry price.
                    units = SplitAdjustment.units(units, splitRatio[i]);
                    entryPrice = SplitAdjustment.price(entryPrice, splitRatio[i]);
                }
                if (target != position) {
                    // The pending order was decided at the close of bar i - 1 (decisionBar); it fills now, at i's open.
                    double o = base.open(i);
                    long t = base.openTime(i);
                    if (position != 0) {
                        exit(i, o, t, decisionBar, false);
                    }
                    if (target != 0) {
                        enter(i, target, o, t, decisionBar);
                    }
                }
                double v = base.volume(i);
                step.addVolume(v);
                double c = base.close(i);
                equity[i - start] = cash + units * c;
                if (position != 0) {
                    exposedBars++;
                }
                target = position;
                if (i < n - 1 && hasRow(p, i)) {
                    int k = i * Label.COUNT;
                    Label label = step.decide(i, base.closeTime(i), p[k], p[k + 1], p[k + 2], position, v);
                    decided[i] = (byte) label.index();
                    target = step.target(label, position);
                    decisionBar = i;
                }
            }
            if (position != 0) {
                // No later open exists: the forced exit fills at the last bar's close.
                exit(n - 1, base.close(n - 1), base.closeTime(n - 1), -1, true);
                equity[n - 1 - start] = cash;
            }
        }

        private void exit(int bar, double reference, long time, int decisionBar, boolean forced) {
            int side = -position;
            double qty = Math.abs(units);
            double price = reference * (1 + side * slip);
            double commission = Math.max(ex.minimumCommission(), ex.commissionRate() * qty * price);
            cash -= side * qty * price + commission;
            record(bar, time, decisionBar, side, qty, reference, price, commission, forced);
            double pnl = position * qty * (price - entryPrice) - entryCommission - commission;
            trades.add(new Trade(entryTime, time, position, qty, entryPrice, price, entryCommission + commission, pnl));
            int held = bar - entryBar + (forced ? 1 : 0);
            if (trades.size() > holding.length) {
                holding = Arrays.copyOf(holding, holding.length * 2);
            }
            holding[trades.size() - 1] = held;
            units = 0;
            position = 0;
        }

        private void enter(int bar, int side, double reference, long time, int decisionBar) {
            double equityNow = cash;
            if (!(equityNow > 0)) {
                return;
            }
            double price = reference * (1 + side * slip);
            double qty;
            switch (ex.sizing()) {
                case FRACTION_OF_EQUITY: qty = ex.sizingValue() * equityNow / price; break;
                case FIXED_NOTIONAL: qty = ex.sizingValue() / price; break;
                default: qty = ex.sizingValue(); break;
            }
            if (!(qty > 0) || Double.isInfinite(qty)) {
                return;
            }
            double commission = Math.max(ex.minimumCommission(), ex.commissionRate() * qty * price);
            cash -= side * qty * price + commission;
            record(bar, time, decisionBar, side, qty, reference, price, commission, false);
            units = side * qty;
            position = side;
            entryTime = time;
            entryPrice = price;
            entryCommission = commission;
            entryBar = bar;
        }

        private void record(int bar, long time, int decisionBar, int side, double qty, double reference, double price,
                            double commission, boolean forced) {
            fills.add(new Fill(bar, time, decisionBar, side, qty, reference, price, commission, forced));
            tradedNotional += qty * price;
            commissions += commission;
            slippage += qty * Math.abs(price - reference);
        }
    }
}
