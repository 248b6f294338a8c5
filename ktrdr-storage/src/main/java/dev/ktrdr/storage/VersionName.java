package dev.ktrdr.storage;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Timeframe;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The name of a version directory, {@code {scope}_{timeframes}_v{n}}, e.g. {@code universal_1h-4h-1d_v3},
 * {@code group-forex_1h_v1} or {@code EURUSD_1h-4h_v12}.
 *
 * <p>The timeframe part is the model's timeframe <em>set</em> in canonical order, finest first, joined
 * with {@code -} ({@link #timeframeKey(List)}): the set {1d, 1h, 4h} is always {@code 1h-4h-1d}, so one
 * timeframe set has exactly one {@code latest-{scope}_{timeframes}} pointer whatever order a strategy
 * listed it in. The configured order lives in metadata.json. Symbols may contain {@code _} (scope is
 * everything before the last two {@code _}-separated parts) but never {@code -} at the start, so
 * {@code group-} prefixes and version names cannot be confused.
 *
 * @param scope whom the version serves
 * @param timeframes the timeframe set, canonical order (finest first), no duplicates, not empty
 * @param version the version number, at least 1
 */
public record VersionName(ModelScope scope, List<Timeframe> timeframes, int version) {

    /** Canonicalises the timeframes and checks the version. */
    public VersionName {
        Objects.requireNonNull(scope, "scope");
        timeframes = canonical(timeframes);
        if (version < 1) {
            throw new IllegalArgumentException("version " + version + " is not in [1, " + Integer.MAX_VALUE + "]");
        }
    }

    /**
     * @param n a version number, at least 1
     * @return the same scope and timeframes with version n
     */
    public VersionName withVersion(int n) {
        return new VersionName(scope, timeframes, n);
    }

    /** @return the directory name, e.g. {@code universal_1h-4h-1d_v3} */
    public String dirName() {
        return seriesKey(scope, timeframes) + "_v" + version;
    }

    /** @return the series key {@code {scope}_{timeframes}} shared by all versions of this scope and set */
    public String seriesKey() {
        return seriesKey(scope, timeframes);
    }

    /**
     * @param scope a scope
     * @param timeframes a timeframe set in any order
     * @return {@code {scope}_{timeframes}}, the part of a version name before {@code _v{n}}
     */
    public static String seriesKey(ModelScope scope, List<Timeframe> timeframes) {
        return scope.dirName() + "_" + timeframeKey(timeframes);
    }

    /**
     * @param timeframes a timeframe set in any order, not empty, no duplicates
     * @return the labels finest first joined with {@code -}, e.g. {@code 1h-4h-1d}
     * @throws ConfigurationException when the list is empty or has a duplicate
     */
    public static String timeframeKey(List<Timeframe> timeframes) {
        StringBuilder sb = new StringBuilder();
        for (Timeframe tf : canonical(timeframes)) {
            if (sb.length() > 0) {
                sb.append('-');
            }
            sb.append(tf.label());
        }
        return sb.toString();
    }

    /**
     * @param timeframes timeframes in any order
     * @return the same set, finest first
     * @throws ConfigurationException when empty or when a timeframe is listed twice
     */
    public static List<Timeframe> canonical(List<Timeframe> timeframes) {
        if (timeframes == null || timeframes.isEmpty()) {
            throw new ConfigurationException("timeframes", "no timeframe given");
        }
        Set<Timeframe> set = EnumSet.noneOf(Timeframe.class);
        for (Timeframe tf : timeframes) {
            if (!set.add(Objects.requireNonNull(tf, "timeframe"))) {
                throw new ConfigurationException("timeframes", "timeframe " + tf + " is listed twice in " + timeframes);
            }
        }
        return List.copyOf(set);
    }

    /**
     * Parses a directory name; anything that is not exactly a version name (staging and hidden
     * directories, pointers, stray files, unsafe names) gives empty.
     *
     * @param dirName a directory name
     * @return the parsed name, or empty when it is not a version directory name
     */
    public static Optional<VersionName> parse(String dirName) {
        return parse(dirName, null);
    }

    /**
     * Like {@link #parse(String)}, remembering parsed series keys in {@code seriesCache} (listing many
     * versions of few series parses each series once).
     */
    static Optional<VersionName> parse(String dirName, java.util.Map<String, Optional<VersionName>> seriesCache) {
        if (!SafeNames.isSafe(dirName, 160)) {
            return Optional.empty();
        }
        int v = dirName.lastIndexOf("_v");
        if (v <= 0) {
            return Optional.empty();
        }
        int version = parseVersion(dirName, v + 2);
        if (version < 1) {
            return Optional.empty();
        }
        String series = dirName.substring(0, v);
        Optional<VersionName> parsed = seriesCache == null ? parseSeries(series)
                : seriesCache.computeIfAbsent(series, VersionName::parseSeries);
        return parsed.map(s -> s.withVersion(version));
    }

    /**
     * Parses a series key {@code {scope}_{timeframes}}.
     *
     * @param series the key
     * @return scope and timeframes (version 1 as a placeholder), or empty when malformed
     */
    static Optional<VersionName> parseSeries(String series) {
        int u = series.lastIndexOf('_');
        if (u <= 0 || u == series.length() - 1) {
            return Optional.empty();
        }
        String scopePart = series.substring(0, u);
        String tfPart = series.substring(u + 1);
        List<Timeframe> tfs = new ArrayList<>();
        for (String label : tfPart.split("-", -1)) {
            Optional<Timeframe> tf = timeframeOf(label);
            if (tf.isEmpty()) {
                return Optional.empty();
            }
            tfs.add(tf.get());
        }
        if (!SafeNames.isSafe(scopePart, 70) || "group-".equals(scopePart)) {
            return Optional.empty();
        }
        try {
            VersionName parsed = new VersionName(ModelScope.parse(scopePart), tfs, 1);
            // Only the canonical spelling is a version name; "4h-1h" would alias "1h-4h".
            if (!parsed.seriesKey().equals(series)) {
                return Optional.empty();
            }
            return Optional.of(parsed);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Timeframe> timeframeOf(String label) {
        for (Timeframe tf : Timeframe.values()) {
            if (tf.label().equals(label)) {
                return Optional.of(tf);
            }
        }
        return Optional.empty();
    }

    private static int parseVersion(String s, int from) {
        int n = s.length() - from;
        if (n < 1 || n > 9 || s.charAt(from) == '0') {
            return -1;
        }
        int value = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
