package dev.ktrdr.examples.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {

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

    static Path generate(Path dir) {
        Run r = run("data", "generate", "--symbols", "6", "--timeframe", "1h", "--bars", "3000", "--seed", "9", "--out", dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return dir;
    }

    @Test
    void generateWritesTheSixSymbolDemoFolder(@TempDir Path dir) throws IOException {
        generate(dir);
        for (String s : List.of("EURUSD", "GBPUSD", "BTCUSDT", "ETHUSDT", "AAPL", "SPY")) {
            assertThat(dir.resolve(s + "_1h.csv.gz")).exists();
            assertThat(CsvBars.read(dir.resolve(s + "_1h.csv.gz"), Symbol.of(s), Timeframe.H1).size()).isEqualTo(3000);
        }
        assertThat(Files.readString(dir.resolve("symbols.csv"))).startsWith("symbol,asset_class,calendar,group\nEURUSD,forex,forex,forex\n");
    }

    @Test
    void generateWithAssetClassesWritesOneClassOverTheSameYears(@TempDir Path dir) throws IOException {
        Run r = run("data", "generate", "--symbols", "5", "--asset-classes", "equity", "--bars", "500", "--out",
                dir.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("symbols.csv"));
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(1, 6)).allSatisfy(l -> assertThat(l).contains(",equity,"));
        assertThat(lines.get(1)).startsWith("AAPL,");
        assertThat(lines.get(3)).startsWith("EQ0001,");
        long last = -1;
        for (String l : lines.subList(1, 6)) {
            String sym = l.substring(0, l.indexOf(','));
            var bars = CsvBars.read(dir.resolve(sym + "_1h.csv.gz"), Symbol.of(sym), Timeframe.H1);
            assertThat(bars.size()).isEqualTo(500);
            if (last >= 0) {
                assertThat(bars.openTime(bars.size() - 1)).isEqualTo(last);
            }
            last = bars.openTime(bars.size() - 1);
        }
        Run bad = run("data", "generate", "--symbols", "5", "--asset-classes", "index", "--out", dir.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("asset_classes");
    }

    @Test
    void inspectReportsRowsValidationAndGapsAsTextAndJson(@TempDir Path dir) throws IOException {
        generate(dir);
        Run text = run("data", "inspect", dir.resolve("SPY_1h.csv.gz").toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).contains("symbol:     SPY   timeframe: 1h   calendar: us-equity")
                .contains("rows:       3000").contains("validation: clean (3000 rows)").contains("expected 3000 bars, missing 0 in 0 runs");
        Run json = run("data", "inspect", dir.resolve("BTCUSDT_1h.csv.gz").toString(), "--json", "--calendar", "crypto");
        assertThat(json.code()).isZero();
        JsonNode n = new ObjectMapper().readTree(json.out());
        assertThat(n.get("rows").asInt()).isEqualTo(3000);
        assertThat(n.get("calendar").asText()).isEqualTo("crypto");
        assertThat(n.get("validation").get("clean").asBoolean()).isTrue();
        assertThat(n.get("gaps").get("missing").asInt()).isZero();
    }

    @Test
    void inspectListsEveryRepairedRowAndStrictFailsWithOneLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("X_1h.csv");
        Files.writeString(f, "timestamp,open,high,low,close,volume\n2020-01-02T14:00:00Z,1,2,0.5,1.5,3\n"
                + "2020-01-02T15:00:00Z,1,0.9,0.5,1.5,3\n2020-01-02T16:00:00Z,1,2,0.5,1.5,3\n");
        Run repaired = run("data", "inspect", f.toString(), "--calendar", "crypto");
        assertThat(repaired.code()).isEqualTo(2);
        assertThat(repaired.err().strip()).isEqualTo("ktrdr: " + f + ":3: high '0.9' breaks rule high-below-open-close "
                + "(1 problems; STRICT validation rejects the file)");
        assertThat(repaired.out()).contains("validation: 1 problems in 3 rows read (0 dropped, 1 fixed); STRICT rejects the file")
                .contains("line 3: high '0.9' breaks rule high-below-open-close");
        Run strict = run("data", "inspect", f.toString(), "--calendar", "crypto", "--strict");
        assertThat(strict.code()).isEqualTo(2);
        assertThat(strict.err().strip()).isEqualTo("ktrdr: " + f + ":3: high '0.9' breaks rule high-below-open-close: high 0.9 < max(open 1.0, close 1.5)");
        assertThat(strict.err().lines().count()).isEqualTo(1);
    }

    @Test
    void resampleWritesCoarserBars(@TempDir Path dir) throws IOException {
        generate(dir);
        Path out = dir.resolve("EURUSD_4h.csv");
        Run r = run("data", "resample", dir.resolve("EURUSD_1h.csv.gz").toString(), "--to", "4h", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote ");
        assertThat(CsvBars.read(out, Symbol.of("EURUSD"), Timeframe.H4).size()).isGreaterThan(700);
        Run stdout = run("data", "resample", dir.resolve("EURUSD_1h.csv.gz").toString(), "--to", "1d");
        assertThat(stdout.out()).startsWith("timestamp,open,high,low,close,volume\n2020-01-01T00:00:00Z,");
        Run bad = run("data", "resample", dir.resolve("EURUSD_1h.csv.gz").toString(), "--to", "15m");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("ktrdr: target: cannot resample 1h to 15m: the target must be coarser than the source");
    }

    @Test
    void alignWritesOneRowPerBaseBarWithSourceOpenTimes(@TempDir Path dir) throws IOException {
        generate(dir);
        Path out = dir.resolve("aligned.csv");
        Run r = run("data", "align", "--data-dir", dir.toString(), "--symbol", "EURUSD", "--timeframes", "1h,4h,1d", "--base", "1h",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("timestamp,1h_open,1h_high,1h_low,1h_close,1h_volume,1h_source_open,"
                + "4h_open,4h_high,4h_low,4h_close,4h_volume,4h_source_open,1d_open,1d_high,1d_low,1d_close,1d_volume,1d_source_open,"
                + "1h_source_close,4h_source_close,1d_source_close");
        assertThat(r.out()).contains("wrote " + (lines.size() - 1) + " rows");
        // First row (hand-checked): the 1h bar 2020-01-01T21:00Z closes 22:00Z, when the forex day of
        // 2020-01-01 closes (17:00 EST) and the 4h bucket opened 18:00Z has closed.
        String[] first = lines.get(1).split(",");
        assertThat(first[0]).isEqualTo("2020-01-01T21:00:00Z");
        assertThat(first[6]).isEqualTo("2020-01-01T21:00:00Z");
        assertThat(first[12]).isEqualTo("2020-01-01T18:00:00Z");
        assertThat(first[18]).isEqualTo("2020-01-01T00:00:00Z");
        // used from: the base bar's own close, the 4h bucket's close, the resampled forex day's close (17:00 EST)
        assertThat(first[19]).isEqualTo("2020-01-01T22:00:00Z");
        assertThat(first[20]).isEqualTo("2020-01-01T22:00:00Z");
        assertThat(first[21]).isEqualTo("2020-01-01T22:00:00Z");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f[12].compareTo(f[0])).isLessThanOrEqualTo(0);
            // every source bar was used from an instant no later than the row's base bar close
            for (int k = 19; k <= 21; k++) {
                assertThat(f[k].compareTo(f[19])).isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void badInputExitsTwoWithOneLineNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("Y_1h.csv");
        Files.writeString(f, "timestamp,open,high,low,close,volume\n2020-01-02T14:00:00Z,1,2,0.5,1.5,3\n1577973600,1,2,0.5,1.5,3\n");
        Run r = run("data", "resample", f.toString(), "--to", "4h");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("ktrdr: " + f + ":3: timestamp '1577973600' breaks rule timestamp: looks like epoch seconds "
                + "(1577973600); epoch milliseconds or ISO-8601 are required");
        Run inspect = run("data", "inspect", f.toString());
        assertThat(inspect.code()).isEqualTo(2);
        assertThat(inspect.out()).contains("line 3: timestamp '1577973600' breaks rule timestamp");
        assertThat(inspect.err().lines().count()).isEqualTo(1);
        Run missing = run("data", "align", "--data-dir", dir.toString(), "--symbol", "NOPE", "--timeframes", "1h", "--base", "1h");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("ktrdr: no NOPE_1h file");
        Run unsafe = run("data", "align", "--data-dir", dir.toString(), "--symbol", "../etc", "--timeframes", "1h", "--base", "1h");
        assertThat(unsafe.code()).isEqualTo(2);
        assertThat(unsafe.err()).startsWith("ktrdr: symbol: '../etc' is not a valid symbol");
        assertThat(run("data", "generate", "--bars", "0", "--out", dir.resolve("g").toString()).code()).isEqualTo(2);
    }
}
