package dev.ktrdr.examples.bench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.serve.ApiServer;
import dev.ktrdr.examples.serve.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency and throughput of {@code POST /api/v1/analyze-mtf} on a loopback {@code ktrdr serve}: 32
 * closed-loop clients (by default) for 20 s, and one client for 10 s (the service time), first with the bars read from the data source (a synthetic
 * folder of 1h files; 4h and 1d resampled on every request), then with the bars in the request (1h, 4h
 * and 1d arrays of an unknown symbol). A 3 s warm-up precedes each run.
 *
 * <pre>
 * java -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.serve.ServeLoadBenchmark [clients] [seconds] [1h bars]
 * </pre>
 */
public final class ServeLoadBenchmark {
    private ServeLoadBenchmark() {
    }

    /**
     * @param args clients (32), seconds (20), 1h bars per symbol in the data folder (4000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int bars = args.length > 2 ? Integer.parseInt(args[2]) : 4000;
        Path dir = Files.createTempDirectory("ktrdr-serve-bench");
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), bars, 3);
        SyntheticMarket.writeFolder(dir.resolve("data"), c, SyntheticMarket.generate(c));
        String token = "bench-token-0123456789abcdef";
        ServeConfig cfg = ServeConfig.defaults(dir.resolve("data"), dir.resolve("models")).withPort(0)
                .withHttpThreads(Math.max(4, clients / 2));
        String fromSource = "{\"symbol\":\"BTCUSDT\",\"timeframes\":[\"1h\",\"4h\",\"1d\"]}";
        String withBars = barsBody(1000, 500, 200);
        System.out.printf("ktrdr serve analyze-mtf: %d clients, %d s per run, %d cores, request with bars %d bytes%n",
                clients, seconds, Runtime.getRuntime().availableProcessors(), withBars.length());
        try (ApiServer server = ApiServer.start(cfg, token)) {
            var uri = server.uri().resolve(ApiServer.PREFIX + "/analyze-mtf");
            for (String[] run : new String[][] {{"data source (1h file, 4h/1d resampled)", fromSource},
                    {"bars in the request (1000 1h + 500 4h + 200 1d)", withBars}}) {
                ServeLoad.run(uri, token, run[1], clients, Duration.ofSeconds(3), 100_000 / clients);
                for (int n : new int[] {1, clients}) {
                    ServeLoad.Result r = ServeLoad.run(uri, token, run[1], n, Duration.ofSeconds(n == 1 ? Math.min(10, seconds) : seconds),
                            10_000_000 / n);
                    System.out.println(run[0] + ", " + n + (n == 1 ? " client: " : " clients: ") + r);
                    if (!r.firstError().isEmpty()) {
                        System.out.println("  first error: " + r.firstError());
                    }
                }
            }
        }
    }

    /** A request body for symbol ZZTEST with synthetic 1h, 4h and 1d bars (independent series; enough for the trend rules). */
    static String barsBody(int h1, int h4, int d1) throws Exception {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("symbol", "ZZTEST");
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("1h", rows(Timeframe.H1, h1));
        series.put("4h", rows(Timeframe.H4, h4));
        series.put("1d", rows(Timeframe.D1, d1));
        b.put("bars", series);
        return new ObjectMapper().writeValueAsString(b);
    }

    private static List<double[]> rows(Timeframe tf, int n) {
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(2, 3), tf,
                Instant.parse("2024-01-01T00:00:00Z"), n, 5);
        BarSeries s = SyntheticMarket.generate(c).values().iterator().next();
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(new double[] {s.openTime(i), s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i)});
        }
        return out;
    }
}
