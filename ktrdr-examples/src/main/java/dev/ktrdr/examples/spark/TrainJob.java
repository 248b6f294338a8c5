package dev.ktrdr.examples.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.mlp.EpochStats;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.MlpTrainingResult;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.split.PooledCuts;
import dev.ktrdr.training.split.SampleBudget;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code train}: draws each symbol's training and validation sample in Spark under a budget
 * ({@link SampleBudget}: a row-local key filter on the executors, no shuffle; the driver keeps the
 * {@code budget} smallest keys of what arrives, and re-reads a symbol without the filter in the rare case
 * that it kept too few), collects the sample to the driver, trains there with the library's
 * {@link MlpTrainer} (the strategy's configuration, its balance strategy and seed) and saves the model
 * through {@link FileModelStore}.
 */
final class TrainJob {
    /** Seed offset of the validation sample, so that it is drawn independently of the training sample. */
    static final long VALIDATION_SEED_OFFSET = 1;

    /** The samples of one run, per symbol in symbol order. */
    record Samples(FeatureSpec spec, List<SymbolRows> train, List<SymbolRows> validation) {
    }

    /** What a train run produced. */
    record Result(Path version, MlpTrainingResult training, Samples samples) {
    }

    private TrainJob() {
    }

    static Result run(SparkSession spark, String features, String strategyYaml, String strategySource, String modelsDir,
                      int budget, int validationBudget) {
        Strategy strategy = StrategyLoader.parse(strategyYaml, strategySource, IndicatorCatalog.standard());
        Configuration conf = JobFiles.conf(JobFiles.hadoopSettings(spark));
        String out = JobFiles.uri(features);
        JsonNode job = JobFiles.readJson(out + "/job.json", conf);
        Samples samples = sample(spark, out, conf, strategy.training().seed(), budget, validationBudget);
        MultiSymbolSampler sampler = new MultiSymbolSampler(
                MultiSymbolSampler.Strategy.parse(strategy.model().multiSymbol().balanceStrategy()), strategy.training().seed());
        MlpTrainingResult trained = new MlpTrainer(strategy.mlpConfig()).train(samples.train(), samples.validation(), sampler,
                strategyYaml, ProgressListener.NONE);
        List<Timeframe> timeframes = new ArrayList<>();
        job.get("timeframes").forEach(t -> timeframes.add(Timeframe.parse(t.asText())));
        Timeframe base = Timeframe.parse(job.get("base_timeframe").asText());
        ModelArtifacts artifacts = artifacts(strategy, strategyYaml, strategySource, samples, trained, timeframes, base,
                budget, out);
        Path version = new FileModelStore(Path.of(modelsDir)).save(artifacts);
        return new Result(version, trained, samples);
    }

    /** The per-symbol samples, drawn in Spark and trimmed exactly on the driver. */
    static Samples sample(SparkSession spark, String out, Configuration conf, long seed, int budget, int validationBudget) {
        JsonNode plan = JobFiles.readJson(out + "/split_plan.json", conf);
        PooledCuts cuts = new PooledCuts(plan.get("validation_cut").asLong(),
                plan.get("test_cut").isNull() ? Long.MAX_VALUE : plan.get("test_cut").asLong());
        List<String> names = new ArrayList<>();
        JobFiles.readJson(out + "/feature_spec.json", conf).get("names").forEach(n -> names.add(n.asText()));
        FeatureSpec spec = new FeatureSpec(names);
        Map<String, Long> trainThreshold = new HashMap<>();
        Map<String, Long> validationThreshold = new HashMap<>();
        Map<String, long[]> wanted = new TreeMap<>();
        plan.get("symbols").fields().forEachRemaining(e -> {
            long tr = e.getValue().get("train").asLong();
            long va = e.getValue().get("validation").asLong();
            trainThreshold.put(e.getKey(), SampleBudget.threshold(tr, budget));
            validationThreshold.put(e.getKey(), SampleBudget.threshold(va, validationBudget));
            wanted.put(e.getKey(), new long[] {Math.min(tr, budget), Math.min(va, validationBudget)});
        });
        Dataset<Row> rows = spark.read().parquet(out + "/rows");
        Map<String, List<Row>> got = collect(rows, cuts, seed, trainThreshold, validationThreshold);
        // a symbol whose first pass kept too few rows (improbable) is read again without the key filter
        Map<String, Long> all = new HashMap<>();
        List<String> again = new ArrayList<>();
        for (Map.Entry<String, long[]> e : wanted.entrySet()) {
            List<Row> g = got.getOrDefault(e.getKey(), List.of());
            long tr = g.stream().filter(r -> r.getByte(4) == PooledCuts.TRAIN).count();
            long va = g.size() - tr;
            if (tr < e.getValue()[0] || va < e.getValue()[1]) {
                again.add(e.getKey());
                all.put(e.getKey(), Long.MAX_VALUE);
            }
        }
        if (!again.isEmpty()) {
            got.putAll(collect(rows.filter(rows.col("symbol").isin(again.toArray())), cuts, seed, all, all));
        }
        List<SymbolRows> train = new ArrayList<>();
        List<SymbolRows> validation = new ArrayList<>();
        for (String s : wanted.keySet()) {
            List<Row> g = new ArrayList<>(got.getOrDefault(s, List.of()));
            g.sort((a, b) -> Long.compare(a.getLong(1), b.getLong(1)));
            SymbolRows t = trim(Symbol.of(s), spec, g, PooledCuts.TRAIN, seed, budget);
            SymbolRows v = trim(Symbol.of(s), spec, g, PooledCuts.VALIDATION, seed + VALIDATION_SEED_OFFSET, validationBudget);
            if (t != null) {
                train.add(t);
            }
            if (v != null) {
                validation.add(v);
            }
        }
        if (train.isEmpty()) {
            throw new DataException("no training rows in " + out + " (every symbol's rows fall after the validation cut)");
        }
        return new Samples(spec, train, validation);
    }

    /** Rows of the training and validation parts whose key is under their symbol's bound: (symbol, time, label, features, part). */
    private static Map<String, List<Row>> collect(Dataset<Row> rows, PooledCuts cuts, long seed, Map<String, Long> trainBound,
                                                  Map<String, Long> validationBound) {
        long c1 = cuts.validationCut();
        long c2 = cuts.testCut();
        List<Row> kept = rows.select("symbol", "time", "label", "label_end", "features").javaRDD().filter(r -> {
            byte part = new PooledCuts(c1, c2).part(r.getByte(2), r.getLong(1), r.getLong(3));
            if (part == PooledCuts.TRAIN) {
                return SampleBudget.key(seed, Symbol.of(r.getString(0)), r.getLong(1))
                        < trainBound.getOrDefault(r.getString(0), Long.MAX_VALUE)
                        || trainBound.getOrDefault(r.getString(0), Long.MAX_VALUE) == Long.MAX_VALUE;
            }
            if (part == PooledCuts.VALIDATION) {
                long bound = validationBound.getOrDefault(r.getString(0), Long.MAX_VALUE);
                return bound == Long.MAX_VALUE
                        || SampleBudget.key(seed + VALIDATION_SEED_OFFSET, Symbol.of(r.getString(0)), r.getLong(1)) < bound;
            }
            return false;
        }).map(r -> org.apache.spark.sql.RowFactory.create(r.getString(0), r.getLong(1), r.getByte(2), r.get(4),
                new PooledCuts(c1, c2).part(r.getByte(2), r.getLong(1), r.getLong(3)))).collect();
        Map<String, List<Row>> out = new TreeMap<>();
        for (Row r : kept) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** The exact sample of one part of one symbol from its collected rows (sorted by time), as SymbolRows; null when empty. */
    private static SymbolRows trim(Symbol symbol, FeatureSpec spec, List<Row> rows, byte part, long seed, int budget) {
        List<Row> p = new ArrayList<>();
        for (Row r : rows) {
            if (r.getByte(4) == part) {
                p.add(r);
            }
        }
        if (p.isEmpty()) {
            return null;
        }
        long[] times = new long[p.size()];
        int[] candidates = new int[p.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = p.get(i).getLong(1);
            candidates[i] = i;
        }
        int[] keep = SampleBudget.select(seed, symbol, times, candidates, budget);
        int cols = spec.size();
        long[] t = new long[keep.length];
        double[] values = new double[keep.length * cols];
        byte[] labels = new byte[keep.length];
        for (int i = 0; i < keep.length; i++) {
            Row r = p.get(keep[i]);
            t[i] = r.getLong(1);
            labels[i] = r.getByte(2);
            scala.collection.Seq<?> f = (scala.collection.Seq<?>) r.get(3);
            if (f.size() != cols) {
                throw new DataException(symbol + " row at " + Instant.ofEpochMilli(t[i]) + " has " + f.size()
                        + " features, the spec " + cols);
            }
            for (int c = 0; c < cols; c++) {
                values[i * cols + c] = (Double) f.apply(c);
            }
        }
        return new SymbolRows(new FeatureMatrix(symbol, spec, t, values), labels);
    }

    private static ModelArtifacts artifacts(Strategy s, String yaml, String source, Samples samples, MlpTrainingResult trained,
                                            List<Timeframe> timeframes, Timeframe base, int budget, String features) {
        MlpModel model = trained.model();
        List<Symbol> symbols = new ArrayList<>();
        Map<Symbol, Long> perSymbol = new LinkedHashMap<>();
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (SymbolRows r : samples.train()) {
            symbols.add(r.features().symbol());
            perSymbol.put(r.features().symbol(), (long) r.labelledRows());
            first = Math.min(first, r.features().time(0));
            last = Math.max(last, r.features().time(r.features().rows() - 1));
        }
        FeatureSpec spec = model.featureSpec();
        Map<Timeframe, Integer> perTf = new LinkedHashMap<>();
        for (Timeframe tf : timeframes) {
            perTf.put(tf, (int) spec.names().stream().filter(n -> n.startsWith(tf.label() + "_")).count());
        }
        ModelCodec codec = ModelCodecs.forModel(model);
        Map<String, String> provenance = new LinkedHashMap<>(trained.provenance());
        provenance.put("strategy_source", source);
        provenance.put("trained_by", "ktrdr-spark-job train");
        provenance.put("features", features);
        provenance.put("sample_budget_per_symbol", Integer.toString(budget));
        Map<String, Double> performance = new LinkedHashMap<>();
        performance.put("train_rows", (double) perSymbol.values().stream().mapToLong(Long::longValue).sum());
        performance.put("best_epoch", (double) trained.bestEpoch());
        performance.put("epochs_run", (double) trained.history().size());
        ModelMetadata metadata = ModelMetadata.builder().strategy(s.name()).scope(scope(s, symbols)).symbols(symbols)
                .samplesPerSymbol(perSymbol).timeframes(timeframes).baseTimeframe(base)
                .dataRange(Instant.ofEpochMilli(first), Instant.ofEpochMilli(last))
                .deployment(new Deployment(s.deployment().mode(), s.deployment().assetClasses(), s.deployment().excluded(),
                        s.deployment().supportedTimeframes().stream().filter(timeframes::contains).toList()))
                .architecture(new ModelMetadata.FeatureArchitecture(spec.size(), perTf, s.model().symbolEncoding().type(),
                        s.model().symbolEncoding().type().equals("embedding") ? s.model().symbolEncoding().dim() : 0,
                        spec.names()))
                .performance(performance).format(codec.formatId(), codec.formatVersion())
                .libraryVersion(version()).createdAt(Instant.now()).provenance(provenance).build();
        StringBuilder history = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy\n");
        for (EpochStats e : trained.history()) {
            history.append(e.epoch()).append(',').append(e.trainLoss()).append(',').append(e.trainAccuracy()).append(',')
                    .append(e.validationLoss()).append(',').append(e.validationAccuracy()).append('\n');
        }
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("best_epoch", trained.bestEpoch());
        metrics.put("stopped_early", trained.stoppedEarly());
        metrics.put("note", "trained by the Spark job on a per-symbol sample; evaluate with the backtest subcommand");
        try {
            return new ModelArtifacts(metadata, model, yaml, model.scaler().toJson(spec),
                    JobFiles.JSON.writeValueAsString(metrics), history.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException("cannot write metrics JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ModelScope scope(Strategy s, List<Symbol> symbols) {
        if (s.scope() == Strategy.Scope.UNIVERSAL) {
            return ModelScope.UNIVERSAL;
        }
        if (s.scope() == Strategy.Scope.SYMBOL_SPECIFIC) {
            if (symbols.size() != 1) {
                throw new ConfigurationException("scope", "a symbol_specific strategy trains one symbol; the features have "
                        + symbols);
            }
            return ModelScope.symbol(symbols.get(0));
        }
        if (s.deployment().assetClasses().size() == 1) {
            return ModelScope.group(s.deployment().assetClasses().iterator().next().id());
        }
        throw new ConfigurationException("scope", "symbol_group needs one asset class under "
                + "deployment.target_symbols.restrictions for the Spark job");
    }

    private static String version() {
        String v = TrainJob.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
