package dev.ktrdr.examples.serve;

import static dev.ktrdr.examples.serve.ServeFixture.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.examples.serve.ServeFixture.Answer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token file handling and graceful shutdown. */
class ServeLifecycleTest {
    @TempDir
    Path dir;

    @Test
    void aGeneratedTokenIsWrittenReadableOnlyByTheUserAndReusedAtTheNextStart() throws IOException {
        Path file = dir.resolve("conf/api-token");
        ApiToken.Loaded first = ApiToken.load(null, file);
        assertThat(first.generated()).isTrue();
        assertThat(first.origin()).isEqualTo(file.toString());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String token = Files.readString(file).strip();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        assertThat(first.token().accepts("Bearer " + token)).isTrue();
        ApiToken.Loaded again = ApiToken.load("", file);
        assertThat(again.generated()).isFalse();
        assertThat(again.token().accepts("Bearer " + token)).isTrue();
    }

    @Test
    void theEnvironmentVariableWinsAndMustNotBeShort() {
        Path file = dir.resolve("never-written");
        ApiToken.Loaded env = ApiToken.load("from-the-environment-1234", file);
        assertThat(env.origin()).contains(ApiToken.ENV).doesNotContain("from-the-environment");
        assertThat(env.token().accepts("Bearer from-the-environment-1234")).isTrue();
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> ApiToken.load("short", file)).hasMessageContaining("at least 16");
    }

    @Test
    void aTokenFileOthersCanReadIsRefused() throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, "a-token-of-enough-length-42\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> ApiToken.load(null, file)).hasMessageContaining("chmod 600");
    }

    @Test
    void configurationOutOfRangeIsRefusedNamingTheOption() {
        ServeConfig d = ServeConfig.defaults(dir, dir);
        assertThatThrownBy(() -> d.withJobs(0, 1)).hasMessageContaining("--max-concurrent-jobs");
        assertThatThrownBy(() -> d.withLimits(10, 1)).hasMessageContaining("--max-body-bytes");
        assertThatThrownBy(() -> d.withPort(70_000)).hasMessageContaining("--port");
        assertThat(d.bind().isLoopbackAddress()).isTrue();
    }

    @Test
    void shutdownCancelsARunningTrainingAfterTheGraceAndLeavesNoVersion() throws IOException {
        ServeFixture f = ServeFixture.start(dir, 1, 2);
        try {
            Answer a = f.call("POST", "/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.slowStrategy("slow_shutdown")));
            assertThat(a.status()).as(a.raw().body()).isEqualTo(202);
            f.await(a.body().get("location").asText(), state("running"), Duration.ofMinutes(1));
            Answer queued = f.call("POST", "/api/v1/trainings", Map.of("strategy_yaml", ServeFixture.slowStrategy("slow_shutdown2")));
            assertThat(queued.status()).isEqualTo(202);
            long t0 = System.nanoTime();
            f.server.close();
            // grace 5 s, then cancellation: the epoch loop stops at its next progress event
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
            assertThat(f.server.activeJobs()).isZero();
            for (String s : new String[] {"slow_shutdown", "slow_shutdown2"}) {
                Path sd = f.models.resolve(s);
                if (Files.exists(sd)) {
                    try (Stream<Path> list = Files.list(sd)) {
                        assertThat(list.toList()).as(s).isEmpty();
                    }
                }
            }
        } finally {
            f.close();
        }
    }

    @Test
    void aServerBoundToLoopbackIsNotReachableOnOtherAddressesByDefault() throws IOException {
        try (ServeFixture f = ServeFixture.start(dir, 1, 1)) {
            assertThat(InetAddress.getByName(f.server.uri().getHost()).isLoopbackAddress()).isTrue();
        }
    }

    @Test
    void theServeCommandRefusesAMissingDataFolderWithOneLineAndExitTwo() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = dev.ktrdr.examples.cli.KtrdrCli.commandLine();
        cl.setErr(new java.io.PrintWriter(err));
        int code = cl.execute("serve", "--data", dir.resolve("nope").toString(), "--models-dir", dir.resolve("m").toString(),
                "--token-file", dir.resolve("t").toString());
        assertThat(code).isEqualTo(dev.ktrdr.examples.cli.KtrdrCli.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--data").contains("not a directory");
        assertThat(dir.resolve("t")).doesNotExist();
    }
}
