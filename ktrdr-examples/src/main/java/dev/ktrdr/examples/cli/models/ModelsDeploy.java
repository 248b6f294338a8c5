package dev.ktrdr.examples.cli.models;

import dev.ktrdr.api.ConfigurationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models deploy STRATEGY/VERSION --symbol S --timeframes TF,... --models-dir M}. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = "Record that a version serves a symbol on a timeframe set (compatibility checked; atomic). "
                + "resolve, backtest and live try the recorded version first.")
final class ModelsDeploy implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY/VERSION", description = "e.g. trend/universal_1h-4h-1d_v3.")
    String ref;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Mixin
    ModelsCommand.SymbolOptions symbolOptions = new ModelsCommand.SymbolOptions();

    @Override
    public Integer call() {
        int slash = ref.indexOf('/');
        if (slash <= 0 || slash != ref.lastIndexOf('/') || slash == ref.length() - 1) {
            throw new ConfigurationException("STRATEGY/VERSION", "'" + ref + "' is not STRATEGY/VERSION, e.g. "
                    + "trend/universal_1h-4h-1d_v3");
        }
        String strategy = ref.substring(0, slash);
        String version = ref.substring(slash + 1);
        Path record = common.store().deploy(strategy, version, symbolOptions.info(), symbolOptions.timeframes());
        if (common.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("deployed", strategy + "/" + version);
            o.put("symbol", symbolOptions.symbol);
            o.put("record", record.toString());
            ModelsCommand.printJson(spec.commandLine().getOut(), o);
        } else {
            spec.commandLine().getOut().println("deployed " + strategy + "/" + version + " for " + symbolOptions.symbol
                    + " (" + record.getFileName() + ")");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
