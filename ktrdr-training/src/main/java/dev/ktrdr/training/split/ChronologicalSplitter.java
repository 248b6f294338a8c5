package dev.ktrdr.training.split;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.features.SymbolDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chronological train / validation / test split with the same cut instants for every symbol and a purge
 * before each cut (rule 7). The cuts are quantiles of the pooled bar times of all labelled rows of all
 * symbols: the validation cut is the time at fraction {@code train}, the test cut at
 * {@code train + validation}. A training row must have its whole label window before the validation cut
 * ({@code labelEnd < validationCut}), a validation row before the test cut; rows that fail this are
 * purged (counted, not used). Each symbol's label window is its own horizon
 * ({@link SymbolDataset#horizon()}: for ZigZag segment labels the largest reach actually used, for the
 * other labelers their configured window), so this purges the last {@code horizon} bars of that symbol
 * before each cut. A symbol's features and labels depend only on its own bars, so a row whose own label
 * ends before the cut carries nothing from after it; purging every symbol with the largest horizon of all
 * would only throw away rows (and can empty a symbol with short history). Unlabelled rows are never placed.
 *
 * <p>The plan says how many rows each symbol has per part and how many were purged
 * ({@link SplitPlan#table()}); {@link SplitPlan#requireMinimum} refuses a plan in which a symbol or a part
 * falls below a minimum.
 *
 * <p>Also {@link #walkForward(List, int, boolean)}: rolling or expanding windows with the same rules.
 *
 * <p>Immutable and thread-safe.
 */
public final class ChronologicalSplitter {
    private final double train;
    private final double validation;
    private final double test;

    /**
     * @param train fraction for training, in (0, 1)
     * @param validation fraction for validation, in [0, 1)
     * @param test fraction for testing, in [0, 1); the three sum to 1
     * @throws ConfigurationException naming {@code training.data_split} when they do not
     */
    public ChronologicalSplitter(double train, double validation, double test) {
        if (!(train > 0 && train < 1) || !(validation >= 0 && validation < 1) || !(test >= 0 && test < 1)
                || Math.abs(train + validation + test - 1) > 1e-9) {
            throw new ConfigurationException("training.data_split", "train " + train + ", validation " + validation
                    + ", test " + test + " must be fractions summing to 1 with train > 0");
        }
        this.train = train;
        this.validation = validation;
        this.test = test;
    }

    /**
     * @param datasets every symbol's paired rows
     * @return the split, with one shared pair of cuts
     * @throws IllegalArgumentException when no symbol has a labelled row
     */
    public SplitPlan split(List<SymbolDataset> datasets) {
        long[] pooled = pooledTimes(datasets);
        long cut1 = quantile(pooled, train);
        long cut2 = test == 0 ? Long.MAX_VALUE : quantile(pooled, train + validation);
        return plan(datasets, Long.MIN_VALUE, cut1, cut2, Long.MAX_VALUE);
    }

    /**
     * Walk-forward folds: the pooled labelled times are cut into {@code folds + 1} equal chunks; fold k tests
     * on chunk k + 1 and trains on chunks 0..k (expanding) or on chunk k alone (rolling), with the same
     * purge before the test cut. The folds have no validation part.
     *
     * @param datasets every symbol's paired rows
     * @param folds number of folds, ≥ 1
     * @param expanding true for an expanding training window, false for a rolling one
     * @return one plan per fold, oldest first
     */
    public static List<SplitPlan> walkForward(List<SymbolDataset> datasets, int folds, boolean expanding) {
        if (folds < 1) {
            throw new ConfigurationException("training.walk_forward.folds", folds + " is not in [1, 1000]");
        }
        long[] pooled = pooledTimes(datasets);
        long[] bounds = new long[folds + 2];
        bounds[0] = Long.MIN_VALUE;
        bounds[folds + 1] = Long.MAX_VALUE;
        for (int j = 1; j <= folds; j++) {
            bounds[j] = quantile(pooled, (double) j / (folds + 1));
        }
        List<SplitPlan> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            long start = expanding ? Long.MIN_VALUE : bounds[k];
            out.add(plan(datasets, start, bounds[k + 1], bounds[k + 1], bounds[k + 2]));
        }
        return out;
    }

    private static SplitPlan plan(List<SymbolDataset> datasets, long start, long cut1, long cut2, long end) {
        Map<Symbol, SymbolSplit> out = new LinkedHashMap<>();
        for (SymbolDataset d : datasets) {
            int horizon = d.horizon();
            int n = d.rows();
            int[] tr = new int[n];
            int[] va = new int[n];
            int[] te = new int[n];
            int a = 0;
            int b = 0;
            int c = 0;
            int purgedTrain = 0;
            int purgedValidation = 0;
            for (int r = 0; r < n; r++) {
                if (d.classAt(r) == Label.NONE) {
                    continue;
                }
                long t = d.time(r);
                if (t < start || t >= end) {
                    continue;
                }
                if (t < cut1) {
                    if (d.labelEnd(r, horizon) < cut1) {
                        tr[a++] = r;
                    } else {
                        purgedTrain++;
                    }
                } else if (t < cut2) {
                    if (d.labelEnd(r, horizon) < cut2) {
                        va[b++] = r;
                    } else {
                        purgedValidation++;
                    }
                } else {
                    te[c++] = r;
                }
            }
            if (out.put(d.symbol(), new SymbolSplit(d.symbol(), Arrays.copyOf(tr, a), Arrays.copyOf(va, b),
                    Arrays.copyOf(te, c), purgedTrain + purgedValidation, purgedTrain, purgedValidation, horizon)) != null) {
                throw new IllegalArgumentException("symbol " + d.symbol() + " appears twice");
            }
        }
        return new SplitPlan(start, cut1, cut2, end, out);
    }

    private static long[] pooledTimes(List<SymbolDataset> datasets) {
        int total = 0;
        for (SymbolDataset d : datasets) {
            total += d.labelledRows();
        }
        if (total == 0) {
            throw new IllegalArgumentException("no labelled rows to split");
        }
        long[] t = new long[total];
        int i = 0;
        for (SymbolDataset d : datasets) {
            for (int r = 0; r < d.rows(); r++) {
                if (d.classAt(r) != Label.NONE) {
                    t[i++] = d.time(r);
                }
            }
        }
        Arrays.sort(t);
        return t;
    }

    private static long quantile(long[] sorted, double q) {
        int i = (int) Math.min(sorted.length - 1, Math.floor(q * sorted.length));
        return sorted[i];
    }
}
