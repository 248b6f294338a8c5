package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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

    @Option(names = "--asset-classes", split = ",", paramLabel = "CLASS",
            description = "only these asset classes (forex, crypto, equity), e.g. equity: symbols of one calendar "
                    + "span the same years; up to 10000 symbols")
    java.util.List<String> assetClasses = new java.util.ArrayList<>();

    @Override
    public Integer call() {
        Instant from;
        try {
            from = Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            throw new dev.ktrdr.api.ConfigurationException("--start", "'" + start + "' is not an ISO-8601 instant");
        }
        java.util.List<SyntheticMarket.SymbolSpec> specs;
        if (assetClasses.isEmpty()) {
            specs = SyntheticMarket.universe(symbols);
        } else {
            java.util.Set<dev.ktrdr.api.AssetClass> classes = java.util.EnumSet.noneOf(dev.ktrdr.api.AssetClass.class);
            for (String a : assetClasses) {
                classes.add(dev.ktrdr.api.AssetClass.parse(a));
            }
            specs = SyntheticMarket.universe(symbols, classes);
        }
        Timeframe tf = Timeframe.parse(timeframe);
        PrintWriter w = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // symbol by symbol, so that memory stays one series whatever the universe; progress with time left
        SyntheticMarket.Config all = SyntheticMarket.Config.of(specs, tf, from, bars, seed);
        try {
            java.nio.file.Files.createDirectories(out);
        } catch (java.io.IOException e) {
            throw new dev.ktrdr.api.DataException(out + ": cannot create: " + e.getMessage(), e);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < specs.size(); i++) {
            BarSeries one = SyntheticMarket.generate(all, i);
            dev.ktrdr.data.CsvBars.write(out.resolve(one.symbol() + "_" + one.timeframe().label() + ".csv.gz"), one);
            for (BarSeries s : List.of(one)) {
                w.printf("%s_%s.csv.gz  %d bars  %s .. %s%n", s.symbol(), s.timeframe(), s.size(),
                        Instant.ofEpochMilli(s.openTime(0)), Instant.ofEpochMilli(s.openTime(s.size() - 1)));
            }
            if (specs.size() > 20 && ((i + 1) % 20 == 0 || i + 1 == specs.size())) {
                double el = (System.nanoTime() - t0) / 1e9;
                err.printf("[generate %d/%d] about %.0fs left%n", i + 1, specs.size(), el / (i + 1) * (specs.size() - i - 1));
                err.flush();
            }
        }
        // the registry of every symbol (each writeFolder above wrote one symbol's)
        dev.ktrdr.data.SymbolRegistry.write(out, SyntheticMarket.infos(all.symbols()));
        w.printf("wrote %d symbols and symbols.csv to %s%n", specs.size(), out);
        w.flush();
        return 0;
    }
}
