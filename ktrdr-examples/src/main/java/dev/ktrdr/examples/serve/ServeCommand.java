package dev.ktrdr.examples.serve;

import dev.ktrdr.api.DataException;
import dev.ktrdr.data.source.DataSources;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ktrdr serve --data DIR --models-dir M [--port P] [--bind 127.0.0.1] [--strategies-dir S]
 * [--max-concurrent-jobs N] [--queue N]}: the HTTP API until the process is stopped (Ctrl-C or SIGTERM
 * shut it down gracefully).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the HTTP API (JSON, OpenAPI 3 at /openapi.json): trainings and backtests as jobs, models, "
                + "multi-timeframe confluence.",
                "Every route but /health needs 'Authorization: Bearer <token>': the token is $" + ApiToken.ENV
                        + ", else the one in --token-file (generated at the first start, readable only by you)."})
public final class ServeCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR|URI",
            description = "folder of {SYMBOL}_{tf}.csv[.gz] files, or a source URI: csv:DIR, parquet:DIR, duckdb:FILE, jdbc:... (credentials from KTRDR_JDBC_USER and KTRDR_JDBC_PASSWORD, PGUSER and PGPASSWORD, or the file KTRDR_JDBC_PROPERTIES)")
    String data;

    @Option(names = "--models-dir", required = true, paramLabel = "DIR", description = "model store")
    Path modelsDir;

    @Option(names = "--strategies-dir", paramLabel = "DIR",
            description = "folder of strategy files POST /trainings may name (else inline YAML only)")
    Path strategiesDir;

    @Option(names = "--port", defaultValue = "8080", description = "port, 0 for any free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to listen on (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 exposes the API)")
    String bind;

    @Option(names = "--max-concurrent-jobs", defaultValue = "1", description = "jobs running at once (default: ${DEFAULT-VALUE})")
    int maxConcurrentJobs;

    @Option(names = "--queue", defaultValue = "16", description = "jobs waiting at most; beyond that 429 (default: ${DEFAULT-VALUE})")
    int queue;

    @Option(names = "--max-body-bytes", defaultValue = "8388608", description = "largest request body; beyond that 413 (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(names = "--max-bars", defaultValue = "10000", description = "most bars per timeframe in an analyze-mtf request (default: ${DEFAULT-VALUE})")
    int maxBars;

    @Option(names = "--http-threads", defaultValue = "16", description = "threads serving requests (default: ${DEFAULT-VALUE})")
    int httpThreads;

    @Option(names = "--shutdown-grace", defaultValue = "30", paramLabel = "SECONDS",
            description = "at shutdown, how long running jobs may take to finish before they are cancelled (default: ${DEFAULT-VALUE})")
    int shutdownGrace;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "where the generated token is kept (default: ~/.ktrdr/api-token); ignored when $" + ApiToken.ENV + " is set")
    Path tokenFile;

    @Override
    public Integer call() throws IOException, InterruptedException {
        try {
            DataSources.open(data); // checked before the token file is touched; the server opens it again
        } catch (DataException e) {
            throw new DataException("--data: " + e.getMessage(), e);
        }
        if (strategiesDir != null && !Files.isDirectory(strategiesDir)) {
            throw new IllegalArgumentException("--strategies-dir " + strategiesDir + " is not a directory");
        }
        InetAddress address = InetAddress.getByName(bind);
        ServeConfig config = new ServeConfig(data, modelsDir, Optional.ofNullable(strategiesDir), address, port,
                maxConcurrentJobs, queue, maxBodyBytes, maxBars, 8, httpThreads, Duration.ofSeconds(shutdownGrace));
        Path file = tokenFile != null ? tokenFile : Path.of(System.getProperty("user.home"), ".ktrdr", "api-token");
        ApiToken.Loaded token = ApiToken.load(System.getenv(ApiToken.ENV), file);
        ApiServer server = ApiServer.start(config, token.token());
        PrintWriter out = spec.commandLine().getOut();
        out.println("ktrdr serve: listening on " + server.uri() + " (OpenAPI: " + server.uri() + "/openapi.json)");
        out.println("ktrdr serve: bearer token " + (token.generated() ? "generated into " : "from ") + token.origin()
                + (token.generated() ? " (mode 600)" : ""));
        if (!address.isLoopbackAddress()) {
            out.println("ktrdr serve: WARNING: bound to " + address.getHostAddress()
                    + ", not loopback: the API is reachable from other machines (plain HTTP)");
        }
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("ktrdr serve: stopping (queued jobs cancelled, running ones get " + shutdownGrace + " s)");
            server.close();
            System.err.println("ktrdr serve: stopped");
            stopped.countDown();
        }, "ktrdr-serve-shutdown"));
        stopped.await();
        return 0;
    }
}
