package dev.ktrdr.examples.serve;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code ktrdr serve} serves and its limits.
 *
 * @param data the data source: a folder of {@code {SYMBOL}_{tf}.csv[.gz]} files, or a source URI
 *     ({@code csv:DIR}, {@code parquet:DIR}, {@code duckdb:FILE}, {@code jdbc:...}, credentials from the environment)
 * @param modelsDir the model store's root
 * @param strategiesDir the folder whose strategy files {@code POST /trainings} may name (empty: inline YAML only)
 * @param bind the address to listen on (loopback unless told otherwise)
 * @param port the port (0: any free port)
 * @param maxConcurrentJobs jobs running at once, in [1, 64]
 * @param queue jobs waiting at most, in [0, 10000]; beyond that 429
 * @param maxBodyBytes largest request body accepted, in [1 KiB, 256 MiB]; beyond that 413
 * @param maxBarsPerTimeframe most bars per timeframe in an {@code analyze-mtf} request, in [1, 1,000,000]
 * @param maxTimeframes most timeframes in a request, in [1, 16]
 * @param httpThreads threads serving requests, in [1, 512]
 * @param shutdownGrace how long running jobs may take to finish at shutdown before they are cancelled
 */
public record ServeConfig(String data, Path modelsDir, Optional<Path> strategiesDir, InetAddress bind, int port,
                          int maxConcurrentJobs, int queue, long maxBodyBytes, int maxBarsPerTimeframe,
                          int maxTimeframes, int httpThreads, Duration shutdownGrace) {
    /** Checks presence and ranges. */
    public ServeConfig {
        Objects.requireNonNull(data, "data");
        if (data.isBlank()) {
            throw new IllegalArgumentException("--data must name a folder or a source URI");
        }
        Objects.requireNonNull(modelsDir, "modelsDir");
        Objects.requireNonNull(strategiesDir, "strategiesDir");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        range("--port", port, 0, 65535);
        range("--max-concurrent-jobs", maxConcurrentJobs, 1, 64);
        range("--queue", queue, 0, 10_000);
        if (maxBodyBytes < 1024 || maxBodyBytes > 256L << 20) {
            throw new IllegalArgumentException("--max-body-bytes must be in [1024, 268435456], got " + maxBodyBytes);
        }
        range("--max-bars", maxBarsPerTimeframe, 1, 1_000_000);
        range("max timeframes", maxTimeframes, 1, 16);
        range("--http-threads", httpThreads, 1, 512);
        if (shutdownGrace.isNegative()) {
            throw new IllegalArgumentException("--shutdown-grace must not be negative");
        }
    }

    /**
     * Loopback, port 8080, 1 job at a time, 16 queued, 8 MiB bodies, 10,000 bars per timeframe, 8
     * timeframes, 16 HTTP threads, 30 s grace.
     *
     * @param dataDir the data folder
     * @param modelsDir the model store
     * @return the defaults
     */
    public static ServeConfig defaults(Path dataDir, Path modelsDir) {
        return defaults(dataDir.toString(), modelsDir);
    }

    /**
     * The defaults of {@link #defaults(Path, Path)} for any data source.
     *
     * @param data a folder or a source URI
     * @param modelsDir the model store
     * @return the defaults
     */
    public static ServeConfig defaults(String data, Path modelsDir) {
        return new ServeConfig(data, modelsDir, Optional.empty(), InetAddress.getLoopbackAddress(), 8080, 1, 16,
                8L << 20, 10_000, 8, 16, Duration.ofSeconds(30));
    }

    /** @param p port @return a copy */
    public ServeConfig withPort(int p) {
        return new ServeConfig(data, modelsDir, strategiesDir, bind, p, maxConcurrentJobs, queue, maxBodyBytes,
                maxBarsPerTimeframe, maxTimeframes, httpThreads, shutdownGrace);
    }

    /** @param dir strategies folder @return a copy */
    public ServeConfig withStrategiesDir(Path dir) {
        return new ServeConfig(data, modelsDir, Optional.of(dir), bind, port, maxConcurrentJobs, queue, maxBodyBytes,
                maxBarsPerTimeframe, maxTimeframes, httpThreads, shutdownGrace);
    }

    /** @param jobs running at once @param waiting queued at most @return a copy */
    public ServeConfig withJobs(int jobs, int waiting) {
        return new ServeConfig(data, modelsDir, strategiesDir, bind, port, jobs, waiting, maxBodyBytes,
                maxBarsPerTimeframe, maxTimeframes, httpThreads, shutdownGrace);
    }

    /** @param bytes body limit @param bars bars per timeframe @return a copy */
    public ServeConfig withLimits(long bytes, int bars) {
        return new ServeConfig(data, modelsDir, strategiesDir, bind, port, maxConcurrentJobs, queue, bytes,
                bars, maxTimeframes, httpThreads, shutdownGrace);
    }

    /** @param threads HTTP threads @return a copy */
    public ServeConfig withHttpThreads(int threads) {
        return new ServeConfig(data, modelsDir, strategiesDir, bind, port, maxConcurrentJobs, queue, maxBodyBytes,
                maxBarsPerTimeframe, maxTimeframes, threads, shutdownGrace);
    }

    /** @param b bind address @param grace shutdown grace @return a copy */
    public ServeConfig withBind(InetAddress b, Duration grace) {
        return new ServeConfig(data, modelsDir, strategiesDir, b, port, maxConcurrentJobs, queue, maxBodyBytes,
                maxBarsPerTimeframe, maxTimeframes, httpThreads, grace);
    }

    private static void range(String what, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must be in [" + lo + ", " + hi + "], got " + v);
        }
    }
}
