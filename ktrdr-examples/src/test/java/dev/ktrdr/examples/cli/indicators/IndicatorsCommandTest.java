package dev.ktrdr.examples.cli.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ktrdr indicators} in-process, as a new user would run it. */
class IndicatorsCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path bars(int n) throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        double p = 100;
        for (int i = 0; i < n; i++) {
            double c = p + Math.sin(i * 0.3) * 2 + (i % 5 - 2) * 0.1;
            double h = Math.max(p, c) + 0.5;
            double l = Math.min(p, c) - 0.5;
            sb.append(Instant.ofEpochMilli(t + i * 3_600_000L)).append(',').append(p).append(',').append(h).append(',')
                    .append(l).append(',').append(c).append(',').append(1000 + i).append('\n');
            p = c;
        }
        Path f = dir.resolve("TEST_1h.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    Path yaml(String text) throws IOException {
        Path f = dir.resolve("s.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void writesOneColumnPerOutputWithEmptyWarmUpCells() throws IOException {
        Path s = yaml("indicators:\n  rsi_14: {type: rsi, period: 14}\n  macd_12_26_9: {type: macd}\n  bb: {type: bbands}\n");
        Path out = dir.resolve("out.csv");
        Run r = run("indicators", "--strategy", s.toString(), "--data", bars(100).toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(101);
        assertThat(lines.get(0)).isEqualTo("timestamp,rsi_14,macd_12_26_9.line,macd_12_26_9.signal,macd_12_26_9.histogram,"
                + "bb.upper,bb.middle,bb.lower");
        assertThat(lines.get(1)).isEqualTo("2024-01-01T00:00:00Z,,,,,,,");
        // RSI starts at bar 14, the MACD line at 25, its signal at 33
        assertThat(lines.get(15).split(",", -1)[1]).isNotEmpty();
        assertThat(lines.get(14).split(",", -1)[1]).isEmpty();
        assertThat(lines.get(26).split(",", -1)[2]).isNotEmpty();
        assertThat(lines.get(26).split(",", -1)[3]).isEmpty();
        assertThat(lines.get(34).split(",", -1)[3]).isNotEmpty();
    }

    @Test
    void legacyListLayoutWorksAndPrintsToStandardOutput() throws IOException {
        Path s = yaml("indicators:\n  - name: rsi\n    period: 14\n  - name: sma\n    period: 20\n");
        Run r = run("indicators", "--strategy", s.toString(), "--data", bars(30).toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("timestamp,rsi,sma\n");
        assertThat(r.out().split("\n")).hasSize(31);
    }

    @Test
    void badParameterExitsTwoWithOneLineNamingFilePathValueAndRange() throws IOException {
        Path s = yaml("indicators:\n  rsi_14: {type: rsi, period: 1000}\n");
        Run r = run("indicators", "--strategy", s.toString(), "--data", bars(30).toString());
        assertThat(r.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(r.err().trim()).doesNotContain("\n").contains("s.yaml", "indicators.rsi_14.period", "1000", "[2, 100]");
    }

    @Test
    void unknownTypeAndZigzagAreRefusedWithReasons() throws IOException {
        Run r = run("indicators", "--strategy", yaml("indicators:\n  x: {type: quantum}\n").toString(), "--data", bars(30).toString());
        assertThat(r.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(r.err()).contains("unknown indicator type 'quantum'", "valid types: ", "rsi");
        Run z = run("indicators", "--strategy", yaml("indicators:\n  zz: {type: zigzag}\n").toString(), "--data", bars(30).toString());
        assertThat(z.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(z.err()).contains("last leg is revised");
    }

    @Test
    void listShowsTheCatalogueAsTextAndJson() throws IOException {
        Run t = run("indicators", "list");
        assertThat(t.code()).isZero();
        assertThat(t.out()).contains("rsi", "period=14 [2, 100]", "bollingerbands", "upper, middle, lower", "pivotpoints");
        Run j = run("indicators", "list", "--json");
        assertThat(j.code()).isZero();
        List<Map<String, Object>> rows = new ObjectMapper().readValue(j.out(),
                new TypeReference<List<Map<String, Object>>>() { });
        assertThat(rows).hasSizeGreaterThanOrEqualTo(36);
        Map<String, Object> macd = rows.stream().filter(m -> "macd".equals(m.get("type"))).findFirst().orElseThrow();
        assertThat(macd.get("outputs")).isEqualTo(List.of("line", "signal", "histogram"));
        assertThat(macd.get("category")).isEqualTo("trend");
    }
}
