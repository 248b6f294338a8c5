package dev.ktrdr.examples.cli.models;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.examples.cli.KtrdrCli;
import dev.ktrdr.storage.FileModelStore;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr models}: list, show, resolve, check compatibility, promote, prune, delete and migrate the
 * models of a store ({@code --models-dir}). Human-readable by default, {@code --json} for machines.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Inspect and manage stored models: versions, checksums, the fallback chain, latest pointers, ONNX export.",
        subcommands = {ModelsList.class, ModelsShow.class, ModelsResolve.class, ModelsCheckCompatibility.class,
                ModelsPromote.class, ModelsPrune.class, ModelsDelete.class, ModelsMigrate.class, ModelsExport.class, ModelsDeploy.class})
public final class ModelsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return KtrdrCli.missingCommand(spec);
    }

    /** The two positional parameters naming one stored version (delete, promote). */
    static final class VersionRef {
        @Parameters(index = "0", paramLabel = "STRATEGY", description = "Strategy name (the folder under the model store root).")
        String strategy;

        @Parameters(index = "1", paramLabel = "VERSION", description = "Version directory name, e.g. universal_1h-4h-1d_v2.")
        String version;
    }

    /** Options every models subcommand shares. */
    static final class Common {
        @Option(names = "--models-dir", paramLabel = "M", description = "Root of the model store.")
        Path modelsDir;

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        FileModelStore store() {
            if (modelsDir == null) {
                throw new ConfigurationException("--models-dir", "is required: the root directory of the model store");
            }
            if (!Files.isDirectory(modelsDir)) {
                throw new ConfigurationException("--models-dir", "'" + modelsDir + "' is not a directory");
            }
            return new FileModelStore(modelsDir);
        }
    }

    /** Options that describe the symbol a model should serve. */
    static final class SymbolOptions {
        @Option(names = "--symbol", paramLabel = "S", description = "The symbol to serve, e.g. EURUSD.")
        String symbol;

        @Option(names = "--timeframes", paramLabel = "TF[,TF...]", split = ",",
                description = "Timeframes you will feed, e.g. 1h,4h,1d.")
        List<String> timeframes;

        @Option(names = "--asset-class", paramLabel = "CLASS",
                description = "Asset class of the symbol (default: from --data-dir/symbols.csv or inferred from the name).")
        String assetClass;

        @Option(names = "--group", paramLabel = "NAME", description = "Group of the symbol for group models.")
        String group;

        @Option(names = "--data-dir", paramLabel = "D", description = "Data folder whose symbols.csv describes symbols.")
        Path dataDir;

        boolean given() {
            return symbol != null || timeframes != null;
        }

        SymbolInfo info() {
            if (symbol == null) {
                throw new ConfigurationException("--symbol", "is required");
            }
            Symbol s = Symbol.of(symbol);
            SymbolRegistry registry = dataDir == null ? SymbolRegistry.defaults() : SymbolRegistry.load(dataDir);
            SymbolInfo known = registry.info(s);
            AssetClass ac = assetClass == null ? known.assetClass() : AssetClass.parse(assetClass);
            Optional<String> g = group == null ? known.group() : Optional.of(group);
            return new SymbolInfo(s, ac, known.calendarId(), g);
        }

        List<Timeframe> timeframes() {
            if (timeframes == null || timeframes.isEmpty()) {
                throw new ConfigurationException("--timeframes", "is required, e.g. --timeframes 1h,4h,1d");
            }
            List<Timeframe> out = new ArrayList<>();
            for (String t : timeframes) {
                out.add(Timeframe.parse(t));
            }
            return out;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }

    static Map<String, Object> summary(ModelMetadata m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("strategy", m.strategy());
        o.put("scope", m.scope().dirName());
        o.put("symbols", m.symbols().stream().map(Symbol::value).toList());
        o.put("timeframes", m.timeframes().stream().map(Timeframe::label).toList());
        o.put("base_timeframe", m.baseTimeframe().label());
        o.put("deployment_mode", m.deployment().mode().name().toLowerCase(java.util.Locale.ROOT));
        o.put("supported_timeframes", m.deployment().supportedTimeframes().stream().map(Timeframe::label).toList());
        o.put("features", m.architecture().inputSize());
        o.put("symbol_encoding", m.architecture().symbolEncoding());
        o.put("format", m.formatId() + " v" + m.formatVersion());
        o.put("library_version", m.libraryVersion());
        o.put("created_at", m.createdAt().toString());
        o.put("strategy_version", m.strategyVersion());
        o.put("total_samples", m.totalSamples());
        o.put("asset_classes", m.assetClasses().stream().map(AssetClass::id).toList());
        m.generalization().ifPresent(g -> {
            Map<String, Object> gd = new LinkedHashMap<>();
            gd.put("accuracy", g.accuracy());
            gd.put("baseline_accuracy", g.baselineAccuracy());
            gd.put("edge", Double.isFinite(g.edge()) ? g.edge() : null);
            Map<String, Object> per = new LinkedHashMap<>();
            g.perSymbolAccuracy().forEach((sym, a) -> per.put(sym.value(),
                    Map.of("accuracy", a, "baseline_accuracy", g.perSymbolBaseline().get(sym))));
            gd.put("per_symbol", per);
            o.put("generalization", gd);
        });
        return o;
    }
}
