package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.examples.cli.KtrdrCli;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ktrdr analyze}: analyses of loaded data; {@code ktrdr analyze mtf} is multi-timeframe confluence. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyses of market data: mtf (multi-timeframe confluence).",
        subcommands = {MtfCommand.class})
public final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return KtrdrCli.missingCommand(spec);
    }
}
