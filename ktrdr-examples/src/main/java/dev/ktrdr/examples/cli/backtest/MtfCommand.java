package dev.ktrdr.examples.cli.backtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
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
 * {@code ktrdr analyze mtf --symbol S --data-dir DIR --timeframes 1h,4h,1d [--at INSTANT] [--json]}: per
 * timeframe the trend read from indicators (close vs SMA 20, ADX 14 ≥ 20; strength ADX ÷ 50), then the
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
