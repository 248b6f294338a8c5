package dev.ktrdr.training.labels;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labels;
import java.util.Locale;

/**
 * How many rows of each class a labelling produced, and their shares among labelled rows.
 *
 * @param buy BUY rows
 * @param hold HOLD rows
 * @param sell SELL rows
 * @param unlabelled rows with {@link Label#NONE}
 */
public record ClassBalance(long buy, long hold, long sell, long unlabelled) {

    /**
     * @param labels a labelling
     * @return its class balance
     */
    public static ClassBalance of(Labels labels) {
        long[] c = labels.classCounts();
        return new ClassBalance(c[0], c[1], c[2], c[3]);
    }

    /** @return labelled rows */
    public long labelled() {
        return buy + hold + sell;
    }

    /**
     * @param label a class
     * @return its share of labelled rows in [0, 1]; NaN when nothing is labelled
     */
    public double share(Label label) {
        long n = labelled();
        if (n == 0) {
            return Double.NaN;
        }
        long c = label == Label.BUY ? buy : label == Label.HOLD ? hold : sell;
        return (double) c / n;
    }

    /** @return the largest class share: the accuracy of always predicting the most frequent class */
    public double majorityShare() {
        long n = labelled();
        return n == 0 ? Double.NaN : (double) Math.max(buy, Math.max(hold, sell)) / n;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "BUY %d (%.1f%%), HOLD %d (%.1f%%), SELL %d (%.1f%%), unlabelled %d",
                buy, 100 * share(Label.BUY), hold, 100 * share(Label.HOLD), sell, 100 * share(Label.SELL), unlabelled);
    }
}
