package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr data generate}: writes a synthetic market as a data folder. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a deterministic synthetic market (SYMBOL_TF.csv.gz files and symbols.csv) to a folder.")
final class GenerateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--symbols", defaultValue = "6", description = "number of symbols (default 6: EURUSD, GBPUSD, BTCUSDT, ETHUSDT, AAPL, SPY)")
    int symbols;

    @Option(names = "--timeframe", defaultValue = "1h", description = "bar size (default 1h)")
    String timeframe;

    @Option(names = "--bars", defaultValue = "10000", description = "bars per symbol (default 10000)")
    int bars;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default 42)")
    long seed;

    @Option(names = "--start", defaultValue = "2020-01-01T00:00:00Z", description = "first instant, ISO-8601 (default 2020-01-01T00:00:00Z)")
    String start;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Override
    public Integer call() {
        Instant from;
        try {
            from = Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            throw new dev.ktrdr.api.ConfigurationException("--start", "'" + start + "' is not an ISO-8601 instant");
        }
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(SyntheticMarket.universe(symbols), Timeframe.parse(timeframe),
                from, bars, seed);
        Map<Symbol, BarSeries> m = SyntheticMarket.generate(cfg);
        SyntheticMarket.writeFolder(out, cfg, m);
        PrintWriter w = spec.commandLine().getOut();
        for (BarSeries s : m.values()) {
            w.printf("%s_%s.csv.gz  %d bars  %s .. %s%n", s.symbol(), s.timeframe(), s.size(), Instant.ofEpochMilli(s.openTime(0)),
                    Instant.ofEpochMilli(s.openTime(s.size() - 1)));
        }
        w.printf("wrote %d symbols and symbols.csv to %s%n", m.size(), out);
        w.flush();
        return 0;
    }
}
