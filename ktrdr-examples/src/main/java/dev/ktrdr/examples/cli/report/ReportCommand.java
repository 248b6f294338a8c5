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
 * {@code ktrdr report DIR}: writes {@code DIR/report/index.html} and its PNGs from a model version
 * directory or a backtest directory.
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
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
        Path target = dir.resolve("report");
        List<ReportWriter.ChartFile> charts = new ReportWriter().write(data, target);
        out.println(target.resolve("index.html") + " (" + charts.size() + " charts: "
                + String.join(", ", charts.stream().map(ReportWriter.ChartFile::title).toList()) + ")");
        out.flush();
        return 0;
    }
}
