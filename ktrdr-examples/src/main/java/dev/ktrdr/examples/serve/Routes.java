package dev.ktrdr.examples.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.examples.serve.ApiServer.Reply;
import dev.ktrdr.examples.serve.ApiServer.Request;
import dev.ktrdr.examples.serve.ApiServer.Route;
import dev.ktrdr.sdk.BacktestOptions;
import dev.ktrdr.sdk.BacktestReport;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.Resolution;
import dev.ktrdr.sdk.StrategyInput;
import dev.ktrdr.sdk.TrainOptions;
import dev.ktrdr.sdk.TrainingReport;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.storage.VersionInfo;
import dev.ktrdr.training.backtest.mtf.Confluence;
import dev.ktrdr.training.backtest.mtf.MultiTimeframeConfluence;
import dev.ktrdr.training.backtest.mtf.TimeframeTrend;
import dev.ktrdr.training.backtest.mtf.TrendRules;
import dev.ktrdr.training.strategy.Problem;
import dev.ktrdr.training.strategy.StrategyValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The routes of {@code ktrdr serve}, each a thin client of {@link Ktrdr}, the model store and the
 * confluence analysis of the library. Request fields are documented in {@code /openapi.json}.
 */
final class Routes {
    /** Most symbols in a training request. */
    static final int MAX_SYMBOLS = 256;
    private static final Set<String> TRAINING_FIELDS = Set.of("strategy", "strategy_yaml", "symbols", "symbol",
            "timeframes", "timeframe", "base_timeframe", "start_date", "end_date", "multi_symbol_config", "store");
    private static final Set<String> BACKTEST_FIELDS = Set.of("strategy", "version", "symbol", "timeframes", "from", "to",
            "capital", "commission", "slippage_bps");
    private static final Set<String> RESOLVE_FIELDS = Set.of("strategy", "symbol", "timeframes");
    private static final Set<String> COMPAT_FIELDS = Set.of("strategy", "version", "symbol", "timeframes", "features");
    private static final Set<String> MTF_FIELDS = Set.of("symbol", "timeframes", "at", "bars");
    private static final List<Timeframe> MTF_DEFAULT = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);

    private final Ktrdr ktrdr;
    private final ServeConfig config;
    private final Jobs jobs;
    private final FileModelStore store;
    private final ListedBars source;
    private final BarCache cache;
    private final MultiTimeframeConfluence confluence = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
    private final String openApi;

    Routes(Ktrdr ktrdr, ServeConfig config, Jobs jobs, ListedBars source) {
        this.ktrdr = ktrdr;
        this.config = config;
        this.jobs = jobs;
        this.store = ktrdr.store();
        this.source = source;
        Path dir = Path.of(config.data().startsWith("csv:") ? config.data().substring(4) : config.data());
        // a folder's files carry the stamps the cache checks; a Parquet folder or database is read on every request
        this.cache = new BarCache(source, !config.data().contains(":") || config.data().startsWith("csv:")
                ? Optional.of(new DataFolder(dir)) : Optional.empty());
        this.openApi = readOpenApi();
    }

    List<Route> all() {
        String p = ApiServer.PREFIX;
        return List.of(
                Route.of("GET", "/health", false, r -> Reply.ok(Map.of("status", "ok", "version",
                        dev.ktrdr.api.KtrdrVersion.get()))),
                Route.of("GET", "/openapi.json", true, r -> Reply.ok(openApi)),
                Route.of("POST", p + "/trainings", true, this::submitTraining),
                Route.of("GET", p + "/trainings/{id}", true, r -> Reply.ok(job(r, "training").view())),
                Route.of("DELETE", p + "/trainings/{id}", true, r -> cancel(r, "training")),
                Route.of("POST", p + "/backtests", true, this::submitBacktest),
                Route.of("GET", p + "/backtests/{id}", true, r -> Reply.ok(job(r, "backtest").view())),
                Route.of("DELETE", p + "/backtests/{id}", true, r -> cancel(r, "backtest")),
                Route.of("GET", p + "/models", true, this::listModels),
                Route.of("GET", p + "/models/{strategy}/{version}", true, this::showModel),
                Route.of("POST", p + "/models/resolve", true, this::resolve),
                Route.of("POST", p + "/models/check-compatibility", true, this::checkCompatibility),
                Route.of("POST", p + "/analyze-mtf", true, this::analyzeMtf));
    }

    // ---- jobs

    private Jobs.Job job(Request r, String kind) {
        String id = r.param("id");
        return jobs.get(id, kind).orElseThrow(() -> ApiException.notFound("no " + kind + " job '"
                + Body.SafeNamesPrintable.of(id) + "'"));
    }

    private Reply cancel(Request r, String kind) {
        Jobs.Job j = job(r, kind);
        jobs.cancel(j);
        return new Reply(202, j.view());
    }

    private static Reply accepted(Jobs.Job j, String collection) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", j.id);
        d.put("state", j.state().label());
        d.put("location", ApiServer.PREFIX + "/" + collection + "/" + j.id);
        return new Reply(202, d);
    }

    private Reply submitTraining(Request r) throws IOException {
        Body b = Body.of(r.json(), TRAINING_FIELDS);
        StrategyInput input = strategyInput(b);
        List<Problem> errors = Problem.errors(ktrdr.validate(input));
        if (!errors.isEmpty()) {
            throw new StrategyValidationException(input.source(), errors);
        }
        TrainOptions.Builder o = TrainOptions.builder();
        if (b.has("symbol") && b.has("symbols")) {
            throw ApiException.badRequest("symbol: give either symbol or symbols, not both");
        }
        if (b.has("timeframe") && b.has("timeframes")) {
            throw ApiException.badRequest("timeframe: give either timeframe or timeframes, not both");
        }
        List<String> symbols = b.has("symbol") ? List.of(b.requiredString("symbol")) : b.strings("symbols", MAX_SYMBOLS);
        List<Symbol> syms = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            Symbol s = Body.symbol(b.has("symbol") ? "symbol" : "symbols[" + i + "]", symbols.get(i));
            if (syms.contains(s)) {
                throw ApiException.badRequest("symbols: " + s + " is listed twice");
            }
            syms.add(s);
        }
        o.symbols(syms);
        List<Timeframe> tfs = b.has("timeframe") ? List.of(Body.timeframe("timeframe", b.requiredString("timeframe")))
                : b.timeframes("timeframes", config.maxTimeframes());
        o.timeframes(tfs.toArray(Timeframe[]::new));
        b.string("base_timeframe").ifPresent(t -> o.baseTimeframe(Body.timeframe("base_timeframe", t)));
        o.dateRange(b.date("start_date").orElse(null), b.date("end_date").orElse(null));
        o.perSymbol(perSymbol(b.node("multi_symbol_config")));
        boolean save = b.bool("store").orElse(true);
        TrainOptions options = o.build();
        Jobs.Job j = jobs.submit("training", job -> {
            Ktrdr k = ktrdr.withProgress(job.listener());
            List<TrainingReport> reports = k.trainAll(input, options);
            List<Map<String, Object>> versions = new ArrayList<>();
            if (save) {
                job.beginCommit();
                for (TrainingReport t : reports) {
                    Path v = k.store(t);
                    versions.add(versionRef(t.strategy(), v));
                }
            }
            List<JsonNode> docs = new ArrayList<>();
            for (TrainingReport t : reports) {
                docs.add(ApiServer.JSON.readTree(t.toJson()));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            if (docs.size() == 1) {
                out.put("report", docs.get(0));
                out.put("version", versions.isEmpty() ? null : versions.get(0));
            }
            out.put("reports", docs);
            out.put("versions", versions);
            return out;
        });
        return accepted(j, "trainings");
    }

    private static Map<String, Object> versionRef(String strategy, Path dir) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("strategy", strategy);
        v.put("version", dir.getFileName().toString());
        v.put("path", dir.toString());
        return v;
    }

    private static boolean perSymbol(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        Body m = Body.of(n, Set.of("per_symbol"));
        return m.bool("per_symbol").orElse(false);
    }

    /** The strategy of a request: a file of the strategies folder, named safely, or inline YAML. */
    private StrategyInput strategyInput(Body b) {
        if (b.has("strategy") == b.has("strategy_yaml")) {
            throw ApiException.badRequest("strategy: give either strategy (a file name in the strategies folder) or strategy_yaml");
        }
        if (b.has("strategy_yaml")) {
            return StrategyInput.text(b.requiredString("strategy_yaml"), "strategy_yaml");
        }
        String name = b.requiredString("strategy");
        String base = name.endsWith(".yaml") ? name.substring(0, name.length() - 5)
                : name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
        Body.safeName("strategy", base);
        Path dir = config.strategiesDir().orElseThrow(() -> ApiException.badRequest(
                "strategy: this server has no strategies folder (start it with --strategies-dir); send strategy_yaml"));
        for (String ext : List.of(".yaml", ".yml")) {
            Path f = dir.resolve(base + ext);
            if (Files.isRegularFile(f)) {
                try {
                    if (!f.toRealPath().startsWith(dir.toRealPath())) {
                        throw ApiException.badRequest("strategy: '" + base + "' points outside the strategies folder");
                    }
                } catch (IOException e) {
                    throw ApiException.notFound("strategy: cannot read '" + base + "'");
                }
                return StrategyInput.file(f);
            }
        }
        throw ApiException.notFound("strategy: no strategy file '" + base + ".yaml' in the strategies folder");
    }

    private Reply submitBacktest(Request r) throws IOException {
        Body b = Body.of(r.json(), BACKTEST_FIELDS);
        String strategy = Body.safeName("strategy", b.requiredString("strategy"));
        Symbol sym = Body.symbol("symbol", b.requiredString("symbol"));
        List<Timeframe> tfs = b.timeframes("timeframes", config.maxTimeframes());
        BacktestOptions o = BacktestOptions.DEFAULTS;
        Optional<Instant> from = b.instant("from");
        Optional<Instant> to = b.instant("to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw ApiException.badRequest("to: " + to.get() + " is before from " + from.get());
        }
        o = from.map(o::from).orElse(o);
        o = to.map(o::to).orElse(o);
        var e = o.execution();
        o = o.costs(b.number("capital", 1e-9, 1e15).orElse(e.initialCapital()),
                b.number("commission", 0, 1).orElse(e.commissionRate()),
                b.number("slippage_bps", 0, 10_000).orElse(e.slippageBps()));
        Resolution res = b.has("version") ? version(strategy, b.requiredString("version"), sym, tfs)
                : ktrdr.resolve(strategy, sym, tfs);
        BacktestOptions options = o;
        Jobs.Job j = jobs.submit("backtest", job -> {
            BacktestReport report = ktrdr.withProgress(job.listener()).backtest(res, options);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("report", ApiServer.JSON.readTree(report.toJson()));
            return out;
        });
        return accepted(j, "backtests");
    }

    /** A named version, checked to serve the symbol on the timeframes (its own when none are given). */
    private Resolution version(String strategy, String versionName, Symbol sym, List<Timeframe> tfs) {
        Path dir = store.version(strategy, Body.safeName("version", versionName));
        SymbolInfo info = ktrdr.data().info(sym);
        ModelMetadata meta = store.readMetadata(dir);
        List<Timeframe> want = tfs.isEmpty() ? meta.timeframes() : tfs;
        new StoreModelLoader(store).refusal(dir, info, want).ifPresent(why -> {
            throw new ApiException(409, "incompatible", "version " + versionName + " cannot serve " + sym + ": " + why);
        });
        StoredModel model = store.load(dir);
        UniversalModelLoader.Rung rung = switch (meta.scope().kind()) {
            case UNIVERSAL -> UniversalModelLoader.Rung.UNIVERSAL;
            case GROUP -> UniversalModelLoader.Rung.GROUP;
            case SYMBOL -> UniversalModelLoader.Rung.SYMBOL;
        };
        return new Resolution(strategy, sym, rung, model, !meta.symbols().contains(sym), List.of());
    }

    // ---- models

    private Reply listModels(Request r) {
        for (String k : r.query().keySet()) {
            if (!Set.of("strategy", "compatible_with", "timeframe").contains(k)) {
                throw ApiException.badRequest("unknown query parameter '" + Body.SafeNamesPrintable.of(k)
                        + "'; allowed: compatible_with, strategy, timeframe");
            }
        }
        String strategy = r.query().get("strategy");
        List<String> strategies = strategy == null ? store.strategies() : List.of(Body.safeName("strategy", strategy));
        Optional<SymbolInfo> symbol = Optional.ofNullable(r.query().get("compatible_with"))
                .map(s -> ktrdr.data().info(Body.symbol("compatible_with", s)));
        Optional<Timeframe> tf = Optional.ofNullable(r.query().get("timeframe")).map(t -> Body.timeframe("timeframe", t));
        StoreModelLoader loader = new StoreModelLoader(store);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String s : strategies) {
            for (VersionInfo v : store.versions(s)) {
                List<Timeframe> vt = v.name().timeframes();
                if (tf.isPresent() && !vt.contains(tf.get())) {
                    continue;
                }
                if (symbol.isPresent() && loader.refusal(v.directory(), symbol.get(), vt).isPresent()) {
                    continue;
                }
                rows.add(row(v));
            }
        }
        return Reply.ok(Map.of("models", rows));
    }

    private static Map<String, Object> row(VersionInfo v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("strategy", v.strategy());
        o.put("version", v.name().dirName());
        o.put("scope", v.name().scope().dirName());
        o.put("timeframes", v.name().timeframes().stream().map(Timeframe::label).toList());
        o.put("number", v.name().version());
        o.put("latest", v.latest());
        return o;
    }

    private Reply showModel(Request r) throws IOException {
        String strategy = Body.safeName("strategy", r.param("strategy"));
        String version = Body.safeName("version", r.param("version"));
        Path dir;
        try {
            dir = store.version(strategy, version);
        } catch (KtrdrException e) {
            throw ApiException.notFound(Errors.oneLine(e));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        store.versions(strategy).stream().filter(v -> v.directory().equals(dir)).findFirst()
                .ifPresent(v -> o.putAll(row(v)));
        o.put("metadata", ApiServer.JSON.readTree(store.readText(dir, "metadata.json")));
        o.put("metrics", ApiServer.JSON.readTree(store.readText(dir, "metrics.json")));
        return Reply.ok(o);
    }

    private Reply resolve(Request r) throws IOException {
        Body b = Body.of(r.json(), RESOLVE_FIELDS);
        String strategy = Body.safeName("strategy", b.requiredString("strategy"));
        Symbol sym = Body.symbol("symbol", b.requiredString("symbol"));
        List<Timeframe> tfs = b.timeframes("timeframes", config.maxTimeframes());
        return Reply.ok(ktrdr.resolve(strategy, sym, tfs).toJson());
    }

    /** As {@code ktrdr models check-compatibility}: deployment, checksums and codec, and the feature names when given. */
    private Reply checkCompatibility(Request r) throws IOException {
        Body b = Body.of(r.json(), COMPAT_FIELDS);
        String strategy = Body.safeName("strategy", b.requiredString("strategy"));
        String versionName = Body.safeName("version", b.requiredString("version"));
        Symbol sym = Body.symbol("symbol", b.requiredString("symbol"));
        List<Timeframe> tfs = b.timeframes("timeframes", config.maxTimeframes());
        if (tfs.isEmpty()) {
            throw ApiException.badRequest("timeframes: required (the timeframes you will feed)");
        }
        Path dir = store.version(strategy, versionName);
        List<String> reasons = new ArrayList<>();
        new StoreModelLoader(store).refusal(dir, ktrdr.data().info(sym), tfs).ifPresent(reasons::add);
        Optional<StoredModel> model = Optional.empty();
        try {
            model = Optional.of(store.load(dir));
        } catch (KtrdrException e) {
            reasons.add(e.getMessage());
        }
        if (b.has("features") && model.isPresent()) {
            List<String> names = b.strings("features", 100_000);
            model.get().model().featureSpec().firstDifference(new FeatureSpec(names))
                    .ifPresent(d -> reasons.add("feature spec mismatch: " + d));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("strategy", strategy);
        o.put("version", versionName);
        o.put("symbol", sym.value());
        o.put("timeframes", tfs.stream().map(Timeframe::label).toList());
        o.put("compatible", reasons.isEmpty());
        o.put("reasons", reasons);
        return Reply.ok(o);
    }

    // ---- analysis

    private Reply analyzeMtf(Request r) throws IOException {
        long t0 = System.nanoTime();
        Body b = Body.of(r.json(), MTF_FIELDS);
        Symbol sym = Body.symbol("symbol", b.requiredString("symbol"));
        List<Timeframe> tfs = b.timeframes("timeframes", config.maxTimeframes());
        Optional<Instant> at = b.instant("at");
        MultiTimeframeBars bars;
        String source;
        if (b.has("bars")) {
            bars = requestBars(sym, b.node("bars"), tfs);
            source = "request";
        } else {
            List<Timeframe> want = tfs.isEmpty() ? MTF_DEFAULT : tfs;
            Timeframe base = want.stream().min(Comparator.comparingLong(Timeframe::millis)).orElseThrow();
            try {
                bars = cache.load(sym, want, base);
            } catch (KtrdrException e) {
                if (!this.source.symbols().contains(sym)) {
                    throw new ApiException(404, "unknown_symbol", sym + " is not in the data source; send its bars in 'bars'");
                }
                throw e;
            }
            source = "data_source";
        }
        long asOf = at.map(Instant::toEpochMilli).orElseGet(() -> latestClose(bars));
        Confluence c = confluence.analyze(bars, asOf);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("symbol", sym.value());
        doc.put("as_of", Instant.ofEpochMilli(asOf).toString());
        doc.put("source", source);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TimeframeTrend t : c.trends()) {
            Map<String, Object> row = new LinkedHashMap<>();
            BarSeries s = bars.get(t.timeframe());
            row.put("timeframe", t.timeframe().label());
            row.put("direction", t.direction().name().toLowerCase(Locale.ROOT));
            row.put("strength", t.strength());
            row.put("last_bar", Instant.ofEpochMilli(s.openTime(MultiTimeframeConfluence.lastClosed(s, asOf))).toString());
            row.put("basis", t.basis());
            rows.add(row);
        }
        doc.put("timeframes", rows);
        doc.put("score", c.score());
        doc.put("level", c.level().name().toLowerCase(Locale.ROOT));
        doc.put("bias", c.bias().name().toLowerCase(Locale.ROOT));
        doc.put("recommendation", c.recommendation());
        doc.put("latency_ms", (System.nanoTime() - t0) / 1e6);
        return Reply.ok(doc);
    }

    private static long latestClose(MultiTimeframeBars bars) {
        long latest = Long.MIN_VALUE;
        for (BarSeries s : bars.series().values()) {
            if (!s.isEmpty()) {
                latest = Math.max(latest, s.closeTime(s.size() - 1));
            }
        }
        return latest;
    }

    /**
     * The bars of the request: per timeframe label, rows {@code [open_time_ms, open, high, low, close, volume]}
     * in increasing time; at most {@link ServeConfig#maxBarsPerTimeframe()} rows per timeframe.
     */
    private MultiTimeframeBars requestBars(Symbol sym, JsonNode node, List<Timeframe> tfs) {
        if (!node.isObject()) {
            throw ApiException.badRequest("bars: must be an object of timeframe -> [[open_time_ms, open, high, low, close, volume], ...]");
        }
        if (node.size() == 0 || node.size() > config.maxTimeframes()) {
            throw ApiException.badRequest("bars: between 1 and " + config.maxTimeframes() + " timeframes, got " + node.size());
        }
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            Timeframe tf = Body.timeframe("bars", e.getKey());
            series.put(tf, series(sym, tf, "bars." + tf.label(), e.getValue()));
        }
        // without a timeframes list: every timeframe of the bars, finest first (not the JSON key order)
        List<Timeframe> want = tfs.isEmpty() ? series.keySet().stream().sorted(Comparator.comparingLong(Timeframe::millis)).toList()
                : tfs;
        Map<Timeframe, BarSeries> chosen = new LinkedHashMap<>();
        for (Timeframe tf : want) {
            BarSeries s = series.get(tf);
            if (s == null) {
                throw ApiException.badRequest("bars: no " + tf.label() + " series, but timeframes lists it");
            }
            chosen.put(tf, s);
        }
        Timeframe base = want.stream().min(Comparator.comparingLong(Timeframe::millis)).orElseThrow();
        SymbolInfo info = ktrdr.data().info(sym);
        return new MultiTimeframeBars(info, base, chosen);
    }

    private BarSeries series(Symbol sym, Timeframe tf, String field, JsonNode rows) {
        if (!rows.isArray()) {
            throw ApiException.badRequest(field + ": must be an array of [open_time_ms, open, high, low, close, volume]");
        }
        int n = rows.size();
        if (n > config.maxBarsPerTimeframe()) {
            throw new ApiException(413, "too_many_bars", field + ": " + n + " bars, more than the limit of "
                    + config.maxBarsPerTimeframe() + " per timeframe (--max-bars)");
        }
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode row = rows.get(i);
            if (!row.isArray() || row.size() != 6) {
                throw ApiException.badRequest(field + "[" + i + "]: must be [open_time_ms, open, high, low, close, volume]");
            }
            for (int k = 0; k < 6; k++) {
                if (!row.get(k).isNumber() || (k == 0 && !row.get(k).canConvertToExactIntegral())) {
                    throw ApiException.badRequest(field + "[" + i + "][" + k + "]: must be a number"
                            + (k == 0 ? " (epoch milliseconds)" : ""));
                }
            }
            t[i] = row.get(0).asLong();
            o[i] = row.get(1).asDouble();
            h[i] = row.get(2).asDouble();
            l[i] = row.get(3).asDouble();
            c[i] = row.get(4).asDouble();
            v[i] = row.get(5).asDouble();
            if (!(o[i] > 0 && h[i] > 0 && l[i] > 0 && c[i] > 0) || !Double.isFinite(h[i]) || !Double.isFinite(v[i]) || v[i] < 0
                    || h[i] < Math.max(o[i], c[i]) || l[i] > Math.min(o[i], c[i])) {
                throw ApiException.badRequest(field + "[" + i + "]: prices must be positive and finite with low <= open, close <= high,"
                        + " volume finite and >= 0");
            }
            if (i > 0 && t[i] <= t[i - 1]) {
                throw ApiException.badRequest(field + "[" + i + "]: open times must increase strictly");
            }
        }
        return BarSeries.ofOpenTimes(sym, tf, t, o, h, l, c, v);
    }

    private static String readOpenApi() {
        try (InputStream in = Routes.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read openapi.json", e);
        }
    }
}
