package dev.ktrdr.examples.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.source.DataSources;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ktrdr data export} from a CSV folder to Parquet and DuckDB, and {@code train --data URI} on each. */
class ExportAndSourceUriTest {
    @TempDir
    Path dir;
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void exportThenTrainFromEverySource() throws Exception {
        Path data = dir.resolve("data");
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse().stream()
                .filter(s -> s.symbol().value().endsWith("USDT")).toList();
        SyntheticMarket.Config c = SyntheticMarket.Config.of(specs, Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 1200, 3);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        Path pq = dir.resolve("pq");
        Path duck = dir.resolve("bars.duckdb");
        assertThat(run("data", "export", "--data-dir", data.toString(), "--to", "parquet:" + pq)).as(err.toString()).isZero();
        assertThat(run("data", "export", "--data", "csv:" + data, "--to", "duckdb:" + duck)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("exported 2 series, 2400 bars");
        DataFolder folder = new DataFolder(data);
        for (String uri : List.of("parquet:" + pq, "duckdb:" + duck)) {
            var src = DataSources.open(uri);
            assertThat(src.symbols()).containsExactly(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
            var a = folder.load(Symbol.of("ETHUSDT"), Timeframe.H1);
            var b = src.load(Symbol.of("ETHUSDT"), Timeframe.H1);
            double[] ca = new double[a.size()];
            double[] cb = new double[b.size()];
            for (int i = 0; i < a.size(); i++) {
                ca[i] = a.close(i);
                cb[i] = b.close(i);
            }
            assertThat(Arrays.equals(ca, cb)).isTrue();
        }
        Path strategy = dir.resolve("s.yaml");
        Files.writeString(strategy, "name: cli_demo\n"
                + "version: \"3.0\"\n"
                + "training_data:\n"
                + "  symbols: {mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}\n"
                + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
                + "indicators:\n"
                + "  rsi_14: {type: rsi, period: 14}\n"
                + "fuzzy_sets:\n"
                + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
                + "model:\n"
                + "  architecture: {hidden_layers: [8]}\n"
                + "training:\n"
                + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
                + "  epochs: 3\n"
                + "  batch_size: 64\n");
        String reference = null;
        for (String[] source : List.of(new String[] {"--data-dir", data.toString()}, new String[] {"--data", "parquet:" + pq},
                new String[] {"--data", "duckdb:" + duck})) {
            out.getBuffer().setLength(0);
            assertThat(run("train", strategy.toString(), source[0], source[1], "--json")).as(err.toString()).isZero();
            String json = out.toString();
            if (reference == null) {
                reference = json;
            }
            assertThat(json).isEqualTo(reference);
        }
        err.getBuffer().setLength(0);
        assertThat(run("train", strategy.toString())).isNotZero();
        assertThat(err.toString()).contains("give exactly one of --data-dir DIR and --data URI");
    }

    @Test
    void featuresAlignAndAuditReadEverySourceAlike() throws Exception {
        Path data = dir.resolve("data");
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse().stream()
                .filter(s -> s.symbol().value().equals("BTCUSDT")).toList();
        SyntheticMarket.Config c = SyntheticMarket.Config.of(specs, Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 800, 5);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        Path pq = dir.resolve("pq");
        assertThat(run("data", "export", "--data-dir", data.toString(), "--to", "parquet:" + pq)).as(err.toString()).isZero();
        Path strategy = dir.resolve("s.yaml");
        Files.writeString(strategy, "name: cli_demo\n"
                + "version: \"3.0\"\n"
                + "training_data:\n"
                + "  symbols: {mode: multi_symbol, list: [BTCUSDT]}\n"
                + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
                + "indicators:\n"
                + "  rsi_14: {type: rsi, period: 14}\n"
                + "fuzzy_sets:\n"
                + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
                + "model:\n"
                + "  architecture: {hidden_layers: [8]}\n"
                + "training:\n"
                + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
                + "  epochs: 2\n"
                + "  batch_size: 64\n");
        String[][] sources = {{"--data-dir", data.toString()}, {"--data", "parquet:" + pq}};
        String[] features = new String[2];
        int[] audit = new int[2];
        for (int k = 0; k < 2; k++) {
            out.getBuffer().setLength(0);
            assertThat(run("features", "--strategy", strategy.toString(), sources[k][0], sources[k][1], "--symbol", "BTCUSDT"))
                    .as(err.toString()).isZero();
            features[k] = out.toString();
            out.getBuffer().setLength(0);
            assertThat(run("data", "align", sources[k][0], sources[k][1], "--symbol", "BTCUSDT", "--timeframes", "1h,4h", "--base", "1h"))
                    .as(err.toString()).isZero();
            out.getBuffer().setLength(0);
            audit[k] = run("audit", strategy.toString(), sources[k][0], sources[k][1], "--quick", "--json");
            assertThat(out.toString()).as(err.toString()).contains("\"overall\"");
        }
        assertThat(features[0]).isNotEmpty().isEqualTo(features[1]);
        assertThat(audit[1]).isEqualTo(audit[0]);
        err.getBuffer().setLength(0);
        assertThat(run("features", "--strategy", strategy.toString(), "--symbol", "BTCUSDT")).isNotZero();
        assertThat(err.toString()).contains("give exactly one of --data-dir DIR and --data URI");
    }

    @Test
    void inspectFlagsAJumpThatLooksLikeAnUnrecordedSplit() throws Exception {
        Path data = Files.createDirectories(dir.resolve("eq"));
        Files.writeString(data.resolve("ACME_1d.csv"), "timestamp,open,high,low,close,volume\n"
                + "2021-01-04,99,101,98,100,1000\n2021-01-05,100,103,99,102,1000\n2021-01-06,14.6,15,14.5,14.8,7000\n"
                + "2021-01-07,14.8,15.1,14.7,15,7000\n");
        assertThat(run("data", "inspect", data.resolve("ACME_1d.csv").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("split?      2021-01-06T00:00:00Z 7:1 (close 102.0 then open 14.6) not in corporate_actions.csv");
        Files.writeString(data.resolve("corporate_actions.csv"), "symbol,date,type,value\nACME,2021-01-06,split,7\n");
        out.getBuffer().setLength(0);
        assertThat(run("data", "inspect", data.resolve("ACME_1d.csv").toString(), "--json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"ratio\" : \"7:1\"").contains("\"recorded\" : true");
    }
}
