package dev.ktrdr.examples.cli.models;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.storage.VersionInfo;
import dev.ktrdr.api.Timeframe;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr models list [STRATEGY] --models-dir M [--symbol S --timeframes T | --compatible-with S --timeframe TF]}.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List complete model versions (all, those whose deployment allows --symbol and --timeframes, "
                + "or those with base timeframe --timeframe that may serve --compatible-with).")
final class ModelsList implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STRATEGY", description = "Only this strategy.")
    String strategy;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Mixin
    ModelsCommand.SymbolOptions symbolOptions = new ModelsCommand.SymbolOptions();

    @Option(names = "--compatible-with", paramLabel = "S",
            description = "Only versions that may serve this symbol (with --timeframe: on that base timeframe).")
    String compatibleWith;

    @Option(names = "--timeframe", paramLabel = "TF", description = "The base timeframe, e.g. 1h (with --compatible-with).")
    String baseTimeframe;

    @Override
    public Integer call() {
        FileModelStore store = common.store();
        List<String> strategies = strategy == null ? store.strategies() : List.of(strategy);
        List<VersionInfo> versions = new ArrayList<>();
        if (compatibleWith != null || baseTimeframe != null) {
            if (compatibleWith == null || baseTimeframe == null || symbolOptions.symbol != null
                    || symbolOptions.timeframes != null) {
                throw new ConfigurationException("--compatible-with", "takes --timeframe TF (the base timeframe) and "
                        + "neither --symbol nor --timeframes");
            }
            symbolOptions.symbol = compatibleWith;
        }
        for (String s : strategies) {
            if (compatibleWith != null) {
                versions.addAll(new StoreModelLoader(store).compatibleOnBase(s, symbolOptions.info(),
                        Timeframe.parse(baseTimeframe)));
            } else if (symbolOptions.given()) {
                versions.addAll(new StoreModelLoader(store).compatible(s, symbolOptions.info(), symbolOptions.timeframes()));
            } else {
                versions.addAll(store.versions(s));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (VersionInfo v : versions) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("strategy", v.strategy());
                o.put("version_dir", v.name().dirName());
                o.put("scope", v.name().scope().dirName());
                o.put("timeframes", v.name().timeframes().stream().map(Timeframe::label).toList());
                o.put("version", v.name().version());
                o.put("latest", v.latest());
                o.put("path", v.directory().toString());
                rows.add(o);
            }
            ModelsCommand.printJson(out, rows);
            return 0;
        }
        if (versions.isEmpty()) {
            out.println("no model versions" + (strategy == null ? "" : " for strategy " + strategy));
        }
        for (VersionInfo v : versions) {
            out.printf("%-28s %s%s%n", v.strategy(), v.name().dirName(), v.latest() ? "  (latest)" : "");
        }
        out.flush();
        return 0;
    }
}
