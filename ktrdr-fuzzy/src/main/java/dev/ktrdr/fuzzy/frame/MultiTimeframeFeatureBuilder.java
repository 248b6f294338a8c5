package dev.ktrdr.fuzzy.frame;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureBuilder;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.FuzzyEngine;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.IndicatorEngine;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeAligner;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.api.TradingCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a symbol's multi-timeframe fuzzy feature matrix. Per configured timeframe, on that timeframe's
 * own series (never a forward-filled copy): the indicators its sets read → input transforms →
 * memberships. The timeframes are then aligned on the base by the injected {@link TimeframeAligner}:
 * each track's first valid bar is the warm-up of the fuzzy columns used on it, so rows before every
 * timeframe has warmed up are dropped and counted; the row for base bar b takes from each timeframe the
 * latest bar closed by b's close. Columns are {@code {tf}_{set}_{membership}} in the order of
 * {@link FeatureFrameConfig#featureSpec()}.
 *
 * <p>No NaN enters the matrix: a membership that is NaN after its warm-up (an indicator that produced
 * NaN mid-series) fails with a {@link DataException} naming the feature and the bar. Row t depends
 * only on bars that closed at or before base bar t's close, given causal engines.
 *
 * <p>Immutable and thread-safe when the injected engines are; symbols may be built in parallel.
 */
public final class MultiTimeframeFeatureBuilder implements FeatureBuilder {
    private final FeatureFrameConfig config;
    private final IndicatorEngine indicators;
    private final FuzzyEngine fuzzy;
    private final TimeframeAligner aligner;
    private final Function<SymbolInfo, Optional<TradingCalendar>> calendars;
    private final FeatureSpec spec;
    /** Per configured timeframe: the sets used on it and the indicators they read. */
    private final Map<Timeframe, List<FuzzySetSpec>> setsByTf = new LinkedHashMap<>();
    /** Per configured timeframe with sets: the sets compiled once by the fuzzy engine. */
    private final Map<Timeframe, FuzzyEngine.Compiled> compiledByTf = new LinkedHashMap<>();
    private final Map<Timeframe, List<IndicatorSpec>> indicatorsByTf = new LinkedHashMap<>();

    /**
     * @param config what to build
     * @param indicators computes indicator frames
     * @param fuzzy evaluates memberships
     * @param aligner aligns timeframes without looking ahead
     * @param calendars finds a symbol's trading calendar (closures do not count towards staleness); may
     *     return empty
     */
    public MultiTimeframeFeatureBuilder(FeatureFrameConfig config, IndicatorEngine indicators, FuzzyEngine fuzzy,
                                        TimeframeAligner aligner,
                                        Function<SymbolInfo, Optional<TradingCalendar>> calendars) {
        this.config = Objects.requireNonNull(config, "config");
        this.indicators = Objects.requireNonNull(indicators, "indicators");
        this.fuzzy = Objects.requireNonNull(fuzzy, "fuzzy");
        this.aligner = Objects.requireNonNull(aligner, "aligner");
        this.calendars = Objects.requireNonNull(calendars, "calendars");
        this.spec = config.featureSpec();
        for (Timeframe tf : config.timeframes()) {
            List<FuzzySetSpec> sets = config.nnInputs().setsOn(tf, config.sets());
            List<IndicatorSpec> needed = new ArrayList<>();
            for (IndicatorSpec i : config.indicators()) {
                for (FuzzySetSpec s : sets) {
                    if (FeatureFrameConfig.indicatorOf(s.indicator(), List.of(i)).isPresent()) {
                        needed.add(i);
                        break;
                    }
                }
            }
            setsByTf.put(tf, List.copyOf(sets));
            indicatorsByTf.put(tf, List.copyOf(needed));
            if (!sets.isEmpty()) {
                compiledByTf.put(tf, fuzzy.compile(sets));
            }
        }
    }

    /**
     * A builder without calendars: closures (weekends, holidays) count towards staleness.
     *
     * @param config what to build
     * @param indicators computes indicator frames
     * @param fuzzy evaluates memberships
     * @param aligner aligns timeframes
     */
    public MultiTimeframeFeatureBuilder(FeatureFrameConfig config, IndicatorEngine indicators, FuzzyEngine fuzzy,
                                        TimeframeAligner aligner) {
        this(config, indicators, fuzzy, aligner, info -> Optional.empty());
    }

    /** @return the configuration */
    public FeatureFrameConfig config() {
        return config;
    }

    /** @return the ordered feature names every built matrix carries */
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public FeatureMatrix build(MultiTimeframeBars bars) {
        return buildFrame(bars).matrix();
    }

    /**
     * As {@link #build} with the warm-up count, gaps and per-timeframe source times.
     *
     * @param bars the symbol's bars on every configured timeframe (others are ignored)
     * @return the frame
     * @throws dev.ktrdr.api.ConfigurationException when a configured timeframe has no series or a column is missing
     * @throws DataException when a feature would be NaN after warm-up, or a stale row under the FAIL policy
     */
    public FeatureFrame buildFrame(MultiTimeframeBars bars) {
        Parts p = parts(bars);
        int rows = p.alignment.rows();
        int width = spec.size();
        double[] values = new double[rows * width];
        Map<Timeframe, long[]> sourceTimes = new LinkedHashMap<>();
        Map<Timeframe, long[]> sourceCloses = new LinkedHashMap<>();
        int col = 0;
        for (Map.Entry<Timeframe, BarSeries> e : p.series.entrySet()) {
            Timeframe tf = e.getKey();
            int[] src = p.alignment.sourceRows(tf);
            long[] st = new long[rows];
            long[] sc = new long[rows];
            for (int r = 0; r < rows; r++) {
                st[r] = e.getValue().openTime(src[r]);
                sc[r] = tf == config.base() ? e.getValue().closeTime(src[r]) : p.alignment.usableFrom(tf, src[r]);
            }
            sourceTimes.put(tf, st);
            sourceCloses.put(tf, sc);
            List<double[]> cols = p.columns.get(tf);
            for (int k = 0; k < cols.size(); k++, col++) {
                double[] c = cols.get(k);
                for (int r = 0; r < rows; r++) {
                    double v = c[src[r]];
                    if (Double.isNaN(v)) {
                        throw p.nan(bars, tf, k, r);
                    }
                    values[r * width + col] = v;
                }
            }
        }
        return new FeatureFrame(new FeatureMatrix(bars.symbol(), spec, p.times, values), p.alignment.warmupDropped(),
                p.alignment.gaps(), sourceTimes, sourceCloses);
    }

    /**
     * The features {@link #build} gives, held as the aligned columns they are gathered from: for a store that
     * keeps them column by column (a training feature shard), without the row-major matrix and without the
     * frame's per-timeframe source times. Every value is checked as {@link #buildFrame} checks it.
     *
     * @param bars the symbol's bars on every configured timeframe (others are ignored)
     * @return the columns
     * @throws dev.ktrdr.api.ConfigurationException when a configured timeframe has no series or a column is missing
     * @throws DataException when a feature would be NaN after warm-up, or a stale row under the FAIL policy
     */
    public AlignedColumns buildColumns(MultiTimeframeBars bars) {
        Parts p = parts(bars);
        int rows = p.alignment.rows();
        List<double[]> columns = new ArrayList<>();
        List<int[]> sources = new ArrayList<>();
        for (Timeframe tf : p.series.keySet()) {
            int[] src = p.alignment.sourceRows(tf);
            List<double[]> cols = p.columns.get(tf);
            for (int k = 0; k < cols.size(); k++) {
                double[] c = cols.get(k);
                for (int r = 0; r < rows; r++) {
                    if (Double.isNaN(c[src[r]])) {
                        throw p.nan(bars, tf, k, r);
                    }
                }
                columns.add(c);
                sources.add(src);
            }
        }
        return new AlignedColumns(bars.symbol(), spec, p.times, columns, sources);
    }

    /** What a frame is assembled from: each used timeframe's series and membership columns, and the alignment. */
    private static final class Parts {
        final Map<Timeframe, BarSeries> series;
        final Map<Timeframe, List<double[]>> columns;
        final Map<Timeframe, List<String>> names;
        final Alignment alignment;
        final long[] times;

        Parts(Map<Timeframe, BarSeries> series, Map<Timeframe, List<double[]>> columns,
              Map<Timeframe, List<String>> names, Alignment alignment, long[] times) {
            this.series = series;
            this.columns = columns;
            this.names = names;
            this.alignment = alignment;
            this.times = times;
        }

        /** The failure of a NaN after warm-up: column k of timeframe tf at row r (no NaN enters the features). */
        DataException nan(MultiTimeframeBars bars, Timeframe tf, int k, int r) {
            long barTime = series.get(tf).openTime(alignment.sourceRows(tf)[r]);
            return new DataException(bars.symbol() + ": feature '" + names.get(tf).get(k) + "' is NaN at " + tf
                    + " bar " + Instant.ofEpochMilli(barTime) + " (base bar " + Instant.ofEpochMilli(times[r])
                    + ") after its warm-up; the indicator produced NaN");
        }
    }

    /** Computes the memberships on every timeframe and aligns the timeframes. */
    private Parts parts(MultiTimeframeBars bars) {
        List<Timeframe> tfs = config.timeframes();
        Timeframe base = config.base();
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        Map<Timeframe, List<double[]>> columns = new LinkedHashMap<>();
        Map<Timeframe, List<String>> columnNames = new LinkedHashMap<>();
        Map<Timeframe, Integer> firstValid = new LinkedHashMap<>();
        for (Timeframe tf : tfs) {
            BarSeries s = bars.get(tf);
            List<FuzzySetSpec> sets = setsByTf.get(tf);
            if (sets.isEmpty() && tf != base) {
                continue;
            }
            series.put(tf, s);
            List<double[]> cols = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int warm = 0;
            if (!sets.isEmpty()) {
                ColumnFrame ind = indicators.compute(s, indicatorsByTf.get(tf));
                ColumnFrame fz = compiledByTf.get(tf).evaluate(s, ind);
                for (FuzzySetSpec set : sets) {
                    for (var m : set.memberships()) {
                        String c = set.id() + "_" + m.name();
                        cols.add(fz.column(c));
                        names.add(tf.label() + "_" + c);
                        warm = Math.max(warm, fz.lookback(c));
                    }
                }
            }
            columns.put(tf, cols);
            columnNames.put(tf, names);
            firstValid.put(tf, Math.min(warm, s.size()));
        }
        TimeframeTrack baseTrack = TimeframeTrack.of(series.get(base), firstValid.get(base));
        List<TimeframeTrack> others = new ArrayList<>();
        for (Map.Entry<Timeframe, BarSeries> e : series.entrySet()) {
            if (e.getKey() != base) {
                others.add(TimeframeTrack.of(e.getValue(), firstValid.get(e.getKey())));
            }
        }
        Alignment alignment = aligner.align(new AlignmentRequest(baseTrack, others, config.policy(),
                calendars.apply(bars.info())));
        int rows = alignment.rows();
        BarSeries baseSeries = series.get(base);
        int[] baseRows = alignment.baseRows();
        long[] times = new long[rows];
        for (int r = 0; r < rows; r++) {
            times[r] = baseSeries.openTime(baseRows[r]);
        }
        return new Parts(series, columns, columnNames, alignment, times);
    }
}
