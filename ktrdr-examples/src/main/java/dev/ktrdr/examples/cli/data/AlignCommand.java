package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr data align}: one row per base bar with, per timeframe, the OHLCV of the latest bar
 * usable by the base bar's close and its open time ({@code {tf}_source_open}), then per timeframe the
 * instant from which that bar was used ({@code {tf}_source_close}: the base bar's own close time for the
 * base; for a coarser timeframe the later of the bar's close time and the close of the last base bar
 * inside its span).
 */
@Command(name = "align", mixinStandardHelpOptions = true,
        description = "Align several timeframes of a symbol on a base timeframe without look-ahead (CSV to --out or stdout).")
final class AlignCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--symbol", required = true, description = "the symbol")
    String symbol;

    @Option(names = "--timeframes", required = true, split = ",", description = "timeframes in column order, e.g. 1h,4h,1d")
    List<String> timeframes;

    @Option(names = "--base", required = true, description = "base timeframe: one row per bar of it")
    String base;

    @Option(names = "--out", description = "output file (.csv or .csv.gz); default: stdout")
    Path out;

    @Option(names = "--policy", defaultValue = "drop-row", description = "stale rows: drop-row (default) or fail")
    String policy;

    @Option(names = "--allow-missing", description = "drop timeframes that cannot be had instead of failing")
    boolean allowMissing;

    @Override
    public Integer call() throws Exception {
        Symbol s = Symbol.of(symbol);
        Timeframe baseTf = Timeframe.parse(base);
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : timeframes) {
            tfs.add(Timeframe.parse(t));
        }
        if (!tfs.contains(baseTf)) {
            tfs.add(0, baseTf);
        }
        StalenessPolicy sp = switch (policy.toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "drop-row", "drop" -> StalenessPolicy.DROP_ROW;
            case "fail" -> StalenessPolicy.FAIL;
            default -> throw new ConfigurationException("--policy", "'" + policy + "' is not a policy; valid: drop-row, fail");
        };
        ListedBars folder = data.open();
        MultiTimeframeLoader.Loaded loaded = new MultiTimeframeLoader(folder).load(s, tfs, baseTf,
                allowMissing ? MissingTimeframePolicy.DROP : MissingTimeframePolicy.FAIL);
        MultiTimeframeBars bars = loaded.bars();
        List<Timeframe> used = bars.timeframes();
        List<TimeframeTrack> others = new ArrayList<>();
        for (Timeframe tf : used) {
            if (tf != baseTf) {
                others.add(TimeframeTrack.of(bars.get(tf), 0));
            }
        }
        Alignment a = new LookaheadFreeAligner().align(new AlignmentRequest(TimeframeTrack.of(bars.get(baseTf), 0), others, sp,
                Optional.of(folder.registry().calendar(s))));
        PrintWriter console = spec.commandLine().getOut();
        if (out == null) {
            write(console, bars, used, a);
            console.flush();
        } else {
            try {
                AtomicFiles.write(out, raw -> {
                    try (OutputStream o = out.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                         Writer w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.UTF_8), 1 << 16)) {
                        write(w, bars, used, a);
                    }
                });
            } catch (IOException e) {
                throw new DataException(out + ": cannot write: " + e.getMessage(), out.toString(), 0, e);
            }
            console.printf("wrote %d rows to %s (%d warm-up rows dropped, %d stale rows dropped)%n", a.rows(), out,
                    a.warmupDropped(), a.gaps().stream().map(g -> g.baseOpenTime()).distinct().count());
            for (Map.Entry<Timeframe, String> e : loaded.origins().entrySet()) {
                console.printf("  %s: %s%n", e.getKey(), e.getValue());
            }
            for (Map.Entry<Timeframe, String> e : loaded.dropped().entrySet()) {
                console.printf("  %s: dropped: %s%n", e.getKey(), e.getValue());
            }
            console.flush();
        }
        return 0;
    }

    private static void num(StringBuilder sb, double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            sb.append((long) x);
        } else {
            sb.append(x);
        }
    }

    private static void write(Writer w, MultiTimeframeBars bars, List<Timeframe> tfs, Alignment a) throws IOException {
        StringBuilder sb = new StringBuilder("timestamp");
        for (Timeframe tf : tfs) {
            String p = tf.label() + "_";
            sb.append(',').append(p).append("open,").append(p).append("high,").append(p).append("low,").append(p)
                    .append("close,").append(p).append("volume,").append(p).append("source_open");
        }
        for (Timeframe tf : tfs) {
            sb.append(',').append(tf.label()).append("_source_close");
        }
        w.write(sb.append('\n').toString());
        BarSeries baseSeries = bars.get(bars.base());
        int[] rows = a.baseRows();
        int[][] src = new int[tfs.size()][];
        for (int k = 0; k < tfs.size(); k++) {
            src[k] = a.sourceRows(tfs.get(k));
        }
        for (int r = 0; r < rows.length; r++) {
            sb.setLength(0);
            sb.append(Instant.ofEpochMilli(baseSeries.openTime(rows[r])));
            for (int k = 0; k < tfs.size(); k++) {
                BarSeries s = bars.get(tfs.get(k));
                int i = src[k][r];
                num(sb.append(','), s.open(i));
                num(sb.append(','), s.high(i));
                num(sb.append(','), s.low(i));
                num(sb.append(','), s.close(i));
                num(sb.append(','), s.volume(i));
                sb.append(',').append(Instant.ofEpochMilli(s.openTime(i)));
            }
            for (int k = 0; k < tfs.size(); k++) {
                int i = src[k][r];
                Timeframe tf = tfs.get(k);
                sb.append(',').append(Instant.ofEpochMilli(tf == bars.base() ? bars.get(tf).closeTime(i) : a.usableFrom(tf, i)));
            }
            w.write(sb.append('\n').toString());
        }
    }
}
