package dev.ktrdr.training.live;

import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.Bar;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeAligner;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.SourceSpans;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.fuzzy.FuzzySet;
import dev.ktrdr.fuzzy.InputTransforms;
import dev.ktrdr.fuzzy.frame.FeatureFrameConfig;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.training.backtest.DecisionStep;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.features.ContextFeatures;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The live form of a backtest: a host feeds one symbol's completed bars one at a time, per timeframe,
 * and at every base bar's close gets the decision the {@link dev.ktrdr.training.backtest.EventBacktester}
 * takes at that bar when it replays the same bars with the same model and rules.
 *
 * <p>Per bar of a timeframe: the indicators' {@linkplain Indicator#newStream() streaming forms} →
 * the sets' input transforms (price ratio, percent of price, z-score over the last values, the same
 * arithmetic as {@link InputTransforms}) → the membership functions of {@link FuzzySet}. Per base bar:
 * each timeframe contributes its latest bar usable by the base bar's close (rule 3 of
 * docs/ARCHITECTURE.md), a timeframe still in its warm-up or stale (checked by the same
 * {@link TimeframeAligner} as the batch builder, with the symbol's calendar) means no row; the strategy's
 * context features are computed on the trailing base bars with {@link ContextFeatures#append}; then the
 * model's probabilities and the {@link RuleDecisionEngine}'s decision, with the position the backtest
 * would hold (every order filled at the next open) and the same running average volume.
 *
 * <p><b>Usable instants</b>, the batch aligner's rule made from the bars fed: a bar of a higher
 * timeframe is usable from the later of its close time and the close of the last base bar inside its
 * span ({@link SourceSpans}, with the symbol's calendar) that has been fed. A host feeds a
 * higher-timeframe bar when the data it holds are complete and gives that instant as its close time: a
 * vendor daily bar of a US half-day that includes after-close prints closes with its last print, not at
 * the calendar's 13:00 (a host replaying files gets this instant from
 * {@link SourceSpans#usableInPlace}, as the batch aligner does). Fed so, live and batch choose the same
 * bars on such days. A host that gives the calendar's close instead gets the bar from that close, and a
 * base bar of its span fed after it (a late print) still delays it from then on (its staleness counts
 * from there), as far as the bars fed can tell.
 *
 * <p>Bars must arrive in close-time order; at equal close times the higher timeframes before the base
 * (the base bar's row uses a higher-timeframe bar that closes with it). Out-of-order bars are refused
 * with a {@link DataException} and change nothing.
 *
 * <p>Differences from the backtest: the backtest takes no decision at the last bar of its data (there
 * is no next open), while a live host gets one at every bar; the position assumes every order fills
 * (the backtest skips an entry when equity is not positive). The indicators are streamed from the
 * catalogue the strategy was validated in ({@link StrategyFeatures#catalog()}), not a process-wide one.
 * The decision step (volume window, engine call, label to target position) is the backtest's own
 * {@link dev.ktrdr.training.backtest.DecisionStep}.
 *
 * <p>Not thread-safe: one pipeline per symbol and feed. Per bar it allocates the returned
 * {@link LiveDecision} and, for the staleness check and context features, a few small arrays.
 */
public final class LivePipeline {
    private final SymbolInfo symbol;
    private final TradingModel model;
    private final RuleDecisionEngine engine;
    private final Timeframe base;
    private final StrategyFeatures features;
    private final FeatureFrameConfig config;
    private final ContextFeatures context;
    private final TimeframeAligner aligner = new LookaheadFreeAligner();
    private final Optional<TradingCalendar> calendar;
    private final SourceSpans spans;
    /** Timeframes with columns (and the base), in column order. */
    private final List<Track> tracks = new ArrayList<>();
    private final Map<Timeframe, Track> byTf = new LinkedHashMap<>();
    private final Track baseTrack;
    private final int fuzzyWidth;
    private final FeatureSpec fullSpec;
    private final double[] fuzzyRow;
    private final double[] probabilities = new double[Label.COUNT];

    // trailing base bars for context features and the average volume
    private final int window;
    private final long[] wOpen;
    private final long[] wClose;
    private final double[] wO;
    private final double[] wH;
    private final double[] wL;
    private final double[] wC;
    private final double[] wV;
    // the last fuzzy rows, for the context lags
    private final double[][] lagRows;
    private final long[] lagTimes;
    private int fuzzyRows;

    private int baseBars;
    private long lastClose = Long.MIN_VALUE;
    private long lastBaseClose = Long.MIN_VALUE;
    /** Day instant ({@link SourceSpans#dayInstant}) of the last base bar fed. */
    private long lastBaseInstant = Long.MIN_VALUE;
    private int position;
    private int start = -1;
    private final DecisionStep step;

    /**
     * @param features the strategy's feature pipeline for this symbol (the object the backtest builds with)
     * @param model the model; its feature spec must be the pipeline's
     * @param symbol the symbol fed
     * @param engine the decision rules; {@linkplain RuleDecisionEngine#reset() reset} here and then owned by the pipeline
     * @throws dev.ktrdr.api.ModelException naming the first differing feature when the specs differ
     * @throws ConfigurationException when an indicator or set cannot be streamed
     */
    public LivePipeline(StrategyFeatures features, TradingModel model, SymbolInfo symbol, RuleDecisionEngine engine) {
        this.features = Objects.requireNonNull(features, "features");
        this.model = Objects.requireNonNull(model, "model");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.config = features.frame().config();
        this.context = features.context();
        this.base = config.base();
        this.fullSpec = context.specFor(features.fuzzySpec());
        model.featureSpec().requireSameAs(fullSpec);
        this.calendar = Optional.of(Calendars.byId(symbol.calendarId()));
        this.spans = new SourceSpans(calendar);
        // the catalogue the strategy was validated in, so a host's own indicator types stream too
        CatalogIndicatorEngine catalog = new CatalogIndicatorEngine(features.catalog());
        int width = 0;
        Track b = null;
        for (Timeframe tf : config.timeframes()) {
            List<FuzzySetSpec> sets = config.nnInputs().setsOn(tf, config.sets());
            if (sets.isEmpty() && tf != base) {
                continue;
            }
            Track t = new Track(tf, sets, config.indicators(), catalog, width);
            width += t.width;
            tracks.add(t);
            byTf.put(tf, t);
            if (tf == base) {
                b = t;
            }
        }
        this.baseTrack = b;
        this.fuzzyWidth = width;
        this.fuzzyRow = new double[width];
        this.window = Math.max(context.warmupBars() + 1, engine.volumeWindow() + 1);
        this.wOpen = new long[window];
        this.wClose = new long[window];
        this.wO = new double[window];
        this.wH = new double[window];
        this.wL = new double[window];
        this.wC = new double[window];
        this.wV = new double[window];
        this.lagRows = new double[context.lags() + 1][width];
        this.lagTimes = new long[context.lags() + 1];
        engine.reset();
        this.step = new DecisionStep(engine);
    }

    /** @return the model's feature spec, which every row follows */
    public FeatureSpec featureSpec() {
        return fullSpec;
    }

    /** @return the pipeline this live feed mirrors */
    public StrategyFeatures features() {
        return features;
    }

    /**
     * Feeds one completed bar.
     *
     * @param timeframe its timeframe (one of the strategy's; others are refused)
     * @param bar the bar
     * @return at a base bar, what was decided at its close; null for a bar of another timeframe
     * @throws DataException when the bar is out of order (nothing changes then)
     */
    public LiveDecision onBar(Timeframe timeframe, Bar bar) {
        return onBar(timeframe, bar.openTime(), bar.closeTime(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }

    /**
     * Feeds one completed bar.
     *
     * @param timeframe its timeframe
     * @param openTime open time, UTC epoch ms
     * @param closeTime close time, UTC epoch ms
     * @param open open price
     * @param high high price
     * @param low low price
     * @param close close price
     * @param volume volume
     * @return at a base bar, what was decided at its close; null for a bar of another timeframe
     * @throws DataException when the bar is out of order (nothing changes then)
     * @throws ConfigurationException when the timeframe is not one of the strategy's
     */
    public LiveDecision onBar(Timeframe timeframe, long openTime, long closeTime, double open, double high, double low,
                              double close, double volume) {
        Track t = byTf.get(timeframe);
        if (t == null) {
            if (!config.timeframes().contains(timeframe)) {
                throw new ConfigurationException("timeframe", timeframe + " is not one of the strategy's " + config.timeframes());
            }
            return null; // a configured timeframe without columns: nothing reads it
        }
        boolean spanned = timeframe != base && SourceSpans.hasSpan(timeframe, base);
        long spanStart = spanned ? spans.spanStart(timeframe, openTime) : 0;
        long spanEnd = spanned ? spans.spanEnd(timeframe, openTime) : 0;
        if (closeTime < lastClose || timeframe != base && closeTime <= lastBaseClose) {
            throw new DataException(symbol.symbol() + " " + timeframe + " bar closing " + Instant.ofEpochMilli(closeTime)
                    + " arrived after a bar closing " + Instant.ofEpochMilli(Math.max(lastClose, lastBaseClose))
                    + "; feed bars in close-time order, higher timeframes before the base at equal close times"
                    + " (a higher-timeframe bar closes when its data are complete, after-close prints included)");
        }
        if (t.count > 0 && openTime <= t.lastOpen) {
            throw new DataException(symbol.symbol() + " " + timeframe + " bar opening " + Instant.ofEpochMilli(openTime)
                    + " does not follow the bar opening " + Instant.ofEpochMilli(t.lastOpen));
        }
        lastClose = closeTime;
        t.update(openTime, closeTime, open, high, low, close, volume);
        t.usable = closeTime;
        t.spanStart = spanStart;
        t.spanEnd = spanEnd;
        if (timeframe != base) {
            return null;
        }
        lastBaseClose = closeTime;
        lastBaseInstant = spans.dayInstant(base, openTime);
        for (Track h : tracks) {
            // A base bar inside the span of a higher bar already fed (an after-close print) delays it.
            if (h != t && h.count > 0 && h.spanEnd > h.spanStart && lastBaseInstant >= h.spanStart && lastBaseInstant < h.spanEnd) {
                h.usable = Math.max(h.usable, closeTime);
            }
        }
        int i = baseBars++;
        int slot = i % window;
        wOpen[slot] = openTime;
        wClose[slot] = closeTime;
        wO[slot] = open;
        wH[slot] = high;
        wL[slot] = low;
        wC[slot] = close;
        wV[slot] = volume;
        double[] row = row(i, openTime, closeTime);
        if (start < 0 && row != null) {
            start = i;
            // the backtest's volume window starts with the bars before its first bar, fed in order
            for (int j = Math.max(0, start - step.volumeWindow() + 1); j < start; j++) {
                step.addVolume(wV[j % window]);
            }
        }
        if (start < 0) {
            return new LiveDecision(i, openTime, closeTime, null, null, null, position);
        }
        step.addVolume(volume);
        if (row == null) {
            return new LiveDecision(i, openTime, closeTime, null, null, null, position);
        }
        model.predict(row, symbol.symbol(), probabilities);
        int held = position;
        Label label = step.decide(i, closeTime, probabilities[0], probabilities[1], probabilities[2], held, volume);
        position = step.target(label, held);
        return new LiveDecision(i, openTime, closeTime, row, probabilities, label, held);
    }

    /** The model's input row at base bar i, or null when it has none (warm-up, stale timeframe). */
    private double[] row(int i, long openTime, long closeTime) {
        for (Track t : tracks) {
            if (t.count == 0 || t.count - 1 < t.warm) {
                return null;
            }
        }
        if (tracks.size() > 1) {
            List<TimeframeTrack> others = new ArrayList<>(tracks.size() - 1);
            for (Track t : tracks) {
                if (t != baseTrack) {
                    others.add(new TimeframeTrack(t.tf, new long[] {t.lastOpen}, new long[] {t.usable}, 0, null));
                }
            }
            TimeframeTrack b = new TimeframeTrack(base, new long[] {openTime}, new long[] {closeTime}, 0, null);
            if (aligner.align(new AlignmentRequest(b, others, config.policy(), calendar)).rows() == 0) {
                return null;
            }
        }
        for (Track t : tracks) {
            System.arraycopy(t.values, 0, fuzzyRow, t.offset, t.width);
        }
        if (context.isEmpty()) {
            return fuzzyRow.clone();
        }
        int lags = context.lags();
        int r = fuzzyRows++;
        System.arraycopy(fuzzyRow, 0, lagRows[r % (lags + 1)], 0, fuzzyWidth);
        lagTimes[r % (lags + 1)] = openTime;
        int need = context.warmupBars() + 1;
        if (r < lags || i + 1 < need) {
            return null;
        }
        // the batch formulas on the trailing bars: the same code, so the same arithmetic
        int n = need;
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            int s = (i - n + 1 + k) % window;
            ot[k] = wOpen[s];
            ct[k] = wClose[s];
            o[k] = wO[s];
            h[k] = wH[s];
            l[k] = wL[s];
            c[k] = wC[s];
            v[k] = wV[s];
        }
        BarSeries trail = new BarSeries(symbol.symbol(), base, ot, ct, o, h, l, c, v);
        long[] times = new long[lags + 1];
        double[] values = new double[(lags + 1) * fuzzyWidth];
        for (int k = 0; k <= lags; k++) {
            int s = (r - lags + k) % (lags + 1);
            times[k] = lagTimes[s];
            System.arraycopy(lagRows[s], 0, values, k * fuzzyWidth, fuzzyWidth);
        }
        FeatureMatrix m = context.append(new FeatureMatrix(symbol.symbol(), features.fuzzySpec(), times, values), trail);
        if (m.rows() != 1) {
            return null;
        }
        double[] out = new double[m.columns()];
        m.copyRow(0, out, 0);
        return out;
    }

    /** One timeframe's streaming state: indicator streams, transforms and memberships of its sets. */
    private static final class Track {
        final Timeframe tf;
        final int offset;
        final int width;
        final IndicatorStream[] streams;
        final FuzzySet[] sets;
        final int[] setStream;
        final int[] setOutput;
        final ZScore[] zscores;
        final double[] values;
        final int warm;
        int count;
        long lastOpen;
        long lastClose;
        /** The usable instant of the latest bar: its close time, or later (after-close prints of its span). */
        long usable;
        /** The latest bar's span of base bars, [spanStart, spanEnd); empty for the base and finer timeframes. */
        long spanStart;
        long spanEnd;

        Track(Timeframe tf, List<FuzzySetSpec> setSpecs, List<IndicatorSpec> indicators, CatalogIndicatorEngine catalog,
              int offset) {
            this.tf = tf;
            this.offset = offset;
            List<IndicatorSpec> needed = new ArrayList<>();
            for (FuzzySetSpec s : setSpecs) {
                IndicatorSpec spec = indicatorOf(s, indicators);
                if (!needed.contains(spec)) {
                    needed.add(spec);
                }
            }
            List<Indicator> configured = catalog.configure(needed);
            this.streams = new IndicatorStream[configured.size()];
            for (int k = 0; k < streams.length; k++) {
                streams[k] = configured.get(k).newStream();
            }
            this.sets = new FuzzySet[setSpecs.size()];
            this.setStream = new int[sets.length];
            this.setOutput = new int[sets.length];
            this.zscores = new ZScore[sets.length];
            int w = 0;
            int warmup = 0;
            for (int k = 0; k < sets.length; k++) {
                FuzzySetSpec s = setSpecs.get(k);
                sets[k] = FuzzySet.of(s);
                IndicatorSpec spec = indicatorOf(s, indicators);
                int si = needed.indexOf(spec);
                Indicator ind = configured.get(si);
                int out = 0;
                if (!s.indicator().equals(spec.id())) {
                    String name = s.indicator().substring(spec.id().length() + 1);
                    out = ind.outputNames().indexOf(name);
                    if (out < 0) {
                        throw new ConfigurationException("fuzzy_sets." + s.id() + ".indicator", "'" + s.indicator()
                                + "': " + spec.id() + " has outputs " + ind.outputNames());
                    }
                }
                setStream[k] = si;
                setOutput[k] = out;
                if (s.transform().kind() == InputTransform.Kind.ZSCORE) {
                    zscores[k] = new ZScore(s.transform().window());
                }
                w += sets[k].size();
                warmup = Math.max(warmup, ind.lookback(out) + InputTransforms.extraLookback(s.transform()));
            }
            this.width = w;
            this.values = new double[w];
            this.warm = warmup;
        }

        private static IndicatorSpec indicatorOf(FuzzySetSpec s, List<IndicatorSpec> indicators) {
            for (IndicatorSpec i : indicators) {
                if (s.indicator().equals(i.id()) || s.indicator().startsWith(i.id() + ".")) {
                    return i;
                }
            }
            throw new ConfigurationException("fuzzy_sets." + s.id() + ".indicator", "'" + s.indicator()
                    + "' names no configured indicator");
        }

        void update(long openTime, long closeTime, double open, double high, double low, double close, double volume) {
            for (IndicatorStream s : streams) {
                s.update(open, high, low, close, volume);
            }
            int c = 0;
            for (int k = 0; k < sets.length; k++) {
                double x = streams[setStream[k]].value(setOutput[k]);
                switch (sets[k].transform().kind()) {
                    case PRICE_RATIO:
                        x = close / x;
                        break;
                    case PERCENT_OF_PRICE:
                        x = x / close * 100.0;
                        break;
                    case ZSCORE:
                        x = zscores[k].next(x);
                        break;
                    default:
                        break;
                }
                for (int m = 0; m < sets[k].size(); m++) {
                    values[c++] = sets[k].function(m).apply(x);
                }
            }
            count++;
            lastOpen = openTime;
            lastClose = closeTime;
        }
    }

    /** The rolling z-score of {@link InputTransforms#zscore}, value by value, with the same arithmetic. */
    private static final class ZScore {
        private final double[] ring;
        private final int window;
        private int seen;
        private int sinceNaN;

        ZScore(int window) {
            this.window = window;
            this.ring = new double[window];
        }

        double next(double x) {
            ring[seen % window] = x;
            seen++;
            sinceNaN = Double.isNaN(x) ? 0 : sinceNaN + 1;
            if (sinceNaN < window) {
                return Double.NaN;
            }
            double sum = 0;
            for (int j = seen - window; j < seen; j++) {
                sum += ring[j % window];
            }
            double mean = sum / window;
            double ss = 0;
            for (int j = seen - window; j < seen; j++) {
                double d = ring[j % window] - mean;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (window - 1));
            double dev = x - mean;
            return sd == 0 ? 0.0 : dev / sd;
        }
    }
}
