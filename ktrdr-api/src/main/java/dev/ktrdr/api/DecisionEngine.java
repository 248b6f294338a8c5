package dev.ktrdr.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Turns a model's probabilities at a bar's close into an action, through small composable rules:
 * a confidence threshold, a minimum separation between signals, position awareness (no BUY when already
 * long), shorting from flat allowed or not, and a volume filter. Decisions are taken at a bar's close
 * and executed at the next bar's open (rule 8).
 *
 * <p>An engine may keep state between calls (last signal time); use one instance per symbol and
 * thread.
 */
@FunctionalInterface
public interface DecisionEngine {

    /**
     * @param context the bar, the probabilities and the current position
     * @return the action: BUY, SELL or HOLD
     */
    Label decide(Context context);

    /**
     * @param barIndex index of the base bar whose close is the decision instant
     * @param closeTime the decision instant, UTC epoch ms
     * @param probabilities BUY, HOLD, SELL probabilities
     * @param position current position: 1 long, 0 flat, -1 short
     * @param volume the bar's volume
     * @param averageVolume the average volume over the filter's window (NaN when unknown)
     */
    record Context(int barIndex, long closeTime, double[] probabilities, int position, double volume, double averageVolume) {
        /**
         * Copies the probabilities.
         *
         * @param barIndex index of the base bar whose close is the decision instant
         * @param closeTime the decision instant, UTC epoch ms
         * @param probabilities BUY, HOLD, SELL probabilities
         * @param position current position: 1 long, 0 flat, -1 short
         * @param volume the bar's volume
         * @param averageVolume the average volume over the filter's window (NaN when unknown)
         */
        public Context {
            probabilities = probabilities.clone();
        }

        /** @return a copy of probabilities */
        @Override
        public double[] probabilities() {
            return probabilities.clone();
        }

        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Context other && barIndex == other.barIndex && closeTime == other.closeTime
                    && Arrays.equals(probabilities, other.probabilities) && position == other.position
                    && Double.compare(volume, other.volume) == 0
                    && Double.compare(averageVolume, other.averageVolume) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(barIndex, closeTime, Arrays.hashCode(probabilities), position, volume, averageVolume);
        }

        /** Arrays are shown by type and length (probabilities by value). */
        @Override
        public String toString() {
            return "Context[barIndex=" + barIndex
                    + ", closeTime=" + closeTime
                    + ", probabilities=" + Arrays.toString(probabilities)
                    + ", position=" + position
                    + ", volume=" + volume
                    + ", averageVolume=" + averageVolume + "]";
        }
    }
}
