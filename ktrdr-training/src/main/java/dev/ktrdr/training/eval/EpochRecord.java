package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

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
}
