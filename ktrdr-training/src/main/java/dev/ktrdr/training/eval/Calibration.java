package dev.ktrdr.training.eval;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Calibration of predicted probabilities: the expected calibration error and temperature scaling.
 * Probabilities are row-major, {@link Label#COUNT} per row (BUY, HOLD, SELL).
 *
 * <p>Stateless and thread-safe.
 */
public final class Calibration {
    /** Smallest probability used inside logarithms, so a predicted 0 gives a large finite loss. */
    static final double FLOOR = 1e-12;

    private Calibration() {
    }

    /**
     * Expected calibration error over {@code bins} equal-width confidence bins on (0, 1]: the sum over
     * bins of (rows in bin ÷ rows) × |accuracy in bin − mean confidence in bin|, where a row's confidence
     * is its largest probability and its prediction the class of that probability (ties: the lowest
     * index).
     *
     * @param probabilities row-major probabilities
     * @param actual actual classes
     * @param bins number of bins, ≥ 1
     * @return the error in [0, 1]; NaN for no rows
     */
    public static double expectedCalibrationError(double[] probabilities, byte[] actual, int bins) {
        check(probabilities, actual);
        if (bins < 1) {
            throw new ConfigurationException("bins", bins + " is not in [1, 1000]");
        }
        int n = actual.length;
        if (n == 0) {
            return Double.NaN;
        }
        double[] conf = new double[bins];
        double[] correct = new double[bins];
        long[] count = new long[bins];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < Label.COUNT; c++) {
                if (probabilities[i * Label.COUNT + c] > probabilities[i * Label.COUNT + best]) {
                    best = c;
                }
            }
            double p = probabilities[i * Label.COUNT + best];
            int bin = Math.min(bins - 1, Math.max(0, (int) Math.ceil(p * bins) - 1));
            conf[bin] += p;
            correct[bin] += best == actual[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += (double) count[b] / n * Math.abs(correct[b] / count[b] - conf[b] / count[b]);
            }
        }
        return ece;
    }

    /**
     * Mean negative log-likelihood of the actual classes.
     *
     * @param probabilities row-major probabilities
     * @param actual actual classes
     * @return the loss in nats; NaN for no rows
     */
    public static double logLoss(double[] probabilities, byte[] actual) {
        check(probabilities, actual);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s -= Math.log(Math.max(FLOOR, probabilities[i * Label.COUNT + actual[i]]));
        }
        return actual.length == 0 ? Double.NaN : s / actual.length;
    }

    /**
     * Rescales probabilities by a temperature: {@code p_T ∝ p^(1/T)} (softmax of the log-probabilities
     * divided by T). T &gt; 1 softens, T &lt; 1 sharpens.
     *
     * @param probabilities row-major probabilities
     * @param temperature T &gt; 0
     * @return new row-major probabilities
     */
    public static double[] applyTemperature(double[] probabilities, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new ConfigurationException("temperature", temperature + " is not in (0, +inf)");
        }
        double[] out = new double[probabilities.length];
        for (int r = 0; r < probabilities.length / Label.COUNT; r++) {
            int o = r * Label.COUNT;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < Label.COUNT; c++) {
                out[o + c] = Math.log(Math.max(FLOOR, probabilities[o + c])) / temperature;
                max = Math.max(max, out[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < Label.COUNT; c++) {
                out[o + c] = Math.exp(out[o + c] - max);
                sum += out[o + c];
            }
            for (int c = 0; c < Label.COUNT; c++) {
                out[o + c] /= sum;
            }
        }
        return out;
    }

    /**
     * Fits the temperature that minimises the log-loss of the validation rows (Brent's method on ln T in
     * [ln 0.05, ln 20]; the loss is convex in 1/T).
     *
     * @param validationProbabilities row-major probabilities of validation rows
     * @param actual their actual classes
     * @return the temperature
     */
    public static double fitTemperature(double[] validationProbabilities, byte[] actual) {
        check(validationProbabilities, actual);
        if (actual.length == 0) {
            throw new IllegalArgumentException("cannot fit a temperature on zero validation rows");
        }
        double[] logs = new double[validationProbabilities.length];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(Math.max(FLOOR, validationProbabilities[i]));
        }
        UnivariateFunction loss = lnT -> temperedLogLoss(logs, actual, Math.exp(lnT));
        double best = new BrentOptimizer(1e-10, 1e-12).optimize(new MaxEval(500), new UnivariateObjectiveFunction(loss),
                GoalType.MINIMIZE, new SearchInterval(Math.log(0.05), Math.log(20), 0)).getPoint();
        return Math.exp(best);
    }

    /**
     * {@code logLoss(applyTemperature(p, t), actual)} from the log-probabilities {@code log(max(FLOOR, p))},
     * without building the tempered array: the same operations in the same order, so the same double (the
     * temperature fit evaluates it some 30 times over every validation row).
     */
    static double temperedLogLoss(double[] logs, byte[] actual, double temperature) {
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new ConfigurationException("temperature", temperature + " is not in (0, +inf)");
        }
        double[] e = new double[Label.COUNT];
        double s = 0;
        for (int r = 0; r < actual.length; r++) {
            int o = r * Label.COUNT;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < Label.COUNT; c++) {
                e[c] = logs[o + c] / temperature;
                max = Math.max(max, e[c]);
            }
            double sum = 0;
            for (int c = 0; c < Label.COUNT; c++) {
                e[c] = Math.exp(e[c] - max);
                sum += e[c];
            }
            s -= Math.log(Math.max(FLOOR, e[actual[r]] / sum));
        }
        return actual.length == 0 ? Double.NaN : s / actual.length;
    }

    private static void check(double[] p, byte[] actual) {
        if (p.length != actual.length * Label.COUNT) {
            throw new IllegalArgumentException(p.length + " probabilities for " + actual.length + " rows");
        }
    }
}
