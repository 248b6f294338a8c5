package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ktrdr data}: inspect, resample, align and generate market data.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Market data: inspect files, resample, align timeframes without look-ahead, generate a synthetic market.",
        subcommands = {InspectCommand.class, ResampleCommand.class, AlignCommand.class, GenerateCommand.class,
                ExportCommand.class})
public final class DataCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Creates the command. */
    public DataCommand() {
        // picocli fills the fields
    }

    @Override
    public Integer call() {
        return KtrdrCli.missingCommand(spec);
    }

    /** What a file holds: symbol, timeframe and calendar, from options or the file name. */
    record FileInfo(Symbol symbol, Timeframe timeframe, MarketCalendar calendar) {
        static FileInfo of(Path file, String symbol, String timeframe, String calendar) {
            DataFolder.FileName name = DataFolder.parseName(file.getFileName().toString()).orElse(null);
            if ((symbol == null || timeframe == null) && name == null) {
                throw new ConfigurationException("FILE", file + ": the name is not SYMBOL_TF.csv[.gz]; pass --symbol and --timeframe");
            }
            Symbol s = symbol != null ? Symbol.of(symbol) : name.symbol();
            Timeframe tf = timeframe != null ? Timeframe.parse(timeframe) : name.timeframe();
            MarketCalendar cal = calendar != null ? Calendars.byId(calendar)
                    : SymbolRegistry.load(file.toAbsolutePath().getParent()).calendar(s);
            return new FileInfo(s, tf, cal);
        }
    }
}
