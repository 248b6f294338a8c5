package dev.ktrdr.examples.cli.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.storage.VersionInfo;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.training.backtest.mtf.Confluence;
import dev.ktrdr.training.backtest.mtf.Freshness;
import dev.ktrdr.training.backtest.mtf.MultiTimeframeConfluence;
import dev.ktrdr.training.backtest.mtf.TimeframeTrend;
import dev.ktrdr.training.backtest.mtf.TrendRules;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktrdr analyze mtf --symbol S --data-dir DIR --timeframes 1h,4h,1d [--at INSTANT] [--models-dir M
 * [--strategy NAME]] [--json]}: per timeframe the trend read from indicators (close vs SMA 20, ADX 14 ≥ 20;
 * strength ADX ÷ 50) or, with {@code --models-dir}, from the probabilities of a stored model whose base
 * timeframe it is and that serves the symbol (resolved through the {@link StoreModelLoader}), then the
 * confluence score, level, bias and a one-line recommendation. Timeframes without a file are resampled
 * from a finer one. Only bars closed by the instant are read (default: the latest close in the data).
 *
 * <p>A timeframe whose newest bar is older than the symbol's calendar allows at the instant ({@link Freshness})
 * is reported {@code stale} and left out; one with no file and nothing to resample from is reported
 * {@code missing} and left out; the confluence is computed over the others and the output says which were
 * left out and why. With none left the command fails (exit 2). {@code --json} carries {@code latency_ms}
 * (wall time from reading the files to the verdict) and per timeframe its {@code status} and newest bar.
 */
@Command(name = "mtf", mixinStandardHelpOptions = true,
        description = "Multi-timeframe confluence: trend per timeframe, score, level, bias and a recommendation.")
public final class MtfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", required = true, description = "symbol, e.g. EURUSD")
    String symbol;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--timeframes", defaultValue = "1h,4h,1d", split = ",", paramLabel = "TF",
            description = "timeframes, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> timeframes;

    @Option(names = "--at", paramLabel = "INSTANT", description = "ISO-8601 UTC instant to analyse at (default: the latest bar close)")
    String at;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--models-dir", paramLabel = "DIR",
            description = "model store: a timeframe that is the base timeframe of a model serving the symbol takes its trend"
                    + " from that model's probabilities at the instant (others from indicators)")
    Path modelsDir;

    @Option(names = "--strategy", paramLabel = "NAME", description = "with --models-dir: only this strategy's models")
    String strategyName;

    @Override
    public void run() {
        long started = System.nanoTime();
        Symbol sym = Symbol.of(symbol);
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : timeframes) {
            Timeframe tf = Timeframe.parse(t);
            if (tfs.contains(tf)) {
                throw new ConfigurationException("--timeframes", "timeframe " + tf + " is listed twice");
            }
            tfs.add(tf);
        }
        ListedBars folder = data.open();
        MultiTimeframeLoader.Loaded loaded = load(folder, sym, tfs);
        MultiTimeframeBars bars = loaded.bars();
        long asOf = asOf(bars);
        TradingCalendar calendar = folder.registry().calendar(sym);
        Map<Timeframe, Freshness.TimeframeStatus> status = new LinkedHashMap<>();
        Map<Timeframe, BarSeries> fresh = new LinkedHashMap<>();
        for (Timeframe tf : tfs) {
            BarSeries series = bars.series().get(tf);
            Freshness.TimeframeStatus st = series == null
                    ? Freshness.TimeframeStatus.missing(tf, loaded.dropped().getOrDefault(tf, "no data"))
                    : Freshness.assess(series, calendar, asOf);
            status.put(tf, st);
            if (st.status() == Freshness.Status.USED) {
                fresh.put(tf, series);
            }
        }
        if (fresh.isEmpty()) {
            throw new DataException(sym + ": no timeframe is fresh at " + Instant.ofEpochMilli(asOf) + " (" + leftOut(status) + ")");
        }
        MultiTimeframeConfluence mtf = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
        List<TimeframeTrend> trends = new ArrayList<>();
        for (BarSeries s : fresh.values()) {
            trends.add(mtf.trend(s, asOf));
        }
        Confluence c = Confluence.of(trends);
        if (modelsDir != null) {
            c = withModels(c, sym, List.copyOf(fresh.keySet()), asOf);
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000L;
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(sym, asOf, status, c, latencyMs));
        } else {
            out.println(sym + " multi-timeframe confluence at " + Instant.ofEpochMilli(asOf)
                    + " (trend: close vs SMA 20 with ADX 14 >= 20; strength = ADX / 50)");
            Map<Timeframe, TimeframeTrend> byTf = new LinkedHashMap<>();
            c.trends().forEach(t -> byTf.put(t.timeframe(), t));
            for (Freshness.TimeframeStatus st : status.values()) {
                TimeframeTrend t = byTf.get(st.timeframe());
                if (t != null) {
                    out.printf(Locale.ROOT, "  %-4s %-8s strength %.2f  last bar %s  %s%n", t.timeframe(), t.direction(),
                            t.strength(), Instant.ofEpochMilli(st.newestOpen().orElseThrow()), t.basis());
                } else {
                    out.printf(Locale.ROOT, "  %-4s %-8s left out: %s%n", st.timeframe(),
                            st.status().name(), st.reason());
                }
            }
            if (fresh.size() < tfs.size()) {
                out.println("analysis on " + fresh.size() + " of " + tfs.size() + " timeframes " + fresh.keySet()
                        + "; left out: " + leftOut(status));
            }
            out.printf(Locale.ROOT, "score %.2f  level %s  bias %s%n", c.score(), c.level(), c.bias());
            out.println(c.recommendation());
        }
        out.flush();
    }

    /**
     * Loads what exists: the finest requested timeframe that can be had is the base; a timeframe with no
     * file and nothing to resample from is dropped (reported as missing).
     */
    private static MultiTimeframeLoader.Loaded load(ListedBars folder, Symbol sym, List<Timeframe> tfs) {
        List<Timeframe> byLength = new ArrayList<>(tfs);
        byLength.sort(Comparator.comparingLong(Timeframe::millis));
        MultiTimeframeLoader loader = new MultiTimeframeLoader(folder);
        DataException first = null;
        for (int i = 0; i < byLength.size(); i++) {
            Timeframe base = byLength.get(i);
            List<Timeframe> wanted = new ArrayList<>(tfs);
            wanted.removeAll(byLength.subList(0, i));
            try {
                MultiTimeframeLoader.Loaded l = loader.load(sym, wanted, base, MissingTimeframePolicy.DROP);
                Map<Timeframe, String> dropped = new LinkedHashMap<>();
                for (Timeframe t : byLength.subList(0, i)) {
                    dropped.put(t, "no " + sym + "_" + t + " file and no finer file to resample from");
                }
                dropped.putAll(l.dropped());
                return new MultiTimeframeLoader.Loaded(l.bars(), l.origins(), dropped);
            } catch (DataException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private static String leftOut(Map<Timeframe, Freshness.TimeframeStatus> status) {
        StringBuilder sb = new StringBuilder();
        for (Freshness.TimeframeStatus st : status.values()) {
            if (st.status() != Freshness.Status.USED) {
                sb.append(sb.length() == 0 ? "" : "; ").append(st.timeframe()).append(' ').append(st.status().id())
                        .append(": ").append(st.reason());
            }
        }
        return sb.toString();
    }

    /** Replaces the indicator trend of every timeframe a stored model serves by the model's trend. */
    private Confluence withModels(Confluence byIndicators, Symbol sym, List<Timeframe> tfs, long asOf) {
        if (!java.nio.file.Files.isDirectory(modelsDir)) {
            throw new ConfigurationException("--models-dir", modelsDir + " is not a directory");
        }
        FileModelStore store = new FileModelStore(modelsDir);
        StoreModelLoader loader = new StoreModelLoader(store);
        ListedBars folder = data.open();
        SymbolInfo info = folder.registry().info(sym);
        List<String> strategies = strategyName != null ? List.of(SafeNames.require("--strategy", strategyName, 128))
                : store.strategies();
        List<TimeframeTrend> out = new ArrayList<>();
        for (TimeframeTrend t : byIndicators.trends()) {
            TimeframeTrend m = modelTrend(store, loader, folder, info, strategies, t.timeframe(), asOf);
            out.add(m != null ? m : t);
        }
        return Confluence.of(out);
    }

    private static TimeframeTrend modelTrend(FileModelStore store, StoreModelLoader loader, ListedBars folder,
                                             SymbolInfo info, List<String> strategies, Timeframe tf, long asOf) {
        for (String strategy : strategies) {
            java.util.Set<List<Timeframe>> sets = new java.util.LinkedHashSet<>();
            for (VersionInfo v : store.versions(strategy)) {
                if (v.name().timeframes().contains(tf)) {
                    sets.add(v.name().timeframes());
                }
            }
            for (List<Timeframe> set : sets) {
                UniversalModelLoader.Resolution r;
                try {
                    r = loader.resolve(strategy, info, set);
                } catch (ModelException refused) {
                    continue;
                }
                ModelMetadata meta = r.model().metadata();
                if (meta.baseTimeframe() != tf) {
                    continue;
                }
                Path dir = r.model().directory();
                Strategy s = StrategyLoader.parse(store.readText(dir, "strategy.yaml"), dir.resolve("strategy.yaml").toString());
                MultiTimeframeBars all = new MultiTimeframeLoader(folder).load(info.symbol(), meta.timeframes(), tf,
                        MissingTimeframePolicy.FAIL).bars();
                Map<Timeframe, BarSeries> cut = new LinkedHashMap<>();
                for (Timeframe x : all.timeframes()) {
                    BarSeries series = all.get(x);
                    // only bars closed by the instant: the analysis must not look ahead
                    cut.put(x, series.slice(0, MultiTimeframeConfluence.lastClosed(series, asOf) + 1));
                }
                FeatureMatrix f = StrategyFeatures.of(s, info, meta.timeframes(), tf)
                        .build(new MultiTimeframeBars(all.info(), tf, cut));
                if (f.rows() == 0) {
                    throw new DataException(info.symbol() + " " + tf + ": no feature row closed by "
                            + Instant.ofEpochMilli(asOf) + " for model " + dir.getFileName() + " (warm-up)");
                }
                r.model().model().featureSpec().requireSameAs(f.spec());
                double[] row = new double[f.columns()];
                f.copyRow(f.rows() - 1, row, 0);
                double[] p = new double[3];
                r.model().model().predict(row, info.symbol(), p);
                TimeframeTrend t = TimeframeTrend.fromProbabilities(tf, p[0], p[1], p[2]);
                return new TimeframeTrend(tf, t.direction(), t.strength(), t.basis() + " (" + strategy + "/"
                        + dir.getFileName() + ", " + r.rung().name().toLowerCase(Locale.ROOT) + " rung, row "
                        + Instant.ofEpochMilli(f.time(f.rows() - 1)) + ")");
            }
        }
        return null;
    }

    private long asOf(MultiTimeframeBars bars) {
        if (at != null) {
            try {
                return Instant.parse(at).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ConfigurationException("--at", "'" + at + "' is not an ISO-8601 instant such as 2024-03-01T16:00:00Z");
            }
        }
        long latest = Long.MIN_VALUE;
        for (BarSeries s : bars.series().values()) {
            if (!s.isEmpty()) {
                latest = Math.max(latest, s.closeTime(s.size() - 1));
            }
        }
        return latest;
    }

    private static String toJson(Symbol sym, long asOf, Map<Timeframe, Freshness.TimeframeStatus> status, Confluence c,
                                 long latencyMs) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("symbol", sym.value());
        doc.put("as_of", Instant.ofEpochMilli(asOf).toString());
        doc.put("latency_ms", latencyMs);
        Map<Timeframe, TimeframeTrend> byTf = new LinkedHashMap<>();
        c.trends().forEach(t -> byTf.put(t.timeframe(), t));
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Freshness.TimeframeStatus st : status.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("timeframe", st.timeframe().label());
            r.put("status", st.status().id());
            r.put("newest_bar", st.newestOpen().map(t -> Instant.ofEpochMilli(t).toString()).orElse(null));
            r.put("newest_bar_close", st.newestClose().map(t -> Instant.ofEpochMilli(t).toString()).orElse(null));
            TimeframeTrend t = byTf.get(st.timeframe());
            if (t != null) {
                used.add(st.timeframe().label());
                r.put("direction", t.direction().name().toLowerCase(Locale.ROOT));
                r.put("strength", t.strength());
                r.put("last_bar", r.get("newest_bar"));
                r.put("basis", t.basis());
            } else {
                r.put("reason", st.reason());
            }
            rows.add(r);
        }
        doc.put("timeframes", rows);
        doc.put("used_timeframes", used);
        doc.put("score", c.score());
        doc.put("level", c.level().name().toLowerCase(Locale.ROOT));
        doc.put("bias", c.bias().name().toLowerCase(Locale.ROOT));
        doc.put("recommendation", c.recommendation());
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
