package dev.ktrdr.examples.cli.indicators;

import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.IndicatorSpecs;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktrdr indicators --strategy S.yaml --data FILE [--out FILE]}: computes the strategy's
 * {@code indicators:} section (either layout) over a bar file and writes CSV with {@code timestamp} (the
 * bar's open time, ISO-8601 UTC) and one column per output: {@code {id}} for a single output,
 * {@code {id}.{output}} for each output of a multi-output indicator; cells are empty during warm-up.
 * {@code ktrdr indicators list [--json]} prints the catalogue.
 */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = "Compute a strategy's indicators over a bar file (CSV out), or list the catalogue.",
        subcommands = {ListCommand.class})
public final class IndicatorsCommand implements Runnable {
    private static final Pattern FILE_NAME = Pattern.compile("^(.+)_([0-9]+[a-zA-Z]+)\\.csv(\\.gz)?$");

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", paramLabel = "S.yaml", description = "strategy file with an indicators: section")
    Path strategy;

    @Option(names = "--data", paramLabel = "FILE", description = "bars as CSV or CSV.gz (timestamp,open,high,low,close,volume)")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "output CSV (default: standard output)")
    Path out;

    @Option(names = "--symbol", description = "symbol (default: from a {SYMBOL}_{tf}.csv[.gz] file name)")
    String symbol;

    @Option(names = "--timeframe", description = "bar size, e.g. 1h (default: from the file name)")
    String timeframe;

    @Override
    public void run() {
        if (strategy == null || data == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give --strategy and --data, or use 'ktrdr indicators list'");
        }
        Map<String, Object> doc = StrategyYaml.read(strategy);
        if (!doc.containsKey("indicators")) {
            throw new ConfigurationException("indicators", strategy + " has no indicators: section");
        }
        CatalogIndicatorEngine engine = new CatalogIndicatorEngine();
        List<IndicatorSpec> specs;
        List<Indicator> inds;
        try {
            specs = IndicatorSpecs.fromSection(doc.get("indicators"));
            inds = engine.configure(specs);
        } catch (ConfigurationException e) {
            // name the file as well as the YAML path
            throw new ConfigurationException("", strategy + ": " + e.getMessage(), e);
        }
        BarSeries series = CsvBars.read(data, resolveSymbol(), resolveTimeframe());
        ColumnFrame frame = engine.compute(series, specs);
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Indicator ind = inds.get(i);
            String id = specs.get(i).id();
            if (ind.outputs().size() == 1) {
                columns.add(id);
            } else {
                for (String o : ind.outputNames()) {
                    columns.add(id + "." + o);
                }
            }
        }
        try {
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                write(w, frame, columns);
                w.flush();
            } else {
                AtomicFiles.writeText(out, w -> write(w, frame, columns));
                spec.commandLine().getErr().println("wrote " + frame.rows() + " rows x " + columns.size()
                        + " indicator columns to " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Symbol resolveSymbol() {
        if (symbol != null) {
            return Symbol.of(symbol);
        }
        Matcher m = FILE_NAME.matcher(data.getFileName().toString());
        return Symbol.of(m.matches() ? m.group(1) : "DATA");
    }

    private Timeframe resolveTimeframe() {
        if (timeframe != null) {
            return Timeframe.parse(timeframe);
        }
        Matcher m = FILE_NAME.matcher(data.getFileName().toString());
        if (!m.matches()) {
            throw new ConfigurationException("--timeframe", "cannot tell the timeframe from the file name '"
                    + data.getFileName() + "'; give --timeframe (e.g. 1h)");
        }
        return Timeframe.parse(m.group(2));
    }

    private static void write(Writer w, ColumnFrame frame, List<String> columns) throws IOException {
        w.write("timestamp");
        double[][] cols = new double[columns.size()][];
        for (int j = 0; j < cols.length; j++) {
            w.write(',');
            w.write(columns.get(j));
            cols[j] = frame.column(columns.get(j));
        }
        w.write('\n');
        long[] times = frame.times();
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < times.length; i++) {
            sb.setLength(0);
            sb.append(Instant.ofEpochMilli(times[i]));
            for (double[] col : cols) {
                sb.append(',');
                double v = col[i];
                if (!Double.isNaN(v)) {
                    sb.append(v);
                }
            }
            sb.append('\n');
            w.append(sb);
        }
    }
}
