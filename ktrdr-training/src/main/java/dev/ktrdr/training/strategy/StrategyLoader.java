package dev.ktrdr.training.strategy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.SafeNames;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.strategy.Strategy.NnInput;
import dev.ktrdr.training.strategy.Strategy.Scope;
import dev.ktrdr.training.strategy.Strategy.SymbolSelection;
import dev.ktrdr.training.strategy.Strategy.TimeframeSelection;
import dev.ktrdr.training.strategy.Strategy.TrainingData;
import dev.ktrdr.training.strategy.TrainingConfig.LabelConfig;
import dev.ktrdr.training.strategy.TrainingConfig.LabelSource;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads strategy files of either layout into a validated {@link Strategy}. The single validation path:
 * the whole file is checked, every problem is collected with its YAML path, and one
 * {@link StrategyValidationException} lists them all (e.g.
 * {@code training_data.timeframes.base_timeframe: '2h' is not in list [1h, 4h, 1d]}).
 *
 * <p>Files in the older layout are migrated in memory by {@link StrategyMigrator} first, so that
 * hyper-parameters under {@code model.training} reach {@link TrainingConfig}; a current-layout file that
 * still has {@code model.training} is refused rather than silently ignored. Unknown keys are problems
 * (typos would otherwise silently fall back to defaults).
 *
 * <p>Stateless and thread-safe.
 */
public final class StrategyLoader {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> TOP = Set.of("name", "description", "version", "scope", "training_data",
            "deployment", "indicators", "fuzzy_sets", "nn_inputs", "model", "decisions", "training", "overrides");

    private StrategyLoader() {
    }

    /**
     * @param file a strategy file
     * @return the validated strategy
     * @throws StrategyValidationException listing every problem, with the file name
     * @throws ConfigurationException when the file cannot be read or is not YAML
     */
    public static Strategy load(Path file) {
        return parse(StrategyYaml.readText(file), file.toString());
    }

    /**
     * @param yaml the strategy text, either layout
     * @param source where it came from (a file name), for messages
     * @return the validated strategy
     * @throws StrategyValidationException listing every problem
     * @throws ConfigurationException when the text is not YAML
     */
    public static Strategy parse(String yaml, String source) {
        return fromTree(StrategyYaml.parse(yaml, source), source);
    }

    /**
     * @param tree a parsed strategy, either layout
     * @param source where it came from, for messages
     * @return the validated strategy
     * @throws StrategyValidationException listing every problem
     */
    public static Strategy fromTree(Map<String, Object> tree, String source) {
        List<Problem> problems = new ArrayList<>();
        Strategy s = build(tree, problems, true);
        if (!problems.isEmpty()) {
            throw new StrategyValidationException(source, problems);
        }
        return s;
    }

    /**
     * Checks a strategy and returns its problems instead of throwing.
     *
     * @param yaml the strategy text
     * @param source where it came from
     * @return every problem; empty when the strategy is valid
     */
    public static List<Problem> validate(String yaml, String source) {
        Map<String, Object> tree;
        try {
            tree = StrategyYaml.parse(yaml, source);
        } catch (ConfigurationException e) {
            return List.of(new Problem(e.path(), e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        build(tree, problems, true);
        return List.copyOf(problems);
    }

    /** Builds from any layout; problems are appended. Returns null only when problems were found. */
    static Strategy build(Map<String, Object> tree, List<Problem> problems, boolean withOverrides) {
        StrategyLayout layout = StrategyMigrator.detect(tree);
        Map<String, Object> t = StrategyMigrator.migrate(tree, problems);
        Node n = new Node(problems);
        Strategy s = buildCurrent(t, n, layout);
        if (withOverrides && s != null && problems.isEmpty()) {
            StrategyOverrides.check(s, problems);
        }
        return problems.isEmpty() ? s : null;
    }

    private static Strategy buildCurrent(Map<String, Object> t, Node n, StrategyLayout layout) {
        n.unknownKeys(t, "", TOP);
        String name = n.string(t, "name", "", "", true);
        if (!name.isEmpty() && !SafeNames.isSafe(name, 128)) {
            n.problem("name", "'" + name + "' is not a valid strategy name: 1 to 128 letters, digits, '.', '_' or '-'");
        }
        String description = n.string(t, "description", "", "", false);
        if (layout == StrategyLayout.CURRENT && t.get("indicators") instanceof List) {
            n.problem("indicators", "a list of indicators is the older layout; this file declares version "
                    + t.get("version") + " (use a mapping keyed by id, or run 'ktrdr strategy migrate')");
        }
        if (layout == StrategyLayout.CURRENT && t.get("model") instanceof Map<?, ?> m && m.containsKey("training")) {
            n.problem("model.training", "hyper-parameters under model.training belong to the older layout and would be "
                    + "ignored; move them to the top-level training section");
        }

        TrainingData data = trainingData(n, n.map(t, "training_data", "", true));
        List<Timeframe> trained = data == null ? List.of() : data.timeframes().list();
        Scope scope = scope(n, t, data);
        Deployment deployment = deployment(n, n.map(t, "deployment", "", false), scope, data);
        Map<String, Object> indicators = indicators(n, t.get("indicators"));
        Map<String, Object> fuzzy = fuzzySets(n, t.get("fuzzy_sets"), indicators);
        List<NnInput> nnInputs = nnInputs(n, t.get("nn_inputs"), fuzzy, trained);
        ModelConfig model = model(n, n.map(t, "model", "", false));
        DecisionsConfig decisions = decisions(n, n.map(t, "decisions", "", false));
        TrainingConfig training = training(n, n.map(t, "training", "", true));
        Overrides overrides = overrides(n, n.map(t, "overrides", "", false));
        if (!n.problems.isEmpty()) {
            return null;
        }
        Map<String, Object> raw = new LinkedHashMap<>(t);
        raw.put("version", Strategy.CURRENT_VERSION);
        return new Strategy(name, description, Strategy.CURRENT_VERSION, scope, data, deployment, indicators, fuzzy,
                nnInputs, model, decisions, training, overrides, raw);
    }

    private static TrainingData trainingData(Node n, Map<String, Object> td) {
        if (td == null) {
            return null;
        }
        String p = "training_data";
        n.unknownKeys(td, p, Set.of("symbols", "timeframes", "history_required", "start_date", "end_date"));
        SymbolSelection symbols = symbols(n, n.map(td, "symbols", p, true), p + ".symbols");
        TimeframeSelection timeframes = timeframes(n, n.map(td, "timeframes", p, true), p + ".timeframes");
        int history = n.integer(td, "history_required", p, 0, 0, 1_000_000);
        Optional<LocalDate> start = date(n, td, "start_date", p);
        Optional<LocalDate> end = date(n, td, "end_date", p);
        if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
            n.problem(p + ".end_date", "'" + end.get() + "' is before start_date '" + start.get() + "'");
        }
        if (symbols == null || timeframes == null) {
            return null;
        }
        return new TrainingData(symbols, timeframes, history, start, end);
    }

    private static Optional<LocalDate> date(Node n, Map<String, Object> m, String key, String path) {
        String s = n.string(m, key, path, null, false);
        if (s == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s.length() > 10 && s.charAt(10) == 'T' ? s.substring(0, 10) : s));
        } catch (DateTimeParseException e) {
            n.problem(Node.join(path, key), "'" + s + "' is not a date (YYYY-MM-DD)");
            return Optional.empty();
        }
    }

    private static SymbolSelection symbols(Node n, Map<String, Object> m, String p) {
        if (m == null) {
            return null;
        }
        n.unknownKeys(m, p, Set.of("mode", "symbol", "list", "asset_classes"));
        String mode = n.choice(m, "mode", p, null, List.of("single", "multi_symbol", "multi"));
        List<Symbol> list = new ArrayList<>();
        List<String> raw = n.stringList(m, "list", p, false);
        String single = n.string(m, "symbol", p, null, false);
        if (single != null) {
            raw = raw == null ? new ArrayList<>() : new ArrayList<>(raw);
            raw.add(0, single);
        }
        Set<Symbol> seen = new LinkedHashSet<>();
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                String path = single != null && i == 0 ? p + ".symbol" : p + ".list[" + (single != null ? i - 1 : i) + "]";
                try {
                    Symbol s = Symbol.of(raw.get(i));
                    if (!seen.add(s)) {
                        n.problem(path, "'" + s + "' is listed twice");
                    } else {
                        list.add(s);
                    }
                } catch (ConfigurationException e) {
                    n.problem(path, e.getMessage().replaceFirst("^symbol: ", ""));
                }
            }
        }
        Set<AssetClass> classes = assetClasses(n, m, "asset_classes", p);
        if (mode == null) {
            return null;
        }
        SymbolSelection.Mode md = mode.equals("single") ? SymbolSelection.Mode.SINGLE : SymbolSelection.Mode.MULTI_SYMBOL;
        if (md == SymbolSelection.Mode.SINGLE && list.size() != 1) {
            n.problem(p, "mode single needs exactly one symbol ('symbol: EURUSD'), got " + list.size());
        }
        if (md == SymbolSelection.Mode.MULTI_SYMBOL && list.isEmpty() && classes.isEmpty()) {
            n.problem(p, "mode multi_symbol needs a 'list' of symbols or 'asset_classes' to select from");
        }
        if (!list.isEmpty() && !classes.isEmpty()) {
            n.problem(p + ".asset_classes", "give either a list of symbols or asset classes to select from, not both");
        }
        return new SymbolSelection(md, list, classes);
    }

    private static Set<AssetClass> assetClasses(Node n, Map<String, Object> m, String key, String p) {
        Set<AssetClass> out = EnumSet.noneOf(AssetClass.class);
        List<String> raw = n.stringList(m, key, p, true);
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                try {
                    out.add(AssetClass.parse(raw.get(i)));
                } catch (ConfigurationException e) {
                    n.problem(p + "." + key + "[" + i + "]", e.getMessage().replaceFirst("^asset_class: ", ""));
                }
            }
        }
        return out;
    }

    private static TimeframeSelection timeframes(Node n, Map<String, Object> m, String p) {
        if (m == null) {
            return null;
        }
        n.unknownKeys(m, p, Set.of("mode", "list", "timeframe", "base_timeframe"));
        String mode = n.choice(m, "mode", p, null, List.of("single", "multi_timeframe", "multi"));
        List<String> raw = n.stringList(m, "list", p, false);
        String single = n.string(m, "timeframe", p, null, false);
        List<Timeframe> list = new ArrayList<>();
        if (single != null) {
            parseTimeframe(n, single, p + ".timeframe", list);
        }
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                parseTimeframe(n, raw.get(i), p + ".list[" + i + "]", list);
            }
        }
        if (list.isEmpty() && raw == null && single == null) {
            n.problem(p + ".list", "missing; list the timeframes, e.g. [1h, 4h, 1d]");
            return null;
        }
        String baseText = n.string(m, "base_timeframe", p, null, false);
        Timeframe base = null;
        String labels = list.stream().map(Timeframe::label).collect(Collectors.joining(", ", "[", "]"));
        if (baseText != null) {
            try {
                base = Timeframe.parse(baseText);
                if (!list.isEmpty() && !list.contains(base)) {
                    n.problem(p + ".base_timeframe", "'" + baseText + "' is not in list " + labels);
                    base = null;
                }
            } catch (ConfigurationException e) {
                n.problem(p + ".base_timeframe", "'" + baseText + "' is not a timeframe; valid: "
                        + java.util.Arrays.stream(Timeframe.values()).map(Timeframe::label).collect(Collectors.joining(", ")));
            }
        } else if (!list.isEmpty()) {
            base = list.stream().min(Comparator.comparingLong(Timeframe::millis)).orElseThrow();
        }
        if (mode == null || base == null || list.isEmpty()) {
            return null;
        }
        TimeframeSelection.Mode md = mode.equals("single") ? TimeframeSelection.Mode.SINGLE
                : TimeframeSelection.Mode.MULTI_TIMEFRAME;
        if (md == TimeframeSelection.Mode.SINGLE && list.size() != 1) {
            n.problem(p, "mode single needs exactly one timeframe, got " + labels);
        }
        for (Timeframe tf : list) {
            if (!tf.isMultipleOf(base)) {
                n.problem(p + ".list", "timeframe " + tf + " is not a whole multiple of the base timeframe " + base);
            }
        }
        return new TimeframeSelection(md, list, base);
    }

    private static void parseTimeframe(Node n, String text, String path, List<Timeframe> out) {
        try {
            Timeframe tf = Timeframe.parse(text);
            if (out.contains(tf)) {
                n.problem(path, "'" + text + "' is listed twice");
            } else {
                out.add(tf);
            }
        } catch (ConfigurationException e) {
            n.problem(path, e.getMessage().replaceFirst("^timeframe: ", ""));
        }
    }

    private static Scope scope(Node n, Map<String, Object> t, TrainingData data) {
        String s = n.choice(t, "scope", "", "", List.of("", "universal", "symbol_group", "symbol_specific"));
        switch (s) {
            case "universal": return Scope.UNIVERSAL;
            case "symbol_group": return Scope.SYMBOL_GROUP;
            case "symbol_specific": return Scope.SYMBOL_SPECIFIC;
            default:
                return data != null && data.symbols().mode() == SymbolSelection.Mode.MULTI_SYMBOL
                        ? Scope.UNIVERSAL : Scope.SYMBOL_SPECIFIC;
        }
    }

    private static Deployment deployment(Node n, Map<String, Object> d, Scope scope, TrainingData data) {
        String p = "deployment";
        n.unknownKeys(d, p, Set.of("target_symbols", "target_timeframes"));
        Map<String, Object> ts = n.map(d, "target_symbols", p, false);
        String tsp = p + ".target_symbols";
        n.unknownKeys(ts, tsp, Set.of("mode", "restrictions", "asset_classes", "excluded_symbols"));
        String def = scope == Scope.UNIVERSAL ? "universal" : scope == Scope.SYMBOL_GROUP ? "group_restricted" : "training_only";
        String mode = n.choice(ts, "mode", tsp, def, List.of("universal", "group_restricted", "training_only"));
        Map<String, Object> restr = n.map(ts, "restrictions", tsp, false);
        String rp = tsp + ".restrictions";
        n.unknownKeys(restr, rp, Set.of("asset_classes", "excluded_symbols"));
        Set<AssetClass> classes = EnumSet.noneOf(AssetClass.class);
        classes.addAll(assetClasses(n, restr, "asset_classes", rp));
        classes.addAll(assetClasses(n, ts, "asset_classes", tsp));
        if (mode.equals("group_restricted") && classes.isEmpty() && data != null) {
            classes.addAll(data.symbols().assetClasses());
        }
        if (mode.equals("group_restricted") && classes.isEmpty()) {
            n.problem(tsp + ".restrictions.asset_classes", "mode group_restricted needs the asset classes it serves");
        }
        Set<Symbol> excluded = new LinkedHashSet<>();
        for (String[] where : new String[][] {{rp, "r"}, {tsp, "t"}}) {
            List<String> raw = n.stringList(where[1].equals("r") ? restr : ts, "excluded_symbols", where[0], true);
            if (raw != null) {
                for (int i = 0; i < raw.size(); i++) {
                    try {
                        excluded.add(Symbol.of(raw.get(i)));
                    } catch (ConfigurationException e) {
                        n.problem(where[0] + ".excluded_symbols[" + i + "]", e.getMessage().replaceFirst("^symbol: ", ""));
                    }
                }
            }
        }
        List<Timeframe> trained = data == null ? List.of() : data.timeframes().list();
        Map<String, Object> tt = n.map(d, "target_timeframes", p, false);
        String ttp = p + ".target_timeframes";
        n.unknownKeys(tt, ttp, Set.of("mode", "supported"));
        n.choice(tt, "mode", ttp, "", List.of("", "single", "multi_timeframe", "single_timeframe"));
        List<Timeframe> supported = new ArrayList<>();
        List<String> raw = n.stringList(tt, "supported", ttp, true);
        if (raw == null) {
            supported.addAll(trained);
        } else {
            String labels = trained.stream().map(Timeframe::label).collect(Collectors.joining(", ", "[", "]"));
            for (int i = 0; i < raw.size(); i++) {
                try {
                    Timeframe tf = Timeframe.parse(raw.get(i));
                    if (data != null && !trained.contains(tf)) {
                        n.problem(ttp + ".supported[" + i + "]", "'" + raw.get(i) + "' is not among the trained timeframes " + labels);
                    } else if (!supported.contains(tf)) {
                        supported.add(tf);
                    }
                } catch (ConfigurationException e) {
                    n.problem(ttp + ".supported[" + i + "]", e.getMessage().replaceFirst("^timeframe: ", ""));
                }
            }
        }
        Deployment.Mode m = mode.equals("universal") ? Deployment.Mode.UNIVERSAL
                : mode.equals("group_restricted") ? Deployment.Mode.GROUP_RESTRICTED : Deployment.Mode.TRAINING_ONLY;
        if (m == Deployment.Mode.UNIVERSAL && scope == Scope.SYMBOL_SPECIFIC && d != null && ts != null && ts.containsKey("mode")) {
            n.problem(tsp + ".mode", "'universal' needs scope universal (a symbol-specific model cannot serve other symbols)");
        }
        return new Deployment(m, classes, excluded, supported);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> indicators(Node n, Object section) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (section == null) {
            n.problem("indicators", "missing; at least one indicator is required");
            return out;
        }
        if (!(section instanceof Map)) {
            if (!(section instanceof List)) {
                n.problem("indicators", "must be a mapping of indicator id to its parameters, not " + Node.describe(section));
            }
            return out;
        }
        Map<String, Object> m = (Map<String, Object>) section;
        if (m.isEmpty()) {
            n.problem("indicators", "is empty; at least one indicator is required");
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            String p = "indicators." + e.getKey();
            if (!ID.matcher(e.getKey()).matches()) {
                n.problem(p, "indicator id '" + e.getKey() + "' must start with a letter and hold only letters, digits and '_'");
            }
            if (!(e.getValue() instanceof Map)) {
                n.problem(p, "must be a mapping with a 'type', not " + Node.describe(e.getValue()));
                continue;
            }
            Map<String, Object> spec = (Map<String, Object>) e.getValue();
            n.string(spec, "type", p, null, true);
            out.put(e.getKey(), spec);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fuzzySets(Node n, Object section, Map<String, Object> indicators) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (section == null) {
            n.problem("fuzzy_sets", "missing; at least one fuzzy set is required");
            return out;
        }
        if (!(section instanceof Map)) {
            n.problem("fuzzy_sets", "must be a mapping of set id to memberships, not " + Node.describe(section));
            return out;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) section).entrySet()) {
            String p = "fuzzy_sets." + e.getKey();
            if (!ID.matcher(e.getKey()).matches()) {
                n.problem(p, "set id '" + e.getKey() + "' must start with a letter and hold only letters, digits and '_'");
            }
            if (!(e.getValue() instanceof Map)) {
                n.problem(p, "must be a mapping of memberships, not " + Node.describe(e.getValue()));
                continue;
            }
            Map<String, Object> set = (Map<String, Object>) e.getValue();
            String ref = n.string(set, "indicator", p, e.getKey(), false);
            String baseId = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
            if (!indicators.isEmpty() && !indicators.containsKey(baseId)) {
                n.problem(p + ".indicator", "'" + ref + "' names no indicator; indicators: " + indicators.keySet());
            }
            int members = 0;
            for (Map.Entry<String, Object> mem : set.entrySet()) {
                if (mem.getKey().equals("indicator") || mem.getKey().equals("input_transform")) {
                    continue;
                }
                members++;
                Object v = mem.getValue();
                if (!(v instanceof List) && !(v instanceof Map)) {
                    n.problem(p + "." + mem.getKey(), "a membership must be a list of numbers or {type, parameters}, not "
                            + Node.describe(v));
                }
            }
            if (members == 0) {
                n.problem(p, "the set has no memberships");
            }
            out.put(e.getKey(), set);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<NnInput> nnInputs(Node n, Object section, Map<String, Object> fuzzy, List<Timeframe> trained) {
        List<NnInput> out = new ArrayList<>();
        if (section == null) {
            return out;
        }
        if (!(section instanceof List<?> list)) {
            n.problem("nn_inputs", "must be a list of {fuzzy_set, timeframes}, not " + Node.describe(section));
            return out;
        }
        String labels = trained.stream().map(Timeframe::label).collect(Collectors.joining(", ", "[", "]"));
        for (int i = 0; i < list.size(); i++) {
            String p = "nn_inputs[" + i + "]";
            if (!(list.get(i) instanceof Map)) {
                n.problem(p, "must be a mapping {fuzzy_set, timeframes}");
                continue;
            }
            Map<String, Object> m = (Map<String, Object>) list.get(i);
            n.unknownKeys(m, p, Set.of("fuzzy_set", "timeframes"));
            String set = n.string(m, "fuzzy_set", p, null, true);
            if (set != null && !fuzzy.isEmpty() && !fuzzy.containsKey(set)) {
                n.problem(p + ".fuzzy_set", "'" + set + "' is not a fuzzy set; sets: " + fuzzy.keySet());
            }
            List<Timeframe> tfs = new ArrayList<>();
            Object tv = m.get("timeframes");
            if (tv != null && !"all".equals(tv)) {
                List<String> raw = n.stringList(m, "timeframes", p, false);
                if (raw != null) {
                    for (int j = 0; j < raw.size(); j++) {
                        try {
                            Timeframe tf = Timeframe.parse(raw.get(j));
                            if (!trained.isEmpty() && !trained.contains(tf)) {
                                n.problem(p + ".timeframes[" + j + "]", "'" + raw.get(j) + "' is not in list " + labels);
                            } else {
                                tfs.add(tf);
                            }
                        } catch (ConfigurationException e) {
                            n.problem(p + ".timeframes[" + j + "]", e.getMessage().replaceFirst("^timeframe: ", ""));
                        }
                    }
                }
            }
            if (set != null) {
                out.add(new NnInput(set, tfs));
            }
        }
        return out;
    }

    private static ModelConfig model(Node n, Map<String, Object> m) {
        String p = "model";
        n.unknownKeys(m, p, Set.of("type", "architecture", "symbol_encoding", "multi_symbol", "features", "training"));
        String type = n.choice(m, "type", p, "mlp", List.of("mlp"));
        Map<String, Object> a = n.map(m, "architecture", p, false);
        String ap = p + ".architecture";
        n.unknownKeys(a, ap, Set.of("hidden_layers", "activation", "dropout"));
        List<Integer> layers = new ArrayList<>();
        Object hl = a == null ? null : a.get("hidden_layers");
        if (hl == null) {
            layers.addAll(List.of(64, 32));
        } else if (hl instanceof List<?> l && !l.isEmpty()) {
            for (int i = 0; i < l.size(); i++) {
                Object v = l.get(i);
                if (v instanceof Integer x && x >= 1 && x <= 100_000) {
                    layers.add(x);
                } else {
                    n.problem(ap + ".hidden_layers[" + i + "]", "'" + v + "' is not a layer size in [1, 100000]");
                }
            }
        } else {
            n.problem(ap + ".hidden_layers", "must be a non-empty list of layer sizes, e.g. [64, 32]");
        }
        String activation = n.choice(a, "activation", ap, "relu", List.of("relu", "tanh", "leaky_relu"));
        double dropout = n.number(a, "dropout", ap, 0.2, 0, false, 1, true);

        Map<String, Object> se = n.map(m, "symbol_encoding", p, false);
        String sp = p + ".symbol_encoding";
        n.unknownKeys(se, sp, Set.of("type", "dim", "unknown_symbol_dropout"));
        String encType = n.choice(se, "type", sp, "none", List.of("none", "one_hot", "index", "embedding"));
        int dim = n.integer(se, "dim", sp, encType.equals("embedding") ? 8 : 0, 0, 1024);
        if (encType.equals("embedding") && dim < 1) {
            n.problem(sp + ".dim", dim + " is not in [1, 1024] (an embedding needs a dimension)");
        }
        if (!encType.equals("embedding") && se != null && se.containsKey("dim")) {
            n.problem(sp + ".dim", "only an embedding has a dimension; type is " + encType);
        }
        double unknownDropout = n.number(se, "unknown_symbol_dropout", sp, 0.0, 0, false, 1, true);

        Map<String, Object> ms = n.map(m, "multi_symbol", p, false);
        n.unknownKeys(ms, p + ".multi_symbol", Set.of("balance_strategy"));
        String balance = n.choice(ms, "balance_strategy", p + ".multi_symbol", "balanced",
                List.of("concatenate", "interleave", "balanced", "weighted"));

        Map<String, Object> f = n.map(m, "features", p, false);
        String fp = p + ".features";
        n.unknownKeys(f, fp, Set.of("include_price_context", "lookback_periods", "scale_features"));
        boolean ctx = n.bool(f, "include_price_context", fp, false);
        int lookback = n.integer(f, "lookback_periods", fp, 0, 0, 100);
        boolean scale = n.bool(f, "scale_features", fp, true);
        return new ModelConfig(type, new ModelConfig.Architecture(layers, activation, dropout),
                new ModelConfig.SymbolEncoding(encType, dim, unknownDropout), new ModelConfig.MultiSymbol(balance),
                new ModelConfig.Features(ctx, lookback, scale));
    }

    private static DecisionsConfig decisions(Node n, Map<String, Object> d) {
        String p = "decisions";
        n.unknownKeys(d, p, Set.of("output_format", "confidence_threshold", "position_awareness", "filters", "allow_short"));
        String format = n.choice(d, "output_format", p, "classification", List.of("classification"));
        double threshold = n.number(d, "confidence_threshold", p, 0.5, 0, false, 1, false);
        boolean aware = n.bool(d, "position_awareness", p, true);
        boolean allowShort = n.bool(d, "allow_short", p, false);
        Map<String, Object> f = n.map(d, "filters", p, false);
        n.unknownKeys(f, p + ".filters", Set.of("min_signal_separation", "volume_filter"));
        int sep = n.integer(f, "min_signal_separation", p + ".filters", 0, 0, 1_000_000);
        double volume = n.number(f, "volume_filter", p + ".filters", 0.0, 0, false, 1000, false);
        return new DecisionsConfig(format, threshold, aware, sep, allowShort, volume, d == null ? Map.of() : d);
    }

    private static TrainingConfig training(Node n, Map<String, Object> t) {
        String p = "training";
        n.unknownKeys(t, p, Set.of("method", "labels", "data_split", "epochs", "batch_size", "learning_rate", "optimizer",
                "early_stopping", "seed", "weight_decay", "gradient_clip", "class_weights", "walk_forward",
                "min_rows_per_split"));
        String method = n.choice(t, "method", p, "supervised", List.of("supervised"));
        LabelConfig labels = labels(n, n.map(t, "labels", p, false));

        Map<String, Object> ds = n.map(t, "data_split", p, false);
        String dp = p + ".data_split";
        n.unknownKeys(ds, dp, Set.of("train", "validation", "test"));
        double tr = n.number(ds, "train", dp, 0.7, 0, true, 1, true);
        double va = n.number(ds, "validation", dp, 0.15, 0, false, 1, true);
        double te = n.number(ds, "test", dp, 0.15, 0, false, 1, true);
        if (Math.abs(tr + va + te - 1.0) > 1e-9) {
            n.problem(dp, "train " + tr + " + validation " + va + " + test " + te + " = " + (tr + va + te) + ", must be 1");
        }
        int epochs = n.integer(t, "epochs", p, 100, 1, 1_000_000);
        int batch = n.integer(t, "batch_size", p, 32, 1, 1_000_000);
        double lr = n.number(t, "learning_rate", p, 0.001, 0, true, 10, false);
        String optimizer = n.choice(t, "optimizer", p, "adam", List.of("adam", "sgd", "rmsprop"));
        Map<String, Object> es = n.map(t, "early_stopping", p, false);
        String ep = p + ".early_stopping";
        n.unknownKeys(es, ep, Set.of("enabled", "patience", "min_delta"));
        TrainingConfig.EarlyStopping stopping = new TrainingConfig.EarlyStopping(n.bool(es, "enabled", ep, true),
                n.integer(es, "patience", ep, 10, 1, 100_000), n.number(es, "min_delta", ep, 0.0, 0, false, 1e9, false));
        long seed = n.longValue(t, "seed", p, 42L);
        double decay = n.number(t, "weight_decay", p, 0.0, 0, false, 10, false);
        double clip = n.number(t, "gradient_clip", p, 0.0, 0, false, 1e9, false);
        String cw = n.choice(t, "class_weights", p, "none", List.of("none", "inverse_frequency"));
        Map<String, Object> wf = n.map(t, "walk_forward", p, false);
        String wp = p + ".walk_forward";
        n.unknownKeys(wf, wp, Set.of("enabled", "folds", "mode"));
        TrainingConfig.WalkForwardConfig walk = new TrainingConfig.WalkForwardConfig(n.bool(wf, "enabled", wp, wf != null),
                n.integer(wf, "folds", wp, 5, 1, 1000),
                n.choice(wf, "mode", wp, "expanding", List.of("expanding", "rolling")).equals("expanding"));
        int minRows = n.integer(t, "min_rows_per_split", p, TrainingConfig.DEFAULT_MIN_ROWS_PER_SPLIT, 1, 100_000_000);
        return new TrainingConfig(method, labels, new TrainingConfig.DataSplit(tr, va, te), epochs, batch, lr, optimizer,
                stopping, seed, decay, clip, cw, walk, minRows);
    }

    private static LabelConfig labels(Node n, Map<String, Object> l) {
        String p = "training.labels";
        String src = n.choice(l, "source", p, "zigzag", List.of("zigzag", "zigzag_forward", "triple_barrier"));
        LabelSource source = src.equals("zigzag") ? LabelSource.ZIGZAG
                : src.equals("zigzag_forward") ? LabelSource.ZIGZAG_FORWARD : LabelSource.TRIPLE_BARRIER;
        Set<String> known = new LinkedHashSet<>(List.of("source"));
        switch (source) {
            case ZIGZAG: known.addAll(List.of("zigzag_threshold", "label_lookahead")); break;
            case ZIGZAG_FORWARD: known.addAll(List.of("zigzag_threshold", "label_lookahead", "min_swing_length")); break;
            default: known.addAll(List.of("profit_take", "stop_loss", "vertical_barrier", "volatility_window")); break;
        }
        if (l != null) {
            for (String k : l.keySet()) {
                if (!known.contains(k)) {
                    n.problem(p + "." + k, "not used by source " + src + "; its keys: " + known);
                }
            }
        }
        double threshold = n.number(l, "zigzag_threshold", p, 0.05, 0, true, 1, true);
        int lookahead = n.integer(l, "label_lookahead", p, 20, 1, 100_000);
        int minSwing = n.integer(l, "min_swing_length", p, 1, 1, 100_000);
        if (source == LabelSource.ZIGZAG_FORWARD && minSwing > lookahead) {
            n.problem(p + ".min_swing_length", minSwing + " is larger than label_lookahead " + lookahead);
        }
        double pt = n.number(l, "profit_take", p, 2.0, 0, true, 100, false);
        double sl = n.number(l, "stop_loss", p, 2.0, 0, true, 100, false);
        int vertical = n.integer(l, "vertical_barrier", p, 20, 1, 100_000);
        int volWindow = n.integer(l, "volatility_window", p, 20, 2, 100_000);
        return new LabelConfig(source, threshold, lookahead, minSwing, pt, sl, vertical, volWindow);
    }

    @SuppressWarnings("unchecked")
    private static Overrides overrides(Node n, Map<String, Object> o) {
        if (o == null) {
            return Overrides.NONE;
        }
        String p = "overrides";
        n.unknownKeys(o, p, Set.of("asset_classes", "symbols"));
        Map<AssetClass, Map<String, Object>> classes = new LinkedHashMap<>();
        Map<String, Object> ac = n.map(o, "asset_classes", p, false);
        if (ac != null) {
            for (Map.Entry<String, Object> e : ac.entrySet()) {
                String ep = p + ".asset_classes." + e.getKey();
                try {
                    AssetClass c = AssetClass.parse(e.getKey());
                    if (e.getValue() instanceof Map) {
                        classes.put(c, (Map<String, Object>) e.getValue());
                    } else {
                        n.problem(ep, "must be a mapping of settings");
                    }
                } catch (ConfigurationException ex) {
                    n.problem(ep, ex.getMessage().replaceFirst("^asset_class: ", ""));
                }
            }
        }
        Map<Symbol, Map<String, Object>> symbols = new LinkedHashMap<>();
        Map<String, Object> sy = n.map(o, "symbols", p, false);
        if (sy != null) {
            for (Map.Entry<String, Object> e : sy.entrySet()) {
                String ep = p + ".symbols." + e.getKey();
                try {
                    Symbol s = Symbol.of(e.getKey());
                    if (e.getValue() instanceof Map) {
                        symbols.put(s, (Map<String, Object>) e.getValue());
                    } else {
                        n.problem(ep, "must be a mapping of settings");
                    }
                } catch (ConfigurationException ex) {
                    n.problem(ep, ex.getMessage().replaceFirst("^symbol: ", ""));
                }
            }
        }
        return new Overrides(classes, symbols);
    }
}
