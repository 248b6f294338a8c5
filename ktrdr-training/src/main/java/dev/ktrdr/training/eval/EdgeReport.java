package dev.ktrdr.training.eval;

import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.strategy.TrainingConfig.LabelSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An accuracy with its baselines and its edge, over all evaluated rows and per symbol, as
 * {@link BlockBootstrap#evaluate} computes it. The figures that every place showing an accuracy reports.
 *
 * <p>Keys of {@link #summary(String)} and {@link #toJson()}: {@code accuracy}, {@code baseline_accuracy} (the
 * per-symbol majority baseline), {@code pooled_majority_accuracy}, {@code momentum_accuracy}, {@code edge},
 * {@code edge_ci_low}, {@code edge_ci_high} (fractions), and in {@code toJson} also {@code rows},
 * {@code edge_against}, {@code verdict}, {@code confidence}, {@code replicates}, {@code seed},
 * {@code block_length} per symbol and {@code per_symbol}.
 *
 * @param figures accuracy and baselines over all rows
 * @param edge edge over all rows
 * @param perSymbolFigures per symbol, its figures (in symbol order)
 * @param perSymbolEdges per symbol, its edge (in symbol order)
 * @param blockLengths per symbol, the bootstrap block length in rows
 * @param replicates bootstrap replicates
 * @param seed bootstrap seed
 */
public record EdgeReport(BaselineFigures figures, Edge edge, Map<Symbol, BaselineFigures> perSymbolFigures,
                         Map<Symbol, Edge> perSymbolEdges, Map<Symbol, Integer> blockLengths, int replicates, long seed) {
    /**
     * The line every place that shows an edge adds for segment labels ({@code zigzag}).
     */
    public static final String SEGMENT_LABEL_CAVEAT = "note: zigzag segment labels are partly visible in the bar's "
            + "past (the leg a bar belongs to shows in its recent return), so their accuracy is not an edge";

    /** Copies the maps. */
    public EdgeReport {
        Objects.requireNonNull(figures, "figures");
        Objects.requireNonNull(edge, "edge");
        perSymbolFigures = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolFigures));
        perSymbolEdges = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolEdges));
        blockLengths = Collections.unmodifiableMap(new LinkedHashMap<>(blockLengths));
    }

    /**
     * @param source a label source
     * @return {@link #SEGMENT_LABEL_CAVEAT} for {@code zigzag} segment labels, else empty
     */
    public static Optional<String> caveat(LabelSource source) {
        return source == LabelSource.ZIGZAG ? Optional.of(SEGMENT_LABEL_CAVEAT) : Optional.empty();
    }

    /** @return the verdict over all rows */
    public Edge.Verdict verdict() {
        return edge.verdict();
    }

    /**
     * Headline figures, each key prefixed: {@code accuracy}, {@code baseline_accuracy},
     * {@code pooled_majority_accuracy}, {@code momentum_accuracy}, {@code edge}, {@code edge_ci_low},
     * {@code edge_ci_high} (NaN where undefined). The verdict is {@link #verdict()}.
     *
     * @param prefix e.g. {@code "test_"}
     * @return the figures, in this order
     */
    public Map<String, Double> summary(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "accuracy", figures.accuracy());
        out.put(prefix + "baseline_accuracy", figures.baselineAccuracy());
        out.put(prefix + "pooled_majority_accuracy", figures.pooledMajorityAccuracy());
        out.put(prefix + "momentum_accuracy", figures.momentumAccuracy());
        out.put(prefix + "edge", edge.point());
        out.put(prefix + "edge_ci_low", edge.low());
        out.put(prefix + "edge_ci_high", edge.high());
        return out;
    }

    /**
     * The report as a JSON-ready map (non-finite numbers as {@code null}).
     *
     * @return the map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> out = json(figures, edge);
        out.put("confidence", edge.confidence());
        out.put("replicates", replicates);
        out.put("seed", seed);
        Map<String, Object> blocks = new LinkedHashMap<>();
        blockLengths.forEach((k, v) -> blocks.put(k.value(), v));
        out.put("block_length", blocks);
        Map<String, Object> per = new LinkedHashMap<>();
        perSymbolFigures.forEach((k, f) -> per.put(k.value(), json(f, perSymbolEdges.get(k))));
        out.put("per_symbol", per);
        return out;
    }

    /**
     * @param f figures
     * @param e their edge
     * @return the keys {@code rows, accuracy, baseline_accuracy, pooled_majority_accuracy, momentum_accuracy,
     *     edge, edge_ci_low, edge_ci_high, edge_against, verdict}
     */
    public static Map<String, Object> json(BaselineFigures f, Edge e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", f.rows());
        out.put("accuracy", finite(f.accuracy()));
        out.put("baseline_accuracy", finite(f.baselineAccuracy()));
        out.put("pooled_majority_accuracy", finite(f.pooledMajorityAccuracy()));
        out.put("momentum_accuracy", finite(f.momentumAccuracy()));
        out.put("edge", finite(e.point()));
        out.put("edge_ci_low", finite(e.low()));
        out.put("edge_ci_high", finite(e.high()));
        out.put("edge_against", e.against().label());
        out.put("verdict", e.verdict().label());
        return out;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /**
     * One line for people, e.g. {@code accuracy 41.20% | per-symbol baseline 40.00% (pooled majority 35.10%) |
     * momentum 38.00% | edge +1.20 pts [-0.40, +2.80] (95%) over per-symbol baseline: no edge}.
     *
     * @return the line
     */
    public String line() {
        return line(figures, edge);
    }

    /**
     * @param f figures
     * @param e their edge
     * @return the one-line form of {@link #line()} for any figures and edge (e.g. one symbol's)
     */
    public static String line(BaselineFigures f, Edge e) {
        return String.format(Locale.ROOT, "accuracy %.2f%% | per-symbol baseline %.2f%% (pooled majority %.2f%%) | "
                + "momentum %s | %s", 100 * f.accuracy(), 100 * f.baselineAccuracy(), 100 * f.pooledMajorityAccuracy(),
                Double.isNaN(f.momentumAccuracy()) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * f.momentumAccuracy()),
                e.line());
    }
}
