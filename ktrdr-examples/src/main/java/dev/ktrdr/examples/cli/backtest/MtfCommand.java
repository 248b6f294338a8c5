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
import dev.ktrdr.api.SafeNames;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.storage.VersionInfo;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.training.backtest.mtf.Confluence;
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
 */
@Command(name = "mtf", mixinStandardHelpOptions = true,
        description = "Multi-timeframe confluence: trend per timeframe, score, level, bias and a recommendation.")
public final class MtfCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", required = true, description = "symbol, e.g. EURUSD")
    String symbol;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "folder of {SYMBOL}_{tf}.csv[.gz] files")
    Path dataDir;

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
        Symbol sym = Symbol.of(symbol);
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : timeframes) {
            Timeframe tf = Timeframe.parse(t);
            if (tfs.contains(tf)) {
                throw new ConfigurationException("--timeframes", "timeframe " + tf + " is listed twice");
            }
            tfs.add(tf);
        }
        Timeframe base = tfs.stream().min(Comparator.comparingLong(Timeframe::millis)).orElseThrow();
        MultiTimeframeBars bars = new MultiTimeframeLoader(new DataFolder(dataDir))
                .load(sym, tfs, base, MissingTimeframePolicy.FAIL).bars();
        long asOf = asOf(bars);
        MultiTimeframeConfluence mtf = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
        Confluence c = mtf.analyze(bars, asOf);
        if (modelsDir != null) {
            c = withModels(c, sym, tfs, asOf);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(sym, asOf, bars, c));
        } else {
            out.println(sym + " multi-timeframe confluence at " + Instant.ofEpochMilli(asOf)
                    + " (trend: close vs SMA 20 with ADX 14 >= 20; strength = ADX / 50)");
            for (TimeframeTrend t : c.trends()) {
                out.printf(Locale.ROOT, "  %-4s %-8s strength %.2f  last bar %s  %s%n", t.timeframe(), t.direction(),
                        t.strength(), Instant.ofEpochMilli(lastOpen(bars.get(t.timeframe()), asOf)), t.basis());
            }
            out.printf(Locale.ROOT, "score %.2f  level %s  bias %s%n", c.score(), c.level(), c.bias());
            out.println(c.recommendation());
        }
        out.flush();
    }

    /** Replaces the indicator trend of every timeframe a stored model serves by the model's trend. */
    private Confluence withModels(Confluence byIndicators, Symbol sym, List<Timeframe> tfs, long asOf) {
        if (!java.nio.file.Files.isDirectory(modelsDir)) {
            throw new ConfigurationException("--models-dir", modelsDir + " is not a directory");
        }
        FileModelStore store = new FileModelStore(modelsDir);
        StoreModelLoader loader = new StoreModelLoader(store);
        DataFolder folder = new DataFolder(dataDir);
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

    private static TimeframeTrend modelTrend(FileModelStore store, StoreModelLoader loader, DataFolder folder,
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

    private static long lastOpen(BarSeries s, long asOf) {
        return s.openTime(MultiTimeframeConfluence.lastClosed(s, asOf));
    }

    private static String toJson(Symbol sym, long asOf, MultiTimeframeBars bars, Confluence c) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("symbol", sym.value());
        doc.put("as_of", Instant.ofEpochMilli(asOf).toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TimeframeTrend t : c.trends()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("timeframe", t.timeframe().label());
            r.put("direction", t.direction().name().toLowerCase(Locale.ROOT));
            r.put("strength", t.strength());
            r.put("last_bar", Instant.ofEpochMilli(lastOpen(bars.get(t.timeframe()), asOf)).toString());
            r.put("basis", t.basis());
            rows.add(r);
        }
        doc.put("timeframes", rows);
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
