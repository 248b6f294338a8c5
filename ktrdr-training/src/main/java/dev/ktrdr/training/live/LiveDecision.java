package dev.ktrdr.training.live;

import dev.ktrdr.api.Label;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link LivePipeline} produced at one base bar's close.
 *
 * @param barIndex index of the base bar since the first bar fed (the backtest's bar index over the same bars)
 * @param openTime the base bar's open time, UTC epoch ms (the feature row's time)
 * @param closeTime the base bar's close time, UTC epoch ms (the decision instant)
 * @param features the model's input row, or null when the bar has no features (warm-up or a stale timeframe)
 * @param probabilities BUY, HOLD, SELL probabilities, or null when the bar has no features
 * @param label the decision, or null when no decision was taken (no features)
 * @param position the position the decision was taken in: 1 long, 0 flat, −1 short (as the backtest
 *     holds it at that close when every order fills)
 */
public record LiveDecision(int barIndex, long openTime, long closeTime, double[] features, double[] probabilities,
                           Label label, int position) {
    /** Copies the arrays. */
    public LiveDecision {
        features = features == null ? null : features.clone();
        probabilities = probabilities == null ? null : probabilities.clone();
    }

    /** @return a copy of the feature row, or null */
    @Override
    public double[] features() {
        return features == null ? null : features.clone();
    }

    /** @return a copy of the probabilities, or null */
    @Override
    public double[] probabilities() {
        return probabilities == null ? null : probabilities.clone();
    }

    /** @return the decision as {@link Label#index()}, or {@link Label#NONE} when none was taken */
    public byte decisionIndex() {
        return label == null ? Label.NONE : (byte) label.index();
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof LiveDecision other && barIndex == other.barIndex && openTime == other.openTime
                && closeTime == other.closeTime && Arrays.equals(features, other.features)
                && Arrays.equals(probabilities, other.probabilities) && Objects.equals(label, other.label)
                && position == other.position;
    }

    @Override
    public int hashCode() {
        return Objects.hash(barIndex, openTime, closeTime, Arrays.hashCode(features), Arrays.hashCode(probabilities),
                label, position);
    }

    /** Arrays are shown by type and length (probabilities by value). */
    @Override
    public String toString() {
        return "LiveDecision[barIndex=" + barIndex
                + ", openTime=" + openTime
                + ", closeTime=" + closeTime
                + ", features=" + (features == null ? "null" : "double[" + features.length + "]")
                + ", probabilities=" + Arrays.toString(probabilities)
                + ", label=" + label
                + ", position=" + position + "]";
    }
}
