package dev.ktrdr.examples.cli.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The hostile-input corpus ({@link HostileCorpus}) through every command that reads that kind of input:
 * each run prints exactly one line, "ktrdr: " and the case's message, exits 2 (bad input), writes no
 * output file, and finishes within {@link #MAX_SECONDS}. The cases that would exhaust memory without a
 * bound (gzip bombs, /dev/zero, 50M duplicate rows) also run in a child JVM limited to
 * {@link #CHILD_HEAP} of heap.
 */
class HostileInputTest {
    static final long MAX_SECONDS = 5;
    static final String CHILD_HEAP = "-Xmx64m";

    static final String FEATURES_STRATEGY = """
            name: hostile_features
            version: "3.0"
            training_data:
              symbols: {mode: single, symbol: BTCUSDT}
              timeframes: {mode: multi_timeframe, list: ["1h"], base_timeframe: "1h"}
            indicators:
              rsi_14: {type: rsi, period: 14}
            fuzzy_sets:
              rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}
            nn_inputs:
              - fuzzy_set: rsi_14
                timeframes: all
            model:
              architecture: {hidden_layers: [4]}
            training:
              labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}
              epochs: 1
              batch_size: 64
            """;

    @TempDir
    static Path root;
    static Path strategy;
    static Path clean;
    static List<HostileCorpus.Case> cases;

    @BeforeAll
    static void corpus() throws IOException {
        cases = HostileCorpus.build(root.resolve("corpus"), true);
        strategy = root.resolve("s.yaml");
        Files.writeString(strategy, FEATURES_STRATEGY);
        clean = root.resolve("clean");
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(List.of(SyntheticMarket.defaultUniverse().get(2)),
                Timeframe.H1, Instant.parse("2021-01-04T00:00:00Z"), 24 * 40, 5);
        SyntheticMarket.writeFolder(clean, cfg, SyntheticMarket.generate(cfg));
    }

    record Run(int code, String out, String err, long millis) {
    }

    static Run run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        long t0 = System.nanoTime();
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    /** The command lines that read the case's kind of input. */
    static List<String[]> commands(HostileCorpus.Case c, Path outDir) {
        String p = c.path().toString();
        String models = outDir.resolve("models").toString();
        if (c.kind() == HostileCorpus.Kind.STRATEGY) {
            return List.of(
                    new String[] {"strategy", "validate", p},
                    new String[] {"features", "--strategy", p, "--data-dir", clean.toString(), "--symbol", "BTCUSDT"},
                    new String[] {"train", p, "--data-dir", clean.toString(), "--models-dir", models});
        }
        String dir = c.path().getParent().toString();
        return List.of(
                new String[] {"data", "inspect", p},
                new String[] {"data", "resample", p, "--to", "4h", "--out", outDir.resolve("out.csv").toString()},
                new String[] {"features", "--strategy", strategy.toString(), "--data-dir", dir, "--symbol", "BTCUSDT",
                    "--out", outDir.resolve("features.csv").toString()},
                new String[] {"train", strategy.toString(), "--data-dir", dir, "--models-dir", models});
    }

    static Stream<Arguments> runs() {
        List<Arguments> a = new ArrayList<>();
        for (HostileCorpus.Case c : cases) {
            for (String[] cmd : commands(c, root.resolve("out").resolve(c.path().getParent().getFileName().toString()))) {
                a.add(Arguments.of(c.name(), String.join(" ", cmd[0], cmd[1]), c, cmd));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("runs")
    void everyCaseIsOneLineAndExitTwoWithinSeconds(String name, String command, HostileCorpus.Case c, String[] cmd) throws IOException {
        Path outDir = root.resolve("out").resolve(c.path().getParent().getFileName().toString());
        Files.createDirectories(outDir);
        Run r = run(cmd);
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        String expected = cmd[0].equals("data") && cmd[1].equals("inspect") ? c.repairMessage() : c.message();
        assertThat(r.err().lines().toList()).as(name).containsExactly("ktrdr: " + expected);
        assertThat(r.millis()).as(name + " took " + r.millis() + " ms").isLessThan(MAX_SECONDS * 1000);
        try (Stream<Path> s = Files.list(outDir)) {
            assertThat(s.filter(x -> !x.getFileName().toString().equals("models"))).as("nothing written").isEmpty();
        }
        Files.writeString(Path.of("target", "hostile-timings.tsv"), name + "\t" + command + "\t" + r.millis() + "\t" + expected + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Runs the CLI in a child JVM with {@link #CHILD_HEAP}; returns exit code and stderr. */
    static Run child(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(CHILD_HEAP);
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(KtrdrCli.class.getName());
        cmd.addAll(List.of(args));
        Path errFile = root.resolve("child-err.txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(errFile.toFile()).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
        }
        assertThat(done).as("child finished").isTrue();
        return new Run(p.exitValue(), "", Files.readString(errFile), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    static HostileCorpus.Case named(String name) {
        return cases.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theMemoryHungryCasesFailWithOneLineInA64MbHeap() throws IOException, InterruptedException {
        for (String name : List.of("data: 8 MB gz of 50M duplicate rows", "data: 2 MB gz of 2 GB newlines",
                "data: symlink to /dev/zero")) {
            HostileCorpus.Case c = named(name);
            Run r = child(List.of(), "data", "inspect", c.path().toString());
            assertThat(r.code()).as(name + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(name).containsExactly("ktrdr: " + c.repairMessage());
            Run s = child(List.of(), "data", "resample", c.path().toString(), "--to", "4h");
            assertThat(s.err().lines().toList()).as(name).containsExactly("ktrdr: " + c.message());
            Files.writeString(Path.of("target", "hostile-timings.tsv"), name + "\tchild " + CHILD_HEAP + " data inspect\t" + r.millis()
                    + "\n" + name + "\tchild " + CHILD_HEAP + " data resample\t" + s.millis() + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
        Run z = child(List.of(), "strategy", "validate", "/dev/zero");
        assertThat(z.code()).isEqualTo(2);
        assertThat(z.err().lines().toList()).containsExactly("ktrdr: /dev/zero: is a device, FIFO or socket; only regular files are read");
    }

    @Test
    void repairOfTwoMillionDuplicateRowsKeepsCountsNotRowsInA64MbHeap() throws IOException, InterruptedException {
        Path f = HostileCorpus.dataFile(root.resolve("repair"), "dups", ".csv.gz");
        String row = "2021-01-04T00:00:00Z,100.25,101.5,99.75,100.5,12345\n";
        HostileCorpus.repeatedGzip(f, (HostileCorpus.HEADER + row).getBytes(StandardCharsets.US_ASCII),
                row.repeat(100_000).getBytes(StandardCharsets.US_ASCII), 20);
        Run r = child(List.of("-Dktrdr.io.maxGzipRatio=1000000"), "data", "inspect", f.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().toList()).containsExactly("ktrdr: " + f
                + ":3: timestamp '2021-01-04T00:00:00Z' breaks rule duplicate (2000000 problems; STRICT validation rejects the file)");
        Files.writeString(Path.of("target", "hostile-timings.tsv"), "REPAIR 2M duplicate rows\tchild " + CHILD_HEAP + " data inspect\t"
                + r.millis() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void resampleNeverWritesThroughAPlantedTemporaryLink() throws IOException {
        Path d = Files.createDirectories(root.resolve("planted"));
        Path victim = d.resolve("victim.txt");
        Files.writeString(victim, "precious");
        Path out = d.resolve("X.csv");
        Files.createSymbolicLink(d.resolve("X.csv.tmp"), victim);
        Run r = run("data", "resample", clean.resolve("BTCUSDT_1h.csv.gz").toString(), "--to", "4h", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(victim)).isEqualTo("precious");
        assertThat(Files.readString(out)).startsWith("timestamp,open,high,low,close,volume\n");
        assertThat(Files.isSymbolicLink(d.resolve("X.csv.tmp"))).isTrue();
        try (Stream<Path> s = Files.list(d)) {
            assertThat(s.map(x -> x.getFileName().toString())).containsExactlyInAnyOrder("victim.txt", "X.csv", "X.csv.tmp");
        }
    }

    @Test
    void corpusSize() {
        assertThat(cases).hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    void theFeaturesStrategyWorksOnCleanDataSoEveryFailureAboveIsTheInputs() {
        Run r = run("features", "--strategy", strategy.toString(), "--data-dir", clean.toString(), "--symbol", "BTCUSDT");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("timestamp,1h_rsi_14_low");
    }
}
