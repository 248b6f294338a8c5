package dev.ktrdr.examples.cli.models;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ktrdr models delete STRATEGY VERSION --models-dir M}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a version that is not the latest of its series.")
final class ModelsDelete implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelsCommand.VersionRef ref = new ModelsCommand.VersionRef();

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Override
    public Integer call() {
        common.store().delete(ref.strategy, ref.version);
        if (common.json) {
            ModelsCommand.printJson(spec.commandLine().getOut(), Map.of("deleted", ref.version));
        } else {
            spec.commandLine().getOut().println("deleted " + ref.version);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
