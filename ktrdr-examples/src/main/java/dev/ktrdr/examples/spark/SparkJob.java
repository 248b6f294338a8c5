package dev.ktrdr.examples.spark;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.internal.SafeNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The main class of {@code ktrdr-spark-job.jar}: the universe's features, samples and backtests as Apache
 * Spark jobs, built on the library's per-symbol functions. Run it with {@code spark-submit --class
 * dev.ktrdr.examples.spark.SparkJob ktrdr-spark-job.jar SUBCOMMAND ...}; the master and resources come
 * from spark-submit.
 *
 * <pre>
 * features --data-dir DIR --strategy S.yaml [--symbols A,B,...] --out OUT
 * train    --features OUT --strategy S.yaml --models-dir M [--budget N] [--validation-budget N]
 * backtest --features OUT --models-dir M --strategy-name NAME [--symbols A,B,...] [--windows K] --out R
 * </pre>
 *
 * Exit codes: 0 done, 1 bad input (one line on stderr), 2 some backtests failed (their errors are in the
 * figures and the summary).
 */
public final class SparkJob {
    /** Default training rows per symbol of the sample. */
    static final int DEFAULT_BUDGET = 20_000;
    /** The largest strategy file read. */
    static final long MAX_STRATEGY_BYTES = 1L << 20;

    private SparkJob() {
    }

    /**
     * @param args subcommand and options
     */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out);
        } catch (KtrdrException | IllegalArgumentException e) {
            System.err.println("ktrdr-spark-job: " + e.getMessage());
            code = 1;
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0 || args[0].equals("--help")) {
            out.println(usage());
            return 0;
        }
        String cmd = args[0];
        Map<String, String> o = options(cmd, args);
        for (String key : REQUIRED.get(cmd)) {
            required(o, key); // every required option is checked before Spark starts
        }
        SparkSession spark = SparkSession.builder().appName("ktrdr " + cmd).getOrCreate();
        switch (cmd) {
            case "features": {
                Path strategy = Path.of(required(o, "--strategy"));
                FeaturesJob.Result r = FeaturesJob.run(spark, required(o, "--data-dir"), readStrategy(strategy),
                        strategy.getFileName().toString(), list(o.get("--symbols")), required(o, "--out"));
                out.println("features: " + r.symbols().size() + " symbols, " + r.rows() + " rows, " + r.spec().size()
                        + " columns -> " + o.get("--out"));
                return 0;
            }
            case "train": {
                Path strategy = Path.of(required(o, "--strategy"));
                int budget = intOption(o, "--budget", DEFAULT_BUDGET);
                TrainJob.Result r = TrainJob.run(spark, required(o, "--features"), readStrategy(strategy),
                        strategy.getFileName().toString(), required(o, "--models-dir"), budget,
                        intOption(o, "--validation-budget", Math.max(1, budget / 4)));
                out.println("train: " + r.samples().train().size() + " symbols, best epoch " + r.training().bestEpoch()
                        + " -> " + r.version());
                return 0;
            }
            case "backtest": {
                String name = required(o, "--strategy-name");
                SafeNames.require("--strategy-name", name, 128);
                BacktestJob.Result r = BacktestJob.run(spark, required(o, "--features"), required(o, "--models-dir"), name,
                        list(o.get("--symbols")), intOption(o, "--windows", 1), required(o, "--out"));
                out.println("backtest: " + r.rows().size() + " backtests, " + r.failed() + " failed -> " + o.get("--out"));
                return r.failed() == 0 ? 0 : 2;
            }
            default:
                throw new ConfigurationException("subcommand", "'" + cmd + "' is not one of features, train, backtest");
        }
    }

    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "features", Set.of("--data-dir", "--strategy", "--symbols", "--out"),
            "train", Set.of("--features", "--strategy", "--models-dir", "--budget", "--validation-budget"),
            "backtest", Set.of("--features", "--models-dir", "--strategy-name", "--symbols", "--windows", "--out"));

    private static final Map<String, List<String>> REQUIRED = Map.of(
            "features", List.of("--data-dir", "--strategy", "--out"),
            "train", List.of("--features", "--strategy", "--models-dir"),
            "backtest", List.of("--features", "--models-dir", "--strategy-name", "--out"));

    private static Map<String, String> options(String cmd, String[] args) {
        Set<String> allowed = OPTIONS.get(cmd);
        if (allowed == null) {
            throw new ConfigurationException("subcommand", "'" + cmd + "' is not one of features, train, backtest");
        }
        Map<String, String> o = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!allowed.contains(args[i])) {
                throw new ConfigurationException(args[i], "is not an option of " + cmd + "; options: " + allowed);
            }
            if (i + 1 >= args.length) {
                throw new ConfigurationException(args[i], "needs a value");
            }
            if (o.put(args[i], args[i + 1]) != null) {
                throw new ConfigurationException(args[i], "is given twice");
            }
        }
        return o;
    }

    private static String required(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) {
            throw new ConfigurationException(key, "is required");
        }
        return v;
    }

    private static int intOption(Map<String, String> o, String key, int dflt) {
        String v = o.get(key);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key, "'" + v + "' is not an integer");
        }
    }

    private static List<String> list(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.strip());
                }
            }
        }
        return out;
    }

    private static String readStrategy(Path p) {
        try {
            if (Files.size(p) > MAX_STRATEGY_BYTES) {
                throw new ConfigurationException("--strategy", p + " is larger than " + MAX_STRATEGY_BYTES + " bytes");
            }
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("--strategy", p + ": cannot read: " + e.getMessage());
        }
    }

    static String usage() {
        return "usage: spark-submit --class dev.ktrdr.examples.spark.SparkJob ktrdr-spark-job.jar SUBCOMMAND ...\n"
                + "  features --data-dir DIR --strategy S.yaml [--symbols A,B,...] --out OUT\n"
                + "  train    --features OUT --strategy S.yaml --models-dir M [--budget N] [--validation-budget N]\n"
                + "  backtest --features OUT --models-dir M --strategy-name NAME [--symbols A,B,...] [--windows K] --out R";
    }
}
