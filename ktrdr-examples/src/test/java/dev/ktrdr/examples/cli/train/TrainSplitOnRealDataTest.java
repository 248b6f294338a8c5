package dev.ktrdr.examples.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The universal strategy on EURUSD, SPY, BTCUSDT and XAUUSD hourly bars (needs {@code KTRDR_MARKET_DATA}).
 * BTCUSDT's data begin in 2017, just before the shared validation cut: it used to be purged with EURUSD's
 * 3596-bar horizon to 0 training rows and still be recorded as a training symbol; with its own 296-bar horizon
 * it keeps 36 rows, below the minimum, and training is refused with one line.
 */
class TrainSplitOnRealDataTest {
    @TempDir
    Path dir;

    @Test
    void btcusdtWithTooFewTrainingRowsIsRefusedWithItsRowsPerSplit() throws IOException {
        Path market = MarketData.folder();
        Path data = Files.createDirectory(dir.resolve("data"));
        for (String s : List.of("EURUSD", "SPY", "BTCUSDT", "XAUUSD")) {
            Files.createSymbolicLink(data.resolve(s + "_1h.csv.gz"), market.resolve(s + "_1h.csv.gz"));
        }
        Path strategy = dir.resolve("universal_multi.yaml");
        try (InputStream in = getClass().getResourceAsStream("/strategies/universal_multi.yaml")) {
            Files.write(strategy, in.readAllBytes());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("train", strategy.toString(), "--data-dir", data.toString(), "--symbols",
                "EURUSD,SPY,BTCUSDT,XAUUSD", "--json");
        assertThat(code).as(err.toString()).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        // the strategy file's one warning (label_lookahead beside zigzag) comes first, then the one line of the refusal
        assertThat(err.toString().lines().toList()).containsExactly(
                "ktrdr: " + strategy + ": 1 warning",
                "  warning: training.labels.label_lookahead: not used by source zigzag (its labels reach up to the bar "
                        + "confirming each leg's end); ignored. Keys of zigzag: [zigzag_threshold]",
                "ktrdr: split plan: BTCUSDT has 36 training rows "
                + "(train 36, validation 8732, test 19019, purged 296 + 296 (horizon 296 bars)), below "
                + "training.min_rows_per_split = 50 (training period ends 2017-10-19T19:00:00Z): drop BTCUSDT from the "
                + "symbols, give it more history before 2017-10-19T19:00:00Z, or lower training.min_rows_per_split");
    }
}
