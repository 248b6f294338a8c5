package dev.ktrdr.examples.cli.experiment;

import dev.ktrdr.examples.cli.KtrdrCli;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ktrdr experiment}: experiments; {@code compare-modes} is the walk-forward comparison of training modes. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Experiments: compare-modes (per-symbol vs universal vs universal with embedding, walk-forward).",
        subcommands = {CompareModesCommand.class})
public final class ExperimentCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return KtrdrCli.missingCommand(spec);
    }
}
