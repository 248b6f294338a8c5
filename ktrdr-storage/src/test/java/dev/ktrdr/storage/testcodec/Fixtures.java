package dev.ktrdr.storage.testcodec;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builders of model artefacts for storage tests. */
public final class Fixtures {
    private Fixtures() {
    }

    /** A small strategy text. */
    public static final String STRATEGY_YAML = "name: test_strategy\nversion: \"3.0\"\nscope: universal\n"
            + "deployment:\n  target_symbols:\n    mode: universal\n";

    /**
     * @param timeframes timeframes
     * @return feature names, two per timeframe
     */
    public static FeatureSpec spec(List<Timeframe> timeframes) {
        List<String> names = new ArrayList<>();
        for (Timeframe tf : timeframes) {
            names.add(tf.label() + "_rsi_14_oversold");
            names.add(tf.label() + "_rsi_14_overbought");
        }
        return new FeatureSpec(names);
    }

    /**
     * @param strategy strategy
     * @param scope scope
     * @param timeframes timeframes (base = first)
     * @param deployment deployment
     * @param symbols training symbols
     * @param seed weight seed
     * @return artefacts of a linear model
     */
    public static ModelArtifacts artifacts(String strategy, ModelScope scope, List<Timeframe> timeframes,
                                           Deployment deployment, List<Symbol> symbols, long seed) {
        FeatureSpec spec = spec(timeframes);
        Map<Symbol, Long> samples = new LinkedHashMap<>();
        for (Symbol s : symbols) {
            samples.put(s, 1000L + s.value().length());
        }
        Map<Timeframe, Integer> per = new LinkedHashMap<>();
        for (Timeframe tf : timeframes) {
            per.put(tf, 2);
        }
        ModelMetadata md = ModelMetadata.builder().strategy(strategy).scope(scope).symbols(symbols)
                .samplesPerSymbol(samples).timeframes(timeframes).baseTimeframe(timeframes.get(0))
                .dataRange(Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-12-31T23:00:00Z"))
                .deployment(deployment)
                .architecture(new ModelMetadata.FeatureArchitecture(spec.size(), per, "embedding", 4, spec.names()))
                .performance(Map.of("test_accuracy", 0.5 + seed % 10 / 100.0, "calibration_ece", Double.NaN))
                .format(LinearSoftmaxCodec.ID, 1).libraryVersion("0.1.0-test")
                .createdAt(Instant.parse("2021-01-02T03:04:05Z"))
                .provenance(Map.of("seed", Long.toString(seed), "strategy_sha256", "abc")).build();
        return new ModelArtifacts(md, LinearSoftmaxModel.random(spec, seed), STRATEGY_YAML,
                "{\"mean\": [0.1, 0.2], \"std\": [1.0, 2.0]}", "{\"test_accuracy\": 0.5}", "epoch,loss\n1,0.9\n2,0.8\n");
    }

    /**
     * @param timeframes supported timeframes
     * @return a universal deployment
     */
    public static Deployment universal(List<Timeframe> timeframes) {
        return new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(), timeframes);
    }

    /**
     * @param timeframes timeframes
     * @param classes classes
     * @return a group-restricted deployment
     */
    public static Deployment groupRestricted(List<Timeframe> timeframes, AssetClass... classes) {
        return new Deployment(Deployment.Mode.GROUP_RESTRICTED, Set.of(classes), Set.of(), timeframes);
    }

    /**
     * @param timeframes timeframes
     * @return a training-only deployment
     */
    public static Deployment trainingOnly(List<Timeframe> timeframes) {
        return new Deployment(Deployment.Mode.TRAINING_ONLY, Set.of(), Set.of(), timeframes);
    }

    /** @return a standard universal artefact set on 1h,4h,1d */
    public static ModelArtifacts universal(String strategy, long seed) {
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        return artifacts(strategy, ModelScope.UNIVERSAL, tfs, universal(tfs),
                List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT"), Symbol.of("AAPL")), seed);
    }
}
