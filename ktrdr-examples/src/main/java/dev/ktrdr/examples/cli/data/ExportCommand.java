package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.source.BarSinks;
import dev.ktrdr.data.source.DataSources;
import dev.ktrdr.data.source.Jdbc;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr data export --data SRC --to parquet:DIR|duckdb:FILE|jdbc:... [--symbols A,B] [--to-table T]}:
 * copies every stored series (each symbol, each stored timeframe) from one source to another, validated on
 * the way (STRICT). A target series of the same symbol and timeframe is replaced.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Copy bars between sources: a CSV folder, Parquet files, a DuckDB file or a JDBC database.")
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DataSourceOptions from;

    @Option(names = "--to", required = true, paramLabel = "URI",
            description = "target: parquet:DIR, duckdb:FILE or jdbc:... (credentials as for --data)")
    String to;

    @Option(names = "--to-table", paramLabel = "TABLE", description = "table of a database target (default: bars)")
    String toTable = "bars";

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "only these symbols (default: every one the source lists)")
    List<String> symbols = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ListedBars src = from.open();
        List<Symbol> syms = new ArrayList<>();
        for (String s : symbols) {
            syms.add(Symbol.of(s.trim()));
        }
        if (syms.isEmpty()) {
            syms.addAll(src.symbols());
        }
        if (syms.isEmpty()) {
            throw new ConfigurationException("--symbols", src.description() + " cannot list its symbols; give --symbols");
        }
        Path parquet = null;
        Jdbc jdbc = null;
        if (to.startsWith("parquet:")) {
            parquet = Files.createDirectories(Path.of(to.substring(8)));
        } else if (to.startsWith("duckdb:")) {
            jdbc = new Jdbc("jdbc:duckdb:" + to.substring(7), new Properties(), to);
        } else if (to.startsWith("jdbc:")) {
            jdbc = new Jdbc(to, DataSources.credentials(System.getenv()), Jdbc.describe(to));
        } else {
            throw new ConfigurationException("--to", "the target must be parquet:DIR, duckdb:FILE or jdbc:...");
        }
        long rows = 0;
        int n = 0;
        for (Symbol s : syms) {
            for (Timeframe tf : src.timeframes(s)) {
                BarSeries bars = src.load(s, tf);
                if (parquet != null) {
                    BarSinks.writeParquet(parquet, bars);
                } else {
                    BarSinks.writeTable(jdbc, toTable, bars);
                }
                rows += bars.size();
                n++;
                out.printf("%s %s: %d bars%n", s, tf, bars.size());
            }
        }
        out.printf("exported %d series, %d bars from %s to %s%n", n, rows, src.description(),
                jdbc != null ? jdbc.description() + " table " + toTable : "parquet:" + parquet);
        return 0;
    }
}
