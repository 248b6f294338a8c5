package dev.ktrdr.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * One timeframe's input to the {@link TimeframeAligner}: the open and close (known-at) times of its own
 * series, the first index whose values are valid (after indicator warm-up), and how stale a value may
 * become before the row is a gap.
 *
 * @param timeframe the timeframe
 * @param openTimes bar open times, strictly increasing
 * @param closeTimes bar close times (when each bar became known), non-decreasing
 * @param firstValid index of the first bar whose features are valid (0 when none are warming up)
 * @param maxStaleness the largest allowed age, measured from the source bar's close to the base bar's
 *     close and not counting calendar closures; null means the default, 2 × the timeframe's duration
 */
public record TimeframeTrack(Timeframe timeframe, long[] openTimes, long[] closeTimes, int firstValid, Duration maxStaleness) {
    /**
     * Checks lengths and the warm-up index; copies the arrays.
     *
     * @param timeframe the timeframe
     * @param openTimes bar open times, strictly increasing
     * @param closeTimes bar close times (when each bar became known), non-decreasing
     * @param firstValid index of the first bar whose features are valid (0 when none are warming up)
     * @param maxStaleness the largest allowed age, measured from the source bar's close to the base bar's
     *     close and not counting calendar closures; null means the default, 2 × the timeframe's duration
     */
    public TimeframeTrack {
        Objects.requireNonNull(timeframe, "timeframe");
        openTimes = openTimes.clone();
        closeTimes = closeTimes.clone();
        if (openTimes.length != closeTimes.length) {
            throw new IllegalArgumentException(timeframe + ": open and close times differ in length");
        }
        if (firstValid < 0) {
            throw new IllegalArgumentException(timeframe + ": firstValid " + firstValid + " is negative");
        }
        if (maxStaleness == null) {
            maxStaleness = timeframe.duration().multipliedBy(2);
        }
    }

    /**
     * @param series a series
     * @param firstValid index of the first valid bar
     * @return a track over the series' times with the default staleness bound
     */
    public static TimeframeTrack of(BarSeries series, int firstValid) {
        return new TimeframeTrack(series.timeframe(), series.openTimes(), series.closeTimes(), firstValid, null);
    }

    /** @return the number of bars */
    public int size() {
        return openTimes.length;
    }

    /**
     * @param i a bar index
     * @return its open time, without copying the array
     */
    public long openTime(int i) {
        return openTimes[i];
    }

    /** @return a copy of the open times */
    @Override
    public long[] openTimes() {
        return openTimes.clone();
    }

    /** @return a copy of the close times */
    @Override
    public long[] closeTimes() {
        return closeTimes.clone();
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TimeframeTrack other && Objects.equals(timeframe, other.timeframe)
                && Arrays.equals(openTimes, other.openTimes) && Arrays.equals(closeTimes, other.closeTimes)
                && firstValid == other.firstValid && Objects.equals(maxStaleness, other.maxStaleness);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeframe, Arrays.hashCode(openTimes), Arrays.hashCode(closeTimes), firstValid,
                maxStaleness);
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "TimeframeTrack[timeframe=" + timeframe
                + ", openTimes=long[" + openTimes.length + "]"
                + ", closeTimes=long[" + closeTimes.length + "]"
                + ", firstValid=" + firstValid
                + ", maxStaleness=" + maxStaleness + "]";
    }
}
