package dev.ktrdr.examples.cli.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyYaml;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.walkforward.ModeComparison;
import dev.ktrdr.training.walkforward.PairedDifference;
import dev.ktrdr.training.walkforward.PortfolioModeView;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr experiment compare-modes S.yaml --data-dir DIR [--symbols A,B] [--windows N]
 * [--holdout SYM,...] [--capital C] [--commission R] [--slippage BPS] [--gbdt] [--out DIR] [--json]}: the walk-forward
 * comparison of one model per symbol, a universal model and a universal model with symbol embedding
 * ({@link ModeComparison}), with {@code --gbdt} also a universal gradient-boosted tree model, every mode scored on the same rows and instants; prints the Markdown table (with
 * the per-symbol majority and momentum baselines and the edge), accuracy per window, each mode's edge over the
 * training symbols and one line per pair of modes with the paired difference, its 95% interval and verdict.
 * {@code --json} prints all of it as one document instead (no progress). With {@code --out} writes
 * {@code compare_modes.csv}, {@code compare_modes.md} and {@code compare_modes.json}.
 */
@Command(name = "compare-modes", mixinStandardHelpOptions = true,
        description = "Walk-forward comparison of per-symbol, universal and universal+embedding models, per symbol.")
public final class CompareModesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
    Path strategyFile;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "training symbols instead of the strategy's")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--windows", defaultValue = "3", description = "walk-forward windows, in [1, 50] (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--holdout", split = ",", paramLabel = "SYM", description = "symbols kept out of training, evaluated only")
    List<String> holdout = new ArrayList<>();

    @Option(names = "--capital", defaultValue = "100000", description = "initial capital (default: ${DEFAULT-VALUE})")
    double capital;

    @Option(names = "--commission", defaultValue = "0.001", description = "commission rate, in [0, 1) (default: ${DEFAULT-VALUE})")
    double commission;

    @Option(names = "--slippage", defaultValue = "0", paramLabel = "BPS", description = "slippage in bps (default: ${DEFAULT-VALUE})")
    double slippage;

    @Option(names = "--embedding-dim", defaultValue = "4",
            description = "embedding width when the strategy has no embedding, in [1, 64] (default: ${DEFAULT-VALUE})")
    int embeddingDim;

    @Option(names = "--gbdt", description = "also compare a universal gradient-boosted tree model (mode gbdt, the "
            + "strategy's model.gbdt parameters)")
    boolean gbdt;

    @Option(names = "--out", paramLabel = "DIR", description = "write compare_modes.csv, compare_modes.md and compare_modes.json here")
    Path out;

    @Option(names = "--json", description = "print one JSON document instead of the tables (no progress on stderr)")
    boolean json;

    @Override
    public Integer call() {
        String yaml = StrategyYaml.readText(strategyFile);
        Strategy strategy = StrategyLoader.parse(yaml, strategyFile.toString());
        ListedBars folder = data.open();
        List<Symbol> training = new ArrayList<>();
        for (String s : symbols) {
            training.add(Symbol.of(s.trim()));
        }
        if (training.isEmpty()) {
            training.addAll(strategy.trainingData().symbols().list());
        }
        if (training.isEmpty()) {
            training.addAll(strategy.trainingData().symbols().resolve(
                    folder.symbols().stream().map(s -> folder.registry().info(s)).toList()));
        }
        List<Symbol> held = new ArrayList<>();
        for (String s : holdout) {
            held.add(Symbol.of(s.trim()));
        }
        training.removeAll(held);
        if (training.isEmpty()) {
            throw new ConfigurationException("--symbols", "no training symbol left after removing the held-out ones");
        }
        Backtester.Execution execution = new Backtester.Execution(capital, commission, 0, slippage,
                Backtester.Sizing.FRACTION_OF_EQUITY, 1.0);
        TrainingRequest data = new TrainingRequest(yaml, strategyFile.toString(), folder, s -> folder.registry().info(s),
                training, List.of());
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = json ? ProgressListener.NONE : e -> {
            err.println("[" + e.stage() + " " + e.done() + "/" + e.total() + "] " + e.message());
            err.flush();
        };
        ModeComparison.Result result = new ModeComparison().compare(new ModeComparison.Settings(yaml, strategyFile.toString(),
                data, training, held, windows, execution, embeddingDim, gbdt), progress);
        List<ModeComparison.Row> rows = result.rows();
        Optional<String> caveat = EdgeReport.caveat(strategy.training().labels().source());
        String md = ModeComparison.toMarkdown(rows);
        String head = strategy.name() + ": " + windows + " rolling walk-forward windows, training " + training
                + (held.isEmpty() ? "" : ", held out " + held) + "; out-of-sample figures, every mode scored on the same "
                + "rows and instants (those every mode with a model for the symbol evaluated)";
        StringBuilder text = new StringBuilder(head).append('\n').append(md)
                .append("\nAccuracy per window on the common rows (rows in brackets)\n")
                .append(ModeComparison.windowsMarkdown(result.perWindow(), windows));
        text.append("\nEach mode over the training symbols (per-symbol majority baseline, momentum baseline, edge over "
                + "the stronger with a 95% block-bootstrap interval, ").append(result.bootstrap().replicates())
                .append(" replicates, seed ").append(result.bootstrap().seed()).append(")\n");
        result.overall().forEach((m, r) -> text.append("  ").append(m.id()).append(": ").append(r.line()).append('\n'));
        text.append("\nPaired differences of accuracy on the same rows (95% block-bootstrap interval within symbols)\n");
        for (PairedDifference d : result.differences()) {
            text.append("  ").append(d.line()).append('\n');
        }
        text.append("\nPortfolio view: per window, each mode's symbols traded as one equal-weight account (training and held-out "
                + "symbols apart; total return, Sharpe, equal-weight buy and hold)\n");
        for (PortfolioModeView.Window w : result.portfolioWindows()) {
            text.append(String.format(java.util.Locale.ROOT, "  %-22s %-8s window %d: %2d symbols, return %+7.2f %%, Sharpe %6.2f,"
                            + " buy and hold %+7.2f %%, %,d trades%n", w.mode().id(), w.heldOut() ? "held-out" : "training",
                    w.window(), w.symbols(), 100 * w.totalReturn(), w.sharpe(), 100 * w.buyHoldReturn(), w.trades()));
        }
        text.append("Paired differences of the window portfolios (mean, 95% Student-t interval over the windows)\n");
        for (PortfolioModeView.Difference d : result.portfolioDifferences()) {
            text.append("  ").append(d.line()).append('\n');
        }
        caveat.ifPresent(c -> text.append('\n').append(c).append('\n'));
        String doc = toJson(strategy, training, held, result, caveat);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? doc + "\n" : text);
        if (out != null) {
            try {
                Files.createDirectories(out);
                AtomicFiles.writeString(out.resolve("compare_modes.csv"), ModeComparison.toCsv(rows));
                AtomicFiles.writeString(out.resolve("compare_modes.md"), text.toString());
                AtomicFiles.writeString(out.resolve("compare_modes.json"), doc + "\n");
            } catch (IOException e) {
                throw new DataException("cannot write the table into " + out + ": " + e.getMessage(), e);
            }
            if (!json) {
                stdout.println("wrote " + out.resolve("compare_modes.csv") + ", " + out.resolve("compare_modes.md") + " and "
                        + out.resolve("compare_modes.json"));
            }
        }
        stdout.flush();
        return 0;
    }

    private String toJson(Strategy strategy, List<Symbol> training, List<Symbol> held, ModeComparison.Result result,
                          Optional<String> caveat) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("strategy", strategy.name());
        doc.put("windows", windows);
        doc.put("training_symbols", training.stream().map(Symbol::value).toList());
        doc.put("held_out_symbols", held.stream().map(Symbol::value).toList());
        Map<String, Object> boot = new LinkedHashMap<>();
        boot.put("replicates", result.bootstrap().replicates());
        boot.put("confidence", result.bootstrap().confidence());
        boot.put("seed", result.bootstrap().seed());
        doc.put("bootstrap", boot);
        List<Object> rows = new ArrayList<>();
        for (ModeComparison.Row r : result.rows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mode", r.mode().id());
            x.put("symbol", r.symbol().value());
            x.put("role", r.heldOut() ? "held_out" : "training");
            x.put("available", r.available());
            x.put("windows", r.windows());
            x.put("test_rows", r.testRows());
            x.put("lost_rows", r.lostRows());
            if (r.available()) {
                Map<String, Object> b = EdgeReport.json(r.baseline().figures(), r.baseline().edge());
                b.remove("rows");
                x.putAll(b);
                x.put("sharpe", finite(r.sharpe()));
                x.put("profit_factor", finite(r.profitFactor()));
                x.put("max_drawdown", finite(r.maxDrawdown()));
                x.put("total_return", finite(r.totalReturn()));
                x.put("buy_hold_return", finite(r.buyHoldReturn()));
                x.put("trades", r.trades());
                x.put("sharpe_std_across_windows", finite(r.sharpeStd()));
            }
            rows.add(x);
        }
        doc.put("rows", rows);
        List<Object> perWindow = new ArrayList<>();
        for (ModeComparison.WindowFigure f : result.perWindow()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mode", f.mode().id());
            x.put("symbol", f.symbol().value());
            x.put("window", f.window());
            x.put("from", Instant.ofEpochMilli(f.from()).toString());
            x.put("to", f.to() == Long.MAX_VALUE ? null : Instant.ofEpochMilli(f.to()).toString());
            x.put("rows", f.rows());
            x.put("accuracy", finite(f.accuracy()));
            perWindow.add(x);
        }
        doc.put("per_window", perWindow);
        Map<String, Object> overall = new LinkedHashMap<>();
        result.overall().forEach((m, r) -> overall.put(m.id(), r.toJson()));
        doc.put("overall_training_symbols", overall);
        List<Object> diffs = new ArrayList<>();
        for (PairedDifference d : result.differences()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("a", d.a());
            x.put("b", d.b());
            x.put("rows", d.rows());
            x.put("difference", finite(d.difference()));
            x.put("ci_low", finite(d.low()));
            x.put("ci_high", finite(d.high()));
            x.put("confidence", d.confidence());
            x.put("verdict", d.verdict().label(d.a(), d.b(), d.confidence()));
            x.put("line", d.line());
            Map<String, Object> per = new LinkedHashMap<>();
            d.perSymbol().forEach((sym, p) -> {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("rows", p.rows());
                y.put("difference", finite(p.difference()));
                y.put("ci_low", finite(p.low()));
                y.put("ci_high", finite(p.high()));
                y.put("verdict", p.verdict().label(d.a(), d.b(), d.confidence()));
                per.put(sym.value(), y);
            });
            x.put("per_symbol", per);
            List<Object> pw = new ArrayList<>();
            for (PairedDifference.WindowPart w : d.perWindow()) {
                Map<String, Object> y = new LinkedHashMap<>();
                y.put("window", w.window());
                y.put("rows", w.rows());
                y.put("difference", finite(w.difference()));
                pw.add(y);
            }
            x.put("per_window", pw);
            diffs.add(x);
        }
        doc.put("paired_differences", diffs);
        List<Object> pwin = new ArrayList<>();
        for (PortfolioModeView.Window w : result.portfolioWindows()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("mode", w.mode().id());
            x.put("group", w.heldOut() ? "held_out" : "training");
            x.put("window", w.window());
            x.put("symbols", w.symbols());
            x.put("total_return", finite(w.totalReturn()));
            x.put("sharpe", finite(w.sharpe()));
            x.put("buy_hold_return", finite(w.buyHoldReturn()));
            x.put("trades", w.trades());
            pwin.add(x);
        }
        List<Object> pdiff = new ArrayList<>();
        for (PortfolioModeView.Difference d : result.portfolioDifferences()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("a", d.a().id());
            x.put("b", d.b().id());
            x.put("group", d.heldOut() ? "held_out" : "training");
            x.put("windows", d.windows());
            x.put("sharpe_difference", finite(d.sharpe()));
            x.put("sharpe_ci_low", finite(d.sharpeLow()));
            x.put("sharpe_ci_high", finite(d.sharpeHigh()));
            x.put("return_difference", finite(d.totalReturn()));
            x.put("return_ci_low", finite(d.returnLow()));
            x.put("return_ci_high", finite(d.returnHigh()));
            x.put("line", d.line());
            pdiff.add(x);
        }
        Map<String, Object> portfolio = new LinkedHashMap<>();
        portfolio.put("windows", pwin);
        portfolio.put("paired_differences", pdiff);
        doc.put("portfolio", portfolio);
        doc.put("caveat", caveat.orElse(null));
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
