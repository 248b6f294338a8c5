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
 * timeframes the caller will feed it first tries the version a deployment record names
 * ({@link FileModelStore#deploy}, {@code deployed-{SYMBOL}_{timeframes}}): when that version still allows the
 * symbol and timeframes and loads, it serves and {@link Resolution#deployment()} names the record; otherwise the
 * record is listed as a refusal and the chain decides. The chain tries, in order:
 * <ol>
 *   <li>universal models ({@code universal_*}),</li>
 *   <li>models of the symbol itself ({@code {SYMBOL}_*}),</li>
 *   <li>group models: the symbol's configured group ({@link SymbolInfo#group()}) first, then its asset
 *   class ({@code group-forex}, {@code group-crypto}, ...).</li>
 * </ol>
 * Within a rung each timeframe set is one candidate: the version its {@code latest} pointer names (the
 * highest complete version when the pointer is missing or names no complete version), sets equal to the
 * requested one first. A candidate is refused when its manifest or metadata is damaged, when its
 * deployment refuses the symbol or the timeframes ({@link dev.ktrdr.api.Deployment#refusal}), or when it
 * fails to load (any checksum, the codec); the first candidate that passes serves. A rung without any model
 * is recorded as a refusal of the rung itself. When nothing serves, the {@link ModelException} lists every
 * refusal.
 *
 * <p>Nothing is skipped in silence: an entry of a series with a version name that is not a complete
 * version (no regular {@code manifest.json}, not a directory, a symbolic link, broken or not, which the
 * store never follows) and that is newer than the version served, or that the pointer names, is a refusal
 * with its reason; so is a pointer that is a link, unreadable, or names a version that does not exist.
 * Whenever an older version serves, the refusals say why each newer one did not.
 *
 * <p>Concurrent saves, prunes and deletes are not damage. A version that disappears or is replaced while it
 * is being read (a prune renamed it away) makes the loader look at the store again and start over; and a
 * resolution that refused anything is only returned (or thrown) when a second look at the strategy
 * directory finds it unchanged, so that a pointer read just before it moved, or a listing that raced a
 * rename, never turns into a refusal. After 32 changed looks in a row the last
 * outcome stands, with a removed version listed as such. So a resolve never fails while a complete,
 * serving version exists, however often versions are saved and pruned around it.
 *
 * <p>Thread-safe (stateless apart from the store).
 */
public final class StoreModelLoader implements UniversalModelLoader {
    /** Looks at the store at most this often for one resolve before the outcome stands. */
    static final int MAX_ATTEMPTS = 32;

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
        StoreListing listing = store.listing(strategy);
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt >= MAX_ATTEMPTS;
            Outcome o = attempt(strategy, listing, symbol, wanted, last);
            if (o == null) {
                // A candidate was removed while being read: look again.
                listing = store.listing(strategy);
                continue;
            }
            if (!last && (o.resolution == null || !o.resolution.refusals().isEmpty())) {
                StoreListing again = store.listing(strategy);
                if (!again.equals(listing)) {
                    listing = again;
                    continue;
                }
            }
            if (o.resolution != null) {
                return o.resolution;
            }
            throw o.failure;
        }
    }

    /** A resolution or the failure listing every refusal. */
    private static final class Outcome {
        final Resolution resolution;
        final NoModelException failure;

        Outcome(Resolution resolution, NoModelException failure) {
            this.resolution = resolution;
            this.failure = failure;
        }
    }

    /** @return the outcome on this listing, or null when a candidate vanished while being read (and not last) */
    private Outcome attempt(String strategy, StoreListing listing, SymbolInfo symbol, List<Timeframe> wanted,
                            boolean last) {
        List<Refusal> refusals = new ArrayList<>();
        Resolution recorded = deployed(strategy, symbol, wanted, refusals);
        if (recorded != null) {
            return new Outcome(recorded, null);
        }
        for (Rung rung : Rung.values()) {
            List<ModelScope> scopes = scopes(rung, symbol);
            List<Series> series = series(listing, scopes, wanted);
            if (series.isEmpty()) {
                refusals.add(new Refusal(rungName(rung, scopes), "no " + describe(rung, scopes) + " model in strategy "
                        + strategy));
                continue;
            }
            for (Series sr : series) {
                refusals.addAll(sr.refusals);
                if (sr.candidate == null) {
                    continue;
                }
                Path dir = sr.candidate.directory();
                Object identity = FileModelStore.identity(dir);
                String name = sr.candidate.name().dirName();
                StoredModel model;
                String stage = "unreadable: ";
                try {
                    ModelMetadata m = store.readMetadata(dir);
                    Optional<String> why = m.deployment().refusal(symbol, wanted, Set.copyOf(m.symbols()));
                    if (why.isPresent()) {
                        refusals.add(new Refusal(name, why.get()));
                        continue;
                    }
                    stage = "cannot be loaded: ";
                    model = store.load(dir);
                } catch (KtrdrException e) {
                    boolean removed = e instanceof FileModelStore.VersionRemovedException || identity == null
                            || !identity.equals(FileModelStore.identity(dir));
                    if (removed && !last) {
                        return null;
                    }
                    refusals.add(new Refusal(name, (removed ? "" : stage) + e.getMessage()));
                    continue;
                }
                boolean unseen = !model.metadata().symbols().contains(symbol.symbol());
                return new Outcome(new Resolution(model, rung, refusals, unseen), null);
            }
        }
        StringBuilder sb = new StringBuilder("no model of strategy " + strategy + " serves " + symbol.symbol() + " ("
                + symbol.assetClass() + ") on " + wanted + "; tried:");
        for (Refusal r : refusals) {
            sb.append(' ').append(r.candidate()).append(" (").append(r.reason()).append(");");
        }
        sb.setLength(sb.length() - 1);
        return new Outcome(null, new NoModelException(sb.toString(), refusals));
    }

    /**
     * The model a deployment record ({@link FileModelStore#deploy}) names for the symbol and timeframes, when it
     * still serves; otherwise the record's refusal is added and the chain decides.
     *
     * @return the resolution by the record, or null
     */
    private Resolution deployed(String strategy, SymbolInfo symbol, List<Timeframe> wanted, List<Refusal> refusals) {
        String record = FileModelStore.deploymentFile(symbol.symbol(), wanted);
        try {
            Optional<Path> dir = store.deployed(strategy, symbol.symbol(), wanted);
            if (dir.isEmpty()) {
                return null;
            }
            String name = dir.get().getFileName().toString();
            ModelMetadata m = store.readMetadata(dir.get());
            Optional<String> why = m.deployment().refusal(symbol, wanted, Set.copyOf(m.symbols()));
            if (why.isPresent()) {
                refusals.add(new Refusal(record, "names " + name + ", which no longer serves: " + why.get()));
                return null;
            }
            StoredModel model = store.load(dir.get());
            boolean unseen = !model.metadata().symbols().contains(symbol.symbol());
            return new Resolution(model, rungOf(model.metadata().scope()), refusals, unseen, record);
        } catch (KtrdrException e) {
            refusals.add(new Refusal(record, e.getMessage()));
            return null;
        }
    }

    private static Rung rungOf(ModelScope scope) {
        switch (scope.kind()) {
            case UNIVERSAL: return Rung.UNIVERSAL;
            case SYMBOL: return Rung.SYMBOL;
            default: return Rung.GROUP;
        }
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

    /**
     * Lists the versions of a strategy that can serve a symbol on a base timeframe: the model's base timeframe is
     * the one asked, and its deployment allows the symbol on the timeframes it supports (which the host then
     * feeds). All versions, not only the latest; metadata verified, model bytes not.
     *
     * @param strategy a strategy name
     * @param symbol the symbol
     * @param base the base timeframe the host trades on
     * @return the matching versions, in {@link FileModelStore#versions} order
     */
    public List<VersionInfo> compatibleOnBase(String strategy, SymbolInfo symbol, Timeframe base) {
        Objects.requireNonNull(base, "base");
        List<VersionInfo> out = new ArrayList<>();
        for (VersionInfo v : store.versions(strategy)) {
            ModelMetadata m;
            try {
                m = store.readMetadata(v.directory());
            } catch (KtrdrException e) {
                continue; // a damaged version serves nothing; verify and resolve name it
            }
            if (m.baseTimeframe() == base && m.deployment().refusal(symbol, m.deployment().supportedTimeframes(),
                    Set.copyOf(m.symbols())).isEmpty()) {
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

    /**
     * One scope and timeframe set: the version that would serve (null when none is complete), and the
     * refusals to list before trying it: a pointer that names nothing usable, and every entry with a
     * version name that is not a complete version and is newer than the candidate or named by the pointer.
     */
    private static final class Series {
        final VersionInfo candidate;
        final List<Refusal> refusals;

        Series(VersionInfo candidate, List<Refusal> refusals) {
            this.candidate = candidate;
            this.refusals = refusals;
        }
    }

    private static List<Series> series(StoreListing listing, List<ModelScope> scopes, List<Timeframe> wanted) {
        List<Timeframe> key = VersionName.canonical(wanted);
        List<Series> exact = new ArrayList<>();
        List<Series> other = new ArrayList<>();
        for (ModelScope scope : scopes) {
            Map<String, VersionInfo> best = new LinkedHashMap<>();
            Map<String, List<Timeframe>> sets = new LinkedHashMap<>();
            for (VersionInfo v : listing.versions()) {
                if (v.name().scope().equals(scope)) {
                    String k = v.name().seriesKey();
                    sets.putIfAbsent(k, v.name().timeframes());
                    VersionInfo b = best.get(k);
                    // versions() is sorted oldest first: the pointer wins, else the highest version.
                    if (b == null || !b.latest()) {
                        best.put(k, v);
                    }
                }
            }
            for (StoreListing.Rejected r : listing.rejected()) {
                if (r.name().scope().equals(scope)) {
                    sets.putIfAbsent(r.name().seriesKey(), r.name().timeframes());
                }
            }
            for (Map.Entry<String, List<Timeframe>> e : sets.entrySet()) {
                String k = e.getKey();
                VersionInfo candidate = best.get(k);
                StoreListing.Pointer ptr = listing.pointers().get(k);
                VersionName target = ptr == null ? null : ptr.target();
                List<Refusal> refusals = new ArrayList<>();
                if (ptr != null && ptr.problem() != null) {
                    refusals.add(new Refusal(FileModelStore.LATEST_PREFIX + k, ptr.problem()));
                }
                List<StoreListing.Rejected> rejected = new ArrayList<>();
                boolean targetSeen = target == null || candidate != null && candidate.name().equals(target);
                for (StoreListing.Rejected r : listing.rejected()) {
                    if (r.name().seriesKey().equals(k)) {
                        boolean named = r.name().equals(target);
                        targetSeen |= named;
                        if (named || candidate == null || r.name().version() > candidate.name().version()) {
                            rejected.add(r);
                        }
                    }
                }
                if (!targetSeen) {
                    refusals.add(new Refusal(target.dirName(), "the pointer " + FileModelStore.LATEST_PREFIX + k
                            + " names it but it does not exist"));
                }
                // Newest first: the order in which they would have served.
                for (int i = rejected.size() - 1; i >= 0; i--) {
                    refusals.add(new Refusal(rejected.get(i).name().dirName(), rejected.get(i).reason()));
                }
                (e.getValue().equals(key) ? exact : other).add(new Series(candidate, refusals));
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
