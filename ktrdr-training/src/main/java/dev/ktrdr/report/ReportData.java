package dev.ktrdr.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a report can show. Every section is optional: a backtest directory fills the equity
 * section, a model directory the training, accuracy, importance, confusion, calibration and embedding
 * sections, and the demo fills all of them. Plain values only, so any stage can produce them.
 *
 * @param title page title
 * @param summary key figures shown as a table, in order
 * @param equity equity curve against buy-and-hold (also drives the drawdown chart)
 * @param training per-epoch training and validation curves
 * @param perSymbolAccuracy test accuracy per symbol
 * @param perSymbolBaseline per-symbol baseline: each symbol's own majority-class share (same keys as the accuracy)
 * @param importanceByTimeframe sum of single-column permutation drops per timeframe (not a group importance)
 * @param importanceByIndicator sum of single-column permutation drops per indicator or fuzzy set
 * @param confusion 3x3 confusion matrix, rows = true BUY/HOLD/SELL, columns = predicted
 * @param calibration reliability diagram bins
 * @param embedding 2-D coordinates of each symbol's learned embedding (PCA)
 * @param notes free text paragraphs shown under the summary
 * @param importanceGroups group permutation importance (all columns of a group shuffled together), one entry
 *     per kind of group; when present it replaces the single-column sums in the charts
 * @param perSymbolRows test rows behind each per-symbol accuracy (same keys; shown on the bars' labels)
 * @param display how amounts and the equity axis are shown
 * @param portfolio the portfolio section of a portfolio backtest
 */
public record ReportData(String title, Map<String, String> summary, Optional<Equity> equity, Optional<Training> training,
                         Map<String, Double> perSymbolAccuracy, Map<String, Double> perSymbolBaseline,
                         Map<String, Double> importanceByTimeframe, Map<String, Double> importanceByIndicator,
                         Optional<int[][]> confusion, Optional<Calibration> calibration, Map<String, double[]> embedding,
                         List<String> notes, List<GroupImportance> importanceGroups, Map<String, Long> perSymbolRows,
                         Display display, Optional<Portfolio> portfolio) {

    /** Copies every collection, keeping insertion order. */
    public ReportData {
        Objects.requireNonNull(title, "title");
        summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
        Objects.requireNonNull(equity, "equity");
        Objects.requireNonNull(training, "training");
        perSymbolAccuracy = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolAccuracy));
        perSymbolBaseline = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolBaseline));
        importanceByTimeframe = Collections.unmodifiableMap(new LinkedHashMap<>(importanceByTimeframe));
        importanceByIndicator = Collections.unmodifiableMap(new LinkedHashMap<>(importanceByIndicator));
        Objects.requireNonNull(confusion, "confusion");
        confusion.ifPresent(c -> {
            if (c.length != 3 || c[0].length != 3 || c[1].length != 3 || c[2].length != 3) {
                throw new IllegalArgumentException("confusion matrix must be 3 x 3");
            }
        });
        confusion = confusion.map(ReportData::copy);
        Objects.requireNonNull(calibration, "calibration");
        embedding = copy(embedding);
        notes = List.copyOf(notes);
        importanceGroups = List.copyOf(importanceGroups);
        perSymbolRows = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolRows));
        Objects.requireNonNull(display, "display");
        Objects.requireNonNull(portfolio, "portfolio");
    }

    /** @return a copy of the confusion matrix, if any */
    @Override
    public Optional<int[][]> confusion() {
        return confusion.map(ReportData::copy);
    }

    /** @return a copy of the embedding coordinates */
    @Override
    public Map<String, double[]> embedding() {
        return copy(embedding);
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReportData other) || !title.equals(other.title) || !summary.equals(other.summary)
                || !equity.equals(other.equity) || !training.equals(other.training)
                || !perSymbolAccuracy.equals(other.perSymbolAccuracy) || !perSymbolBaseline.equals(other.perSymbolBaseline)
                || !importanceByTimeframe.equals(other.importanceByTimeframe)
                || !importanceByIndicator.equals(other.importanceByIndicator) || !calibration.equals(other.calibration)
                || !notes.equals(other.notes) || !importanceGroups.equals(other.importanceGroups)
                || !perSymbolRows.equals(other.perSymbolRows) || !display.equals(other.display)
                || !portfolio.equals(other.portfolio)
                || confusion.isPresent() != other.confusion.isPresent()
                || !embedding.keySet().equals(other.embedding.keySet())) {
            return false;
        }
        if (confusion.isPresent() && !Arrays.deepEquals(confusion.get(), other.confusion.get())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : embedding.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.embedding.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline, calibration, notes,
                importanceGroups, confusion.map(Arrays::deepHashCode).orElse(0), embedding.keySet());
    }

    /** Arrays are shown by size. */
    @Override
    public String toString() {
        return "ReportData[title=" + title + ", summary=" + summary.keySet() + ", equity=" + equity + ", training="
                + training + ", symbols=" + perSymbolAccuracy.keySet() + ", confusion=" + confusion.isPresent()
                + ", calibration=" + calibration + ", embedding=" + embedding.keySet() + "]";
    }

    private static int[][] copy(int[][] m) {
        int[][] out = new int[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    private static Map<String, double[]> copy(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * @param title the page title
     * @return an empty report to fill with the {@code with...} methods
     */
    public static ReportData empty(String title) {
        return new ReportData(title, Map.of(), Optional.empty(), Optional.empty(), Map.of(), Map.of(), Map.of(), Map.of(),
                Optional.empty(), Optional.empty(), Map.of(), List.of(), List.of(), Map.of(), Display.DEFAULT,
                Optional.empty());
    }

    /**
     * @param s summary rows
     * @return a copy with them
     */
    public ReportData withSummary(Map<String, String> s) {
        return new ReportData(title, s, equity, training, perSymbolAccuracy, perSymbolBaseline, importanceByTimeframe,
                importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param e the equity section
     * @return a copy with it
     */
    public ReportData withEquity(Equity e) {
        return new ReportData(title, summary, Optional.of(e), training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param t the training section
     * @return a copy with it
     */
    public ReportData withTraining(Training t) {
        return new ReportData(title, summary, equity, Optional.of(t), perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param accuracy per-symbol accuracy
     * @param baseline per-symbol baseline
     * @return a copy with them
     */
    public ReportData withPerSymbol(Map<String, Double> accuracy, Map<String, Double> baseline) {
        return new ReportData(title, summary, equity, training, accuracy, baseline, importanceByTimeframe,
                importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param byTimeframe importance per timeframe
     * @param byIndicator importance per indicator
     * @return a copy
     */
    public ReportData withImportance(Map<String, Double> byTimeframe, Map<String, Double> byIndicator) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline, byTimeframe,
                byIndicator, confusion, calibration, embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param matrix 3x3 confusion matrix
     * @return a copy with it
     */
    public ReportData withConfusion(int[][] matrix) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, Optional.of(matrix), calibration, embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param c calibration bins
     * @return a copy with them
     */
    public ReportData withCalibration(Calibration c) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, Optional.of(c), embedding, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param coordinates symbol to (x, y)
     * @return a copy with them
     */
    public ReportData withEmbedding(Map<String, double[]> coordinates) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, coordinates, notes, importanceGroups, perSymbolRows, display, portfolio);
    }

    /**
     * @param paragraphs notes
     * @return a copy with them
     */
    public ReportData withNotes(List<String> paragraphs) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, paragraphs, importanceGroups, perSymbolRows, display, portfolio);
    }

    /** @param groups group importances, one per kind @return a copy with them */
    public ReportData withImportanceGroups(List<GroupImportance> groups) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, notes, groups, perSymbolRows, display, portfolio);
    }

    /**
     * @param rows test rows per symbol (keys of the per-symbol accuracy)
     * @return a copy with them
     */
    public ReportData withPerSymbolRows(Map<String, Long> rows) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups,
                rows, display, portfolio);
    }

    /**
     * @param d the display settings
     * @return a copy with them
     */
    public ReportData withDisplay(Display d) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups,
                perSymbolRows, d, portfolio);
    }

    /**
     * @param p the portfolio section
     * @return a copy with it
     */
    public ReportData withPortfolio(Portfolio p) {
        return new ReportData(title, summary, equity, training, perSymbolAccuracy, perSymbolBaseline,
                importanceByTimeframe, importanceByIndicator, confusion, calibration, embedding, notes, importanceGroups,
                perSymbolRows, display, Optional.of(p));
    }

    /**
     * How amounts and the equity chart are shown.
     *
     * @param currency the label of amounts on axes, e.g. "USD" or "quote currency"
     * @param logEquity also draw the equity against buy-and-hold on a logarithmic axis (for long periods,
     *     where a linear axis flattens the early years)
     */
    public record Display(String currency, boolean logEquity) {
        /** Amounts in the quote currency, linear axis only. */
        public static final Display DEFAULT = new Display("quote currency", false);

        /** Checks presence. */
        public Display {
            Objects.requireNonNull(currency, "currency");
        }
    }

    /**
     * The portfolio section of a portfolio backtest.
     *
     * @param contribution per symbol, the profit of its trades after costs, in currency
     * @param exposureByClass per asset class, mean |notional| ÷ equity
     * @param symbols the symbols of the correlation matrix, in order
     * @param correlation the symbols' daily-return correlation (NaN where undefined)
     */
    public record Portfolio(Map<String, Double> contribution, Map<String, Double> exposureByClass, List<String> symbols,
                            double[][] correlation) {
        /** Copies everything and checks the matrix is square over the symbols. */
        public Portfolio {
            contribution = Collections.unmodifiableMap(new LinkedHashMap<>(contribution));
            exposureByClass = Collections.unmodifiableMap(new LinkedHashMap<>(exposureByClass));
            symbols = List.copyOf(symbols);
            correlation = Arrays.stream(correlation).map(double[]::clone).toArray(double[][]::new);
            for (double[] row : correlation) {
                if (row.length != symbols.size()) {
                    throw new IllegalArgumentException("correlation matrix is not " + symbols.size() + " square");
                }
            }
            if (correlation.length != symbols.size()) {
                throw new IllegalArgumentException("correlation matrix is not " + symbols.size() + " square");
            }
        }

        /** @return a copy of the matrix */
        @Override
        public double[][] correlation() {
            return Arrays.stream(correlation).map(double[]::clone).toArray(double[][]::new);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Portfolio p && contribution.equals(p.contribution) && exposureByClass.equals(p.exposureByClass)
                    && symbols.equals(p.symbols) && Arrays.deepEquals(correlation, p.correlation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(contribution, exposureByClass, symbols, Arrays.deepHashCode(correlation));
        }

        @Override
        public String toString() {
            return "Portfolio[symbols=" + symbols + ", contribution=" + contribution + "]";
        }
    }

    /**
     * Group permutation importance of one kind of group.
     *
     * @param kind {@code timeframe}, {@code fuzzy_set} or {@code indicator}
     * @param rows rows measured on
     * @param repeats shuffles per group
     * @param bars per group: its mean drop and interval
     */
    public record GroupImportance(String kind, int rows, int repeats, List<Bar> bars) {
        /** Copies the list. */
        public GroupImportance {
            Objects.requireNonNull(kind, "kind");
            bars = List.copyOf(bars);
        }

        /** @return the chart's caption: exactly what the bars and whiskers are */
        public String caption() {
            return "Accuracy drop when all columns of one " + kind.replace('_', ' ') + " are shuffled together (" + rows
                    + " rows, " + repeats + (repeats == 1 ? " repeat)" : " repeats, whiskers: 95% interval over the repeats)");
        }
    }

    /**
     * @param group the group
     * @param mean mean accuracy drop
     * @param low lower interval bound (NaN when none)
     * @param high upper interval bound (NaN when none)
     */
    public record Bar(String group, double mean, double low, double high) {
    }

    /**
     * @param label what the curve is (e.g. the symbol and model)
     * @param times bar times, UTC epoch ms
     * @param equity strategy equity per bar
     * @param buyAndHold buy-and-hold equity per bar, same start capital; empty when unknown (the chart then
     *     shows the strategy alone)
     */
    public record Equity(String label, long[] times, double[] equity, double[] buyAndHold) {
        /** Checks lengths and copies. */
        public Equity {
            if (times.length != equity.length || (buyAndHold.length != 0 && times.length != buyAndHold.length)) {
                throw new IllegalArgumentException("equity section: times, equity and buy-and-hold differ in length");
            }
            times = times.clone();
            equity = equity.clone();
            buyAndHold = buyAndHold.clone();
        }

        /** @return a copy of the bar times */
        @Override
        public long[] times() {
            return times.clone();
        }

        /** @return a copy of the equity curve */
        @Override
        public double[] equity() {
            return equity.clone();
        }

        /** @return a copy of the buy-and-hold curve */
        @Override
        public double[] buyAndHold() {
            return buyAndHold.clone();
        }

        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Equity other && label.equals(other.label) && Arrays.equals(times, other.times)
                    && Arrays.equals(equity, other.equity) && Arrays.equals(buyAndHold, other.buyAndHold);
        }

        @Override
        public int hashCode() {
            return Objects.hash(label, Arrays.hashCode(times), Arrays.hashCode(equity), Arrays.hashCode(buyAndHold));
        }

        /** Arrays are shown by length. */
        @Override
        public String toString() {
            return "Equity[label=" + label + ", " + times.length + " bars]";
        }
    }

    /**
     * @param trainLoss training loss per epoch
     * @param validationLoss validation loss per epoch
     * @param trainAccuracy training accuracy per epoch
     * @param validationAccuracy validation accuracy per epoch
     */
    public record Training(double[] trainLoss, double[] validationLoss, double[] trainAccuracy, double[] validationAccuracy) {
        /** Checks lengths and copies. */
        public Training {
            int n = trainLoss.length;
            if (validationLoss.length != n || trainAccuracy.length != n || validationAccuracy.length != n) {
                throw new IllegalArgumentException("training section: curves differ in length");
            }
            trainLoss = trainLoss.clone();
            validationLoss = validationLoss.clone();
            trainAccuracy = trainAccuracy.clone();
            validationAccuracy = validationAccuracy.clone();
        }

        /** @return a copy */
        @Override
        public double[] trainLoss() {
            return trainLoss.clone();
        }

        /** @return a copy */
        @Override
        public double[] validationLoss() {
            return validationLoss.clone();
        }

        /** @return a copy */
        @Override
        public double[] trainAccuracy() {
            return trainAccuracy.clone();
        }

        /** @return a copy */
        @Override
        public double[] validationAccuracy() {
            return validationAccuracy.clone();
        }

        /** Equal when every curve is, compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Training other && Arrays.equals(trainLoss, other.trainLoss)
                    && Arrays.equals(validationLoss, other.validationLoss) && Arrays.equals(trainAccuracy, other.trainAccuracy)
                    && Arrays.equals(validationAccuracy, other.validationAccuracy);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(trainLoss), Arrays.hashCode(validationLoss), Arrays.hashCode(trainAccuracy),
                    Arrays.hashCode(validationAccuracy));
        }

        /** Curves are shown by length. */
        @Override
        public String toString() {
            return "Training[" + trainLoss.length + " epochs]";
        }
    }

    /**
     * @param confidence mean predicted confidence per bin
     * @param accuracy observed accuracy per bin
     * @param count rows per bin
     * @param ece expected calibration error
     */
    public record Calibration(double[] confidence, double[] accuracy, long[] count, double ece) {
        /** Checks lengths and copies. */
        public Calibration {
            if (confidence.length != accuracy.length || confidence.length != count.length) {
                throw new IllegalArgumentException("calibration section: bins differ in length");
            }
            confidence = confidence.clone();
            accuracy = accuracy.clone();
            count = count.clone();
        }

        /** @return a copy */
        @Override
        public double[] confidence() {
            return confidence.clone();
        }

        /** @return a copy */
        @Override
        public double[] accuracy() {
            return accuracy.clone();
        }

        /** @return a copy */
        @Override
        public long[] count() {
            return count.clone();
        }

        /** Equal when every bin is, compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Calibration other && Arrays.equals(confidence, other.confidence)
                    && Arrays.equals(accuracy, other.accuracy) && Arrays.equals(count, other.count)
                    && Double.compare(ece, other.ece) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(confidence), Arrays.hashCode(accuracy), Arrays.hashCode(count), ece);
        }

        /** Bins are shown by count. */
        @Override
        public String toString() {
            return "Calibration[" + confidence.length + " bins, ece=" + ece + "]";
        }
    }
}
