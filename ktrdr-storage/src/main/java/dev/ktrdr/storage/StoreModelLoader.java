package dev.ktrdr.storage;

import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link UniversalModelLoader} over a {@link FileModelStore}. For a strategy, a symbol and the
 * timeframes the caller will feed it tries, in order:
 * <ol>
 *   <li>universal models ({@code universal_*}),</li>
 *   <li>models of the symbol itself ({@code {SYMBOL}_*}),</li>
 *   <li>group models: the symbol's configured group ({@link SymbolInfo#group()}) first, then its asset
 *   class ({@code group-forex}, {@code group-crypto}, ...).</li>
 * </ol>
 * Within a rung each timeframe set is one candidate: the version its {@code latest} pointer names (the
 * highest version when the pointer is missing), sets equal to the requested one first. A candidate is
 * refused when its manifest or metadata is damaged, when its deployment refuses the symbol or the
 * timeframes ({@link dev.ktrdr.api.Deployment#refusal}), or when it fails to load (any checksum, the
 * codec); the first candidate that passes serves. A rung without any model is recorded as a refusal of
 * the rung itself. When nothing serves, the {@link ModelException} lists every refusal.
 *
 * <p>Thread-safe (stateless apart from the store).
 */
public final class StoreModelLoader implements UniversalModelLoader {
    private final FileModelStore store;

    /** @param store the store to resolve from */
    public StoreModelLoader(FileModelStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Resolution resolve(String strategy, SymbolInfo symbol, List<Timeframe> timeframes) {
        Objects.requireNonNull(symbol, "symbol");
        List<Timeframe> wanted = List.copyOf(timeframes);
        VersionName.canonical(wanted);
        List<VersionInfo> all = store.versions(strategy);
        List<Refusal> refusals = new ArrayList<>();
        for (Rung rung : Rung.values()) {
            List<ModelScope> scopes = scopes(rung, symbol);
            List<VersionInfo> candidates = candidates(all, scopes, wanted);
            if (candidates.isEmpty()) {
                refusals.add(new Refusal(rungName(rung, scopes), "no " + describe(rung, scopes) + " model in strategy "
                        + strategy));
                continue;
            }
            for (VersionInfo c : candidates) {
                Optional<String> why = refusal(c.directory(), symbol, wanted);
                if (why.isPresent()) {
                    refusals.add(new Refusal(c.name().dirName(), why.get()));
                    continue;
                }
                StoredModel model;
                try {
                    model = store.load(c.directory());
                } catch (KtrdrException e) {
                    refusals.add(new Refusal(c.name().dirName(), "cannot be loaded: " + e.getMessage()));
                    continue;
                }
                boolean unseen = !model.metadata().symbols().contains(symbol.symbol());
                return new Resolution(model, rung, refusals, unseen);
            }
        }
        StringBuilder sb = new StringBuilder("no model of strategy " + strategy + " serves " + symbol.symbol() + " ("
                + symbol.assetClass() + ") on " + wanted + "; tried:");
        for (Refusal r : refusals) {
            sb.append(' ').append(r.candidate()).append(" (").append(r.reason()).append(");");
        }
        sb.setLength(sb.length() - 1);
        throw new NoModelException(sb.toString(), refusals);
    }

    /**
     * Why a version would not serve a symbol on given timeframes, judged from its verified metadata alone.
     *
     * @param versionDirectory a version directory
     * @param symbol the symbol to serve
     * @param timeframes the timeframes the caller will feed
     * @return a one-line reason, or empty when the version may serve
     */
    public Optional<String> refusal(Path versionDirectory, SymbolInfo symbol, List<Timeframe> timeframes) {
        ModelMetadata m;
        try {
            m = store.readMetadata(versionDirectory);
        } catch (KtrdrException e) {
            return Optional.of("unreadable: " + e.getMessage());
        }
        return m.deployment().refusal(symbol, timeframes, Set.copyOf(m.symbols()));
    }

    /**
     * Lists the versions of a strategy whose deployment allows a symbol and timeframes (all versions,
     * not only the latest; metadata verified, model bytes not).
     *
     * @param strategy a strategy name
     * @param symbol the symbol
     * @param timeframes the timeframes the caller will feed
     * @return the compatible versions, in {@link FileModelStore#versions} order
     */
    public List<VersionInfo> compatible(String strategy, SymbolInfo symbol, List<Timeframe> timeframes) {
        List<VersionInfo> out = new ArrayList<>();
        for (VersionInfo v : store.versions(strategy)) {
            if (refusal(v.directory(), symbol, timeframes).isEmpty()) {
                out.add(v);
            }
        }
        return out;
    }

    private static List<ModelScope> scopes(Rung rung, SymbolInfo s) {
        switch (rung) {
            case UNIVERSAL:
                return List.of(ModelScope.UNIVERSAL);
            case SYMBOL:
                return List.of(ModelScope.symbol(s.symbol()));
            default:
                Set<ModelScope> g = new LinkedHashSet<>();
                s.group().ifPresent(name -> g.add(ModelScope.group(name)));
                g.add(ModelScope.group(s.assetClass().id()));
                return List.copyOf(g);
        }
    }

    private static List<VersionInfo> candidates(List<VersionInfo> all, List<ModelScope> scopes, List<Timeframe> wanted) {
        List<Timeframe> key = VersionName.canonical(wanted);
        List<VersionInfo> exact = new ArrayList<>();
        List<VersionInfo> other = new ArrayList<>();
        for (ModelScope scope : scopes) {
            Map<String, VersionInfo> perSeries = new LinkedHashMap<>();
            for (VersionInfo v : all) {
                if (!v.name().scope().equals(scope)) {
                    continue;
                }
                VersionInfo best = perSeries.get(v.name().seriesKey());
                // versions() is sorted oldest first: the pointer wins, else the highest version.
                if (best == null || !best.latest()) {
                    perSeries.put(v.name().seriesKey(), v);
                }
            }
            for (VersionInfo v : perSeries.values()) {
                (v.name().timeframes().equals(key) ? exact : other).add(v);
            }
        }
        exact.addAll(other);
        return exact;
    }

    private static String rungName(Rung rung, List<ModelScope> scopes) {
        List<String> names = new ArrayList<>();
        for (ModelScope s : scopes) {
            names.add(s.dirName() + "_*");
        }
        return rung.name().toLowerCase(java.util.Locale.ROOT) + " rung " + String.join(", ", names);
    }

    private static String describe(Rung rung, List<ModelScope> scopes) {
        switch (rung) {
            case UNIVERSAL: return "universal";
            case SYMBOL: return "symbol-specific " + scopes.get(0).name();
            default:
                List<String> n = new ArrayList<>();
                scopes.forEach(s -> n.add(s.dirName()));
                return "group (" + String.join(", ", n) + ")";
        }
    }

    /** Nothing in the chain serves; {@link #refusals()} lists every candidate and its reason. */
    public static final class NoModelException extends ModelException {
        private static final long serialVersionUID = 1L;
        private final transient List<Refusal> refusals;

        NoModelException(String message, List<Refusal> refusals) {
            super(message);
            this.refusals = List.copyOf(refusals);
        }

        /** @return every candidate tried and why it was refused, in the order tried */
        public List<Refusal> refusals() {
            return refusals;
        }
    }
}
