package dev.ktrdr.sdk;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.sdk.AuditReport.Check;
import dev.ktrdr.sdk.AuditReport.Verdict;
import dev.ktrdr.training.eval.BarShuffle;
import dev.ktrdr.training.eval.Edge;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import dev.ktrdr.training.split.SymbolSplit;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The checks of {@link Ktrdr#audit}: whether a user's own data and strategy can be trusted, before
 * anyone believes its numbers.
 * <ol>
 * <li>{@code data}: every higher-timeframe file of a data folder against the same timeframe resampled
 *     from the finest file below it under the symbol's calendar ({@link CalendarResampler}). The file's
 *     stamps are matched against the resampled ones shifted by 0, ±1 bar and ±1 day; a file whose bars
 *     match best when moved later is stamped early (its data would enter rows before it closed: fail),
 *     one that matches best moved earlier is stamped late, e.g. at bar close (the aligner uses it a bar
 *     late: warning). Bars stamped right whose open, high, low or close differ from the resampled ones
 *     by more than 1e-9 relative cannot be reproduced from base bars (warning), and base bars that
 *     close after their calendar session's close (the aligner waits them out) are a warning.</li>
 * <li>{@code prefix}: at random cut instants per symbol, the feature rows built from the bars known at
 *     the cut ({@link BarSeries#knownAt}) equal the full run's rows, value for value (exact equality;
 *     NaN equals NaN).</li>
 * <li>{@code split}: the split plan of the strategy's trainer, its problems under
 *     {@code training.min_rows_per_split}, label horizons longer than a symbol's validation or test
 *     rows, symbols without test rows.</li>
 * <li>{@code canary} (not with {@code quick}): the strategy trained on each symbol's bar-order-shuffled
 *     base series ({@link BarShuffle}; higher timeframes resampled from it) over several seeds; fails
 *     when a symbol's or the overall test accuracy beats the stronger baseline beyond its block-bootstrap
 *     interval (verdict {@code edge}) for any seed.</li>
 * <li>{@code baselines} (not with {@code quick}): the real run's test figures beside the per-symbol and
 *     momentum baselines with block-bootstrap intervals, and the segment-label caveat; warns when the
 *     edge is not above the baseline's interval or the caveat applies.</li>
 * </ol>
 * Never prints; a check that cannot run on bad input fails with the error's message as evidence.
 */
final class Audit {
    private static final long DAY = 86_400_000L;
    private static final int MAX_EVIDENCE = 12;
    private final DataSource data;
    private final StrategyTrainer trainer;
    private final IndicatorCatalog catalog;

    Audit(DataSource data, IndicatorCatalog catalog) {
        this.data = data;
        this.catalog = catalog;
        this.trainer = new StrategyTrainer(new CatalogIndicatorEngine(catalog), new BatchFuzzyEngine(),
                new LookaheadFreeAligner(), 2);
    }

    AuditReport run(Strategy s, String source, List<Symbol> symbols, AuditOptions o) {
        long t0 = System.nanoTime();
        List<Timeframe> tfs = s.trainingData().timeframes().list();
        Timeframe base = s.trainingData().timeframes().base();
        List<Check> checks = new ArrayList<>();
        checks.add(dataCheck(symbols));
        checks.add(prefixCheck(s, symbols, tfs, base, o));
        checks.add(splitCheck(s, source, symbols, tfs, base));
        checks.add(o.quick() ? new Check("canary", CANARY, Verdict.SKIPPED, List.of("skipped by --quick"))
                : canaryCheck(s, source, symbols, tfs, base, o));
        checks.add(o.quick() ? new Check("baselines", "real run's test figures beside baselines with intervals",
                Verdict.SKIPPED, List.of("skipped by --quick")) : baselineCheck(s, source, symbols, tfs));
        return new AuditReport(s.name(), checks, (System.nanoTime() - t0) / 1e9);
    }

    // ---- 1: data consistency across timeframes

    Check dataCheck(List<Symbol> symbols) {
        String title = "higher-timeframe files vs the same timeframe resampled from the finest file";
        if (!(data.bars() instanceof DataFolder folder)) {
            return new Check("data", title, Verdict.SKIPPED, List.of(data.description() + " is not a data folder"));
        }
        List<String> ev = new ArrayList<>();
        Verdict v = Verdict.PASS;
        for (Symbol sym : symbols) {
            try {
                SymbolInfo info = data.info(sym);
                MarketCalendar cal = Calendars.byId(info.calendarId());
                TreeSet<Timeframe> present = new TreeSet<>(folder.timeframes(sym));
                if (present.isEmpty()) {
                    ev.add(sym + ": no files");
                    v = worse(v, Verdict.FAIL);
                    continue;
                }
                Timeframe finest = present.first();
                BarSeries fine = folder.load(sym, finest);
                v = worse(v, lateSessions(info, cal, fine, fileName(folder, sym, finest), ev));
                for (Timeframe tf : present.tailSet(finest, false)) {
                    if (!tf.isMultipleOf(finest)) {
                        continue;
                    }
                    BarSeries file = folder.load(sym, tf);
                    BarSeries resampled = new CalendarResampler(cal).resample(fine, tf);
                    v = worse(v, compare(fileName(folder, sym, tf), file, resampled, finest, ev));
                }
            } catch (KtrdrException e) {
                ev.add(sym + ": " + e.getMessage());
                v = Verdict.FAIL;
            }
        }
        if (ev.isEmpty()) {
            ev.add("every higher-timeframe file matches its resampled base, stamp for stamp");
        }
        return new Check("data", title, v, cap(ev));
    }

    private static String fileName(DataFolder folder, Symbol sym, Timeframe tf) {
        return folder.file(sym, tf).map(p -> p.getFileName().toString()).orElse(sym + "_" + tf.label());
    }

    /** Base bars that close after their trading day's session close. */
    private static Verdict lateSessions(SymbolInfo info, TradingCalendar cal, BarSeries fine, String file, List<String> ev) {
        if (!fine.timeframe().isIntraday()) {
            return Verdict.PASS;
        }
        int late = 0;
        long first = 0;
        for (int i = 0; i < fine.size(); i++) {
            Optional<dev.ktrdr.api.Session> session = cal.session(cal.tradingDay(fine.openTime(i)));
            if (session.isPresent() && fine.openTime(i) >= session.get().openMillis()
                    && fine.closeTime(i) > session.get().closeMillis()) {
                if (late++ == 0) {
                    first = fine.openTime(i);
                }
            }
        }
        if (late == 0) {
            return Verdict.PASS;
        }
        ev.add(file + ": " + late + " bar(s) close after the " + info.calendarId() + " session close, first opening "
                + Instant.ofEpochMilli(first) + "; the aligner holds higher-timeframe bars of those sessions until "
                + "their last base bar has closed (safe, but their rows come later than the calendar says)");
        return Verdict.WARN;
    }

    /** A file against its resampled base: best stamp shift, then values at the matching stamps. */
    private static Verdict compare(String file, BarSeries f, BarSeries r, Timeframe finest, List<String> ev) {
        long bar = f.timeframe().millis();
        long[] shifts = new TreeSet<>(List.of(0L, -bar, bar, -DAY, DAY)).stream().mapToLong(Long::longValue).toArray();
        int bestMatches = -1;
        long best = 0;
        int overlap0 = 0;
        for (long d : shifts) {
            int[] m = matches(f, r, d);
            if (d == 0) {
                overlap0 = m[1];
            }
            if (m[0] > bestMatches || (m[0] == bestMatches && d == 0)) {
                bestMatches = m[0];
                best = d;
            }
        }
        if (bestMatches <= 0) {
            ev.add(file + ": no bar matches the " + f.timeframe().label() + " bars resampled from the " + finest.label()
                    + " file under any stamp shift (" + overlap0 + " common stamps): its values cannot be reproduced "
                    + "from base bars");
            return Verdict.WARN;
        }
        int[] atZero = matches(f, r, 0);
        if (best != 0 && bestMatches > 2 * atZero[0]) {
            int i = firstMatch(f, r, best);
            String what = shiftName(best, bar);
            if (best > 0) {
                ev.add(file + ": stamped " + what + " early: its bar stamped " + Instant.ofEpochMilli(f.openTime(i))
                        + " holds the " + f.timeframe().label() + " period opening " + Instant.ofEpochMilli(f.openTime(i) + best)
                        + " (" + bestMatches + " bars match so); rows would use its data before it closed (look-ahead)");
                return Verdict.FAIL;
            }
            ev.add(file + ": stamped " + what + " late" + (best == -bar && f.timeframe().isIntraday() ? " (close-time stamping)" : "")
                    + ": its bar stamped " + Instant.ofEpochMilli(f.openTime(i)) + " holds the period opening "
                    + Instant.ofEpochMilli(f.openTime(i) + best) + " (" + bestMatches + " bars match so); the aligner "
                    + "uses it a period late (no look-ahead, stale features); restamp it with open times");
            return Verdict.WARN;
        }
        int differing = atZero[1] - atZero[0];
        if (differing > 0) {
            int i = firstDiffering(f, r);
            ev.add(file + ": " + differing + " of " + atZero[1] + " bars differ from the bars resampled from the "
                    + finest.label() + " file, first " + (i < 0 ? "?" : Instant.ofEpochMilli(f.openTime(i)) + " (file close "
                    + f.close(i) + ")") + "; they hold prints the base file lacks or another session convention");
            return Verdict.WARN;
        }
        return Verdict.PASS;
    }

    private static String shiftName(long d, long bar) {
        long a = Math.abs(d);
        return a == DAY ? "one day" : a == bar ? "one bar" : (a / 60_000) + " minutes";
    }

    /**
     * @return {matches, common}: file bars at stamp t compared with resampled bars at stamp t + d, equal
     *     in open, high, low and close to 1e-9 relative
     */
    private static int[] matches(BarSeries f, BarSeries r, long d) {
        int m = 0;
        int common = 0;
        int j = 0;
        for (int i = 0; i < f.size(); i++) {
            long t = f.openTime(i) + d;
            while (j < r.size() && r.openTime(j) < t) {
                j++;
            }
            if (j < r.size() && r.openTime(j) == t) {
                common++;
                if (same(f, i, r, j)) {
                    m++;
                }
            }
        }
        return new int[] {m, common};
    }

    private static int firstMatch(BarSeries f, BarSeries r, long d) {
        int j = 0;
        for (int i = 0; i < f.size(); i++) {
            long t = f.openTime(i) + d;
            while (j < r.size() && r.openTime(j) < t) {
                j++;
            }
            if (j < r.size() && r.openTime(j) == t && same(f, i, r, j)) {
                return i;
            }
        }
        return 0;
    }

    private static int firstDiffering(BarSeries f, BarSeries r) {
        int j = 0;
        for (int i = 0; i < f.size(); i++) {
            while (j < r.size() && r.openTime(j) < f.openTime(i)) {
                j++;
            }
            if (j < r.size() && r.openTime(j) == f.openTime(i) && !same(f, i, r, j)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean same(BarSeries a, int i, BarSeries b, int j) {
        return close(a.open(i), b.open(j)) && close(a.high(i), b.high(j)) && close(a.low(i), b.low(j))
                && close(a.close(i), b.close(j));
    }

    private static boolean close(double x, double y) {
        return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    }

    // ---- 2: prefix invariance

    Check prefixCheck(Strategy s, List<Symbol> symbols, List<Timeframe> tfs, Timeframe base, AuditOptions o) {
        String title = "feature rows from bars up to random cuts equal the full run's rows";
        List<String> ev = new ArrayList<>();
        Verdict v = Verdict.PASS;
        SplittableRandom rnd = new SplittableRandom(o.seed());
        int compared = 0;
        for (Symbol sym : symbols) {
            try {
                SymbolInfo info = data.info(sym);
                MultiTimeframeBars bars = StrategyTrainer.load(data.bars(), info, tfs, base);
                StrategyFeatures features = StrategyFeatures.of(s, info, tfs, base, new CatalogIndicatorEngine(catalog),
                        new BatchFuzzyEngine(), new LookaheadFreeAligner());
                FeatureMatrix full = features.build(bars);
                BarSeries b = bars.get(base);
                for (int c = 0; c < o.cuts(); c++) {
                    int lo = b.size() / 3;
                    long cut = b.closeTime(lo + rnd.nextInt(Math.max(1, b.size() - 1 - lo)));
                    List<Timeframe> order = bars.timeframes();
                    java.util.Map<Timeframe, BarSeries> known = new java.util.LinkedHashMap<>();
                    for (Timeframe tf : order) {
                        known.put(tf, bars.get(tf).knownAt(cut));
                    }
                    FeatureMatrix prefix = features.build(new MultiTimeframeBars(info, base, known));
                    compared += prefix.rows();
                    BarSeries kb = known.get(base);
                    String diff = kb.isEmpty() ? null : firstDifference(full, prefix, kb.openTime(kb.size() - 1));
                    if (diff != null) {
                        v = Verdict.FAIL;
                        ev.add(sym + ", cut " + Instant.ofEpochMilli(cut) + ": " + diff + "; a feature of these rows "
                                + "depends on bars after the row (a custom indicator or transform that looks ahead)");
                        break;
                    }
                }
            } catch (KtrdrException e) {
                ev.add(sym + ": " + e.getMessage());
                v = Verdict.FAIL;
            }
        }
        if (v == Verdict.PASS) {
            ev.add(compared + " prefix rows over " + symbols.size() + " symbol(s) x " + o.cuts()
                    + " cut(s) equal the full run's rows, value for value");
        }
        return new Check("prefix", title, v, cap(ev));
    }

    /** @return the first row or value of the prefix that differs from the full run's, or null */
    private static String firstDifference(FeatureMatrix full, FeatureMatrix prefix, long lastBase) {
        long[] times = full.times();
        if (prefix.rows() == 0) {
            return null;
        }
        // every full-run row from the prefix's first row up to the prefix's last base bar must be there too
        int from = Arrays.binarySearch(times, prefix.time(0));
        if (from >= 0) {
            for (int k = from; k < times.length && times[k] <= lastBase; k++) {
                if (Arrays.binarySearch(prefix.times(), times[k]) < 0) {
                    return "the full run has a row at " + Instant.ofEpochMilli(times[k]) + " that the prefix lacks "
                            + "(a feature of it is undefined without later bars)";
                }
            }
        }
        for (int r = 0; r < prefix.rows(); r++) {
            int k = Arrays.binarySearch(times, prefix.time(r));
            if (k < 0) {
                return "the prefix has a row at " + Instant.ofEpochMilli(prefix.time(r)) + " that the full run has not";
            }
            for (int c = 0; c < prefix.columns(); c++) {
                double a = prefix.get(r, c);
                double f = full.get(k, c);
                if (Double.compare(a, f) != 0) {
                    return String.format(Locale.ROOT, "row %s, feature %s: %s from the prefix, %s in the full run",
                            Instant.ofEpochMilli(prefix.time(r)), full.spec().names().get(c), a, f);
                }
            }
        }
        return null;
    }

    // ---- 3: labels and splits

    Check splitCheck(Strategy s, String source, List<Symbol> symbols, List<Timeframe> tfs, Timeframe base) {
        String title = "label horizons, purges and rows per split (the split plan)";
        List<String> ev = new ArrayList<>();
        Verdict v = Verdict.PASS;
        try {
            TrainingRequest req = new TrainingRequest(StrategyYaml.write(s.raw()), source, data.bars(), data::info,
                    symbols, tfs);
            List<SymbolDataset> datasets = new ArrayList<>();
            for (Symbol sym : symbols) {
                datasets.add(trainer.prepare(s, req, data.info(sym), tfs, base).dataset());
            }
            dev.ktrdr.training.strategy.TrainingConfig.DataSplit fractions = s.training().split();
            SplitPlan plan = new ChronologicalSplitter(fractions.train(), fractions.validation(), fractions.test())
                    .split(datasets);
            ev.addAll(plan.table());
            boolean early = s.training().earlyStopping().enabled();
            boolean testNeeded = fractions.test() > 0;
            for (String p : plan.problems(s.training().minRowsPerSplit(), early, testNeeded)) {
                ev.add("below the minimum: " + p);
                v = Verdict.WARN;
            }
            for (SymbolSplit sp : plan.symbols().values()) {
                if (fractions.validation() > 0 && sp.horizon() > sp.validationRows()) {
                    ev.add(sp.symbol() + ": label horizon " + sp.horizon() + " bars is longer than its validation split ("
                            + sp.validationRows() + " rows): its validation labels reach into the test period");
                    v = Verdict.WARN;
                }
                if (testNeeded && sp.testRows() > 0 && sp.horizon() > sp.testRows()) {
                    ev.add(sp.symbol() + ": label horizon " + sp.horizon() + " bars is longer than its test split ("
                            + sp.testRows() + " rows)");
                    v = Verdict.WARN;
                }
                if (testNeeded && sp.testRows() == 0) {
                    ev.add(sp.symbol() + ": no test rows: its data (or the date range) ends before the shared test cut "
                            + (plan.testCut() == Long.MAX_VALUE ? "(none)" : Instant.ofEpochMilli(plan.testCut())));
                    v = Verdict.WARN;
                }
            }
        } catch (KtrdrException e) {
            ev.add(e.getMessage());
            v = Verdict.FAIL;
        }
        return new Check("split", title, v, ev);
    }

    // ---- 4: canary

    private static final String CANARY = "strategy trained on bar-order-shuffled copies vs the per-symbol baseline";

    private Check canaryCheck(Strategy s, String source, List<Symbol> symbols, List<Timeframe> tfs, Timeframe base,
                              AuditOptions o) {
        List<String> ev = new ArrayList<>();
        Verdict v = Verdict.PASS;
        String yaml = StrategyYaml.write(s.raw());
        for (int k = 0; k < o.canarySeeds(); k++) {
            long seed = o.seed() * 1000 + k;
            BarSource shuffled = (sym, tf) -> {
                if (tf != base) {
                    throw new DataException("no " + tf + " file in the shuffled copy: resampled from " + base);
                }
                return BarShuffle.shuffled(data.bars().load(sym, base), seed + sym.value().hashCode());
            };
            try {
                StrategyTrainer.Run run = trainer.run(new TrainingRequest(yaml, source + " (shuffled, seed " + seed + ")",
                        shuffled, data::info, symbols, tfs), ProgressListener.NONE);
                EdgeReport edge = run.testEdge();
                boolean leaked = edge.verdict() == Edge.Verdict.EDGE;
                ev.add("seed " + seed + ": " + edge.line());
                for (var e : edge.perSymbolEdges().entrySet()) {
                    if (e.getValue().verdict() == Edge.Verdict.EDGE) {
                        leaked = true;
                        ev.add("seed " + seed + ", " + e.getKey() + ": " + EdgeReport.line(edge.perSymbolFigures().get(e.getKey()),
                                e.getValue()));
                    }
                }
                if (leaked) {
                    v = Verdict.FAIL;
                }
            } catch (KtrdrException e) {
                ev.add("seed " + seed + ": " + e.getMessage());
                v = worse(v, Verdict.FAIL);
            }
        }
        if (v == Verdict.FAIL) {
            ev.add("a model beats the baseline on data whose bar order was destroyed: something leaks; see the prefix "
                    + "check (features that look ahead) and the data check (files stamped early)");
        }
        return new Check("canary", CANARY, v, cap(ev));
    }

    // ---- 5: baselines

    private Check baselineCheck(Strategy s, String source, List<Symbol> symbols, List<Timeframe> tfs) {
        String title = "real run's test figures beside baselines with intervals";
        List<String> ev = new ArrayList<>();
        try {
            StrategyTrainer.Run run = trainer.run(new TrainingRequest(StrategyYaml.write(s.raw()), source, data.bars(),
                    data::info, symbols, tfs), ProgressListener.NONE);
            ev.add(run.testEdge().line());
            run.testEdge().perSymbolFigures().forEach((sym, f) -> ev.add(sym + ": " + EdgeReport
                    .line(f, run.testEdge().perSymbolEdges().get(sym))));
            Optional<String> caveat = run.labelCaveat();
            caveat.ifPresent(ev::add);
            return new Check("baselines", title, caveat.isPresent() ? Verdict.WARN : Verdict.PASS, cap(ev));
        } catch (KtrdrException e) {
            ev.add(e.getMessage());
            return new Check("baselines", title, Verdict.FAIL, ev);
        }
    }

    private static Verdict worse(Verdict a, Verdict b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static List<String> cap(List<String> ev) {
        if (ev.size() <= MAX_EVIDENCE) {
            return ev;
        }
        List<String> out = new ArrayList<>(ev.subList(0, MAX_EVIDENCE));
        out.add("(and " + (ev.size() - MAX_EVIDENCE) + " more)");
        return out;
    }
}
