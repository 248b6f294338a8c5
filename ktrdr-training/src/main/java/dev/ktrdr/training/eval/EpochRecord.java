package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one training epoch produced, for the analytics CSV ({@link EpochCsv}). NaN means "not measured".
 *
 * @param epoch epoch number from 0
 * @param trainLoss mean training loss
 * @param trainAccuracy training accuracy
 * @param validationLoss validation loss
 * @param validationAccuracy validation accuracy
 * @param precision validation precision per class (BUY, HOLD, SELL)
 * @param recall validation recall per class
 * @param symbolAccuracy validation accuracy per symbol
 * @param learningRate learning rate used
 * @param gradientNorm mean gradient L2 norm
 * @param seconds wall-clock seconds of the epoch
 * @param timeframeImportance validation accuracy drop per timeframe label when that timeframe's columns are
 *     shuffled together ({@link PermutationImportance#byTimeframeBlock}); empty when not measured
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                          double validationAccuracy, double[] precision, double[] recall,
                          Map<Symbol, Double> symbolAccuracy, double learningRate, double gradientNorm, double seconds,
                          Map<String, Double> timeframeImportance) {
    /** Checks lengths and copies. */
    public EpochRecord {
        timeframeImportance = Collections.unmodifiableMap(new LinkedHashMap<>(timeframeImportance));
        if (precision.length != Label.COUNT || recall.length != Label.COUNT) {
            throw new IllegalArgumentException("precision and recall need " + Label.COUNT + " values");
        }
        precision = precision.clone();
        recall = recall.clone();
        symbolAccuracy = Collections.unmodifiableMap(new LinkedHashMap<>(symbolAccuracy));
    }

    /**
     * A record without timeframe importance.
     *
     * @param epoch epoch number from 0
     * @param trainLoss mean training loss
     * @param trainAccuracy training accuracy
     * @param validationLoss validation loss
     * @param validationAccuracy validation accuracy
     * @param precision validation precision per class (BUY, HOLD, SELL)
     * @param recall validation recall per class
     * @param symbolAccuracy validation accuracy per symbol
     * @param learningRate learning rate used
     * @param gradientNorm mean gradient L2 norm
     * @param seconds wall-clock seconds of the epoch
     */
    public EpochRecord(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                       double validationAccuracy, double[] precision, double[] recall,
                       Map<Symbol, Double> symbolAccuracy, double learningRate, double gradientNorm, double seconds) {
        this(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, precision, recall, symbolAccuracy,
                learningRate, gradientNorm, seconds, Map.of());
    }

    /**
     * Fills precision, recall and per-symbol accuracy from a validation evaluation.
     *
     * @param epoch epoch number
     * @param trainLoss training loss
     * @param trainAccuracy training accuracy
     * @param validationLoss validation loss
     * @param validation validation metrics
     * @param learningRate learning rate
     * @param gradientNorm gradient norm
     * @param seconds seconds
     * @return the record
     */
    public static EpochRecord of(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                                 Evaluation validation, double learningRate, double gradientNorm, double seconds) {
        double[] p = new double[Label.COUNT];
        double[] r = new double[Label.COUNT];
        for (Label l : Label.values()) {
            p[l.index()] = validation.overall().precision(l);
            r[l.index()] = validation.overall().recall(l);
        }
        Map<Symbol, Double> acc = new LinkedHashMap<>();
        validation.perSymbol().forEach((s, m) -> acc.put(s, m.accuracy()));
        return new EpochRecord(epoch, trainLoss, trainAccuracy, validationLoss, validation.overall().accuracy(), p, r, acc,
                learningRate, gradientNorm, seconds);
    }

    /**
     * @param importance accuracy drop per timeframe label
     * @return this record with the timeframe importance set
     */
    public EpochRecord withTimeframeImportance(Map<String, Double> importance) {
        return new EpochRecord(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy, precision, recall,
                symbolAccuracy, learningRate, gradientNorm, seconds, importance);
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EpochRecord other && epoch == other.epoch
                && Double.compare(trainLoss, other.trainLoss) == 0
                && Double.compare(trainAccuracy, other.trainAccuracy) == 0
                && Double.compare(validationLoss, other.validationLoss) == 0
                && Double.compare(validationAccuracy, other.validationAccuracy) == 0
                && Arrays.equals(precision, other.precision) && Arrays.equals(recall, other.recall)
                && Objects.equals(symbolAccuracy, other.symbolAccuracy)
                && Double.compare(learningRate, other.learningRate) == 0
                && Double.compare(gradientNorm, other.gradientNorm) == 0
                && Double.compare(seconds, other.seconds) == 0
                && Objects.equals(timeframeImportance, other.timeframeImportance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(epoch, trainLoss, trainAccuracy, validationLoss, validationAccuracy,
                Arrays.hashCode(precision), Arrays.hashCode(recall), symbolAccuracy, learningRate, gradientNorm,
                seconds, timeframeImportance);
    }

    /** Arrays are shown by type and length (precision, recall by value). */
    @Override
    public String toString() {
        return "EpochRecord[epoch=" + epoch
                + ", trainLoss=" + trainLoss
                + ", trainAccuracy=" + trainAccuracy
                + ", validationLoss=" + validationLoss
                + ", validationAccuracy=" + validationAccuracy
                + ", precision=" + Arrays.toString(precision)
                + ", recall=" + Arrays.toString(recall)
                + ", symbolAccuracy=" + symbolAccuracy
                + ", learningRate=" + learningRate
                + ", gradientNorm=" + gradientNorm
                + ", seconds=" + seconds
                + ", timeframeImportance=" + timeframeImportance + "]";
    }
}
