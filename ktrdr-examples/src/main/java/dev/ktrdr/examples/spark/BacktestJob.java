package dev.ktrdr.examples.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.sdk.BacktestOptions;
import dev.ktrdr.sdk.BacktestReport;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.Resolution;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code backtest}: one task per symbol and window resolves the symbol's model through the library's
 * loader ({@link Ktrdr#resolve}: universal, else the symbol's own, else its group's) and runs
 * {@link Ktrdr#backtest} on the symbol's bars, read from the data folder the features run recorded. The
 * figures are the single-machine {@code ktrdr backtest}'s, by construction. With {@code windows > 1} each
 * symbol's span of feature rows is cut into that many equal consecutive windows (walk-forward style), each a task
 * backtested with {@code from}/{@code to} (indicators stay warm from the bars before {@code from}).
 *
 * <p>Writes under OUT: {@code figures/} (Parquet, one row per symbol and window), {@code figures_csv/}
 * (the same as CSV with a header) and {@code summary.json}. A symbol that cannot be backtested (no model
 * serves it, a bad file) gets a row with its one-line error; the job then fails after writing everything.
 */
final class BacktestJob {
    static final String[] FIGURES = {"total_return", "annualized_return", "sharpe", "sortino", "max_drawdown", "win_rate",
        "profit_factor", "exposure", "costs_paid", "buy_hold_return"};
    static final StructType SCHEMA;

    static {
        StructType s = new StructType()
                .add("symbol", DataTypes.StringType, false)
                .add("window", DataTypes.IntegerType, false)
                .add("from", DataTypes.LongType, true)
                .add("to", DataTypes.LongType, true)
                .add("rung", DataTypes.StringType, true)
                .add("model", DataTypes.StringType, true)
                .add("bars", DataTypes.IntegerType, true)
                .add("trade_count", DataTypes.IntegerType, true)
                .add("in_sample_overlap", DataTypes.BooleanType, true);
        for (String f : FIGURES) {
            s = s.add(f, DataTypes.DoubleType, true);
        }
        SCHEMA = s.add("error", DataTypes.StringType, true);
    }

    /** What a backtest run found. */
    record Result(List<Row> rows, int failed) {
    }

    private BacktestJob() {
    }

    static Result run(SparkSession spark, String features, String modelsDir, String strategyName, List<String> only,
                      int windows, String out) {
        if (windows < 1 || windows > 1000) {
            throw new ConfigurationException("--windows", windows + " is not in [1, 1000]");
        }
        Map<String, String> settings = JobFiles.hadoopSettings(spark);
        Configuration conf = JobFiles.conf(settings);
        String f = JobFiles.uri(features);
        String outUri = JobFiles.uri(out);
        JsonNode job = JobFiles.readJson(f + "/job.json", conf);
        String data = job.get("data_dir").asText();
        List<String> symbols = new ArrayList<>();
        if (only.isEmpty()) {
            job.get("symbols").forEach(s -> symbols.add(s.asText()));
        } else {
            only.forEach(s -> symbols.add(Symbol.of(s).value()));
        }
        Map<String, long[]> bounds = windows == 1 ? Map.of() : bounds(spark, f, windows);
        Map<Symbol, List<String>> files = FeaturesJob.listFiles(data, conf);
        String registryLines = registryLines(data, conf, symbols);
        String models = Path.of(modelsDir).toAbsolutePath().toString();
        List<String> tasks = new ArrayList<>();
        for (String s : symbols) {
            for (int w = 0; w < windows; w++) {
                List<String> fs = files.getOrDefault(Symbol.of(s), List.of());
                long[] b = bounds.get(s);
                tasks.add(s + "\t" + w + "\t" + (b == null ? "" : b[w] + "," + b[w + 1]) + "\t"
                        + String.join("\t", fs));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        var rows = jsc.parallelize(tasks, tasks.size()).map(t -> backtestTask(t, registryLines, models, strategyName, settings));
        Dataset<Row> df = spark.createDataFrame(rows, SCHEMA).cache();
        df.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(outUri + "/figures");
        df.coalesce(1).write().mode(SaveMode.ErrorIfExists).option("header", "true").csv(outUri + "/figures_csv");
        List<Row> all = df.orderBy("symbol", "window").collectAsList();
        df.unpersist();
        int failed = 0;
        double sum = 0;
        int ok = 0;
        Map<String, String> errors = new TreeMap<>();
        for (Row r : all) {
            if (!r.isNullAt(r.fieldIndex("error"))) {
                failed++;
                errors.put(r.getString(0) + "#" + r.getInt(1), r.getString(r.fieldIndex("error")));
            } else {
                ok++;
                sum += r.getDouble(r.fieldIndex("total_return"));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("strategy", strategyName);
        summary.put("symbols", symbols.size());
        summary.put("windows", windows);
        summary.put("backtests", all.size());
        summary.put("failed", failed);
        summary.put("mean_total_return", ok == 0 ? null : sum / ok);
        summary.put("errors", errors);
        JobFiles.writeJson(outUri + "/summary.json", summary, conf);
        return new Result(all, failed);
    }

    /** One backtest: the library's own resolution and backtest of the symbol, as a row; errors become the row's error. */
    static Row backtestTask(String task, String registryLines, String models, String strategyName, Map<String, String> settings) {
        String[] f = task.split("\t", -1);
        String symbol = f[0];
        int window = Integer.parseInt(f[1]);
        Object[] v = new Object[SCHEMA.size()];
        v[0] = symbol;
        v[1] = window;
        try {
            BacktestOptions options = BacktestOptions.DEFAULTS;
            if (!f[2].isEmpty()) {
                String[] b = f[2].split(",");
                v[2] = Long.parseLong(b[0]);
                v[3] = Long.parseLong(b[1]);
                options = options.from(Instant.ofEpochMilli((Long) v[2])).to(Instant.ofEpochMilli((Long) v[3] - 1));
            }
            BacktestReport r = backtest(symbol, f, registryLines, models, strategyName, options, settings);
            v[4] = r.resolution().rung().name();
            v[5] = r.resolution().directory().getFileName().toString();
            v[6] = r.bars();
            v[7] = r.figures().tradeCount();
            v[8] = r.inSampleOverlap();
            BacktestReport.Figures g = r.figures();
            double[] x = {g.totalReturn(), g.annualizedReturn(), g.sharpe(), g.sortino(), g.maxDrawdown(), g.winRate(),
                g.profitFactor(), g.exposure(), g.costsPaid(), g.buyHoldReturn()};
            for (int i = 0; i < x.length; i++) {
                v[9 + i] = x[i];
            }
        } catch (KtrdrException | IllegalArgumentException e) {
            v[SCHEMA.size() - 1] = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
        }
        return RowFactory.create(v);
    }

    private static BacktestReport backtest(String symbol, String[] task, String registryLines, String models, String strategyName,
                                           BacktestOptions options, Map<String, String> settings) {
        dev.ktrdr.api.SymbolInfo info = null;
        for (String line : registryLines.split("\n")) {
            if (line.startsWith(symbol + ",")) {
                info = HadoopBars.parseLine(line);
            }
        }
        List<String> files = List.of(task).subList(3, task.length).stream().filter(s -> !s.isEmpty()).toList();
        HadoopBars bars = new HadoopBars(info, HadoopBars.parseFiles(files), JobFiles.conf(settings));
        Ktrdr k = Ktrdr.open(DataSource.of(bars), Path.of(models));
        Resolution res = k.resolve(strategyName, Symbol.of(symbol), List.of());
        return k.backtest(res, options);
    }

    /** Per symbol, equal windows over the span of its feature rows: windows + 1 bounds, the last exclusive. */
    private static Map<String, long[]> bounds(SparkSession spark, String features, int windows) {
        Map<String, long[]> out = new TreeMap<>();
        for (Row r : spark.read().parquet(features + "/rows").groupBy("symbol")
                .agg(org.apache.spark.sql.functions.min("time"), org.apache.spark.sql.functions.max("time")).collectAsList()) {
            long a = r.getLong(1);
            long b = r.getLong(2) + 1;
            long[] w = new long[windows + 1];
            for (int i = 0; i < windows; i++) {
                w[i] = a + (long) ((double) (b - a) * i / windows);
            }
            w[windows] = b;
            out.put(r.getString(0), w);
        }
        return out;
    }

    private static String registryLines(String data, Configuration conf, List<String> symbols) {
        dev.ktrdr.data.SymbolRegistry reg = FeaturesJob.registry(data, conf);
        StringBuilder sb = new StringBuilder();
        for (String s : symbols) {
            sb.append(HadoopBars.line(reg.info(Symbol.of(s)))).append('\n');
        }
        return sb.toString();
    }
}
