package dev.ktrdr.examples.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The demo on the shared real market data (needs {@code KTRDR_MARKET_DATA}). */
class DemoOnRealDataTest {
    @TempDir
    Path dir;

    @Test
    void demoOnRealDataServesEthusdtFromTheUniversalModelOfFiveOtherSymbols() throws IOException {
        String data = MarketData.folder().toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("demo", "--data-dir", data, "--out", dir.toString(), "--json")).as(err.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.path("trained_symbols").toString()).isEqualTo("[\"EURUSD\",\"XAUUSD\",\"AAPL\",\"SPY\",\"BTCUSDT\"]");
        assertThat(j.path("unseen_symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(j.path("rung").asText()).isEqualTo("UNIVERSAL");
        assertThat(j.path("unknown_symbol_slot").asBoolean()).isTrue();
        assertThat(j.path("backtest_from").asText()).startsWith("2018-");
        assertThat(j.path("universal_training").path("test_rows").asDouble()).isGreaterThan(1000);
        // seven charts and three group-importance charts (timeframe, fuzzy set, indicator)
        assertThat(j.path("charts").asInt()).isEqualTo(10 + 1);
        assertThat(Files.readString(dir.resolve("report/index.html")).contains("<td>ETHUSDT (crypto)</td>")).isTrue();
    }
}
