package dev.ktrdr.examples.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code ktrdr-spark-job.jar} under Spark's own launcher ({@code org.apache.spark.deploy.SparkSubmit}) in
 * local mode, with a Spark distribution's jars first on the classpath as {@code spark-submit} puts them: the
 * distribution is spark-sql resolved with Spark's own versions (src/test/spark-dist/pom.xml, so Jackson 2.21 where
 * the library uses 2.22), the JVM options those of Spark's launcher. Runs after {@code package} (failsafe).
 */
class SparkSubmitIT {
    static final Path BASEDIR = Path.of(System.getProperty("basedir", "."));
    static final Path JOB_JAR = BASEDIR.resolve("target/ktrdr-spark-job.jar");
    static final Path CLI_JAR = BASEDIR.resolve("target/ktrdr.jar");
    static final long TIMEOUT_MINUTES = 8;

    @TempDir
    static Path tmp;
    static String classpath;

    @BeforeAll
    static void distribution() throws Exception {
        Path out = BASEDIR.resolve("target/spark-dist.classpath");
        String mvn = Path.of(System.getProperty("ktrdr.maven.home"), "bin", "mvn").toString();
        List<String> cmd = List.of(mvn, "-B", "-q", "-f", BASEDIR.resolve("src/test/spark-dist/pom.xml").toString(),
                "-Dspark.version=" + System.getProperty("ktrdr.spark.version"), "dependency:build-classpath",
                "-Dmdep.outputFile=" + out);
        assertThat(run(cmd, tmp.resolve("mvn.log"))).as("%s", Files.readString(tmp.resolve("mvn.log"))).isZero();
        classpath = Files.readString(out).strip();
    }

    @Test
    void jobJarCarriesNoSparkAndRelocatesWhatSparkShips() throws IOException {
        List<String> entries = new ArrayList<>();
        try (java.util.jar.JarFile z = new java.util.jar.JarFile(JOB_JAR.toFile())) {
            z.stream().forEach(e -> entries.add(e.getName()));
            assertThat(z.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(SparkJob.class.getName());
        }
        assertThat(entries).contains("dev/ktrdr/examples/spark/SparkJob.class", "dev/ktrdr/api/FeatureMatrix.class",
                "dev/ktrdr/shaded/jackson/databind/ObjectMapper.class", "dev/ktrdr/shaded/snakeyaml/Yaml.class");
        assertThat(entries).noneMatch(n -> n.startsWith("org/apache/spark/") || n.startsWith("scala/")
                || n.startsWith("com/fasterxml/") || n.startsWith("org/yaml/") || n.startsWith("org/slf4j/")
                || n.startsWith("org/apache/commons/math3/") || n.startsWith("META-INF/versions/")
                || n.startsWith("dev/ktrdr/examples/cli/"));
        try (ZipFile z = new ZipFile(CLI_JAR.toFile())) {
            assertThat(z.stream().map(e -> e.getName())).noneMatch(n -> n.startsWith("dev/ktrdr/examples/spark/")
                    || n.startsWith("org/apache/spark/") || n.startsWith("scala/"));
        }
        assertThat(classpath.split(":")).anyMatch(p -> p.contains("jackson-databind-2.21"));
    }

    @Test
    void featuresTrainAndBacktestRunUnderSparkSubmit() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(0, 3), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 1200, 9);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        Path strategy = tmp.resolve("spark_tiny.yaml");
        Files.writeString(strategy, SparkJobTest.STRATEGY.replace("[EURUSD, GBPUSD, BTCUSDT, AAPL]", "[EURUSD, GBPUSD, BTCUSDT]"));
        Path features = tmp.resolve("features");
        Path models = tmp.resolve("models");
        Path bt = tmp.resolve("bt");

        assertThat(submit("features", "--data-dir", data.toString(), "--strategy", strategy.toString(), "--out",
                features.toString())).isZero();
        assertThat(features.resolve("rows/symbol=EURUSD")).isDirectory();
        assertThat(features.resolve("split_plan.json")).isRegularFile();
        assertThat(features.resolve("feature_spec.json")).isRegularFile();

        assertThat(submit("train", "--features", features.toString(), "--strategy", strategy.toString(), "--models-dir",
                models.toString(), "--budget", "500")).isZero();
        assertThat(models.resolve("spark_tiny/universal_1h-4h_v1/model.bin")).isRegularFile();

        assertThat(submit("backtest", "--features", features.toString(), "--models-dir", models.toString(),
                "--strategy-name", "spark_tiny", "--out", bt.toString())).isZero();
        assertThat(Files.readString(bt.resolve("summary.json"))).contains("\"backtests\" : 3", "\"failed\" : 0");
        try (Stream<Path> csv = Files.list(bt.resolve("figures_csv"))) {
            Path file = csv.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(4);
            assertThat(lines.get(0)).startsWith("symbol,window,from,to,rung,model,bars,trade_count");
        }
    }

    /** Runs SparkSubmit in local mode as spark-submit would; returns the exit code, output in tmp/SUBCOMMAND.log. */
    private static int submit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(System.getProperty("ktrdr.spark.java.options").trim().split("\\s+")));
        cmd.addAll(List.of("-Xmx1g", "-cp", classpath, "org.apache.spark.deploy.SparkSubmit", "--master", "local[2]",
                "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false", "--conf", "spark.sql.shuffle.partitions=4",
                "--class", SparkJob.class.getName(), JOB_JAR.toString()));
        cmd.addAll(Arrays.asList(args));
        Path log = tmp.resolve(args[0] + ".log");
        int code = run(cmd, log);
        if (code != 0) {
            throw new AssertionError("exit " + code + ":\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        return code;
    }

    private static int run(List<String> cmd, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(cmd.get(0) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        return p.exitValue();
    }
}
