package dev.ktrdr.examples.cli.models;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ktrdr models promote STRATEGY VERSION --models-dir M}. */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = "Make a verified version the latest of its scope and timeframe set (atomic pointer swap).")
final class ModelsPromote implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelsCommand.VersionRef ref = new ModelsCommand.VersionRef();

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Override
    public Integer call() {
        Path p = common.store().promote(ref.strategy, ref.version);
        if (common.json) {
            ModelsCommand.printJson(spec.commandLine().getOut(), Map.of("promoted", p.toString()));
        } else {
            spec.commandLine().getOut().println("promoted " + p.getFileName() + " to latest");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
