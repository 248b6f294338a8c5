package dev.ktrdr.data;

import java.time.Instant;

/**
 * The plausibility rules applied to bars after the row rules: values a file can hold as numbers but
 * that no market produced. Under STRICT the first row that breaks one fails the read with a message
 * naming file and line; under REPAIR the row is dropped and reported.
 *
 * <ul>
 *   <li>{@code timestamp-range}: open times from {@code minTime} (inclusive) to {@code maxTime}
 *       (exclusive); default 1900-01-01 to 2100-01-01 UTC.
 *   <li>{@code price-range}: open, high, low and close from {@code minPrice} to {@code maxPrice};
 *       default 1e-9 to 1e12 (refuses subnormal floats, 1e300 and {@code Double.MAX_VALUE}); volume at
 *       most {@code maxVolume} (default 1e15) and not subnormal.
 *   <li>{@code spike}: a bar one of whose prices is more than {@code spikeFactor} times both
 *       neighbours' closes, or less than both divided by it (default 100; the worst real bar in the
 *       reference data is 17.4 times its neighbours, a split-adjustment error in AAPL). The first and
 *       last bar are compared with their two nearest bars. Needs at least 3 bars.
 *   <li>{@code gap}: consecutive bars more than {@code maxGapMillis} apart (default 366 days; the
 *       reference data's longest gap is 7 days). REPAIR keeps the longest stretch without such a gap
 *       and drops the rest.
 * </ul>
 *
 * @param minTime the earliest open time accepted (epoch ms)
 * @param maxTime the first open time refused (epoch ms)
 * @param minPrice the smallest price accepted
 * @param maxPrice the largest price accepted
 * @param maxVolume the largest volume accepted
 * @param spikeFactor the spike threshold, &gt; 1
 * @param maxGapMillis the longest accepted distance between consecutive open times
 */
public record Plausibility(long minTime, long maxTime, double minPrice, double maxPrice, double maxVolume, double spikeFactor,
                           long maxGapMillis) {
    /** The defaults listed in the class comment. */
    public static final Plausibility DEFAULTS = new Plausibility(Instant.parse("1900-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), 1e-9, 1e12, 1e15, 100, 366L * 86_400_000L);

    /** Checks the parameters. */
    public Plausibility {
        if (minTime >= maxTime) {
            throw new IllegalArgumentException("plausibility: minTime " + minTime + " must be < maxTime " + maxTime);
        }
        if (!(minPrice >= Double.MIN_NORMAL) || !(maxPrice > minPrice) || !Double.isFinite(maxPrice)) {
            throw new IllegalArgumentException("plausibility: need MIN_NORMAL <= minPrice < maxPrice < infinity, got "
                    + minPrice + ", " + maxPrice);
        }
        if (!(maxVolume > 0) || !Double.isFinite(maxVolume)) {
            throw new IllegalArgumentException("plausibility: maxVolume " + maxVolume + " must be finite and > 0");
        }
        if (!(spikeFactor > 1)) {
            throw new IllegalArgumentException("plausibility: spikeFactor " + spikeFactor + " must be > 1 (use infinity to disable)");
        }
        if (maxGapMillis < 1) {
            throw new IllegalArgumentException("plausibility: maxGapMillis " + maxGapMillis + " must be >= 1");
        }
    }
}
