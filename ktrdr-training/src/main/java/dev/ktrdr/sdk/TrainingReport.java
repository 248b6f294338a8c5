package dev.ktrdr.sdk;

import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.eval.ClassificationMetrics;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.split.SymbolSplit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a training run produced: the figures on the test rows overall and per symbol, each beside its
 * baselines, the split plan, and the model (kept for {@link Ktrdr#store}).
 *
 * @param strategy the strategy name
 * @param scope the stored model's scope id ({@code universal}, {@code group-…} or a symbol)
 * @param timeframes the model's timeframes
 * @param baseTimeframe the rows' timeframe
 * @param overall the figures over every test row
 * @param perSymbol per training symbol, in order
 * @param validationAccuracy accuracy on the validation rows
 * @param bestEpoch the epoch whose weights were kept, counted from 1
 * @param epochsRun epochs trained
 * @param validationCut first instant of the validation part
 * @param testCut first instant of the test part
 * @param artifacts the model and what the store keeps with it
 */
public record TrainingReport(String strategy, String scope, List<Timeframe> timeframes, Timeframe baseTimeframe,
                             Figures overall, List<SymbolFigures> perSymbol, double validationAccuracy, int bestEpoch,
                             int epochsRun, Instant validationCut, Instant testCut, ModelArtifacts artifacts) {
    /** Checks presence and copies the lists. */
    public TrainingReport {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(scope, "scope");
        timeframes = List.copyOf(timeframes);
        Objects.requireNonNull(baseTimeframe, "baseTimeframe");
        Objects.requireNonNull(overall, "overall");
        perSymbol = List.copyOf(perSymbol);
        Objects.requireNonNull(validationCut, "validationCut");
        Objects.requireNonNull(testCut, "testCut");
        Objects.requireNonNull(artifacts, "artifacts");
    }

    /**
     * Test figures of a set of rows.
     *
     * @param rows test rows
     * @param accuracy the model's accuracy
     * @param baseline the row-weighted average of each symbol's own majority-class share on these rows
     * @param momentum accuracy of the momentum baseline on the same rows
     */
    public record Figures(long rows, double accuracy, double baseline, double momentum) {
    }

    /**
     * One symbol's rows per split and its test figures.
     *
     * @param symbol the symbol
     * @param trainRows training rows
     * @param validationRows validation rows
     * @param testRows test rows
     * @param purgedRows rows dropped before each cut so that no label reaches past it
     * @param test its test figures
     */
    public record SymbolFigures(Symbol symbol, int trainRows, int validationRows, int testRows, int purgedRows,
                                Figures test) {
    }

    static TrainingReport of(StrategyTrainer.Run run) {
        List<SymbolFigures> per = new ArrayList<>();
        for (StrategyTrainer.Prepared p : run.prepared()) {
            Symbol s = p.info().symbol();
            SymbolSplit split = run.split().of(s);
            ClassificationMetrics m = run.test().perSymbol().get(s);
            per.add(new SymbolFigures(s, split.train().length, split.validation().length, split.test().length,
                    split.purged(), new Figures(m.count(), m.accuracy(), m.baseline(), Double.NaN)));
        }
        ClassificationMetrics t = run.test().overall();
        long rows = 0;
        double weighted = 0;
        for (SymbolFigures f : per) {
            rows += f.test().rows();
            weighted += f.test().rows() == 0 ? 0 : f.test().rows() * f.test().baseline();
        }
        Figures overall = new Figures(t.count(), t.accuracy(), rows == 0 ? Double.NaN : weighted / rows,
                run.momentumTest().accuracy());
        var meta = run.result().artifacts().metadata();
        return new TrainingReport(run.strategy().name(), meta.scope().dirName(), meta.timeframes(), meta.baseTimeframe(), overall,
                per, run.validation().overall().accuracy(), run.training().bestEpoch(), run.training().history().size(),
                Instant.ofEpochMilli(run.split().validationCut()), Instant.ofEpochMilli(run.split().testCut()),
                run.result().artifacts());
    }

    /** @return one JSON document with every figure (non-finite ones as null) and the split plan */
    public String toJson() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", strategy);
        d.put("scope", scope);
        d.put("timeframes", timeframes.stream().map(Timeframe::label).toList());
        d.put("base_timeframe", baseTimeframe.label());
        d.put("test_rows", overall.rows());
        d.put("test_accuracy", Json.finite(overall.accuracy()));
        d.put("baseline_accuracy", Json.finite(overall.baseline()));
        d.put("momentum_accuracy", Json.finite(overall.momentum()));
        d.put("validation_accuracy", Json.finite(validationAccuracy));
        d.put("best_epoch", bestEpoch);
        d.put("epochs_run", epochsRun);
        d.put("validation_cut", validationCut.toString());
        d.put("test_cut", testCut.toString());
        Map<String, Object> per = new LinkedHashMap<>();
        for (SymbolFigures f : perSymbol) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("train_rows", f.trainRows());
            x.put("validation_rows", f.validationRows());
            x.put("test_rows", f.testRows());
            x.put("purged_rows", f.purgedRows());
            x.put("test_accuracy", Json.finite(f.test().accuracy()));
            x.put("baseline_accuracy", Json.finite(f.test().baseline()));
            per.put(f.symbol().value(), x);
        }
        d.put("per_symbol", per);
        return Json.write(d);
    }
}
