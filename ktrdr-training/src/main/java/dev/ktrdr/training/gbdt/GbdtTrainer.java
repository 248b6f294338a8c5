package dev.ktrdr.training.gbdt;

import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.mlp.EpochStats;
import dev.ktrdr.training.mlp.MlpProvenance;
import dev.ktrdr.training.mlp.SymbolRows;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Trains a {@link GbdtModel} on the rows the MLP trainer gets ({@link SymbolRows}: a symbol's feature matrix with
 * NONE for every row outside the selection), so trees and MLP see the same feature rows, split and labels.
 *
 * <p>What the MLP's mini-batch plan does, the trees get as row weights: each training row of symbol k weighs
 * {@code d_k / n_k}, where {@code d_k} is how many of symbol k's rows the sampler draws in its epoch-0 plan and
 * {@code n_k} its training rows (so {@code balanced} gives every symbol the same total weight, {@code concatenate}
 * every row weight 1), times the row's class weight (inverse class frequency when {@code training.class_weights}
 * is {@code inverse_frequency}, as the MLP computes it); the weights are then scaled to average 1. Validation rows
 * carry their class weight, as in the MLP's validation loss. Early stopping: training stops after
 * {@code early_stopping_rounds} rounds without a weighted validation log loss lower than the best by more than
 * {@code min_delta}, and the model keeps the best round's trees.
 *
 * <p>Deterministic: the same rows, settings and seed give byte-identical model text (LightGBM runs with
 * {@code deterministic=true}; the symbol dropout draws from a {@link SplittableRandom} seeded with the seed).
 *
 * <p>Immutable and thread-safe.
 */
public final class GbdtTrainer {
    private final GbdtConfig config;

    /** @param config the settings */
    public GbdtTrainer(GbdtConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the settings */
    public GbdtConfig config() {
        return config;
    }

    /**
     * @param training training rows per symbol, in the order the sampler numbers them; at least one labelled row
     * @param validation validation rows per symbol (may be empty: then every round runs)
     * @param sampler the MLP's batch plan, whose epoch-0 draws weigh the symbols; null weighs every row 1
     * @param strategyText the exact strategy text, for the provenance hash, or null
     * @param progress receives one {@code epoch} event per round
     * @return the model and its history
     * @throws ModelException when LightGBM is missing, or there are no labelled training rows
     */
    public GbdtTrainingResult train(List<SymbolRows> training, List<SymbolRows> validation,
                                    BalancedMultiSymbolSampler sampler, String strategyText, ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        if (training.isEmpty()) {
            throw new ModelException("no training rows: the training list is empty");
        }
        FeatureSpec spec = training.get(0).features().spec();
        for (SymbolRows r : training) {
            spec.requireSameAs(r.features().spec());
        }
        for (SymbolRows r : validation) {
            spec.requireSameAs(r.features().spec());
        }
        List<Symbol> vocabulary = new ArrayList<>();
        for (SymbolRows r : training) {
            if (!vocabulary.contains(r.features().symbol())) {
                vocabulary.add(r.features().symbol());
            }
        }
        TreeBinding binding = TreeBindings.require("training model.type gbdt");
        int n = vocabulary.size();
        int cols = spec.size() + GbdtModel.encodingColumns(config.encoding(), n);

        int[] perSymbol = new int[training.size()];
        long[] classCount = new long[Label.COUNT];
        int total = 0;
        for (int k = 0; k < training.size(); k++) {
            byte[] y = training.get(k).labels();
            for (byte b : y) {
                if (b != Label.NONE) {
                    perSymbol[k]++;
                    classCount[b]++;
                }
            }
            total += perSymbol[k];
        }
        if (total == 0) {
            throw new ModelException("no training rows: every training label is NONE");
        }
        double[] classWeight = new double[Label.COUNT];
        for (int c = 0; c < Label.COUNT; c++) {
            classWeight[c] = !config.classWeights() ? 1.0
                    : classCount[c] == 0 ? 0.0 : (double) total / (Label.COUNT * classCount[c]);
        }
        double[] symbolWeight = symbolWeights(perSymbol, sampler);
        SplittableRandom dropout = new SplittableRandom(config.seed());
        TreeBinding.Dataset train = rows(training, vocabulary, total, cols, classWeight, symbolWeight, dropout);
        int valRows = 0;
        for (SymbolRows r : validation) {
            valRows += r.labelledRows();
        }
        TreeBinding.Dataset val = valRows == 0 ? null
                : rows(validation, vocabulary, valRows, cols, classWeight, null, null);

        List<EpochStats> history = new ArrayList<>();
        double best = Double.POSITIVE_INFINITY;
        int bestRound = -1;
        boolean stopped = false;
        double[] losses = new double[2];
        TreeBooster booster;
        try (TreeBinding.Training run = binding.start(train, val, config)) {
            for (int round = 0; round < config.numTrees(); round++) {
                long t0 = System.nanoTime();
                run.round(losses);
                history.add(new EpochStats(round, losses[0], Double.NaN, losses[1], Double.NaN, config.learningRate(),
                        Double.NaN, (System.nanoTime() - t0) / 1e9));
                progress.onProgress(new ProgressListener.Event("epoch", round + 1, config.numTrees(), String.format(
                        java.util.Locale.ROOT, "round %d: train loss %.5f, validation loss %.5f", round + 1, losses[0], losses[1])));
                if (val == null || config.earlyStoppingRounds() == 0) {
                    bestRound = round;
                    continue;
                }
                if (losses[1] < best - config.minDelta()) {
                    best = losses[1];
                    bestRound = round;
                } else if (round - bestRound >= config.earlyStoppingRounds()) {
                    stopped = round + 1 < config.numTrees();
                    break;
                }
            }
            booster = run.finish(bestRound + 1);
        }
        Map<String, String> provenance = provenance(strategyText, training, binding);
        return new GbdtTrainingResult(new GbdtModel(spec, config.encoding(), vocabulary, booster, provenance), history,
                bestRound, stopped, provenance);
    }

    /** Per symbol, d_k / n_k from the sampler's epoch-0 plan (1 without a sampler or for a symbol it never draws). */
    private double[] symbolWeights(int[] perSymbol, BalancedMultiSymbolSampler sampler) {
        double[] w = new double[perSymbol.length];
        java.util.Arrays.fill(w, 1.0);
        if (sampler == null) {
            return w;
        }
        int[] offsets = new int[perSymbol.length + 1];
        for (int k = 0; k < perSymbol.length; k++) {
            offsets[k + 1] = offsets[k] + perSymbol[k];
        }
        long[] draws = new long[perSymbol.length];
        for (int[] batch : sampler.batches(perSymbol.clone(), config.batchSize(), 0)) {
            for (int row : batch) {
                int k = java.util.Arrays.binarySearch(offsets, row);
                k = k >= 0 ? k : -k - 2;
                // an empty symbol shares its offset with the next: the row belongs to the last symbol at that offset
                while (k + 1 < perSymbol.length && offsets[k + 1] <= row) {
                    k++;
                }
                if (k < 0 || k >= perSymbol.length) {
                    throw new ModelException("the batch plan names row " + row + " but there are " + offsets[perSymbol.length]
                            + " training rows");
                }
                draws[k]++;
            }
        }
        for (int k = 0; k < w.length; k++) {
            w[k] = perSymbol[k] == 0 || draws[k] == 0 ? 1.0 : (double) draws[k] / perSymbol[k];
        }
        return w;
    }

    private TreeBinding.Dataset rows(List<SymbolRows> list, List<Symbol> vocabulary, int count, int cols,
                                     double[] classWeight, double[] symbolWeight, SplittableRandom dropout) {
        double[] x = new double[Math.multiplyExact(count, cols)];
        float[] y = new float[count];
        double[] w = new double[count];
        int f = list.get(0).features().spec().size();
        int n = vocabulary.size();
        int at = 0;
        double sum = 0;
        for (int k = 0; k < list.size(); k++) {
            SymbolRows r = list.get(k);
            FeatureMatrix m = r.features();
            int index = vocabulary.indexOf(m.symbol());
            int slot = index < 0 ? n : index;
            byte[] labels = r.labels();
            for (int row = 0; row < labels.length; row++) {
                if (labels[row] == Label.NONE) {
                    continue;
                }
                m.copyRow(row, x, at * cols);
                int s = dropout != null && config.symbolDropout() > 0 && dropout.nextDouble() < config.symbolDropout() ? n : slot;
                GbdtModel.writeSymbolColumns(config.encoding(), n, s, x, at * cols + f);
                y[at] = labels[row];
                w[at] = classWeight[labels[row]] * (symbolWeight == null ? 1.0 : symbolWeight[k]);
                sum += w[at];
                at++;
            }
        }
        float[] weights = new float[count];
        double scale = sum > 0 ? count / sum : 1.0;
        for (int i = 0; i < count; i++) {
            weights[i] = (float) (w[i] * scale);
        }
        return new TreeBinding.Dataset(x, count, cols, y, weights);
    }

    private Map<String, String> provenance(String strategyText, List<SymbolRows> training, TreeBinding binding) {
        Map<String, String> m = new TreeMap<>();
        if (strategyText != null) {
            m.put(MlpProvenance.STRATEGY_SHA256, MlpProvenance.sha256(strategyText.getBytes(StandardCharsets.UTF_8)));
        }
        for (SymbolRows rows : training) {
            m.merge(MlpProvenance.DATA_SHA256 + rows.features().symbol().value(), MlpProvenance.dataHash(rows),
                    (a, b) -> a + "," + b);
        }
        m.put(MlpProvenance.SEED, Long.toString(config.seed()));
        config.describe().forEach((k, v) -> m.put("gbdt." + k, v));
        m.put("ktrdr_version", MlpProvenance.libraryVersion());
        m.put("tree_library", binding.version());
        m.put("java_version", System.getProperty("java.version", "unknown"));
        m.put("os_arch", System.getProperty("os.arch", "unknown"));
        return m;
    }
}
