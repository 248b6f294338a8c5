package dev.ktrdr.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** A synthetic data folder, a strategies folder, a running server and a java.net.http client for the serve tests. */
final class ServeFixture implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path data;
    final Path models;
    final Path strategies;
    final ApiServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A response: status and parsed body. */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private ServeFixture(Path data, Path models, Path strategies, ApiServer server) {
        this.data = data;
        this.models = models;
        this.strategies = strategies;
        this.server = server;
    }

    /** Writes 1h bars of the default synthetic universe and the tiny strategy, then starts a loopback server on port 0. */
    static ServeFixture start(Path dir, int jobs, int queue) throws IOException {
        Path data = dir.resolve("data");
        writeData(data);
        Path strategies = Files.createDirectories(dir.resolve("strategies"));
        Files.writeString(strategies.resolve("tiny_universal.yaml"), tinyStrategy());
        Path models = dir.resolve("models");
        ServeConfig cfg = ServeConfig.defaults(data, models).withPort(0).withStrategiesDir(strategies).withJobs(jobs, queue)
                .withLimits(256 * 1024, 2_000).withHttpThreads(8).withBind(java.net.InetAddress.getLoopbackAddress(),
                        Duration.ofSeconds(5));
        return new ServeFixture(data, models, strategies, ApiServer.start(cfg, TOKEN));
    }

    static void writeData(Path data) {
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 3_000, 3);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
    }

    static String tinyStrategy() {
        try (InputStream in = ServeFixture.class.getResourceAsStream("/serve/tiny_universal.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tiny strategy renamed, training (almost) without end: for cancellation and queue tests. */
    static String slowStrategy(String name) {
        return tinyStrategy().replace("name: tiny_universal", "name: " + name)
                .replace("epochs: 3", "epochs: 100000\n  early_stopping: {enabled: false}");
    }

    Answer call(String method, String path, Object body) {
        return call(method, path, body, TOKEN);
    }

    Answer call(String method, String path, Object body, String token) {
        try {
            HttpRequest.BodyPublisher pub = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(60))
                    .method(method, pub).header("Content-Type", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), n, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a job every 20 ms until the predicate holds, failing after the deadline. */
    JsonNode await(String location, Predicate<JsonNode> until, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Answer a = call("GET", location, null);
            assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
            if (until.test(a.body())) {
                return a.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + location + " did not reach the awaited state within " + within + ": " + a.body());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    static Predicate<JsonNode> state(String... states) {
        return n -> java.util.Arrays.asList(states).contains(n.path("state").asText());
    }

    static Predicate<JsonNode> done() {
        return state("succeeded", "failed", "cancelled");
    }

    @Override
    public void close() {
        server.close();
    }
}
