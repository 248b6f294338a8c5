package dev.ktrdr.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code metadata.json}: the explicit JSON mapping of {@link ModelMetadata}. Every field is written and
 * read by name (no default typing, no class names); unknown fields are ignored so that a newer minor
 * writer stays readable, and a newer {@code layout_version} is refused with "written by a newer library
 * version X" before any other field is interpreted.
 *
 * <p>Layout, version 1 (field: JSON type):
 * <pre>
 * layout_version: int, library_version: string, strategy: string,
 * scope: {kind: universal|group|symbol, name: string},
 * symbols: [string], samples_per_symbol: {symbol: int}, timeframes: [label], base_timeframe: label,
 * data_start: ISO instant|null, data_end: ISO instant|null,
 * deployment: {mode: universal|group_restricted|training_only, asset_classes: [id], excluded: [symbol],
 *              supported_timeframes: [label]},
 * architecture: {input_size: int, per_timeframe: {label: int}, symbol_encoding: string, embedding_dim: int,
 *                feature_names: [string]},
 * performance: {name: number|"NaN"|"Infinity"|"-Infinity"}, format_id: string, format_version: int,
 * created_at: ISO instant, provenance: {name: string},
 * strategy_version: string, total_samples: int, asset_classes: [id],
 * generalization: null | {accuracy, baseline_accuracy, edge, edge_ci_low, edge_ci_high: number,
 *                         per_symbol: {symbol: {accuracy: number, baseline_accuracy: number}}}
 * </pre>
 * The last four fields came later within layout 1: metadata without them still loads (strategy version empty,
 * total samples the sum of {@code samples_per_symbol}, asset classes empty, no generalisation).
 *
 * <p>Stateless and thread-safe.
 */
public final class MetadataJson {
    /** File name inside a version directory. */
    public static final String FILE = "metadata.json";

    private MetadataJson() {
    }

    /**
     * @param metadata the metadata
     * @return the indented UTF-8 JSON of {@code metadata.json}, layout version {@link FileModelStore#LAYOUT_VERSION}
     */
    public static byte[] write(ModelMetadata metadata) {
        return LimitedJson.write(tree(metadata));
    }

    static ObjectNode tree(ModelMetadata m) {
        ObjectNode o = LimitedJson.object();
        o.put("layout_version", FileModelStore.LAYOUT_VERSION);
        o.put("library_version", m.libraryVersion());
        o.put("strategy", m.strategy());
        ObjectNode scope = o.putObject("scope");
        scope.put("kind", m.scope().kind().name().toLowerCase(Locale.ROOT));
        scope.put("name", m.scope().name());
        ArrayNode symbols = o.putArray("symbols");
        m.symbols().forEach(s -> symbols.add(s.value()));
        ObjectNode samples = o.putObject("samples_per_symbol");
        m.samplesPerSymbol().forEach((s, n) -> samples.put(s.value(), n));
        ArrayNode tfs = o.putArray("timeframes");
        m.timeframes().forEach(t -> tfs.add(t.label()));
        o.put("base_timeframe", m.baseTimeframe().label());
        o.put("data_start", m.dataStart() == null ? null : m.dataStart().toString());
        o.put("data_end", m.dataEnd() == null ? null : m.dataEnd().toString());
        ObjectNode dep = o.putObject("deployment");
        Deployment d = m.deployment();
        dep.put("mode", d.mode().name().toLowerCase(Locale.ROOT));
        ArrayNode classes = dep.putArray("asset_classes");
        d.assetClasses().stream().sorted().forEach(a -> classes.add(a.id()));
        ArrayNode excluded = dep.putArray("excluded");
        d.excluded().stream().sorted().forEach(s -> excluded.add(s.value()));
        ArrayNode supported = dep.putArray("supported_timeframes");
        d.supportedTimeframes().forEach(t -> supported.add(t.label()));
        ObjectNode arch = o.putObject("architecture");
        ModelMetadata.FeatureArchitecture a = m.architecture();
        arch.put("input_size", a.inputSize());
        ObjectNode per = arch.putObject("per_timeframe");
        a.perTimeframe().forEach((t, n) -> per.put(t.label(), n));
        arch.put("symbol_encoding", a.symbolEncoding());
        arch.put("embedding_dim", a.embeddingDim());
        ArrayNode names = arch.putArray("feature_names");
        a.featureNames().forEach(names::add);
        ObjectNode perf = o.putObject("performance");
        m.performance().forEach((k, v) -> {
            if (Double.isFinite(v)) {
                perf.put(k, v);
            } else {
                perf.put(k, v.toString());
            }
        });
        o.put("format_id", m.formatId());
        o.put("format_version", m.formatVersion());
        o.put("created_at", m.createdAt().toString());
        ObjectNode prov = o.putObject("provenance");
        m.provenance().forEach(prov::put);
        o.put("strategy_version", m.strategyVersion());
        o.put("total_samples", m.totalSamples());
        ArrayNode trainedClasses = o.putArray("asset_classes");
        m.assetClasses().forEach(c -> trainedClasses.add(c.id()));
        if (m.generalization().isEmpty()) {
            o.putNull("generalization");
        } else {
            ModelMetadata.Generalization g = m.generalization().get();
            ObjectNode gn = o.putObject("generalization");
            putNumber(gn, "accuracy", g.accuracy());
            putNumber(gn, "baseline_accuracy", g.baselineAccuracy());
            putNumber(gn, "edge", g.edge());
            putNumber(gn, "edge_ci_low", g.edgeLow());
            putNumber(gn, "edge_ci_high", g.edgeHigh());
            ObjectNode perSym = gn.putObject("per_symbol");
            g.perSymbolAccuracy().forEach((sym, acc) -> {
                ObjectNode one = perSym.putObject(sym.value());
                putNumber(one, "accuracy", acc);
                putNumber(one, "baseline_accuracy", g.perSymbolBaseline().get(sym));
            });
        }
        return o;
    }

    private static void putNumber(ObjectNode o, String k, double v) {
        if (Double.isFinite(v)) {
            o.put(k, v);
        } else {
            o.put(k, Double.toString(v));
        }
    }

    private static ModelMetadata.Generalization generalization(ObjectNode g, String file) {
        Fields f = new Fields(g, file + " generalization");
        Map<Symbol, Double> acc = new LinkedHashMap<>();
        Map<Symbol, Double> base = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.object("per_symbol").properties()) {
            if (!(e.getValue() instanceof ObjectNode one)) {
                throw new ModelException(file + ": generalization.per_symbol." + e.getKey() + " is not an object");
            }
            Symbol sym = Symbol.of(e.getKey());
            acc.put(sym, number(one.get("accuracy"), file + ": generalization.per_symbol." + e.getKey() + ".accuracy"));
            base.put(sym, number(one.get("baseline_accuracy"), file + ": generalization.per_symbol." + e.getKey()
                    + ".baseline_accuracy"));
        }
        return new ModelMetadata.Generalization(number(g.get("accuracy"), file + ": generalization.accuracy"),
                number(g.get("baseline_accuracy"), file + ": generalization.baseline_accuracy"),
                number(g.get("edge"), file + ": generalization.edge"),
                number(g.get("edge_ci_low"), file + ": generalization.edge_ci_low"),
                number(g.get("edge_ci_high"), file + ": generalization.edge_ci_high"), acc, base);
    }

    /**
     * Reads {@code metadata.json}.
     *
     * @param bytes the file's bytes
     * @param file the file, for messages
     * @return the metadata
     * @throws ModelException naming the file and field when the document is malformed, or saying "written by
     *     a newer library version X" when its layout version is newer than this library reads
     */
    public static ModelMetadata read(byte[] bytes, String file) {
        ObjectNode o = LimitedJson.read(bytes, file);
        Fields f = new Fields(o, file);
        int layout = f.integer("layout_version");
        String library = f.text("library_version");
        if (layout > FileModelStore.LAYOUT_VERSION) {
            throw new ModelException(file + ": model directory layout version " + layout
                    + " was written by a newer library version " + library + "; this library reads up to layout version "
                    + FileModelStore.LAYOUT_VERSION);
        }
        if (layout < 1) {
            throw new ModelException(file + ": layout_version " + layout + " is not valid");
        }
        try {
            ObjectNode scopeNode = f.object("scope");
            Fields sf = new Fields(scopeNode, file + " scope");
            ModelScope scope = scope(sf.text("kind"), sf.text("name"), file);
            List<Symbol> symbols = new ArrayList<>();
            for (String s : f.texts("symbols")) {
                symbols.add(Symbol.of(s));
            }
            Map<Symbol, Long> samples = new LinkedHashMap<>();
            ObjectNode sp = f.object("samples_per_symbol");
            for (Map.Entry<String, JsonNode> e : sp.properties()) {
                if (!e.getValue().canConvertToLong() || !e.getValue().isIntegralNumber()) {
                    throw new ModelException(file + ": samples_per_symbol." + e.getKey() + " is not an integer");
                }
                samples.put(Symbol.of(e.getKey()), e.getValue().longValue());
            }
            List<Timeframe> tfs = timeframes(f.texts("timeframes"));
            Timeframe base = Timeframe.parse(f.text("base_timeframe"));
            Instant start = f.instantOrNull("data_start");
            Instant end = f.instantOrNull("data_end");
            Fields df = new Fields(f.object("deployment"), file + " deployment");
            Deployment.Mode mode = enumOf(Deployment.Mode.class, df.text("mode"), file + ": deployment.mode");
            Set<AssetClass> classes = new LinkedHashSet<>();
            for (String c : df.texts("asset_classes")) {
                classes.add(AssetClass.parse(c));
            }
            Set<Symbol> excluded = new LinkedHashSet<>();
            for (String s : df.texts("excluded")) {
                excluded.add(Symbol.of(s));
            }
            Deployment deployment = new Deployment(mode, classes, excluded, timeframes(df.texts("supported_timeframes")));
            Fields af = new Fields(f.object("architecture"), file + " architecture");
            Map<Timeframe, Integer> per = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : af.object("per_timeframe").properties()) {
                if (!e.getValue().isInt()) {
                    throw new ModelException(file + ": architecture.per_timeframe." + e.getKey() + " is not an integer");
                }
                per.put(Timeframe.parse(e.getKey()), e.getValue().intValue());
            }
            ModelMetadata.FeatureArchitecture arch = new ModelMetadata.FeatureArchitecture(af.integer("input_size"), per,
                    af.text("symbol_encoding"), af.integer("embedding_dim"), af.texts("feature_names"));
            Map<String, Double> perf = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : f.object("performance").properties()) {
                perf.put(e.getKey(), number(e.getValue(), file + ": performance." + e.getKey()));
            }
            Map<String, String> prov = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : f.object("provenance").properties()) {
                if (!e.getValue().isTextual()) {
                    throw new ModelException(file + ": provenance." + e.getKey() + " is not a string");
                }
                prov.put(e.getKey(), e.getValue().textValue());
            }
            ModelMetadata.Builder b = ModelMetadata.builder().strategy(f.text("strategy")).scope(scope).symbols(symbols)
                    .samplesPerSymbol(samples).timeframes(tfs).baseTimeframe(base).dataRange(start, end)
                    .deployment(deployment).architecture(arch).performance(perf)
                    .format(f.text("format_id"), f.integer("format_version")).libraryVersion(library)
                    .createdAt(f.instant("created_at")).provenance(prov);
            // added later within layout 1: absent in older metadata
            if (f.has("strategy_version")) {
                b.strategyVersion(f.text("strategy_version"));
            }
            if (f.has("total_samples")) {
                b.totalSamples(f.longValue("total_samples"));
            }
            if (f.has("asset_classes")) {
                Set<AssetClass> trained = new LinkedHashSet<>();
                for (String c : f.texts("asset_classes")) {
                    trained.add(AssetClass.parse(c));
                }
                b.assetClasses(trained);
            }
            if (f.has("generalization")) {
                b.generalization(generalization(f.object("generalization"), file));
            }
            return b.build();
        } catch (ModelException e) {
            throw e;
        } catch (KtrdrException | IllegalArgumentException e) {
            throw new ModelException(file + ": " + e.getMessage(), e);
        }
    }

    private static ModelScope scope(String kind, String name, String file) {
        ModelScope.Kind k = enumOf(ModelScope.Kind.class, kind, file + ": scope.kind");
        return k == ModelScope.Kind.UNIVERSAL ? ModelScope.UNIVERSAL : new ModelScope(k, name);
    }

    private static List<Timeframe> timeframes(List<String> labels) {
        List<Timeframe> out = new ArrayList<>();
        for (String s : labels) {
            out.add(Timeframe.parse(s));
        }
        return out;
    }

    private static double number(JsonNode n, String where) {
        if (n == null) {
            throw new ModelException(where + " is missing");
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            switch (n.textValue()) {
                case "NaN": return Double.NaN;
                case "Infinity": return Double.POSITIVE_INFINITY;
                case "-Infinity": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw new ModelException(where + " is not a number");
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String text, String where) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(text)) {
                return e;
            }
        }
        List<String> valid = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            valid.add(e.name().toLowerCase(Locale.ROOT));
        }
        throw new ModelException(where + ": '" + text + "' is not one of " + valid);
    }

    /** Typed access to the fields of one object, with messages naming the file and field. */
    static final class Fields {
        private final ObjectNode node;
        private final String where;

        Fields(ObjectNode node, String where) {
            this.node = node;
            this.where = where;
        }

        private JsonNode get(String name) {
            JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                throw new ModelException(where + ": field '" + name + "' is missing");
            }
            return n;
        }

        String text(String name) {
            JsonNode n = get(name);
            if (!n.isTextual()) {
                throw new ModelException(where + ": field '" + name + "' is not a string");
            }
            return n.textValue();
        }

        int integer(String name) {
            JsonNode n = get(name);
            if (!n.isInt()) {
                throw new ModelException(where + ": field '" + name + "' is not an integer");
            }
            return n.intValue();
        }

        long longValue(String name) {
            JsonNode n = get(name);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new ModelException(where + ": field '" + name + "' is not an integer");
            }
            return n.longValue();
        }

        ObjectNode object(String name) {
            JsonNode n = get(name);
            if (!(n instanceof ObjectNode)) {
                throw new ModelException(where + ": field '" + name + "' is not an object");
            }
            return (ObjectNode) n;
        }

        boolean has(String name) {
            JsonNode n = node.get(name);
            return n != null && !n.isNull();
        }

        List<String> texts(String name) {
            JsonNode n = get(name);
            if (!n.isArray()) {
                throw new ModelException(where + ": field '" + name + "' is not an array");
            }
            List<String> out = new ArrayList<>(n.size());
            for (JsonNode e : n) {
                if (!e.isTextual()) {
                    throw new ModelException(where + ": field '" + name + "' holds a non-string");
                }
                out.add(e.textValue());
            }
            return out;
        }

        Instant instant(String name) {
            String t = text(name);
            try {
                return Instant.parse(t);
            } catch (DateTimeParseException e) {
                throw new ModelException(where + ": field '" + name + "' = '" + t + "' is not an ISO-8601 instant", e);
            }
        }

        Instant instantOrNull(String name) {
            return has(name) ? instant(name) : null;
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
