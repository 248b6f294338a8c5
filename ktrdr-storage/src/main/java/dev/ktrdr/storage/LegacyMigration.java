package dev.ktrdr.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rewrites directories of the older symbol-specific layout into checksummed versions of the current one.
 *
 * <p>The legacy layout, as this library understands it: {@code {root}/{strategy}/{SYMBOL}_{tf}_v{n}/}
 * without a {@code manifest.json}, holding
 * <ul>
 *   <li>{@code model.bin} (required): the model in a registered codec's format. A PyTorch {@code model.pt}
 *   of the Python original is refused: it is a pickle, which this library never reads; retrain instead.</li>
 *   <li>{@code metadata.json} (required): a flat JSON object with {@code format_id} and
 *   {@code format_version} (required), and optionally {@code symbol}, {@code timeframe} (must agree with the
 *   directory name), {@code feature_names}, {@code created_at}, {@code data_start}, {@code data_end}
 *   (ISO instants), {@code training_samples} (integer), {@code performance} or {@code metrics}
 *   ({@code {name: number}}) and {@code library_version}.</li>
 *   <li>optional {@code strategy.yaml} (or {@code config.yaml}), {@code scaler.json}, {@code metrics.json},
 *   {@code history.csv}: validated (YAML and JSON with limits) and copied; missing ones become empty.</li>
 * </ul>
 * A migrated model becomes a symbol-scope version {@code {SYMBOL}_{tf}_v{m}} (the next free number, so
 * it never collides with the legacy name) with a training-only deployment on its one timeframe; the
 * model is decoded and re-encoded by its codec, and the feature spec comes from the model. The legacy
 * directory is then moved to {@code {strategy}/.legacy/} (hidden from every listing; delete it when
 * satisfied). A dry run reads and checks everything and writes nothing.
 *
 * <p>Thread-safe as far as the store is; run one migration per store at a time.
 */
public final class LegacyMigration {
    /** Where migrated legacy directories are moved, inside the strategy directory. */
    public static final String LEGACY_BACKUP = ".legacy";

    private final FileModelStore store;

    /** @param store the store whose strategies are migrated */
    public LegacyMigration(FileModelStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Outcome of one legacy directory. */
    public enum Status {
        /** Rewritten into a new version (legacy directory moved to {@code .legacy/}). */
        MIGRATED,
        /** Dry run: would be rewritten. */
        WOULD_MIGRATE,
        /** Not migrated; see the reason. */
        REFUSED
    }

    /**
     * @param legacy the legacy directory
     * @param status what happened
     * @param target the new version directory name (for a dry run the number the next save would get now)
     * @param reason why it was refused, or a note
     */
    public record Outcome(Path legacy, Status status, Optional<String> target, String reason) {
        /** Checks presence. */
        public Outcome {
            Objects.requireNonNull(legacy, "legacy");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Migrates every legacy directory of one strategy, or of all strategies.
     *
     * @param strategy a strategy name, or empty for every strategy of the store
     * @param dryRun when true nothing is written
     * @return one outcome per legacy directory found, in name order
     */
    public List<Outcome> migrate(Optional<String> strategy, boolean dryRun) {
        List<String> strategies = strategy.map(List::of).orElseGet(store::strategies);
        List<Outcome> out = new ArrayList<>();
        for (String s : strategies) {
            Path dir = store.strategyDirectory(s);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            Map<String, Integer> nextBySeries = new LinkedHashMap<>();
            for (Path legacy : legacyDirectories(dir)) {
                out.add(migrateOne(s, legacy, dryRun, nextBySeries));
            }
        }
        return out;
    }

    private List<Path> legacyDirectories(Path strategyDir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(strategyDir)) {
            for (Path p : ds) {
                Optional<VersionName> v = VersionName.parse(p.getFileName().toString());
                // A linked directory is never followed (resolve lists it as a refusal).
                if (v.isPresent() && v.get().scope().kind() == ModelScope.Kind.SYMBOL && v.get().timeframes().size() == 1
                        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                        && !Files.exists(p.resolve(FileModelStore.MANIFEST_FILE), LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot list " + strategyDir + ": " + e.getMessage(), e);
        }
        found.sort(null);
        return found;
    }

    private Outcome migrateOne(String strategy, Path legacy, boolean dryRun, Map<String, Integer> nextBySeries) {
        VersionName name = VersionName.parse(legacy.getFileName().toString()).orElseThrow();
        ModelArtifacts artifacts;
        try {
            artifacts = read(strategy, legacy, name);
        } catch (KtrdrException e) {
            return new Outcome(legacy, Status.REFUSED, Optional.empty(), e.getMessage());
        }
        if (dryRun) {
            String series = name.seriesKey();
            int next = nextBySeries.computeIfAbsent(series, k -> highest(legacy.getParent(), k) + 1);
            nextBySeries.put(series, next + 1);
            return new Outcome(legacy, Status.WOULD_MIGRATE, Optional.of(series + "_v" + next),
                    "would be rewritten with checksums; the legacy directory would move to " + LEGACY_BACKUP + "/");
        }
        Path target;
        try {
            target = store.save(artifacts);
        } catch (KtrdrException e) {
            return new Outcome(legacy, Status.REFUSED, Optional.empty(), e.getMessage());
        }
        try {
            Path backup = legacy.getParent().resolve(LEGACY_BACKUP);
            Files.createDirectories(backup);
            Files.move(legacy, backup.resolve(legacy.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return new Outcome(legacy, Status.MIGRATED, Optional.of(target.getFileName().toString()),
                    "migrated, but the legacy directory could not be moved to " + LEGACY_BACKUP + "/: " + e.getMessage());
        }
        return new Outcome(legacy, Status.MIGRATED, Optional.of(target.getFileName().toString()),
                "legacy directory moved to " + LEGACY_BACKUP + "/");
    }

    private static int highest(Path strategyDir, String series) {
        int max = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(strategyDir, series + "_v*")) {
            for (Path p : ds) {
                Optional<VersionName> v = VersionName.parse(p.getFileName().toString());
                // A linked directory is never followed (resolve lists it as a refusal).
                if (v.isPresent() && v.get().seriesKey().equals(series)) {
                    max = Math.max(max, v.get().version());
                }
            }
        } catch (IOException e) {
            throw new ModelException("cannot list " + strategyDir + ": " + e.getMessage(), e);
        }
        return max;
    }

    private static ModelArtifacts read(String strategy, Path dir, VersionName name) {
        if (Files.exists(dir.resolve("model.pt")) && !Files.exists(dir.resolve(FileModelStore.MODEL_FILE))) {
            throw new ModelException(dir + "/model.pt is a PyTorch pickle, which this library never reads; "
                    + "retrain the model with ktrdr-java");
        }
        Symbol symbol = Symbol.of(name.scope().name());
        Timeframe tf = name.timeframes().get(0);
        String where = dir + "/" + MetadataJson.FILE;
        ObjectNode md = LimitedJson.read(DiskIo.readBounded(dir.resolve(MetadataJson.FILE), LimitedJson.MAX_BYTES, where),
                where);
        MetadataJson.Fields f = new MetadataJson.Fields(md, where);
        if (f.has("symbol") && !f.text("symbol").equals(symbol.value())) {
            throw new ModelException(where + ": symbol '" + f.text("symbol") + "' differs from the directory name "
                    + dir.getFileName());
        }
        if (f.has("timeframe") && Timeframe.parse(f.text("timeframe")) != tf) {
            throw new ModelException(where + ": timeframe '" + f.text("timeframe") + "' differs from the directory name "
                    + dir.getFileName());
        }
        String formatId = f.text("format_id");
        int formatVersion = f.integer("format_version");
        String library = f.has("library_version") ? f.text("library_version") : "legacy";
        ModelCodec codec = ModelCodecs.forFormat(formatId, formatVersion, library);
        byte[] bytes = DiskIo.readBounded(dir.resolve(FileModelStore.MODEL_FILE), FileModelStore.MAX_MODEL_BYTES,
                dir + "/" + FileModelStore.MODEL_FILE);
        TradingModel model;
        try {
            model = codec.decode(bytes, formatVersion);
        } catch (RuntimeException e) {
            throw new ModelException(dir + "/" + FileModelStore.MODEL_FILE + ": cannot be decoded: " + e.getMessage(), e);
        }
        FeatureSpec spec = model.featureSpec();
        if (f.has("feature_names")) {
            new FeatureSpec(f.texts("feature_names")).firstDifference(spec).ifPresent(d -> {
                throw new ModelException(where + ": feature_names and model.bin disagree: " + d);
            });
        }
        Map<String, Double> perf = new LinkedHashMap<>();
        for (String key : List.of("performance", "metrics")) {
            if (f.has(key)) {
                for (Map.Entry<String, JsonNode> e : f.object(key).properties()) {
                    if (e.getValue().isNumber()) {
                        perf.put(e.getKey(), e.getValue().doubleValue());
                    }
                }
            }
        }
        long samples = f.has("training_samples") ? f.longValue("training_samples") : 0L;
        Instant created = f.has("created_at") ? f.instant("created_at") : modified(dir);
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("migrated_from", dir.getFileName().toString());
        provenance.put("migrated_at", Instant.now().toString());
        provenance.put("legacy_library_version", library);
        ModelMetadata metadata = ModelMetadata.builder().strategy(strategy).scope(name.scope()).symbols(List.of(symbol))
                .samplesPerSymbol(Map.of(symbol, samples)).timeframes(List.of(tf)).baseTimeframe(tf)
                .dataRange(f.instantOrNull("data_start"), f.instantOrNull("data_end"))
                .deployment(new Deployment(Deployment.Mode.TRAINING_ONLY, Set.of(), Set.of(), List.of(tf)))
                .architecture(new ModelMetadata.FeatureArchitecture(spec.size(), Map.of(tf, spec.size()), "none", 0,
                        spec.names()))
                .performance(perf).format(formatId, formatVersion).libraryVersion(library).createdAt(created)
                .provenance(provenance).build();
        String yaml = optionalText(dir, "strategy.yaml").or(() -> optionalText(dir, "config.yaml")).orElse("");
        if (!yaml.isBlank()) {
            SafeYaml.readMapping(yaml, dir + "/strategy.yaml");
        }
        return new ModelArtifacts(metadata, model, yaml, optionalText(dir, "scaler.json").orElse("{}"),
                optionalText(dir, "metrics.json").orElse("{}"), optionalText(dir, "history.csv").orElse(""));
    }

    private static Optional<String> optionalText(Path dir, String file) {
        Path p = dir.resolve(file);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(new String(DiskIo.readBounded(p, FileModelStore.MAX_TEXT_BYTES, dir + "/" + file),
                StandardCharsets.UTF_8));
    }

    private static Instant modified(Path dir) {
        try {
            return Files.getLastModifiedTime(dir.resolve(FileModelStore.MODEL_FILE)).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }
}
