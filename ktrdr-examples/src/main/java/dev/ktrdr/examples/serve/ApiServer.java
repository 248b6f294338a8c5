package dev.ktrdr.examples.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.source.DataSources;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP server of {@code ktrdr serve} on the JDK's {@code com.sun.net.httpserver}: routing, the bearer
 * token, body limits, JSON in and out, JSON errors. The routes themselves are in {@link Routes}.
 *
 * <p>Start with {@link #start}, stop with {@link #close} (no new connections, queued jobs cancelled,
 * running jobs given the grace period to finish, then cancelled; the store stays consistent because a
 * job past its commit point always finishes its atomic save).
 */
public final class ApiServer implements AutoCloseable {
    static {
        // The JDK server sends headers and body in separate writes; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK add about 40 ms to every small answer (measured: p50 47.7 ms -> 0.9 ms
        // for one client). Read once when the JDK's server configuration loads; an explicit setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** The API's path prefix. */
    public static final String PREFIX = "/api/v1";
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64).build())
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);

    /** A route: method, path template with {@code {name}} segments, whether it needs the token, its handler. */
    record Route(String method, String template, boolean auth, Handler handler, Pattern pattern, List<String> names) {
        static Route of(String method, String template, boolean auth, Handler handler) {
            List<String> names = new ArrayList<>();
            StringBuilder re = new StringBuilder();
            Matcher m = Pattern.compile("\\{([a-z_]+)}").matcher(template);
            int last = 0;
            while (m.find()) {
                re.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            re.append(Pattern.quote(template.substring(last)));
            return new Route(method, template, auth, handler, Pattern.compile(re.toString()), List.copyOf(names));
        }
    }

    /** Handles one request. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request) throws Exception;
    }

    /** An answer: status and JSON document (a tree, a map, a list or pre-written JSON text). */
    record Reply(int status, Object body) {
        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    /** One request: its path parameters, query parameters and body (read with the size limit). */
    final class Request {
        private final HttpExchange exchange;
        private final Map<String, String> params;
        private final Map<String, String> query;

        Request(HttpExchange exchange, Map<String, String> params, Map<String, String> query) {
            this.exchange = exchange;
            this.params = params;
            this.query = query;
        }

        String param(String name) {
            return params.get(name);
        }

        Map<String, String> query() {
            return query;
        }

        JsonNode json() throws IOException {
            byte[] b = readBody(exchange);
            if (b.length == 0) {
                throw ApiException.badRequest("the request needs a JSON body");
            }
            try {
                return JSON.readTree(b);
            } catch (JsonProcessingException e) {
                throw ApiException.badRequest("the body is not valid JSON: " + Errors.oneLine(e).replaceAll(" at \\[Source.*", ""));
            }
        }
    }

    private final ServeConfig config;
    private final ApiToken token;
    private final HttpServer http;
    private final ThreadPoolExecutor executor;
    private final Jobs jobs;
    private final List<Route> routes;
    private volatile boolean closed;

    private ApiServer(ServeConfig config, ApiToken token) throws IOException {
        this.config = config;
        this.token = token;
        this.jobs = new Jobs(config.maxConcurrentJobs(), config.queue(), 1000);
        // opened once at start: a bad folder, URI, driver or credential fails here with one line, before binding
        ListedBars source = DataSources.open(config.data());
        Ktrdr ktrdr = Ktrdr.open(DataSource.of(source), config.modelsDir());
        this.routes = new Routes(ktrdr, config, jobs, source).all();
        this.http = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 256);
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(config.httpThreads(), config.httpThreads(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ktrdr-http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        http.setExecutor(executor);
        http.createContext("/", this::dispatch);
    }

    /**
     * Binds and starts serving.
     *
     * @param config what to serve and the limits
     * @param token the bearer token
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static ApiServer start(ServeConfig config, String token) throws IOException {
        return start(config, ApiToken.of(token));
    }

    static ApiServer start(ServeConfig config, ApiToken token) throws IOException {
        Objects.requireNonNull(config, "config");
        ApiServer s = new ApiServer(config, Objects.requireNonNull(token, "token"));
        s.http.start();
        return s;
    }

    /** @return the bound port (the real one when the configured port was 0) */
    public int port() {
        return http.getAddress().getPort();
    }

    /** @return the base URI, e.g. {@code http://127.0.0.1:8080} */
    public URI uri() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort());
    }

    /** @return every route as {@code METHOD /path/{param}}, for the OpenAPI check */
    public List<String> routes() {
        return routes.stream().map(r -> r.method() + " " + r.template()).toList();
    }

    /** @return jobs not finished yet */
    int activeJobs() {
        return jobs.active();
    }

    private void dispatch(HttpExchange ex) {
        try (ex) {
            Reply reply;
            try {
                reply = route(ex);
            } catch (Throwable t) {
                Errors.Answer a = Errors.of(t);
                if (a.status() == 500) {
                    System.err.println("ktrdr serve: " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                            + " failed: " + a.body().get("detail"));
                }
                reply = new Reply(a.status(), a.body());
            }
            send(ex, reply);
        } catch (IOException | RuntimeException e) {
            // the client went away; nothing to answer
        }
    }

    private Reply route(HttpExchange ex) throws Exception {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        List<String> allowed = new ArrayList<>();
        for (Route r : routes) {
            Matcher m = r.pattern().matcher(path);
            if (!m.matches()) {
                continue;
            }
            if (!r.method().equals(method)) {
                allowed.add(r.method());
                continue;
            }
            if (r.auth() && !token.accepts(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"ktrdr\"");
                drain(ex);
                return new Reply(401, Map.of("error", "unauthorized",
                        "detail", "send the header 'Authorization: Bearer <token>' (see the token file the server printed)"));
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = 0; i < r.names().size(); i++) {
                params.put(r.names().get(i), URLDecoder.decode(m.group(i + 1), StandardCharsets.UTF_8));
            }
            return r.handler().handle(new Request(ex, params, query(ex.getRequestURI().getRawQuery())));
        }
        drain(ex);
        if (!allowed.isEmpty()) {
            ex.getResponseHeaders().set("Allow", String.join(", ", allowed));
            return new Reply(405, Map.of("error", "method_not_allowed", "detail", method + " is not allowed on this path; allowed: "
                    + allowed));
        }
        return new Reply(404, Map.of("error", "not_found", "detail", "no route " + method + " " + Body.SafeNamesPrintable.of(path)
                + "; see /openapi.json"));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        if (raw.length() > 4096) {
            throw ApiException.badRequest("the query string is longer than 4096 characters");
        }
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.put(k, v) != null) {
                throw ApiException.badRequest("query parameter '" + Body.SafeNamesPrintable.of(k) + "' is given twice");
            }
        }
        return out;
    }

    /** Reads the body, refusing (413) one larger than the limit, by its declared length or as it streams. */
    private byte[] readBody(HttpExchange ex) throws IOException {
        long limit = config.maxBodyBytes();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            long n;
            try {
                n = Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number");
            }
            if (n > limit) {
                drain(ex);
                throw tooLarge(limit);
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes((int) limit + 1);
            if (b.length > limit) {
                drain(ex);
                throw tooLarge(limit);
            }
            return b;
        }
    }

    private static ApiException tooLarge(long limit) {
        return new ApiException(413, "body_too_large", "the request body is larger than " + limit + " bytes (--max-body-bytes)");
    }

    /**
     * Reads and drops what is left of the body, up to 16 times the limit, so that the client reads the
     * answer instead of a reset connection; beyond that the connection is closed.
     */
    private void drain(HttpExchange ex) {
        try (InputStream in = ex.getRequestBody()) {
            long budget = 16 * config.maxBodyBytes();
            byte[] buf = new byte[8192];
            int r;
            while (budget > 0 && (r = in.read(buf)) >= 0) {
                budget -= r;
            }
        } catch (IOException e) {
            // nothing to drain
        }
    }

    private static void send(HttpExchange ex, Reply reply) throws IOException {
        byte[] body;
        Object b = reply.body();
        if (b instanceof String s) {
            body = s.getBytes(StandardCharsets.UTF_8);
        } else {
            body = JSON.writeValueAsBytes(b);
        }
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        if (reply.status() == 429) {
            h.set("Retry-After", "5");
        }
        ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Graceful shutdown: stops accepting connections (open exchanges get a second to finish), cancels
     * queued jobs, lets running jobs finish within the grace period, then cancels them.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        http.stop(1);
        jobs.shutdown(config.shutdownGrace());
        executor.shutdownNow();
    }

    static String json(Object tree) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
