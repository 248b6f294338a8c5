package dev.ktrdr.examples.cli.models;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models promote STRATEGY VERSION --models-dir M}. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make a verified version the latest of its scope and timeframe set (atomic pointer swap).")
final class ModelsPromote implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "Strategy name (the folder under the model store root).")
    String strategy;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Version directory name, e.g. universal_1h-4h-1d_v2.")
    String version;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Override
    public Integer call() {
        Path p = common.store().promote(strategy, version);
        if (common.json) {
            ModelsCommand.printJson(spec.commandLine().getOut(), Map.of("promoted", p.toString()));
        } else {
            spec.commandLine().getOut().println("promoted " + p.getFileName() + " to latest");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
