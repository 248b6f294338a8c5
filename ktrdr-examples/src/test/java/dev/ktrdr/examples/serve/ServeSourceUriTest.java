package dev.ktrdr.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.source.BarSinks;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ktrdr serve --data URI}: the same answers from a Parquet folder as from the CSV folder it was exported from. */
class ServeSourceUriTest {
    private static final String TOKEN = "test-token-0123456789abcdef";
    @TempDir
    Path dir;

    @Test
    void analyzeMtfFromAParquetSourceEqualsTheCsvFoldersAnswerAndABadUriFailsAtStart() throws Exception {
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 2_000, 3);
        Map<Symbol, BarSeries> bars = SyntheticMarket.generate(c);
        Path csv = dir.resolve("csv");
        SyntheticMarket.writeFolder(csv, c, bars);
        Path parquet = Files.createDirectories(dir.resolve("parquet"));
        for (BarSeries s : bars.values()) {
            BarSinks.writeParquet(parquet, s);
        }
        SymbolRegistry.write(parquet, SyntheticMarket.infos(c.symbols()));

        String body = "{\"symbol\":\"BTCUSDT\",\"timeframes\":[\"1h\",\"4h\",\"1d\"]}";
        JsonNode fromCsv = analyze(ServeConfig.defaults(csv, dir.resolve("models")), body);
        JsonNode fromParquet = analyze(ServeConfig.defaults("parquet:" + parquet, dir.resolve("models")), body);
        assertThat(fromCsv.get("timeframes")).hasSize(3);
        for (String field : new String[] {"as_of", "timeframes", "score", "level", "bias", "recommendation"}) {
            assertThat(fromParquet.get(field)).as(field).isEqualTo(fromCsv.get(field));
        }

        assertThatThrownBy(() -> ApiServer.start(ServeConfig.defaults("parquet:" + dir.resolve("missing"), dir.resolve("m"))
                .withPort(0), TOKEN)).isInstanceOf(DataException.class).hasMessageNotContaining("\n");
    }

    private static JsonNode analyze(ServeConfig config, String body) throws Exception {
        try (ApiServer server = ApiServer.start(config.withPort(0), TOKEN)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.uri() + ApiServer.PREFIX + "/analyze-mtf")).header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new ObjectMapper().readTree(r.body());
        }
    }
}
