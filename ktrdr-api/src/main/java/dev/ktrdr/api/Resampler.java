package dev.ktrdr.api;

/**
 * Aggregates a series into a larger timeframe: first open, max high, min low, last close, summed
 * volume. Calendar-aware: a US-equity day is one session, a forex day rolls at 17:00 New York.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Resampler {

    /**
     * @param source the finer series
     * @param target the coarser timeframe, a multiple of the source's
     * @param keepIncompleteLast whether a last bucket that is not yet complete is kept (it is flagged either way)
     * @return the coarser series and whether its last bucket was incomplete
     * @throws ConfigurationException when target is not coarser than the source
     */
    Resampled resample(BarSeries source, Timeframe target, boolean keepIncompleteLast);

    /**
     * Resamples and leaves out an incomplete last bar.
     *
     * @param source the finer series
     * @param target the coarser timeframe
     * @return the coarser series
     */
    default BarSeries resample(BarSeries source, Timeframe target) {
        return resample(source, target, false).series();
    }

    /**
     * @param series the resampled series
     * @param lastIncomplete true when the source ended inside the last bucket (kept only on request)
     */
    record Resampled(BarSeries series, boolean lastIncomplete) {
    }
}
