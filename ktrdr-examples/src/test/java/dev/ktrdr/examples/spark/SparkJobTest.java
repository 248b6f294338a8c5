package dev.ktrdr.examples.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.sdk.BacktestOptions;
import dev.ktrdr.sdk.BacktestReport;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SampleBudget;
import dev.ktrdr.training.split.SplitPlan;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode (one session for the class) against the single-machine path on the same
 * synthetic bars, strategy and seed: features bitwise, the split, the model trained from the same sample,
 * and the backtest figures.
 */
class SparkJobTest {
    static final String STRATEGY = "name: spark_tiny\n"
            + "version: \"3.0\"\n"
            + "scope: universal\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [EURUSD, GBPUSD, BTCUSDT, AAPL]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "deployment:\n"
            + "  target_symbols: {mode: universal}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "  sma_20: {type: sma, period: 20}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "  sma_20: {indicator: sma_20, input_transform: {type: price_ratio},"
            + " below: [0.97, 0.99, 1.0], near: [0.99, 1.0, 1.01], above: [1.0, 1.01, 1.03]}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "decisions: {confidence_threshold: 0.4, position_awareness: true, allow_short: true,"
            + " filters: {min_signal_separation: 2}}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 3\n"
            + "  batch_size: 64\n"
            + "  seed: 11\n";
    static final int BUDGET = 700;
    static final int VALIDATION_BUDGET = 150;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path data;
    static Path models;
    static FeaturesJob.Result features;
    static TrainJob.Result trained;
    static BacktestJob.Result backtests;

    @BeforeAll
    static void runTheJobs() throws Exception {
        spark = session();
        data = tmp.resolve("data");
        Files.createDirectories(data);
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(0, 5), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 1500, 5);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        models = tmp.resolve("models");
        String out = tmp.resolve("features").toString();
        features = FeaturesJob.run(spark, data.toString(), STRATEGY, "spark_tiny.yaml", List.of(), out);
        trained = TrainJob.run(spark, out, STRATEGY, "spark_tiny.yaml", models.toString(), BUDGET, VALIDATION_BUDGET);
        backtests = BacktestJob.run(spark, out, models.toString(), "spark_tiny", List.of(), 2, tmp.resolve("bt").toString());
    }

    /** The session every Spark test uses: local[2], bound to the loopback address, no UI. */
    static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("ktrdr-test")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.default.parallelism", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** The single-machine path: the library's preparation of every symbol from the local folder. */
    static List<SymbolDataset> singleMachine() {
        DataFolder folder = new DataFolder(data);
        StrategyTrainer trainer = new StrategyTrainer();
        Strategy s = StrategyLoader.parse(STRATEGY, "spark_tiny.yaml", trainer.catalog());
        List<Timeframe> tfs = s.trainingData().timeframes().list();
        List<SymbolDataset> out = new ArrayList<>();
        for (String sym : features.symbols()) {
            TrainingRequest req = new TrainingRequest(STRATEGY, "spark_tiny.yaml", folder, x -> folder.registry().info(x),
                    List.of(Symbol.of(sym)), tfs);
            out.add(trainer.prepare(s, req, folder.registry().info(Symbol.of(sym)), tfs, Timeframe.H1).dataset());
        }
        return out;
    }

    @Test
    void parquetFeaturesAreBitwiseThoseOfTheSingleMachinePipeline() {
        assertThat(features.symbols()).containsExactly("AAPL", "BTCUSDT", "EURUSD", "GBPUSD");
        long total = 0;
        for (SymbolDataset d : singleMachine()) {
            List<Row> rows = spark.read().parquet(tmp.resolve("features/rows").toString())
                    .filter("symbol = '" + d.symbol().value() + "'").orderBy("time").collectAsList();
            assertThat(rows).hasSize(d.rows());
            FeatureMatrix m = d.features();
            assertThat(m.spec()).isEqualTo(features.spec());
            for (int r = 0; r < d.rows(); r++) {
                Row row = rows.get(r);
                assertThat(row.getLong(row.fieldIndex("time"))).isEqualTo(d.time(r));
                assertThat(row.getByte(row.fieldIndex("label"))).isEqualTo(d.classAt(r));
                assertThat(row.getLong(row.fieldIndex("label_end"))).isEqualTo(d.labelEnd(r));
                List<Double> f = row.getList(row.fieldIndex("features"));
                assertThat(f).hasSize(m.columns());
                for (int c = 0; c < m.columns(); c++) {
                    assertThat(Double.doubleToRawLongBits(f.get(c))).as("%s row %d column %d", d.symbol(), r, c)
                            .isEqualTo(Double.doubleToRawLongBits(m.get(r, c)));
                }
            }
            total += d.rows();
        }
        assertThat(features.rows()).isEqualTo(total);
    }

    @Test
    void splitPlanIsTheSingleMachineSplit() throws Exception {
        List<SymbolDataset> ds = singleMachine();
        SplitPlan plan = new ChronologicalSplitter(0.7, 0.15, 0.15).split(ds);
        assertThat(features.cuts().validationCut()).isEqualTo(plan.validationCut());
        assertThat(features.cuts().testCut()).isEqualTo(plan.testCut());
        var json = JobFiles.JSON.readTree(Files.readString(tmp.resolve("features/split_plan.json")));
        for (SymbolDataset d : ds) {
            var s = json.get("symbols").get(d.symbol().value());
            assertThat(s.get("train").asInt()).isEqualTo(plan.of(d.symbol()).trainRows());
            assertThat(s.get("validation").asInt()).isEqualTo(plan.of(d.symbol()).validationRows());
            assertThat(s.get("test").asInt()).isEqualTo(plan.of(d.symbol()).testRows());
            assertThat(s.get("purged").asInt()).isEqualTo(plan.of(d.symbol()).purged());
        }
        assertThat(Files.readString(tmp.resolve("features/strategy.yaml"))).isEqualTo(STRATEGY);
        assertThat(JobFiles.JSON.readTree(Files.readString(tmp.resolve("features/feature_spec.json"))).get("names"))
                .hasSize(features.spec().size());
    }

    @Test
    void modelTrainedFromTheSameSampleIsIdentical() {
        Strategy s = StrategyLoader.parse(STRATEGY, "spark_tiny.yaml", new StrategyTrainer().catalog());
        List<SymbolDataset> ds = singleMachine();
        SplitPlan plan = new ChronologicalSplitter(0.7, 0.15, 0.15).split(ds);
        long seed = s.training().seed();
        List<SymbolRows> train = new ArrayList<>();
        List<SymbolRows> validation = new ArrayList<>();
        for (SymbolDataset d : ds) {
            train.add(rows(d, SampleBudget.select(seed, d.symbol(), d.features().times(), plan.of(d.symbol()).train(), BUDGET)));
            validation.add(rows(d, SampleBudget.select(seed + TrainJob.VALIDATION_SEED_OFFSET, d.symbol(), d.features().times(),
                    plan.of(d.symbol()).validation(), VALIDATION_BUDGET)));
        }
        // the sample drawn in Spark is the single machine's, row for row
        assertThat(trained.samples().train()).hasSameSizeAs(train);
        for (int k = 0; k < train.size(); k++) {
            SymbolRows a = trained.samples().train().get(k);
            SymbolRows b = train.get(k);
            assertThat(a.features().times()).isEqualTo(b.features().times());
            assertThat(a.labels()).isEqualTo(b.labels());
            assertThat(a.features().values()).isEqualTo(b.features().values());
            assertThat(a.features().times()).hasSize(Math.min(BUDGET, plan.of(b.features().symbol()).trainRows()));
        }
        MlpModel single = new MlpTrainer(s.mlpConfig()).train(train, validation, new MultiSymbolSampler(
                MultiSymbolSampler.Strategy.parse(s.model().multiSymbol().balanceStrategy()), seed), STRATEGY,
                ProgressListener.NONE).model();
        var stored = new FileModelStore(models).load(trained.version());
        var codec = ModelCodecs.forModel(single);
        assertThat(codec.encode(stored.model())).isEqualTo(codec.encode(single));
        assertThat(stored.metadata().samplesPerSymbol().get(Symbol.of("AAPL"))).isEqualTo((long) train.get(0).labelledRows());
    }

    private static SymbolRows rows(SymbolDataset d, int[] sel) {
        FeatureMatrix m = d.features();
        int cols = m.columns();
        long[] t = new long[sel.length];
        double[] v = new double[sel.length * cols];
        byte[] y = new byte[sel.length];
        for (int i = 0; i < sel.length; i++) {
            t[i] = m.time(sel[i]);
            m.copyRow(sel[i], v, i * cols);
            y[i] = d.classAt(sel[i]);
        }
        return new SymbolRows(new FeatureMatrix(d.symbol(), m.spec(), t, v), y);
    }

    @Test
    void backtestFiguresEqualKtrdrBacktest() throws Exception {
        assertThat(backtests.failed()).as("%s", backtests.rows()).isZero();
        assertThat(backtests.rows()).hasSize(8);
        Ktrdr k = Ktrdr.open(data, models);
        for (Row r : backtests.rows()) {
            String sym = r.getString(0);
            BacktestOptions o = BacktestOptions.DEFAULTS.from(Instant.ofEpochMilli(r.getLong(2)))
                    .to(Instant.ofEpochMilli(r.getLong(3) - 1));
            BacktestReport single = k.backtest(k.resolve("spark_tiny", sym), o);
            BacktestReport.Figures f = single.figures();
            double[] expected = {f.totalReturn(), f.annualizedReturn(), f.sharpe(), f.sortino(), f.maxDrawdown(), f.winRate(),
                f.profitFactor(), f.exposure(), f.costsPaid(), f.buyHoldReturn()};
            for (int i = 0; i < expected.length; i++) {
                double got = r.getDouble(r.fieldIndex(BacktestJob.FIGURES[i]));
                assertThat(Double.doubleToRawLongBits(got)).as("%s window %d %s", sym, r.getInt(1), BacktestJob.FIGURES[i])
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
            assertThat(r.getInt(r.fieldIndex("trade_count"))).isEqualTo(f.tradeCount());
            assertThat(r.getInt(r.fieldIndex("bars"))).isEqualTo(single.bars());
            assertThat(r.getString(r.fieldIndex("rung"))).isEqualTo(single.resolution().rung().name());
        }
        assertThat(Files.list(tmp.resolve("bt/figures_csv")).filter(p -> p.toString().endsWith(".csv")).count()).isEqualTo(1);
        var summary = JobFiles.JSON.readTree(Files.readString(tmp.resolve("bt/summary.json")));
        assertThat(summary.get("backtests").asInt()).isEqualTo(8);
        assertThat(summary.get("failed").asInt()).isZero();
    }

    @Test
    void badInputIsOneClearLineAndWritesNothing() {
        assertThatThrownBy(() -> FeaturesJob.run(spark, data.toString(), STRATEGY, "spark_tiny.yaml", List.of(),
                tmp.resolve("features").toString())).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("already exists");
        assertThatThrownBy(() -> SparkJob.run(new String[] {"features", "--data", "x"}, System.out))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--data");
        BacktestJob.Result r = BacktestJob.run(spark, tmp.resolve("features").toString(), models.toString(), "no_such_strategy",
                List.of("AAPL"), 1, tmp.resolve("bt-missing").toString());
        assertThat(r.failed()).isEqualTo(1);
        assertThat(r.rows().get(0).getString(r.rows().get(0).fieldIndex("error"))).isNotBlank().doesNotContain("\n");
    }
}
