package dev.ktrdr.examples.cli.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.frame.FeatureFrame;
import dev.ktrdr.fuzzy.frame.FeatureFrameConfig;
import dev.ktrdr.fuzzy.frame.MultiTimeframeFeatureBuilder;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorSpecs;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktrdr features --strategy S.yaml --data-dir DIR --symbol S [--timeframes 1h,4h,1d --base 1h]
 * [--out FILE] [--with-source-times]}: builds the multi-timeframe fuzzy feature frame of one symbol and
 * writes CSV: {@code timestamp} (base bar open time, ISO-8601 UTC), with {@code --with-source-times} one
 * {@code {tf}_source_open} column per timeframe (open time of the bar that row used), then one
 * {@code {tf}_source_close} column per timeframe (the instant from which that bar was used: the base bar's
 * close time for the base; for a coarser timeframe the later of the bar's close time and the close of the
 * last base bar inside its span), then the features
 * {@code {tf}_{set}_{membership}} in feature-spec order. Timeframes missing on disk are resampled from a
 * finer file with the symbol's calendar. Warm-up rows are dropped; stale rows are dropped and reported.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Build the multi-timeframe fuzzy feature frame of one symbol (CSV out).")
public final class FeaturesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "S.yaml", description = "strategy file")
    Path strategy;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--symbol", required = true, description = "symbol, e.g. EURUSD")
    String symbol;

    @Option(names = "--timeframes", split = ",", paramLabel = "TF[,TF...]",
            description = "timeframes in order (default: the strategy's)")
    List<String> timeframes;

    @Option(names = "--base", paramLabel = "TF", description = "base timeframe (default: the strategy's, else the finest)")
    String base;

    @Option(names = "--out", paramLabel = "FILE", description = "output CSV (default: standard output)")
    Path out;

    @Option(names = "--with-source-times",
            description = "add, per timeframe, the open time of the bar each row used ({tf}_source_open) and the instant from which it was used ({tf}_source_close)")
    boolean withSourceTimes;

    @Override
    public void run() {
        Symbol sym = Symbol.of(symbol);
        Map<String, Object> doc = StrategyYaml.read(strategy);
        Optional<List<Timeframe>> tfs = Optional.empty();
        if (timeframes != null) {
            List<Timeframe> l = new ArrayList<>();
            for (String t : timeframes) {
                l.add(Timeframe.parse(t));
            }
            tfs = Optional.of(l);
        }
        Optional<Timeframe> baseTf = base == null ? Optional.empty() : Optional.of(Timeframe.parse(base));
        FeatureFrameConfig cfg;
        try {
            List<IndicatorSpec> indicators = IndicatorSpecs.fromSection(doc.get("indicators"));
            new CatalogIndicatorEngine().configure(indicators);
            cfg = FeatureFrameConfig.fromStrategy(doc, indicators, tfs, baseTf, StalenessPolicy.DROP_ROW);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.path(), strategy + ": " + e.getMessage(), e);
        }
        ListedBars folder = data.open();
        MultiTimeframeLoader.Loaded loaded = new MultiTimeframeLoader(folder).load(sym, cfg.timeframes(), cfg.base(),
                MissingTimeframePolicy.FAIL);
        MultiTimeframeFeatureBuilder builder = new MultiTimeframeFeatureBuilder(cfg, new CatalogIndicatorEngine(),
                new BatchFuzzyEngine(), new LookaheadFreeAligner(),
                info -> Optional.of(folder.registry().calendar(info.symbol())));
        FeatureFrame frame = builder.buildFrame(loaded.bars());
        FeatureMatrix m = frame.matrix();
        List<Timeframe> aligned = new ArrayList<>(frame.sourceOpenTimes().keySet());
        long[][] src = new long[aligned.size()][];
        long[][] srcClose = new long[aligned.size()][];
        for (int k = 0; k < src.length; k++) {
            src[k] = frame.sourceOpenTimes(aligned.get(k));
            srcClose[k] = frame.sourceCloseTimes(aligned.get(k));
        }
        List<String> names = m.spec().names();
        CliCsv.write(out, spec.commandLine().getOut(), w -> {
            w.write("timestamp");
            if (withSourceTimes) {
                for (Timeframe tf : aligned) {
                    w.write(',');
                    w.write(tf.label() + "_source_open");
                }
                for (Timeframe tf : aligned) {
                    w.write(',');
                    w.write(tf.label() + "_source_close");
                }
            }
            for (String n : names) {
                w.write(',');
                w.write(n);
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder(512);
            double[] row = new double[m.columns()];
            for (int r = 0; r < m.rows(); r++) {
                sb.setLength(0);
                sb.append(Instant.ofEpochMilli(m.time(r)));
                if (withSourceTimes) {
                    for (long[] s : src) {
                        sb.append(',').append(Instant.ofEpochMilli(s[r]));
                    }
                    for (long[] s : srcClose) {
                        sb.append(',').append(Instant.ofEpochMilli(s[r]));
                    }
                }
                m.copyRow(r, row, 0);
                for (double v : row) {
                    sb.append(',').append(v);
                }
                sb.append('\n');
                w.append(sb);
            }
        });
        if (out != null) {
            StringBuilder origins = new StringBuilder();
            loaded.origins().forEach((tf, o) -> origins.append(origins.length() == 0 ? "" : "; ").append(tf)
                    .append(": ").append(o));
            spec.commandLine().getOut().println("wrote " + m.rows() + " rows x " + m.columns() + " features of " + sym
                    + " (base " + cfg.base() + ", timeframes " + cfg.timeframes() + ") to " + out + "; warm-up rows dropped: "
                    + frame.warmupDropped() + ", stale rows dropped: " + frame.gaps().stream()
                    .mapToLong(g -> g.baseOpenTime()).distinct().count() + " [" + origins + "]");
            spec.commandLine().getOut().flush();
        }
    }
}
