package dev.ktrdr.examples.cli.models;

import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader.Refusal;
import dev.ktrdr.api.UniversalModelLoader.Resolution;
import dev.ktrdr.storage.StoreModelLoader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models resolve STRATEGY --symbol S --timeframes 1h,4h,1d --models-dir M}. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
        description = "Find the model that serves a symbol: universal, then symbol-specific, then group; print the rung and every refusal.")
final class ModelsResolve implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "Strategy name (the folder under the model store root).")
    String strategy;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Mixin
    ModelsCommand.SymbolOptions symbolOptions = new ModelsCommand.SymbolOptions();

    @Override
    public Integer call() {
        SymbolInfo info = symbolOptions.info();
        List<Timeframe> tfs = symbolOptions.timeframes();
        PrintWriter out = spec.commandLine().getOut();
        StoreModelLoader loader = new StoreModelLoader(common.store());
        Resolution r;
        try {
            r = loader.resolve(strategy, info, tfs);
        } catch (StoreModelLoader.NoModelException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("no model serves " + info.symbol() + " (" + info.assetClass() + ") on " + tfs + ":");
            for (Refusal ref : e.refusals()) {
                err.println("  refused " + ref.candidate() + ": " + ref.reason());
            }
            err.flush();
            throw e;
        }
        if (common.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("symbol", info.symbol().value());
            o.put("asset_class", info.assetClass().id());
            o.put("rung", r.rung().name().toLowerCase(Locale.ROOT));
            o.put("version_dir", r.model().directory().toString());
            o.put("unseen_symbol", r.unseenSymbol());
            o.put("deployment", r.deployed() ? r.deployment() : null);
            List<Map<String, String>> refs = new ArrayList<>();
            for (Refusal ref : r.refusals()) {
                refs.add(Map.of("candidate", ref.candidate(), "reason", ref.reason()));
            }
            o.put("refusals", refs);
            ModelsCommand.printJson(out, o);
            return 0;
        }
        out.println("served by  " + r.model().directory().getFileName() + "  (rung: " + r.rung().name().toLowerCase(Locale.ROOT)
                + ")");
        out.println("path       " + r.model().directory());
        if (r.deployed()) {
            out.println("deployed   by the record " + r.deployment() + " (tried before the fallback chain)");
        }
        out.println("symbol     " + info.symbol() + " (" + info.assetClass() + ")"
                + (r.unseenSymbol() ? ", unseen in training: served through the unknown-symbol slot" : ", seen in training"));
        if (r.refusals().isEmpty()) {
            out.println("refusals   none");
        }
        for (Refusal ref : r.refusals()) {
            out.println("refused    " + ref.candidate() + ": " + ref.reason());
        }
        out.flush();
        return 0;
    }
}
