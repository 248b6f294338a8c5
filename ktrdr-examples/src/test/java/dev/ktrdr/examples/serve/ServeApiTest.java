package dev.ktrdr.examples.serve;

import static dev.ktrdr.examples.serve.ServeFixture.done;
import static dev.ktrdr.examples.serve.ServeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.serve.ServeFixture.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of {@code ktrdr serve} through java.net.http against a server on an ephemeral loopback port. */
class ServeApiTest {
    @TempDir
    static Path dir;
    static ServeFixture f;
    /** The tiny strategy trained and stored through the API once. */
    static JsonNode trained;
    static String version;

    @BeforeAll
    static void start() throws IOException {
        f = ServeFixture.start(dir, 1, 1);
        Answer a = f.call("POST", "/api/v1/trainings", Map.of("strategy", "tiny_universal"));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
        trained = f.await(a.body().get("location").asText(), done(), Duration.ofMinutes(3));
        version = trained.path("version").path("version").asText();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static Answer post(String path, Object body) {
        return f.call("POST", path, body);
    }

    private static void assertError(Answer a, int status, String detailContains) {
        assertThat(a.status()).as(a.raw().body()).isEqualTo(status);
        assertThat(a.body().get("error").asText()).isNotBlank();
        assertThat(a.body().get("detail").asText()).contains(detailContains);
        assertThat(a.raw().body()).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    }

    // ---- health, OpenAPI, token

    @Test
    void healthNeedsNoToken() {
        Answer a = f.call("GET", "/health", null, null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void theServerListensOnLoopbackOnly() {
        assertThat(f.server.uri().getHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void openApiListsEveryRouteAndEveryRouteIsInIt() {
        Answer a = f.call("GET", "/openapi.json", null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().get("openapi").asText()).startsWith("3.");
        Set<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> p : a.body().get("paths").properties()) {
            for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
                String method = m.next();
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(f.server.routes());
        assertThat(f.server.routes()).hasSize(13);
    }

    @Test
    void everyRouteButHealthRefusesAMissingToken() {
        for (String route : f.server.routes()) {
            if (route.equals("GET /health")) {
                continue;
            }
            String[] mp = route.split(" ");
            Answer a = f.call(mp[0], mp[1].replace("{id}", "x").replace("{strategy}", "s").replace("{version}", "v"),
                    mp[0].equals("POST") ? "{}" : null, null);
            assertError(a, 401, "Authorization: Bearer");
            assertThat(a.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        }
    }

    @Test
    void everyRouteButHealthRefusesAWrongToken() {
        for (String route : f.server.routes()) {
            if (route.equals("GET /health")) {
                continue;
            }
            String[] mp = route.split(" ");
            for (String wrong : List.of(ServeFixture.TOKEN + "x", ServeFixture.TOKEN.substring(1), "", "Bearer")) {
                Answer a = f.call(mp[0], mp[1].replace("{id}", "x").replace("{strategy}", "s").replace("{version}", "v"),
                        mp[0].equals("POST") ? "{}" : null, wrong);
                assertError(a, 401, "Authorization: Bearer");
            }
        }
    }

    @Test
    void theTokenIsComparedWithTheSchemeCaseInsensitivelyAndNothingElse() {
        ApiToken t = ApiToken.of(ServeFixture.TOKEN);
        assertThat(t.accepts("Bearer " + ServeFixture.TOKEN)).isTrue();
        assertThat(t.accepts("bearer " + ServeFixture.TOKEN)).isTrue();
        assertThat(t.accepts("Basic " + ServeFixture.TOKEN)).isFalse();
        assertThat(t.accepts(null)).isFalse();
        assertThat(t.accepts("Bearer " + ServeFixture.TOKEN.toUpperCase(java.util.Locale.ROOT))).isFalse();
    }

    // ---- trainings

    @Test
    void aTrainingByStrategyNameSucceedsWithItsReportAndStoredVersion() {
        assertThat(trained.get("state").asText()).as(trained.toString()).isEqualTo("succeeded");
        assertThat(trained.get("kind").asText()).isEqualTo("training");
        assertThat(trained.path("report").path("strategy").asText()).isEqualTo("tiny_universal");
        assertThat(trained.path("report").path("per_symbol").has("BTCUSDT")).isTrue();
        assertThat(trained.path("progress").path("events").asLong()).isPositive();
        assertThat(version).startsWith("universal_1h-4h_v");
        assertThat(Path.of(trained.path("version").path("path").asText())).isDirectory();
    }

    @Test
    void anInlineStrategyWithTheOlderSingularSymbolAndTimeframeIsConverted() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("strategy_yaml", ServeFixture.tinyStrategy());
        body.put("symbol", "ETHUSDT");
        body.put("timeframe", "1h");
        body.put("store", false);
        Answer a = post("/api/v1/trainings", body);
        assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
        JsonNode job = f.await(a.body().get("location").asText(), done(), Duration.ofMinutes(3));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").path("timeframes")).extracting(JsonNode::asText).containsExactly("1h");
        assertThat(job.path("report").path("per_symbol").size()).isEqualTo(1);
        assertThat(job.path("report").path("per_symbol").has("ETHUSDT")).isTrue();
        assertThat(job.get("version").isNull()).isTrue();
    }

    @Test
    void trainingRefusesAnUnknownField() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "symbolz", List.of("X"))), 400,
                "unknown field 'symbolz'");
    }

    @Test
    void trainingRefusesBothOrNeitherStrategyForm() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "strategy_yaml", "name: x")), 400,
                "either strategy");
        assertError(post("/api/v1/trainings", Map.of("symbols", List.of("BTCUSDT"))), 400, "either strategy");
    }

    @Test
    void trainingRefusesAStrategyNameThatIsNotSafe() {
        for (String bad : List.of("../tiny_universal", "/etc/passwd", "a/b", "..", "nul", "x\u0000y")) {
            assertError(post("/api/v1/trainings", Map.of("strategy", bad)), 400, "strategy");
        }
    }

    @Test
    void trainingAnswers404ForAStrategyFileThatDoesNotExist() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "no_such_strategy")), 404, "no_such_strategy.yaml");
    }

    @Test
    void trainingRefusesAnInvalidStrategyListingEveryProblemWithItsPath() {
        Answer a = post("/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.tinyStrategy()
                .replace("period: 14", "period: -3").replace("hidden_layers: [8]", "hidden_layers: [0]")));
        assertError(a, 400, "");
        assertThat(a.body().get("error").asText()).isEqualTo("invalid_strategy");
        assertThat(a.body().get("problems").size()).isGreaterThanOrEqualTo(2);
        assertThat(a.body().get("problems").toString()).contains("indicators.rsi_14.period");
    }

    @Test
    void trainingRefusesAnUnsafeSymbol() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "symbols", List.of("BTCUSDT", "../x"))),
                400, "symbols[1]");
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "symbol", "a/b")), 400, "symbol");
    }

    @Test
    void trainingRefusesAnUnknownOrRepeatedTimeframe() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "timeframes", List.of("1h", "7x"))),
                400, "timeframes[1]");
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "timeframes", List.of("1h", "1h"))),
                400, "listed twice");
    }

    @Test
    void trainingRefusesSingularAndPluralTogether() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT",
                "symbols", List.of("ETHUSDT"))), 400, "either symbol or symbols");
    }

    @Test
    void trainingRefusesABadDateAndAnEmptyRange() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "start_date", "2024-13-01")), 400,
                "start_date");
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "start_date", "2024-03-01",
                "end_date", "2024-02-01")), 400, "before start_date");
    }

    @Test
    void trainingRefusesABaseTimeframeOutsideTheTimeframes() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "timeframes", List.of("1h", "4h"),
                "base_timeframe", "1d")), 400, "base_timeframe");
    }

    @Test
    void trainingRefusesAnUnknownMultiSymbolConfigKey() {
        assertError(post("/api/v1/trainings", Map.of("strategy", "tiny_universal", "multi_symbol_config",
                Map.of("mode", "x"))), 400, "unknown field 'mode'");
    }

    @Test
    void malformedJsonAndNonObjectBodiesAreRefused() {
        assertError(post("/api/v1/trainings", "{\"strategy\": "), 400, "not valid JSON");
        assertError(post("/api/v1/trainings", "[1, 2]"), 400, "JSON object");
        assertError(post("/api/v1/trainings", "{\"strategy\": \"a\", \"strategy\": \"b\"}"), 400, "not valid JSON");
        assertError(f.call("POST", "/api/v1/trainings", null), 400, "JSON body");
    }

    @Test
    void anOversizedBodyIs413AndChangesNothing() {
        String big = "{\"strategy_yaml\": \"" + "x".repeat(300 * 1024) + "\"}";
        assertError(post("/api/v1/trainings", big), 413, "larger than");
        assertError(post("/api/v1/analyze-mtf", big), 413, "larger than");
        assertThat(f.call("GET", "/health", null, null).status()).isEqualTo(200);
    }

    @Test
    void unknownJobsAre404() {
        assertError(f.call("GET", "/api/v1/trainings/no-such-job", null), 404, "no training job");
        assertError(f.call("DELETE", "/api/v1/trainings/no-such-job", null), 404, "no training job");
        assertError(f.call("GET", "/api/v1/backtests/no-such-job", null), 404, "no backtest job");
        String trainingId = trained.get("id").asText();
        assertError(f.call("GET", "/api/v1/backtests/" + trainingId, null), 404, "no backtest job");
        assertError(f.call("DELETE", "/api/v1/backtests/" + trainingId, null), 404, "no backtest job");
    }

    @Test
    void unknownRoutesAre404AndWrongMethods405() {
        assertError(f.call("GET", "/api/v2/models", null), 404, "no route");
        Answer a = f.call("PUT", "/api/v1/models", "{}");
        assertError(a, 405, "not allowed");
        assertThat(a.raw().headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void cancellingAFinishedJobIs409() {
        assertError(f.call("DELETE", "/api/v1/trainings/" + trained.get("id").asText(), null), 409, "already succeeded");
    }

    @Test
    void aTrainingCancelledWhileRunningStopsAndStoresNoVersion() throws IOException {
        Answer a = post("/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.slowStrategy("slow_cancelled")));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
        String loc = a.body().get("location").asText();
        f.await(loc, n -> n.path("progress").path("stage").asText().equals("epoch"), Duration.ofMinutes(3));
        Answer d = f.call("DELETE", loc, null);
        assertThat(d.status()).as(d.raw().body()).isEqualTo(202);
        JsonNode job = f.await(loc, done(), Duration.ofMinutes(1));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("cancelled");
        assertThat(job.has("report")).isFalse();
        assertThat(f.call("GET", "/api/v1/models?strategy=slow_cancelled", null).body().get("models")).isEmpty();
        Path strategyDir = f.models.resolve("slow_cancelled");
        if (Files.exists(strategyDir)) {
            try (Stream<Path> s = Files.list(strategyDir)) {
                assertThat(s.toList()).isEmpty();
            }
        }
    }

    @Test
    void aFullQueueAnswers429AndAQueuedJobCancelsAtOnce() {
        // concurrency 1, queue 1: one runs, one waits, the third is refused
        Answer running = post("/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.slowStrategy("slow_queue_a")));
        assertThat(running.status()).as(running.raw().body()).isEqualTo(202);
        f.await(running.body().get("location").asText(), state("running"), Duration.ofMinutes(1));
        Answer queued = post("/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.slowStrategy("slow_queue_b")));
        assertThat(queued.status()).isEqualTo(202);
        Answer refused = post("/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.slowStrategy("slow_queue_c")));
        assertError(refused, 429, "queue is full");
        assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("5");

        Answer cq = f.call("DELETE", queued.body().get("location").asText(), null);
        assertThat(cq.status()).isEqualTo(202);
        assertThat(cq.body().get("state").asText()).isEqualTo("cancelled");
        f.call("DELETE", running.body().get("location").asText(), null);
        JsonNode r = f.await(running.body().get("location").asText(), done(), Duration.ofMinutes(1));
        assertThat(r.get("state").asText()).isEqualTo("cancelled");
        assertThat(f.call("GET", "/api/v1/models?strategy=slow_queue_a", null).body().get("models")).isEmpty();
    }

    // ---- models

    @Test
    void modelsAreListedAndFiltered() {
        JsonNode all = f.call("GET", "/api/v1/models", null).body().get("models");
        assertThat(all).extracting(n -> n.get("version").asText()).contains(version);
        assertThat(f.call("GET", "/api/v1/models?strategy=tiny_universal&timeframe=4h&compatible_with=SOLUSDT", null)
                .body().get("models")).extracting(n -> n.get("version").asText()).contains(version);
        assertThat(f.call("GET", "/api/v1/models?timeframe=1d", null).body().get("models")).isEmpty();
        assertThat(f.call("GET", "/api/v1/models?strategy=no_models_here", null).body().get("models")).isEmpty();
    }

    @Test
    void modelListingRefusesAnUnknownFilterAndUnsafeValues() {
        assertError(f.call("GET", "/api/v1/models?symbol=BTCUSDT", null), 400, "unknown query parameter 'symbol'");
        assertError(f.call("GET", "/api/v1/models?strategy=..%2Fx", null), 400, "strategy");
        assertError(f.call("GET", "/api/v1/models?compatible_with=a%2Fb", null), 400, "compatible_with");
        assertError(f.call("GET", "/api/v1/models?timeframe=9q", null), 400, "timeframe");
    }

    @Test
    void oneModelShowsItsMetadataAndMetrics() {
        Answer a = f.call("GET", "/api/v1/models/tiny_universal/" + version, null);
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        assertThat(a.body().get("latest").asBoolean()).isTrue();
        assertThat(a.body().get("metadata").isObject()).isTrue();
        assertThat(a.body().get("metrics").isObject()).isTrue();
    }

    @Test
    void anUnknownOrUnsafeModelVersionIsRefused() {
        assertError(f.call("GET", "/api/v1/models/tiny_universal/universal_1h-4h_v99", null), 404, "v99");
        assertError(f.call("GET", "/api/v1/models/tiny_universal/not-a-version", null), 404, "not-a-version");
        assertError(f.call("GET", "/api/v1/models/..%2F..%2Fetc/" + version, null), 400, "strategy");
    }

    @Test
    void resolveGivesTheRungAndAnUnseenSymbol() {
        Answer a = post("/api/v1/models/resolve", Map.of("strategy", "tiny_universal", "symbol", "SOLUSDT"));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        assertThat(a.body().get("rung").asText()).isEqualTo("universal");
        assertThat(a.body().get("unseen_symbol").asBoolean()).isTrue();
        assertThat(a.body().get("refusals").isArray()).isTrue();
    }

    @Test
    void resolveAnswers404WhenNoModelServesAndRefusesBadInput() {
        assertError(post("/api/v1/models/resolve", Map.of("strategy", "never_trained", "symbol", "BTCUSDT")), 404,
                "never_trained");
        Answer refused = post("/api/v1/models/resolve", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT",
                "timeframes", List.of("1d")));
        assertError(refused, 404, "");
        assertThat(refused.body().get("refusals").size()).isPositive();
        assertError(post("/api/v1/models/resolve", Map.of("strategy", "tiny_universal")), 400, "symbol: required");
        assertError(post("/api/v1/models/resolve", Map.of("strategy", "tiny_universal", "symbol", "..")), 400, "symbol");
    }

    @Test
    void checkCompatibilityAnswersYesAndNoWithReasons() {
        Answer yes = post("/api/v1/models/check-compatibility", Map.of("strategy", "tiny_universal", "version", version,
                "symbol", "SOLUSDT", "timeframes", List.of("1h", "4h")));
        assertThat(yes.status()).as(yes.raw().body()).isEqualTo(200);
        assertThat(yes.body().get("compatible").asBoolean()).isTrue();
        assertThat(yes.body().get("reasons")).isEmpty();
        Answer no = post("/api/v1/models/check-compatibility", Map.of("strategy", "tiny_universal", "version", version,
                "symbol", "SOLUSDT", "timeframes", List.of("1h", "4h"), "features", List.of("a", "b")));
        assertThat(no.body().get("compatible").asBoolean()).isFalse();
        assertThat(no.body().get("reasons").toString()).contains("feature spec mismatch");
        Answer tf = post("/api/v1/models/check-compatibility", Map.of("strategy", "tiny_universal", "version", version,
                "symbol", "SOLUSDT", "timeframes", List.of("1d")));
        assertThat(tf.body().get("compatible").asBoolean()).isFalse();
    }

    @Test
    void checkCompatibilityRefusesMissingTimeframesAndUnknownVersions() {
        assertError(post("/api/v1/models/check-compatibility", Map.of("strategy", "tiny_universal", "version", version,
                "symbol", "SOLUSDT")), 400, "timeframes: required");
        assertError(post("/api/v1/models/check-compatibility", Map.of("strategy", "tiny_universal",
                "version", "universal_1h-4h_v99", "symbol", "SOLUSDT", "timeframes", List.of("1h"))), 404, "v99");
    }

    // ---- backtests

    @Test
    void aBacktestJobOfTheResolvedModelAndOfANamedVersionSucceeds() {
        Answer a = post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT",
                "from", "2024-03-01", "capital", 50_000, "commission", 0.0005, "slippage_bps", 2));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
        JsonNode job = f.await(a.body().get("location").asText(), done(), Duration.ofMinutes(2));
        assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
        assertThat(job.path("report").isObject()).isTrue();
        assertThat(job.path("report").toString()).contains("BTCUSDT");

        Answer v = post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "version", version, "symbol", "EURUSD"));
        assertThat(v.status()).as(v.raw().body()).isEqualTo(202);
        JsonNode vj = f.await(v.body().get("location").asText(), done(), Duration.ofMinutes(2));
        assertThat(vj.get("state").asText()).as(vj.toString()).isEqualTo("succeeded");
    }

    @Test
    void backtestsRefuseBadCostsWindowsAndVersions() {
        assertError(post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT", "commission", 1.5)),
                400, "commission");
        assertError(post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT",
                "from", "2024-03-01", "to", "2024-02-01")), 400, "before from");
        assertError(post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT", "from", "yesterday")),
                400, "from");
        assertError(post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "symbol", "BTCUSDT",
                "version", "universal_1h-4h_v99")), 404, "v99");
        assertError(post("/api/v1/backtests", Map.of("strategy", "tiny_universal", "version", version, "symbol", "BTCUSDT",
                "timeframes", List.of("1d"))), 409, "cannot serve");
    }

    // ---- analyze-mtf

    @Test
    void analyzeMtfOnTheDataSource() {
        Answer a = post("/api/v1/analyze-mtf", Map.of("symbol", "BTCUSDT", "timeframes", List.of("1h", "4h", "1d")));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        assertThat(a.body().get("source").asText()).isEqualTo("data_source");
        assertThat(a.body().get("timeframes")).extracting(n -> n.get("timeframe").asText()).containsExactly("1h", "4h", "1d");
        assertThat(a.body().get("level").asText()).isNotBlank();
        assertThat(a.body().get("bias").asText()).isNotBlank();
        assertThat(a.body().get("latency_ms").asDouble()).isPositive();
    }

    @Test
    void analyzeMtfOnBarsInTheRequestServesASymbolTheSourceDoesNotHave() {
        Answer missing = post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "timeframes", List.of("1h", "4h")));
        assertError(missing, 404, "not in the data source");
        Answer a = post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "bars", Map.of("1h", rows(Timeframe.H1, 600),
                "4h", rows(Timeframe.H4, 300))));
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
        assertThat(a.body().get("source").asText()).isEqualTo("request");
        assertThat(a.body().get("symbol").asText()).isEqualTo("XYZ123");
        assertThat(a.body().get("timeframes")).extracting(n -> n.get("timeframe").asText()).containsExactly("1h", "4h");
    }

    @Test
    void analyzeMtfRefusesTooManyBars() {
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "bars", Map.of("1h", rows(Timeframe.H1, 2_001)))),
                413, "more than the limit of 2000");
    }

    @Test
    void analyzeMtfRefusesInconsistentBars() {
        List<List<Number>> bad = rows(Timeframe.H1, 100);
        bad.set(50, List.of(bad.get(50).get(0), 10.0, 9.0, 11.0, 10.0, 1.0));
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "bars", Map.of("1h", bad))), 400, "bars.1h[50]");
        List<List<Number>> back = rows(Timeframe.H1, 100);
        back.set(60, back.get(10));
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "bars", Map.of("1h", back))), 400,
                "increase strictly");
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "bars", Map.of("1h", List.of(List.of(1, 2, 3))))),
                400, "bars.1h[0]");
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "timeframes", List.of("1h", "4h"),
                "bars", Map.of("1h", rows(Timeframe.H1, 100)))), 400, "no 4h series");
    }

    @Test
    void analyzeMtfRefusesAnUnsafeSymbolAndTooFewBars() {
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "../../etc/passwd")), 400, "symbol");
        assertError(post("/api/v1/analyze-mtf", Map.of("symbol", "XYZ123", "bars", Map.of("1h", rows(Timeframe.H1, 5)))),
                400, "");
    }

    /** Rows [open_time_ms, o, h, l, c, v] of a synthetic series. */
    static List<List<Number>> rows(Timeframe tf, int n) {
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(0, 1), tf,
                Instant.parse("2024-01-01T00:00:00Z"), n, 11);
        BarSeries s = SyntheticMarket.generate(c).values().iterator().next();
        List<List<Number>> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(new ArrayList<>(List.of(s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i))));
        }
        return out;
    }

}
