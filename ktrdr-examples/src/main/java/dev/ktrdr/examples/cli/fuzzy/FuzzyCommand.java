package dev.ktrdr.examples.cli.fuzzy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.FuzzyConfig;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorSpecs;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ktrdr fuzzy --strategy S.yaml --data FILE [--out FILE]}: computes the strategy's indicators and
 * fuzzy memberships over one bar file and writes CSV: {@code timestamp} (bar open time, ISO-8601 UTC)
 * and one column per membership, {@code {set}_{membership}}, in [0,1]. Rows before every membership has
 * warmed up are left out (their number is reported when writing to a file).
 */
@Command(name = "fuzzy", mixinStandardHelpOptions = true,
        description = "Compute a strategy's fuzzy memberships over one bar file (CSV out).")
public final class FuzzyCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--strategy", required = true, paramLabel = "S.yaml",
            description = "strategy with indicators: and fuzzy_sets: sections (current or older layout)")
    Path strategy;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "bars as CSV or CSV.gz, named {SYMBOL}_{tf}.csv[.gz] unless --symbol/--timeframe are given")
    Path data;

    @Option(names = "--out", paramLabel = "FILE", description = "output CSV (default: standard output)")
    Path out;

    @Option(names = "--symbol", description = "symbol (default: from the file name)")
    String symbol;

    @Option(names = "--timeframe", description = "bar size, e.g. 1h (default: from the file name)")
    String timeframe;

    @Override
    public void run() {
        Map<String, Object> doc = StrategyYaml.read(strategy);
        List<IndicatorSpec> indicators;
        List<FuzzySetSpec> sets;
        try {
            indicators = IndicatorSpecs.fromSection(doc.get("indicators"));
            if (!doc.containsKey("fuzzy_sets")) {
                throw new ConfigurationException("fuzzy_sets", "the strategy has no fuzzy_sets: section");
            }
            sets = FuzzyConfig.parseFuzzySets(doc.get("fuzzy_sets"));
            new CatalogIndicatorEngine().configure(indicators);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.path(), strategy + ": " + e.getMessage(), e);
        }
        Optional<DataFolder.FileName> name = DataFolder.parseName(data.getFileName().toString());
        Symbol sym = symbol != null ? Symbol.of(symbol) : name.map(DataFolder.FileName::symbol).orElseThrow(() ->
                new ConfigurationException("--symbol", "cannot tell the symbol from the file name '" + data.getFileName()
                        + "'; give --symbol"));
        Timeframe tf = timeframe != null ? Timeframe.parse(timeframe) : name.map(DataFolder.FileName::timeframe)
                .orElseThrow(() -> new ConfigurationException("--timeframe", "cannot tell the timeframe from the file name '"
                        + data.getFileName() + "'; give --timeframe (e.g. 1h)"));
        Path dir = data.toAbsolutePath().getParent();
        SymbolRegistry registry = SymbolRegistry.load(dir);
        BarSeries series = CsvBars.read(data, sym, tf, registry.calendar(sym));
        ColumnFrame ind = new CatalogIndicatorEngine().compute(series, indicators);
        ColumnFrame fz;
        try {
            fz = new BatchFuzzyEngine().compile(sets).evaluate(series, ind);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(e.path(), strategy + ": " + e.getMessage(), e);
        }
        int warm = fz.maxLookback();
        List<String> names = fz.names();
        double[][] cols = new double[names.size()][];
        for (int j = 0; j < cols.length; j++) {
            cols[j] = fz.column(names.get(j));
        }
        long[] times = fz.times();
        CliCsv.write(out, spec.commandLine().getOut(), w -> {
            w.write("timestamp");
            for (String n : names) {
                w.write(',');
                w.write(n);
            }
            w.write('\n');
            StringBuilder sb = new StringBuilder(256);
            for (int i = warm; i < times.length; i++) {
                sb.setLength(0);
                sb.append(Instant.ofEpochMilli(times[i]));
                for (double[] c : cols) {
                    sb.append(',').append(c[i]);
                }
                sb.append('\n');
                w.append(sb);
            }
        });
        if (out != null) {
            spec.commandLine().getOut().println("wrote " + Math.max(0, times.length - warm) + " rows x " + names.size()
                    + " memberships of " + sym + " " + tf + " to " + out + " (" + Math.min(warm, times.length)
                    + " warm-up rows left out)");
            spec.commandLine().getOut().flush();
        }
    }
}
