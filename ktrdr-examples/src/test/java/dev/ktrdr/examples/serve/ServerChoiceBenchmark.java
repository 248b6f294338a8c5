package dev.ktrdr.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.bench.serve.ServeLoad;
import dev.ktrdr.training.backtest.mtf.Confluence;
import dev.ktrdr.training.backtest.mtf.MultiTimeframeConfluence;
import dev.ktrdr.training.backtest.mtf.TimeframeTrend;
import dev.ktrdr.training.backtest.mtf.TrendRules;
import io.javalin.Javalin;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Which embedded HTTP server {@code ktrdr serve} runs on: the JDK's own {@code com.sun.net.httpserver} or
 * Javalin 7 on Jetty 12, measured side by side in one run with the same handler (the work of
 * {@code POST /api/v1/analyze-mtf} from the data source: bearer-token check, JSON body parsed, the symbol's
 * 1h/4h/1d bars from the same cache, the confluence analysis, the JSON answer) and the same closed-loop
 * clients ({@link ServeLoad}), TCP_NODELAY on both as {@code ktrdr serve} sets it; servers started one after the other, each warmed up for 3 s.
 *
 * <p>Javalin is a test-scope dependency of ktrdr-examples, for this comparison only. Run:
 * <pre>
 * mvn -B -q -pl ktrdr-examples -am test-compile
 * mvn -B -q -pl ktrdr-examples dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp ktrdr-examples/target/test-classes:ktrdr-examples/target/classes:$(cat /tmp/cp.txt) \
 *     dev.ktrdr.examples.serve.ServerChoiceBenchmark [clients] [seconds]
 * </pre>
 */
public final class ServerChoiceBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-token-0123456789abcdef";
    private static final String PATH = "/api/v1/analyze-mtf";

    private ServerChoiceBenchmark() {
    }

    /**
     * @param args clients (32) and seconds per run (20)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        // as ApiServer does: without TCP_NODELAY every JDK-server answer waits ~40 ms (Nagle + delayed ACK)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path dir = Files.createTempDirectory("ktrdr-server-choice");
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 4000, 3);
        SyntheticMarket.writeFolder(dir, c, SyntheticMarket.generate(c));
        BarCache cache = new BarCache(new DataFolder(dir));
        MultiTimeframeConfluence confluence = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
        ApiToken token = ApiToken.of(TOKEN);
        String body = "{\"symbol\":\"BTCUSDT\",\"timeframes\":[\"1h\",\"4h\",\"1d\"]}";
        int threads = Math.max(4, clients / 2);
        System.out.printf(Locale.ROOT, "analyze-mtf through two servers: %d clients, %d s per run, %d cores, %d worker threads%n",
                clients, seconds, Runtime.getRuntime().availableProcessors(), threads);

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        HttpServer jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        jdk.setExecutor(pool);
        jdk.createContext(PATH, ex -> {
            try (ex) {
                int status = 200;
                byte[] out;
                if (!token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                    status = 401;
                    out = "{\"error\":\"unauthorized\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                } else {
                    out = analyze(cache, confluence, ex.getRequestBody().readAllBytes());
                }
                ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                ex.sendResponseHeaders(status, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        });
        jdk.start();
        run("JDK com.sun.net.httpserver", URI.create("http://127.0.0.1:" + jdk.getAddress().getPort() + PATH), body, clients, seconds);
        jdk.stop(0);
        pool.shutdown();

        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = 0;
            cfg.routes.post(PATH, ctx -> {
                ctx.contentType("application/json; charset=utf-8");
                if (!token.accepts(ctx.header("Authorization"))) {
                    ctx.status(401).result("{\"error\":\"unauthorized\"}");
                    return;
                }
                ctx.result(analyze(cache, confluence, ctx.bodyAsBytes()));
            });
        }).start();
        run("Javalin 7.2.3 on Jetty 12 (default thread pool)", URI.create("http://127.0.0.1:" + javalin.port() + PATH), body,
                clients, seconds);
        javalin.stop();
    }

    private static void run(String name, URI uri, String body, int clients, int seconds) throws Exception {
        ServeLoad.run(uri, TOKEN, body, clients, Duration.ofSeconds(3), 100_000 / clients);
        for (int n : new int[] {1, clients}) {
            ServeLoad.Result r = ServeLoad.run(uri, TOKEN, body, n, Duration.ofSeconds(n == 1 ? Math.min(10, seconds) : seconds),
                    10_000_000 / n);
            System.out.println(name + ", " + n + (n == 1 ? " client: " : " clients: ") + r);
            if (!r.firstError().isEmpty()) {
                System.out.println("  first error: " + r.firstError());
            }
        }
    }

    /** The analyze-mtf work both servers run: parse, load the bars, analyse, write the answer. */
    private static byte[] analyze(BarCache cache, MultiTimeframeConfluence confluence, byte[] request) throws java.io.IOException {
        JsonNode in = JSON.readTree(request);
        Symbol sym = Symbol.of(in.get("symbol").asText());
        List<Timeframe> tfs = new ArrayList<>();
        in.get("timeframes").forEach(t -> tfs.add(Timeframe.parse(t.asText())));
        MultiTimeframeBars bars = cache.load(sym, tfs, tfs.get(0));
        BarSeries base = bars.get(tfs.get(0));
        long asOf = base.openTime(base.size() - 1) + tfs.get(0).millis();
        Confluence c = confluence.analyze(bars, asOf);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("symbol", sym.value());
        doc.put("as_of", Instant.ofEpochMilli(asOf).toString());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TimeframeTrend t : c.trends()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("timeframe", t.timeframe().label());
            row.put("direction", t.direction().name().toLowerCase(Locale.ROOT));
            row.put("strength", t.strength());
            rows.add(row);
        }
        doc.put("trends", rows);
        return JSON.writeValueAsBytes(doc);
    }
}
