package dev.ktrdr.sdk;

import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.eval.BaselineFigures;
import dev.ktrdr.training.eval.Edge;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.split.SplitPlan;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a training run produced: the test rows' accuracy overall and per symbol, each beside its
 * per-symbol majority and momentum baselines with the edge over the stronger one, its 95 %
 * block-bootstrap interval and verdict; the same over the walk-forward folds when configured; the split
 * plan (rows per symbol and split, purged rows); and the model, kept for {@link Ktrdr#store}.
 *
 * @param strategy the strategy name
 * @param scope the stored model's scope ({@code universal}, {@code group-…} or a symbol)
 * @param timeframes the model's timeframes
 * @param baseTimeframe the rows' timeframe
 * @param test the test rows' figures, baselines and edges, overall and per symbol
 * @param walkForward the same pooled over the walk-forward folds' test rows, when configured
 * @param walkForwardFolds per fold {@code k} the figures {@code walk_forward_{figure}.{k}}, and
 *     {@code walk_forward_folds_skipped}; empty without walk-forward
 * @param split the split plan the model was trained with (also stored with it)
 * @param validationAccuracy accuracy on the validation rows
 * @param bestEpoch the epoch whose weights were kept, counted from 1
 * @param epochsRun epochs trained
 * @param labelCaveat the line to show beside every edge when the labels are segment labels
 * @param artifacts the model and what the store keeps with it
 */
public record TrainingReport(String strategy, String scope, List<Timeframe> timeframes, Timeframe baseTimeframe,
                             EdgeReport test, Optional<EdgeReport> walkForward, Map<String, Double> walkForwardFolds,
                             SplitPlan split, double validationAccuracy, int bestEpoch, int epochsRun,
                             Optional<String> labelCaveat, ModelArtifacts artifacts) {
    /** Checks presence and copies the collections. */
    public TrainingReport {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(scope, "scope");
        timeframes = List.copyOf(timeframes);
        Objects.requireNonNull(baseTimeframe, "baseTimeframe");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(walkForward, "walkForward");
        walkForwardFolds = Map.copyOf(walkForwardFolds);
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(labelCaveat, "labelCaveat");
        Objects.requireNonNull(artifacts, "artifacts");
    }

    static TrainingReport of(StrategyTrainer.Run run) {
        var meta = run.result().artifacts().metadata();
        Map<String, Double> folds = new LinkedHashMap<>();
        run.result().summary().forEach((k, v) -> {
            if (k.startsWith("walk_forward_") && (k.matches(".*\\.\\d+$") || k.equals("walk_forward_folds_skipped"))) {
                folds.put(k, v);
            }
        });
        return new TrainingReport(run.strategy().name(), meta.scope().dirName(), meta.timeframes(), meta.baseTimeframe(),
                run.testEdge(), run.walkForwardEdge(), folds, run.split(), run.validation().overall().accuracy(),
                run.training().bestEpoch() + 1, run.training().history().size(), run.labelCaveat(), run.result().artifacts());
    }

    /**
     * The same report with the leave-one-symbol-out figures in its model's metadata (stored as
     * {@code metadata.json}'s {@code generalization}, beside each held-out symbol's own baseline).
     *
     * @param g results of {@link Ktrdr#generalization} for the same strategy and symbols
     * @return the report to store
     */
    public TrainingReport withGeneralization(StrategyTrainer.Generalization g) {
        ModelArtifacts a = artifacts;
        ModelArtifacts changed = new ModelArtifacts(a.metadata().toBuilder()
                .generalization(StrategyTrainer.metadataFigures(g)).build(), a.model(), a.strategyYaml(), a.scalerJson(),
                a.metricsJson(), a.historyCsv(), a.splitPlanJson());
        return new TrainingReport(strategy, scope, timeframes, baseTimeframe, test, walkForward, walkForwardFolds, split,
                validationAccuracy, bestEpoch, epochsRun, labelCaveat, changed);
    }

    /** @return the test rows' figures over all symbols */
    public BaselineFigures overall() {
        return test.figures();
    }

    /** @return the edge over all symbols' test rows, with its interval and verdict */
    public Edge edge() {
        return test.edge();
    }

    /** @return the symbols that had training rows (the model's training symbols) */
    public List<Symbol> trainingSymbols() {
        return split.trainingSymbols();
    }

    /** @return the first instant of the validation part (the model's training rows end before it) */
    public Instant validationCut() {
        return Instant.ofEpochMilli(split.validationCut());
    }

    /** @return the first instant of the test part */
    public Instant testCut() {
        return Instant.ofEpochMilli(split.testCut());
    }

    /**
     * @return the JSON form ({@code ktrdr train --json}): {@code strategy}, {@code scope},
     *     {@code timeframes}, {@code base_timeframe}, {@code test_rows},
     *     {@code test_accuracy}, {@code baseline_accuracy} (per-symbol majority, row-weighted),
     *     {@code pooled_majority_accuracy}, {@code momentum_accuracy}, {@code edge}, {@code edge_ci_low},
     *     {@code edge_ci_high}, {@code edge_against}, {@code verdict}, {@code label_caveat} (segment labels),
     *     {@code validation_accuracy}, {@code best_epoch}, {@code epochs_run}, {@code training_symbols},
     *     {@code per_symbol}, {@code walk_forward} (when configured) and {@code split_plan}; non-finite
     *     numbers are null
     */
    public String toJson() {
        return Json.write(toMap());
    }

    /** @return the document {@link #toJson()} writes, for callers that add keys (e.g. the stored version) */
    public Map<String, Object> toMap() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", strategy);
        d.put("scope", scope);
        d.put("timeframes", timeframes.stream().map(Timeframe::label).toList());
        d.put("base_timeframe", baseTimeframe.label());
        BaselineFigures t = test.figures();
        d.put("test_rows", t.rows());
        d.put("test_accuracy", Json.finite(t.accuracy()));
        d.put("baseline_accuracy", Json.finite(t.baselineAccuracy()));
        d.put("pooled_majority_accuracy", Json.finite(t.pooledMajorityAccuracy()));
        d.put("momentum_accuracy", Json.finite(t.momentumAccuracy()));
        d.put("edge", Json.finite(test.edge().point()));
        d.put("edge_ci_low", Json.finite(test.edge().low()));
        d.put("edge_ci_high", Json.finite(test.edge().high()));
        d.put("edge_against", test.edge().against().label());
        d.put("verdict", test.verdict().label());
        labelCaveat.ifPresent(c -> d.put("label_caveat", c));
        d.put("validation_accuracy", Json.finite(validationAccuracy));
        d.put("best_epoch", bestEpoch);
        d.put("epochs_run", epochsRun);
        d.put("training_symbols", trainingSymbols().stream().map(Symbol::value).toList());
        Map<String, Object> per = new LinkedHashMap<>();
        test.perSymbolFigures().forEach((s, m) -> {
            Edge x = test.perSymbolEdges().get(s);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("test_rows", m.rows());
            o.put("test_accuracy", Json.finite(m.accuracy()));
            o.put("baseline_accuracy", Json.finite(m.baselineAccuracy()));
            o.put("momentum_accuracy", Json.finite(m.momentumAccuracy()));
            o.put("edge", Json.finite(x.point()));
            o.put("edge_ci_low", Json.finite(x.low()));
            o.put("edge_ci_high", Json.finite(x.high()));
            o.put("verdict", x.verdict().label());
            per.put(s.value(), o);
        });
        d.put("per_symbol", per);
        walkForward.ifPresent(w -> {
            Map<String, Object> o = new LinkedHashMap<>(EdgeReport.json(w.figures(), w.edge()));
            Map<String, Object> folds = new LinkedHashMap<>();
            new java.util.TreeMap<>(walkForwardFolds).forEach((k, v) -> {
                if (!k.equals("walk_forward_folds_skipped")) {
                    folds.put(k, Json.finite(v));
                }
            });
            o.put("folds", folds);
            o.put("folds_skipped", walkForwardFolds.get("walk_forward_folds_skipped"));
            d.put("walk_forward", o);
        });
        d.put("split_plan", split.toJson());
        return d;
    }
}
