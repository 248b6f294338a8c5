package dev.ktrdr.examples.cli.models;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models delete STRATEGY VERSION --models-dir M}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a version that is not the latest of its series.")
final class ModelsDelete implements Callable<Integer> {
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
        common.store().delete(strategy, version);
        if (common.json) {
            ModelsCommand.printJson(spec.commandLine().getOut(), Map.of("deleted", version));
        } else {
            spec.commandLine().getOut().println("deleted " + version);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
