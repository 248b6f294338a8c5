package dev.ktrdr.examples.spark;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.split.PooledCuts;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * {@code features}: one task per symbol reads the symbol's bar files, runs the library's own per-symbol
 * preparation ({@link StrategyTrainer#prepare}: the strategy's overrides, date range with warm-up history,
 * {@link StrategyFeatures}, labels, pairing) and emits one row per feature row; Spark's Parquet writer
 * stores them partitioned by symbol. Then columnar passes over {@code time} and {@code label} find the exact
 * pooled quantiles (labelled rows per day, then the times of the day that holds each cut), which give the
 * {@link PooledCuts} that {@link dev.ktrdr.training.split.ChronologicalSplitter} would give on one machine.
 *
 * <p>Writes under OUT: {@code rows/symbol=S/*.parquet} (columns {@code time} bar open time in UTC epoch ms,
 * {@code label} class index or -1, {@code label_end} open time of the last base bar the label looks at,
 * {@code features} the feature row, in {@code feature_spec.json}'s order), {@code feature_spec.json},
 * {@code split_plan.json} (cuts and rows per part per symbol), {@code strategy.yaml} and {@code job.json}
 * (data folder, symbols, timeframes).
 */
final class FeaturesJob {
    static final StructType SCHEMA = new StructType()
            .add("symbol", DataTypes.StringType, false)
            .add("time", DataTypes.LongType, false)
            .add("label", DataTypes.ByteType, false)
            .add("label_end", DataTypes.LongType, false)
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);

    /** What a features run found. */
    record Result(List<String> symbols, long rows, PooledCuts cuts, FeatureSpec spec) {
    }

    private FeaturesJob() {
    }

    static Result run(SparkSession spark, String dataDir, String strategyYaml, String strategySource, List<String> only,
                      String out) {
        Strategy strategy = StrategyLoader.parse(strategyYaml, strategySource, IndicatorCatalog.standard());
        List<Timeframe> timeframes = strategy.trainingData().timeframes().list();
        Timeframe base = baseOf(strategy, timeframes);
        Map<String, String> settings = JobFiles.hadoopSettings(spark);
        Configuration conf = JobFiles.conf(settings);
        String data = JobFiles.uri(dataDir);
        String outUri = JobFiles.uri(out);
        if (JobFiles.exists(outUri + "/rows", conf)) {
            throw new ConfigurationException("--out", outUri + "/rows already exists; choose a new folder");
        }
        SymbolRegistry registry = registry(data, conf);
        Map<Symbol, List<String>> files = listFiles(data, conf);
        List<Symbol> symbols = symbols(strategy, only, files);
        List<String> tasks = new ArrayList<>();
        for (Symbol s : symbols) {
            List<String> f = files.get(s);
            if (f == null) {
                throw new DataException("no bar files for " + s + " in " + data);
            }
            tasks.add(HadoopBars.line(registry.info(s)) + "\t" + String.join("\t", f));
        }
        SymbolInfo first = registry.info(symbols.get(0));
        StrategyFeatures pipeline = StrategyFeatures.of(strategy, first, timeframes, base);
        FeatureSpec spec = pipeline.context().specFor(pipeline.fuzzySpec());
        List<String> names = spec.names();

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // one partition, so one task, per symbol; nothing is shuffled
        var rows = jsc.parallelize(tasks, tasks.size()).flatMap(task -> symbolRows(task, strategyYaml, strategySource,
                names, settings));
        Dataset<Row> df = spark.createDataFrame(rows, SCHEMA);
        df.write().mode(SaveMode.ErrorIfExists).partitionBy("symbol").parquet(outUri + "/rows");

        // the split: the exact pooled quantiles in two small passes, without a histogram of every bar time: labelled
        // rows per day first, then the exact times of the one day that holds each cut
        Dataset<Row> written = spark.read().parquet(outUri + "/rows");
        var split = strategy.training().split();
        PooledCuts cuts = cuts(written, split.train(), split.validation(), split.test());
        Map<String, long[]> perSymbol = partCounts(written, cuts);
        long total = 0;
        for (long[] c : perSymbol.values()) {
            for (long x : c) {
                total += x;
            }
        }

        JobFiles.writeJson(outUri + "/feature_spec.json", Map.of("names", names), conf);
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("validation_cut", cuts.validationCut());
        plan.put("test_cut", cuts.testCut() == Long.MAX_VALUE ? null : cuts.testCut());
        plan.put("fractions", Map.of("train", split.train(), "validation", split.validation(), "test", split.test()));
        Map<String, Object> sym = new TreeMap<>();
        perSymbol.forEach((k, c) -> sym.put(k, Map.of("train", c[PooledCuts.TRAIN], "validation", c[PooledCuts.VALIDATION],
                "test", c[PooledCuts.TEST], "purged", c[PooledCuts.PURGED], "unlabelled", c[PooledCuts.UNLABELLED])));
        plan.put("symbols", sym);
        JobFiles.writeJson(outUri + "/split_plan.json", plan, conf);
        JobFiles.write(outUri + "/strategy.yaml", strategyYaml, conf);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("data_dir", data);
        job.put("strategy_source", strategySource);
        job.put("strategy", strategy.name());
        job.put("symbols", symbols.stream().map(Symbol::value).toList());
        job.put("timeframes", timeframes.stream().map(Timeframe::label).toList());
        job.put("base_timeframe", base.label());
        job.put("rows", total);
        JobFiles.writeJson(outUri + "/job.json", job, conf);
        return new Result(symbols.stream().map(Symbol::value).toList(), total, cuts, spec);
    }

    /** The task of one symbol: its prepared rows, exactly as {@link StrategyTrainer#prepare} makes them. */
    static Iterator<Row> symbolRows(String task, String yaml, String source, List<String> names, Map<String, String> settings) {
        SymbolDataset d = prepare(task, yaml, source, settings);
        FeatureMatrix m = d.features();
        FeatureSpec expected = new FeatureSpec(names);
        m.spec().requireSameAs(expected);
        String sym = d.symbol().value();
        int cols = m.columns();
        double[] values = m.values();
        List<Row> out = new ArrayList<>(d.rows());
        for (int r = 0; r < d.rows(); r++) {
            double[] row = new double[cols];
            System.arraycopy(values, r * cols, row, 0, cols);
            out.add(RowFactory.create(sym, d.time(r), d.classAt(r), d.labelEnd(r), row));
        }
        return out.iterator();
    }

    /** One symbol's dataset from a task line ({@code info \t tf=uri ...}). */
    static SymbolDataset prepare(String task, String yaml, String source, Map<String, String> settings) {
        String[] f = task.split("\t");
        SymbolInfo info = HadoopBars.parseLine(f[0]);
        HadoopBars bars = new HadoopBars(info, HadoopBars.parseFiles(List.of(f).subList(1, f.length)),
                JobFiles.conf(settings));
        StrategyTrainer trainer = new StrategyTrainer();
        Strategy strategy = StrategyLoader.parse(yaml, source, trainer.catalog());
        List<Timeframe> timeframes = strategy.trainingData().timeframes().list();
        TrainingRequest request = new TrainingRequest(yaml, source, bars, s -> info, List.of(info.symbol()), timeframes);
        return trainer.prepare(strategy, request, info, timeframes, baseOf(strategy, timeframes)).dataset();
    }

    /** Width of the coarse buckets of the cut search: one UTC day. */
    static final long BUCKET_MS = 86_400_000L;

    /**
     * The cuts {@link dev.ktrdr.training.split.ChronologicalSplitter} finds on the same rows: labelled rows per day
     * (a few thousand counts travel), then for each cut the exact times of the day that holds its index.
     */
    static PooledCuts cuts(Dataset<Row> rows, double train, double validation, double test) {
        new dev.ktrdr.training.split.ChronologicalSplitter(train, validation, test); // the fractions' one validation path
        Dataset<Row> labelled = rows.filter("label >= 0").select("time");
        List<Row> days = labelled.selectExpr("floor(time / " + BUCKET_MS + ") as day").groupBy("day").count()
                .orderBy("day").collectAsList();
        long total = 0;
        for (Row d : days) {
            total += d.getLong(1);
        }
        if (total == 0) {
            throw new DataException("no labelled rows in any symbol; load more history");
        }
        long cut1 = timeAt(labelled, days, PooledCuts.index(total, train));
        long cut2 = test == 0 ? Long.MAX_VALUE : timeAt(labelled, days, PooledCuts.index(total, train + validation));
        return new PooledCuts(cut1, cut2);
    }

    /** The labelled time at a given index of the sorted pooled times. */
    private static long timeAt(Dataset<Row> labelled, List<Row> days, long index) {
        long before = 0;
        for (Row d : days) {
            long n = d.getLong(1);
            if (index < before + n) {
                long day = d.getLong(0);
                List<Row> times = labelled.filter("time >= " + day * BUCKET_MS + " and time < " + (day + 1) * BUCKET_MS)
                        .groupBy("time").count().orderBy("time").collectAsList();
                long seen = before;
                for (Row t : times) {
                    seen += t.getLong(1);
                    if (index < seen) {
                        return t.getLong(0);
                    }
                }
                throw new IllegalStateException("day " + day + " holds fewer labelled rows than counted");
            }
            before += n;
        }
        throw new IllegalStateException("index " + index + " beyond " + before + " labelled rows");
    }

    /** Rows per part per symbol, counted where the rows are (only the counts travel). */
    static Map<String, long[]> partCounts(Dataset<Row> rows, PooledCuts cuts) {
        long c1 = cuts.validationCut();
        long c2 = cuts.testCut();
        Map<String, Long> m = rows.select("symbol", "time", "label", "label_end").javaRDD()
                .mapToPair(r -> new Tuple2<>(r.getString(0) + "\t"
                        + new PooledCuts(c1, c2).part(r.getByte(2), r.getLong(1), r.getLong(3)), 1L))
                .reduceByKey(Long::sum).collectAsMap();
        Map<String, long[]> out = new TreeMap<>();
        m.forEach((k, v) -> {
            int tab = k.indexOf('\t');
            out.computeIfAbsent(k.substring(0, tab), x -> new long[5])[Integer.parseInt(k.substring(tab + 1))] += v;
        });
        return out;
    }

    /** The base timeframe as {@link StrategyTrainer} picks it for the strategy's own timeframes. */
    static Timeframe baseOf(Strategy strategy, List<Timeframe> timeframes) {
        Timeframe b = strategy.trainingData().timeframes().base();
        return timeframes.contains(b) ? b : timeframes.stream().min(Enum::compareTo).orElseThrow();
    }

    static SymbolRegistry registry(String data, Configuration conf) {
        String file = data + "/" + SymbolRegistry.FILE_NAME;
        if (!JobFiles.exists(file, conf)) {
            return SymbolRegistry.defaults();
        }
        try {
            java.nio.file.Path tmp = Files.createTempDirectory("ktrdr-registry");
            try {
                Files.writeString(tmp.resolve(SymbolRegistry.FILE_NAME), JobFiles.read(file, conf));
                return SymbolRegistry.load(tmp);
            } finally {
                Files.deleteIfExists(tmp.resolve(SymbolRegistry.FILE_NAME));
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot copy: " + e.getMessage(), e);
        }
    }

    /** Per symbol, its bar files as {@code tf=uri}, from one listing of the data folder. */
    static Map<Symbol, List<String>> listFiles(String data, Configuration conf) {
        Map<Symbol, List<String>> out = new TreeMap<>();
        try {
            Path dir = new Path(URI.create(data));
            for (FileStatus st : dir.getFileSystem(conf).listStatus(dir)) {
                if (!st.isFile()) {
                    continue;
                }
                DataFolder.parseName(st.getPath().getName()).ifPresent(n -> out.computeIfAbsent(n.symbol(),
                        k -> new ArrayList<>()).add(n.timeframe().label() + "=" + st.getPath().toUri()));
            }
        } catch (IOException e) {
            throw new DataException(data + ": cannot list: " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Symbol> symbols(Strategy strategy, List<String> only, Map<Symbol, List<String>> files) {
        if (!only.isEmpty()) {
            TreeSet<Symbol> s = new TreeSet<>();
            for (String x : only) {
                s.add(Symbol.of(x));
            }
            return List.copyOf(s);
        }
        List<Symbol> listed = strategy.trainingData().symbols().list();
        return List.copyOf(new TreeSet<>(listed.isEmpty() ? files.keySet() : listed));
    }

    static String labelName(byte cls) {
        return cls == Label.NONE ? "NONE" : Label.values()[cls].name();
    }
}
