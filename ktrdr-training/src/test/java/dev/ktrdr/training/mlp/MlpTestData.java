package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Synthetic data sets for the MLP tests. */
final class MlpTestData {
    private MlpTestData() {
    }

    static FeatureSpec spec(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("f" + i);
        }
        return new FeatureSpec(names);
    }

    /**
     * XOR-like rows: two informative features in [-1, 1] (plus noise features), BUY when x·y &gt; 0.05, SELL when
     * x·y &lt; -0.05, HOLD in between. A linear model cannot beat the majority class by much here.
     */
    static SymbolRows xor(String symbol, int rows, int noiseFeatures, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int f = 2 + noiseFeatures;
        long[] times = new long[rows];
        double[] values = new double[rows * f];
        byte[] labels = new byte[rows];
        for (int r = 0; r < rows; r++) {
            times[r] = r * 3_600_000L;
            double x = rng.nextDouble() * 2 - 1;
            double y = rng.nextDouble() * 2 - 1;
            values[r * f] = x * 10 + 5;
            values[r * f + 1] = y;
            for (int j = 2; j < f; j++) {
                values[r * f + j] = rng.nextDouble();
            }
            double s = x * y;
            labels[r] = (byte) (s > 0.05 ? Label.BUY.index() : s < -0.05 ? Label.SELL.index() : Label.HOLD.index());
        }
        return new SymbolRows(new FeatureMatrix(Symbol.of(symbol), spec(f), times, values), labels);
    }

    /** Rows whose labels are random: nothing to learn, so a large network overfits. */
    static SymbolRows noise(String symbol, int rows, int features, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] times = new long[rows];
        double[] values = new double[rows * features];
        byte[] labels = new byte[rows];
        for (int r = 0; r < rows; r++) {
            times[r] = r * 3_600_000L;
            for (int j = 0; j < features; j++) {
                values[r * features + j] = rng.nextGaussian();
            }
            labels[r] = (byte) rng.nextInt(3);
        }
        return new SymbolRows(new FeatureMatrix(Symbol.of(symbol), spec(features), times, values), labels);
    }

    /** Cross-entropy of a model on rows, computed through its public predict method. */
    static double crossEntropy(MlpModel model, List<SymbolRows> rows) {
        double sum = 0;
        int n = 0;
        double[] p = new double[3];
        for (SymbolRows sr : rows) {
            FeatureMatrix fm = sr.features();
            double[] row = new double[fm.columns()];
            byte[] labels = sr.labels();
            for (int r = 0; r < fm.rows(); r++) {
                if (labels[r] == Label.NONE) {
                    continue;
                }
                fm.copyRow(r, row, 0);
                model.predict(row, fm.symbol(), p);
                sum += -Math.log(p[labels[r]]);
                n++;
            }
        }
        return sum / n;
    }

    /** Accuracy of a model on rows, optionally predicting them as another symbol. */
    static double accuracy(MlpModel model, List<SymbolRows> rows, Symbol as) {
        int ok = 0;
        int n = 0;
        double[] p = new double[3];
        for (SymbolRows sr : rows) {
            FeatureMatrix fm = sr.features();
            double[] row = new double[fm.columns()];
            byte[] labels = sr.labels();
            for (int r = 0; r < fm.rows(); r++) {
                if (labels[r] == Label.NONE) {
                    continue;
                }
                fm.copyRow(r, row, 0);
                model.predict(row, as == null ? fm.symbol() : as, p);
                int arg = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
                ok += arg == labels[r] ? 1 : 0;
                n++;
            }
        }
        return (double) ok / n;
    }
}
