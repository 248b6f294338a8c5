package dev.ktrdr.examples.serve;

import static dev.ktrdr.examples.serve.ServeFixture.done;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.examples.bench.serve.ServeLoad;
import dev.ktrdr.examples.serve.ServeFixture.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load on loopback, bounded in time and count: 32 clients call analyze-mtf while a training job runs.
 * The duration is {@code -Dktrdr.serve.loadSeconds} (default 5; the figure is 20); the figures are
 * printed, not asserted (speed is measured by {@code ServeLoadBenchmark}).
 */
class ServeLoadTest {
    @TempDir
    Path dir;

    @Test
    void thirtyTwoClientsOnAnalyzeMtfWhileATrainingRunsGetNoErrorAndTheJobIsNotLost() throws IOException,
            InterruptedException {
        int seconds = Integer.getInteger("ktrdr.serve.loadSeconds", 5);
        try (ServeFixture f = ServeFixture.start(dir, 1, 4)) {
            Answer t = f.call("POST", "/api/v1/trainings", Map.of("strategy", "tiny_universal"));
            assertThat(t.status()).as(t.raw().body()).isEqualTo(202);
            String loc = t.body().get("location").asText();
            ServeLoad.Result r = ServeLoad.run(f.server.uri().resolve(ApiServer.PREFIX + "/analyze-mtf"), ServeFixture.TOKEN,
                    "{\"symbol\":\"BTCUSDT\",\"timeframes\":[\"1h\",\"4h\",\"1d\"]}", 32, Duration.ofSeconds(seconds), 5_000);
            System.out.println("ServeLoadTest: 32 clients, analyze-mtf during a training, " + seconds + " s: " + r);
            JsonNode job = f.await(loc, done(), Duration.ofMinutes(5));
            assertThat(r.errors()).as(r.firstError()).isZero();
            assertThat(r.requests()).isPositive();
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("succeeded");
            assertThat(job.path("version").path("version").asText()).isNotBlank();
        }
    }
}
