package dev.ktrdr.examples.cli.report;

import dev.ktrdr.api.DataException;
import dev.ktrdr.report.ReportData;
import dev.ktrdr.report.ReportSources;
import dev.ktrdr.report.ReportWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr report DIR [--out OUT] [--log-equity]}: writes {@code index.html} and its PNGs from a model
 * version directory or a backtest directory. A backtest directory's report goes to {@code DIR/report} by
 * default; a model version directory is checksummed (its {@code manifest.json} lists every file, and
 * {@code ktrdr models verify} refuses extra entries), so its report goes to {@code ./report-NAME} by default
 * and never into the version directory or below it.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write DIR/report/index.html (self-contained) and one PNG per chart.",
                "DIR is a model version directory (metrics.json, history.csv: training curves, accuracy per symbol "
                        + "against the baseline, importance per timeframe and per indicator, confusion matrix, embedding map) "
                        + "or a backtest directory (equity.csv, optional buy_and_hold.csv, trades.csv, metrics.json or summary.json: equity "
                        + "against buy-and-hold, drawdown). Charts are drawn from what is there."})
public final class ReportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a model version directory or a backtest directory")
    Path dir;

    @CommandLine.Option(names = "--out", paramLabel = "OUT", description = "report folder (default: DIR/report for a "
            + "backtest, ./report-NAME for a model version, which is never written into)")
    Path out;

    @CommandLine.Option(names = "--log-equity", description = "also draw the equity on a logarithmic axis (on by default "
            + "for windows of 3 years or more and curves that grow or fall fourfold)")
    boolean logEquity;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": no such directory");
        }
        ReportData data;
        if (ReportSources.isBacktestDirectory(dir)) {
            data = ReportSources.fromBacktestDirectory(dir);
        } else if (ReportSources.isModelDirectory(dir)) {
            data = ReportSources.fromModelDirectory(dir);
        } else {
            throw new DataException(dir + ": neither a model version directory (metrics.json) nor a backtest directory "
                    + "(equity.csv)");
        }
        if (logEquity) {
            data = data.withDisplay(new ReportData.Display(data.display().currency(), true));
        }
        Path target = out != null ? out : ReportSources.isModelDirectory(dir)
                ? Path.of("report-" + dir.toAbsolutePath().normalize().getFileName()) : dir.resolve("report");
        Path sealed = checksummedAncestor(target);
        if (sealed != null) {
            throw new DataException(target + " is inside the checksummed model version " + sealed
                    + " (manifest.json); choose another --out");
        }
        List<ReportWriter.ChartFile> charts = new ReportWriter().write(data, target);
        stdout.println(target.resolve("index.html") + " (" + charts.size() + " charts: "
                + String.join(", ", charts.stream().map(ReportWriter.ChartFile::title).toList()) + ")");
        stdout.flush();
        return 0;
    }

    /** @return the nearest existing directory at or above p that holds a model manifest, or null */
    static Path checksummedAncestor(Path p) {
        for (Path a = p.toAbsolutePath().normalize(); a != null; a = a.getParent()) {
            if (Files.isRegularFile(a.resolve("manifest.json")) && Files.isRegularFile(a.resolve("metadata.json"))) {
                return a;
            }
        }
        return null;
    }
}
