package dev.ktrdr.examples.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.backtest.Performance;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr demo [--data-dir DIR|--data URI] [--out DIR] [--bars N] [--seed N] [--train A,B] [--unseen S] [--json]}: the whole library in
 * one command (see {@link DemoRunner}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train a universal 1h/4h/1d model on five symbols, store it, resolve it for a sixth symbol it never "
                + "saw, backtest it there beside that symbol's own model, write an HTML report and print a summary.",
                "Without --data-dir it uses the built-in synthetic market (six symbols over forex, crypto and equities: "
                        + "trains on EURUSD, GBPUSD, BTCUSDT, AAPL, SPY; serves ETHUSDT). With --data-dir it trains on "
                        + "EURUSD, XAUUSD, AAPL, SPY, BTCUSDT and serves ETHUSDT, over the last "
                        + "(at most 480) days all six hourly files cover.",
                "Progress bars go to standard error; the summary table (or --json) to standard output."})
public final class DemoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder of {SYMBOL}_{tf}.csv[.gz] files; "
            + "default: the built-in synthetic market")
    Path dataDir;

    @Option(names = "--data", paramLabel = "URI", description = "instead of --data-dir: a source URI "
            + "(csv:DIR, parquet:DIR, duckdb:FILE, jdbc:...; credentials from the environment)")
    String data;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "ktrdr-demo",
            description = "output folder: models/, backtests/, report/ (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--bars", paramLabel = "N", defaultValue = "" + DemoRunner.DEFAULT_SYNTHETIC_BARS,
            description = "hourly bars per synthetic symbol, 2000 to 200000 (default: ${DEFAULT-VALUE})")
    int bars;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "synthetic market seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--train", split = ",", paramLabel = "A,B,...",
            description = "training symbols instead of the defaults")
    List<String> train = new ArrayList<>();

    @Option(names = "--unseen", paramLabel = "SYMBOL", description = "the held-out symbol instead of ETHUSDT")
    String unseen;

    @Option(names = "--json", description = "print one JSON document instead of the table (and no progress bars)")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        if (dataDir != null && data != null) {
            throw new IllegalArgumentException("give --data-dir or --data, not both");
        }
        Optional<String> source = data != null ? Optional.of(data) : Optional.ofNullable(dataDir).map(Path::toString);
        DemoRunner.Options o = new DemoRunner.Options(source, out, bars, seed, train, Optional.ofNullable(unseen));
        DemoRunner.Result r;
        if (json) {
            r = DemoRunner.run(o, ProgressListener.NONE, line -> { });
        } else {
            try (ProgressBars bars = new ProgressBars(err, "demo")) {
                r = DemoRunner.run(o, bars, line -> {
                    bars.finishBar();
                    synchronized (err) {
                        err.println(line);
                        err.flush();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (json) {
            stdout.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document(r, seconds)));
        } else {
            table(stdout, r, seconds);
        }
        stdout.flush();
        return 0;
    }

    private static Map<String, Object> document(DemoRunner.Result r, double seconds) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("data", r.dataSource());
        d.put("trained_symbols", r.trained().stream().map(Symbol::value).toList());
        d.put("unseen_symbol", r.unseen().value());
        d.put("universal_model", r.universalVersion().toString());
        d.put("own_model", r.ownVersion().toString());
        d.put("rung", r.rung().name());
        d.put("unknown_symbol_slot", r.unseenBySlot());
        Map<String, Object> training = new LinkedHashMap<>();
        r.universalSummary().forEach((k, v) -> training.put(k, Double.isFinite(v) ? v : null));
        d.put("universal_training", training);
        d.put("universal_edge", r.universalEdge().toJson());
        r.labelCaveat().ifPresent(c -> d.put("label_caveat", c));
        d.put("backtest_from", r.windowStart().toString());
        List<Object> bts = new ArrayList<>();
        for (DemoRunner.Backtest b : List.of(r.universal(), r.own())) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("label", b.label());
            x.put("directory", b.directory().toString());
            x.put("accuracy", finite(b.accuracy()));
            x.put("baseline_accuracy", finite(b.baseline()));
            x.put("momentum_accuracy", finite(b.edge().figures().momentumAccuracy()));
            x.put("edge", finite(b.edge().edge().point()));
            x.put("edge_ci_low", finite(b.edge().edge().low()));
            x.put("edge_ci_high", finite(b.edge().edge().high()));
            x.put("verdict", b.edge().verdict().label());
            x.put("trades", b.result().trades().size());
            for (String k : List.of(Performance.TOTAL_RETURN, Performance.SHARPE, Performance.MAX_DRAWDOWN,
                    Performance.BUY_HOLD_RETURN)) {
                x.put(k, finite(b.result().metrics().get(k)));
            }
            bts.add(x);
        }
        d.put("backtests", bts);
        d.put("report", r.report().toString());
        d.put("charts", r.charts());
        d.put("seconds", Math.round(seconds * 10) / 10.0);
        return d;
    }

    private static Object finite(Double v) {
        return v != null && Double.isFinite(v) ? v : null;
    }

    private static void table(PrintWriter o, DemoRunner.Result r, double seconds) {
        o.println();
        o.println("data:     " + r.dataSource());
        o.printf(Locale.ROOT, "universal model (trained on %s), test rows of its training symbols:%n",
                String.join(", ", r.trained().stream().map(Symbol::value).toList()));
        o.println("  " + r.universalEdge().line());
        r.universalEdge().perSymbolFigures().forEach((sym, f) -> o.printf(Locale.ROOT,
                "  %-10s accuracy %6.2f%% | own majority %6.2f%% | momentum %6.2f%% | %s%n", sym.value(), 100 * f.accuracy(),
                100 * f.baselineAccuracy(), 100 * f.momentumAccuracy(), r.universalEdge().perSymbolEdges().get(sym).line()));
        o.printf(Locale.ROOT, "resolved for %s by the loader: rung %s%s%n", r.unseen(), r.rung(),
                r.unseenBySlot() ? " (never seen in training: unknown-symbol slot)" : "");
        o.printf(Locale.ROOT, "backtest of %s from %s (decide at close, fill next open, costs included):%n", r.unseen(),
                r.windowStart());
        o.printf(Locale.ROOT, "%-40s %9s %9s %9s %9s %-16s %9s %8s %9s %7s%n", "model", "accuracy", "baseline*",
                "momentum", "edge(pp)", "95% interval", "return", "sharpe", "max dd", "trades");
        for (DemoRunner.Backtest b : List.of(r.universal(), r.own())) {
            Map<String, Double> m = b.result().metrics();
            var e = b.edge().edge();
            o.printf(Locale.ROOT, "%-40s %8.2f%% %8.2f%% %8.2f%% %+9.2f %-16s %+8.2f%% %8.2f %8.2f%% %7d%n", b.label(),
                    100 * b.accuracy(), 100 * b.baseline(), 100 * b.edge().figures().momentumAccuracy(), 100 * e.point(),
                    Double.isNaN(e.low()) ? "-" : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * e.low(), 100 * e.high()),
                    100 * m.get(Performance.TOTAL_RETURN), m.get(Performance.SHARPE),
                    100 * m.get(Performance.MAX_DRAWDOWN), b.result().trades().size());
            o.printf(Locale.ROOT, "%-40s %s%n", "", "verdict: " + e.verdict().label());
        }
        Map<String, Double> m = r.universal().result().metrics();
        o.printf(Locale.ROOT, "%-40s %9s %9s %9s %9s %-16s %+8.2f%% %8.2f %8.2f%% %7s%n", "buy and hold", "", "", "", "", "",
                100 * m.get(Performance.BUY_HOLD_RETURN), m.get(Performance.BUY_HOLD_SHARPE),
                100 * m.get(Performance.BUY_HOLD_MAX_DRAWDOWN), "");
        o.println("* baseline: the symbol's own majority class (overall: each symbol's, row-weighted); edge: accuracy minus "
                + "the stronger of it and the momentum baseline, 95% block-bootstrap interval; 'no edge' when it covers 0");
        r.labelCaveat().ifPresent(o::println);
        o.println("report:   " + r.report() + " (" + r.charts() + " charts)");
        o.printf(Locale.ROOT, "finished in %.1f s%n", seconds);
    }
}
