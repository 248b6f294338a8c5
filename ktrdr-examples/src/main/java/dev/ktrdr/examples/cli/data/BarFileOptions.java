package dev.ktrdr.examples.cli.data;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The bar file a data command reads, and how to interpret it: shared by {@code inspect} and
 * {@code resample} as a picocli mixin, so both name and default these options the same way.
 */
final class BarFileOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "a SYMBOL_TF.csv or .csv.gz file")
    Path file;

    @Option(names = "--calendar", description = "crypto, forex, metals or us-equity (default: from the symbol)")
    String calendar;

    @Option(names = "--symbol", description = "symbol (default: from the file name)")
    String symbol;

    @Option(names = "--timeframe", description = "the file's timeframe (default: from the file name)")
    String timeframe;

    /** @return symbol, timeframe and calendar from the options, else from the file name and folder */
    DataCommand.FileInfo info() {
        return DataCommand.FileInfo.of(file, symbol, timeframe, calendar);
    }
}
