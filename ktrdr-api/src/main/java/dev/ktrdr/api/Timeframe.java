package dev.ktrdr.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Bar sizes, ordered from the finest to the coarsest. A bar of timeframe {@code tf} stamped with open
 * time {@code t} covers {@code [t, t + tf.millis())}; for session markets the calendar may close a
 * daily bar earlier (see {@link TradingCalendar}).
 *
 * <p>Immutable and thread-safe.
 */
public enum Timeframe {
    /** One minute. */
    M1("1m", 60_000L),
    /** Five minutes. */
    M5("5m", 5 * 60_000L),
    /** Fifteen minutes. */
    M15("15m", 15 * 60_000L),
    /** Thirty minutes. */
    M30("30m", 30 * 60_000L),
    /** One hour. */
    H1("1h", 3_600_000L),
    /** Two hours. */
    H2("2h", 2 * 3_600_000L),
    /** Four hours. */
    H4("4h", 4 * 3_600_000L),
    /** One day (a trading day or session for session markets). */
    D1("1d", 86_400_000L),
    /** One week. */
    W1("1w", 7 * 86_400_000L);

    private final String label;
    private final long millis;

    Timeframe(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    /** @return the canonical label, e.g. {@code "15m"}, {@code "1h"}, {@code "1d"} */
    public String label() {
        return label;
    }

    /** @return the nominal length of one bar in milliseconds */
    public long millis() {
        return millis;
    }

    /** @return the nominal length of one bar */
    public Duration duration() {
        return Duration.ofMillis(millis);
    }

    /**
     * @param other another timeframe
     * @return true if this timeframe is at least as coarse as {@code other} and a whole multiple of it
     */
    public boolean isMultipleOf(Timeframe other) {
        return millis >= other.millis && millis % other.millis == 0;
    }

    /** @return true if this timeframe is intraday (shorter than one day) */
    public boolean isIntraday() {
        return millis < D1.millis;
    }

    /**
     * Parses a label such as {@code "15m"}, {@code "1h"}, {@code "4H"}, {@code "1d"} or {@code "1w"}
     * (case-insensitive; {@code "60m"} and {@code "24h"} are accepted as aliases).
     *
     * @param text the label
     * @return the timeframe
     * @throws ConfigurationException naming the value and the valid labels when it is not one of them
     */
    public static Timeframe parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            for (Timeframe tf : values()) {
                if (tf.label.equals(t)) {
                    return tf;
                }
            }
            switch (t) {
                case "60m": return H1;
                case "120m": return H2;
                case "240m": return H4;
                case "24h": return D1;
                case "7d": return W1;
                default: break;
            }
        }
        throw new ConfigurationException("timeframe", "'" + text + "' is not a timeframe; valid: "
                + Arrays.stream(values()).map(Timeframe::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
