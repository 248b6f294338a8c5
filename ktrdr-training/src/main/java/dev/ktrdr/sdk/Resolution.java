package dev.ktrdr.sdk;

import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.UniversalModelLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which stored model serves a symbol, and why the candidates before it were refused.
 *
 * @param strategy the strategy name
 * @param symbol the symbol asked for
 * @param rung the loader's rung that served (universal, symbol, group)
 * @param model the loaded model with its metadata
 * @param unseenSymbol true when the symbol was not among the model's training symbols (served through
 *     its unknown-symbol slot, or with no symbol encoding)
 * @param refusals every candidate the loader refused before this one, with its reason
 * @param deployment the deployment record ({@code ktrdr models deploy}) that chose the model, or empty when the
 *     fallback chain did
 */
public record Resolution(String strategy, Symbol symbol, UniversalModelLoader.Rung rung, StoredModel model,
                         boolean unseenSymbol, List<UniversalModelLoader.Refusal> refusals, String deployment) {
    /** Checks presence and copies the list. */
    public Resolution {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(rung, "rung");
        Objects.requireNonNull(model, "model");
        refusals = List.copyOf(refusals);
        Objects.requireNonNull(deployment, "deployment");
    }

    /**
     * A resolution by the fallback chain (no deployment record).
     *
     * @param strategy the strategy name
     * @param symbol the symbol asked for
     * @param rung the rung that served
     * @param model the loaded model
     * @param unseenSymbol true when the symbol was not among the model's training symbols
     * @param refusals every candidate refused before this one
     */
    public Resolution(String strategy, Symbol symbol, UniversalModelLoader.Rung rung, StoredModel model,
                      boolean unseenSymbol, List<UniversalModelLoader.Refusal> refusals) {
        this(strategy, symbol, rung, model, unseenSymbol, refusals, "");
    }

    /** @return the served version's directory */
    public Path directory() {
        return model.directory();
    }

    /** @return a JSON document: strategy, symbol, rung, directory, version, unseen_symbol, deployment, refusals */
    public String toJson() {
        return Json.write(toMap());
    }

    Map<String, Object> toMap() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", strategy);
        d.put("symbol", symbol.value());
        d.put("rung", rung.name().toLowerCase(Locale.ROOT));
        d.put("directory", model.directory().toString());
        d.put("version", model.version());
        d.put("unseen_symbol", unseenSymbol);
        d.put("deployment", deployment.isEmpty() ? null : deployment);
        d.put("refusals", refusals.stream().map(r -> Map.of("candidate", r.candidate(), "reason", r.reason())).toList());
        return d;
    }
}
