package dev.ktrdr.training.shard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.strategy.Strategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A folder of feature shards, one file per symbol and feature settings:
 * {@code {dir}/{SYMBOL}-{first 16 hex digits of the settings hash}.kshard}. {@link #find} maps a shard
 * when its key (settings text and bars hash, compared in full) and checksum match, and otherwise returns
 * empty with the reason, so the caller rebuilds it and {@link #put}s the new one in its place.
 *
 * <p>Where the folder is: the command line uses {@code --cache-dir}, default {@code {models dir}/.feature-cache};
 * a strategy can name one with {@code training.feature_cache} (see the README's Scale section).
 *
 * <p>Thread-safe: distinct symbols use distinct files, and every write is atomic.
 */
public final class FeatureStore {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String LIBRARY_VERSION = Optional.ofNullable(FeatureStore.class.getPackage()
            .getImplementationVersion()).orElse("dev");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    /** Transposition and write buffers reused between writes: up to 4 of each, so a store keeps at most 144 MB. */
    private final ScratchPool scratch = new ScratchPool(Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** @param dir the cache folder (created on the first write) */
    public FeatureStore(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /** @return the cache folder */
    public Path dir() {
        return dir;
    }

    /**
     * @param key a shard key
     * @return the shard file for it
     * @throws DataException when the symbol is not a safe file name part
     */
    public Path fileFor(ShardKey key) {
        return fileFor(key.symbol(), settingsHash(key.settings()));
    }

    private Path fileFor(dev.ktrdr.api.Symbol symbol, String settingsHash) {
        String sym = symbol.value();
        if (!SAFE.matcher(sym).matches() || sym.contains("..")) {
            throw new DataException("symbol '" + sym + "' cannot name a shard file: use letters, digits, '.', '_' "
                    + "or '-', at most 64");
        }
        return dir.resolve(sym + "-" + settingsHash.substring(0, 16) + FeatureShard.EXTENSION);
    }

    /** A lookup: the shard when it could be reused, else why not. */
    public record Lookup(Optional<FeatureShard> shard, String reason) {
        /** Checks presence. */
        public Lookup {
            Objects.requireNonNull(shard, "shard");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param key the expected key
     * @return the verified shard, or empty with the reason (missing, truncated, corrupt, other key)
     */
    public Lookup find(ShardKey key) {
        Path f = fileFor(key);
        if (!Files.isRegularFile(f)) {
            return new Lookup(Optional.empty(), "no shard yet");
        }
        try {
            return new Lookup(Optional.of(FeatureShard.open(f, key)), "reused");
        } catch (ShardRefusedException e) {
            return new Lookup(Optional.empty(), e.getMessage());
        }
    }

    /**
     * The shard of a symbol and settings when it was built from input with this source fingerprint: found
     * without the bars (so without loading them). A fingerprint of "" never matches.
     *
     * @param symbol the symbol
     * @param settings the feature settings text ({@link #settingsOf})
     * @param source the source fingerprint, see {@link FeatureShard.Extras#source()}
     * @return the verified shard (checksum, symbol, settings and source all equal), else empty with the reason
     */
    public Lookup findBySource(dev.ktrdr.api.Symbol symbol, String settings, String source) {
        Path f = fileFor(symbol, settingsHash(settings));
        if (source.isEmpty()) {
            return new Lookup(Optional.empty(), "the source has no fingerprint");
        }
        if (!Files.isRegularFile(f)) {
            return new Lookup(Optional.empty(), "no shard yet");
        }
        try {
            FeatureShard s = FeatureShard.open(f);
            if (!s.symbol().equals(symbol) || !s.key().settings().equals(settings)) {
                return new Lookup(Optional.empty(), "was built for other settings");
            }
            if (!s.source().equals(source)) {
                return new Lookup(Optional.empty(), "was built from other input files");
            }
            return new Lookup(Optional.of(s), "reused");
        } catch (ShardRefusedException e) {
            return new Lookup(Optional.empty(), e.getMessage());
        }
    }

    /** The last settings text hashed and its hash: the symbols of one run share one settings text. */
    private record HashedSettings(String settings, String hash) {
    }

    private volatile HashedSettings lastSettings = new HashedSettings("", ShardKey.sha256(new byte[0]));

    private String settingsHash(String settings) {
        HashedSettings last = lastSettings;
        if (!last.settings().equals(settings)) {
            last = new HashedSettings(settings, ShardKey.sha256(settings.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            lastSettings = last;
        }
        return last.hash();
    }

    /**
     * {@link #put(ShardKey, FeatureMatrix, Labels, int, List)} with a source fingerprint and a momentum column.
     *
     * @return the new shard, mapped (its checksum was computed as it was written, so it is not re-read)
     * @throws DataException when it cannot be written
     */
    public FeatureShard put(ShardKey key, FeatureMatrix features, Labels labels, int warmupDropped,
                            List<String> overrides, FeatureShard.Extras extras) {
        return put(key, ShardFeatures.of(features), labels, warmupDropped, overrides, extras);
    }

    /**
     * {@link #put(ShardKey, FeatureMatrix, Labels, int, List, FeatureShard.Extras)} from features in any form,
     * e.g. built column by column for the shard ({@code FeatureColumns}).
     *
     * @return the new shard, mapped (its checksum was computed as it was written, so it is not re-read)
     * @throws DataException when it cannot be written
     */
    public FeatureShard put(ShardKey key, ShardFeatures features, Labels labels, int warmupDropped,
                            List<String> overrides, FeatureShard.Extras extras) {
        Path f = fileFor(key);
        try {
            FeatureShard.write(f, key, features, labels, warmupDropped, overrides, extras, scratch);
        } catch (IOException e) {
            throw new DataException("cannot write shard " + f + ": " + e.getMessage(), e);
        }
        return FeatureShard.openWritten(f, key);
    }

    /**
     * Writes (atomically replacing any old one) and maps the shard of a key.
     *
     * @return the new shard, mapped (its checksum was computed as it was written, so it is not re-read)
     * @throws DataException when it cannot be written
     */
    public FeatureShard put(ShardKey key, FeatureMatrix features, Labels labels, int warmupDropped,
                            List<String> overrides) {
        return put(key, features, labels, warmupDropped, overrides, FeatureShard.Extras.NONE);
    }

    /**
     * The canonical text of everything a symbol's features and labels depend on: the (override-resolved)
     * strategy tree without the sections that do not reach them ({@code name}, {@code description},
     * {@code deployment}, {@code decisions}, {@code overrides}, the symbol list, and every {@code training}
     * key but {@code labels}, every {@code model} key but {@code features}), the timeframes and base
     * timeframe, the engines' classes, the library version and the shard format version. Over-inclusion only
     * costs a rebuild; anything left out could reuse stale features, so when in doubt a key is kept.
     *
     * @param resolved the strategy with the symbol's overrides applied
     * @param timeframes the timeframes, in order
     * @param base the base timeframe
     * @param engines the engines' identities (e.g. class names), in a fixed order
     * @return the settings text
     */
    public static String settingsOf(Strategy resolved, List<Timeframe> timeframes, Timeframe base, List<String> engines) {
        Map<String, Object> tree = new LinkedHashMap<>(resolved.raw());
        for (String k : List.of("name", "description", "deployment", "decisions", "overrides")) {
            tree.remove(k);
        }
        if (tree.get("training_data") instanceof Map<?, ?> td) {
            Map<Object, Object> copy = new LinkedHashMap<>(td);
            copy.remove("symbols");
            tree.put("training_data", copy);
        }
        if (tree.get("training") instanceof Map<?, ?> t) {
            Map<Object, Object> keep = new LinkedHashMap<>();
            keep.put("labels", t.get("labels"));
            tree.put("training", keep);
        }
        if (tree.get("model") instanceof Map<?, ?> m) {
            Map<Object, Object> keep = new LinkedHashMap<>();
            keep.put("features", m.get("features"));
            tree.put("model", keep);
        }
        List<String> tfs = new ArrayList<>();
        for (Timeframe tf : timeframes) {
            tfs.add(tf.label());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("shard_format", FeatureShard.FORMAT_VERSION);
        out.put("library", LIBRARY_VERSION);
        out.put("engines", engines);
        out.put("timeframes", tfs);
        out.put("base", base.label());
        out.put("strategy", tree);
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new DataException("cannot write the feature settings: " + e.getOriginalMessage(), e);
        }
    }
}
