package dev.ktrdr.training.strategy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.fuzzy.FuzzyConfig;
import dev.ktrdr.fuzzy.NnInputs;
import dev.ktrdr.fuzzy.frame.FeatureFrameConfig;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.IndicatorSpecs;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.strategy.Strategy.NnInput;
import dev.ktrdr.training.strategy.Strategy.Scope;
import dev.ktrdr.training.strategy.Strategy.SymbolSelection;
import dev.ktrdr.training.strategy.Strategy.TimeframeSelection;
import dev.ktrdr.training.strategy.Strategy.TrainingData;
import dev.ktrdr.training.strategy.TrainingConfig.LabelConfig;
import dev.ktrdr.training.strategy.TrainingConfig.LabelSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Loads strategy files of either layout into a validated {@link Strategy}. The single validation path, used
 * by {@code ktrdr strategy validate}, training, backtests and live hosts alike: one pass builds every typed
 * part and collects every problem with its YAML path, and one {@link StrategyValidationException} lists them
 * all (e.g. {@code training_data.timeframes.base_timeframe: '2h' is not in list [1h, 4h, 1d]}).
 *
 * <p>Indicators go through the indicator catalogue ({@link CatalogIndicatorEngine#check}: type, parameter
 * names, kinds, ranges and consistency), fuzzy sets through their constructors ({@link FuzzyConfig}: shapes,
 * parameter counts and order, input transforms, duplicate columns) and are checked against the outputs of
 * the indicator they read; {@code nn_inputs} against the sets and trained timeframes; then the feature
 * frame ({@link FeatureFrameConfig}) and the trainer's settings ({@link Strategy#mlpConfig()}) are built
 * once, so a strategy that loads does not fail later on its configuration.
 *
 * <p>Files in the older layout are migrated in memory by {@link StrategyMigrator} first, so that
 * hyper-parameters under {@code model.training} reach {@link TrainingConfig}; a current-layout file that
 * still has {@code model.training} is refused rather than silently ignored. Unknown keys are problems
 * (typos would otherwise silently fall back to defaults). A key that the chosen label source does not read
 * (e.g. {@code label_lookahead} with {@code zigzag}, which files written for the Python original carry) is a
 * {@linkplain Problem.Severity#WARNING warning}: reported with its path, kept in {@link Strategy#warnings()},
 * not blocking.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrategyLoader {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** The widest hidden layer the MLP trainer builds. */
    private static final int MAX_LAYER = 65_536;
    /** The most parameters the MLP trainer builds (its arrays are indexed by int). */
    private static final long MAX_PARAMETERS = Integer.MAX_VALUE - 16;
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
        return parse(yaml, source, IndicatorCatalog.standard());
    }

    /**
     * As {@link #parse(String, String)}, with indicator types resolved in {@code catalog} (a catalogue with
     * types of the host's own, as the indicator engine that will compute them uses).
     *
     * @param yaml the strategy text, either layout
     * @param source where it came from (a file name), for messages
     * @param catalog the indicator catalogue
     * @return the validated strategy
     * @throws StrategyValidationException listing every problem
     * @throws ConfigurationException when the text is not YAML
     */
    public static Strategy parse(String yaml, String source, IndicatorCatalog catalog) {
        return fromTree(StrategyYaml.parse(yaml, source), source, catalog);
    }

    /**
     * @param tree a parsed strategy, either layout
     * @param source where it came from, for messages
     * @return the validated strategy
     * @throws StrategyValidationException listing every problem
     */
    public static Strategy fromTree(Map<String, Object> tree, String source) {
        return fromTree(tree, source, IndicatorCatalog.standard());
    }

    /**
     * @param tree a parsed strategy, either layout
     * @param source where it came from, for messages
     * @param catalog the indicator catalogue types are resolved in
     * @return the validated strategy
     * @throws StrategyValidationException listing every problem
     */
    public static Strategy fromTree(Map<String, Object> tree, String source, IndicatorCatalog catalog) {
        List<Problem> problems = new ArrayList<>();
        Strategy s = build(tree, problems, true, catalog);
        if (s == null) {
            throw new StrategyValidationException(source, problems);
        }
        return s;
    }

    /**
     * Checks a strategy and returns its problems instead of throwing: the same list, errors and warnings
     * in the same order, that {@link #parse} throws in a {@link StrategyValidationException} (or, for a
     * strategy that loads, that {@link Strategy#warnings()} holds).
     *
     * @param yaml the strategy text
     * @param source where it came from
     * @return every problem; no {@linkplain Problem#isError() error} when the strategy is valid
     */
    public static List<Problem> validate(String yaml, String source) {
        return validate(yaml, source, IndicatorCatalog.standard());
    }

    /**
     * @param yaml the strategy text
     * @param source where it came from
     * @param catalog the indicator catalogue types are resolved in
     * @return every problem; no {@linkplain Problem#isError() error} when the strategy is valid
     */
    public static List<Problem> validate(String yaml, String source, IndicatorCatalog catalog) {
        Map<String, Object> tree;
        try {
            tree = StrategyYaml.parse(yaml, source);
        } catch (ConfigurationException e) {
            return List.of(new Problem(e.path(), e.getMessage()));
        }
        List<Problem> problems = new ArrayList<>();
        build(tree, problems, true, catalog);
        return List.copyOf(problems);
    }

    /**
     * Builds from any layout; problems (errors and warnings) are appended. Returns null exactly when an
     * error was found.
     */
    static Strategy build(Map<String, Object> tree, List<Problem> problems, boolean withOverrides,
                          IndicatorCatalog catalog) {
        StrategyLayout layout = StrategyMigrator.detect(tree);
        Map<String, Object> t = StrategyMigrator.migrate(tree, problems);
        Node n = new Node(problems);
        Strategy s = buildCurrent(t, n, layout, catalog);
        if (withOverrides && s != null && !hasErrors(problems)) {
            StrategyOverrides.check(s, problems);
        }
        return hasErrors(problems) ? null : s;
    }

    static boolean hasErrors(List<Problem> problems) {
        for (Problem p : problems) {
            if (p.isError()) {
                return true;
            }
        }
        return false;
    }

    private static Strategy buildCurrent(Map<String, Object> t, Node n, StrategyLayout layout, IndicatorCatalog catalog) {
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
        Map<String, Indicator> configured = new LinkedHashMap<>();
        List<IndicatorSpec> indicatorSpecs = indicatorSpecs(n, indicators, configured, catalog);
        Map<String, Object> fuzzy = fuzzySets(n, t.get("fuzzy_sets"));
        List<FuzzySetSpec> fuzzySpecs = fuzzySetSpecs(n, fuzzy, indicators, configured);
        List<NnInput> nnInputs = nnInputs(n, t.get("nn_inputs"), fuzzy, trained);
        ModelConfig model = model(n, n.map(t, "model", "", false));
        DecisionConfig decisions = decisions(n, n.map(t, "decisions", "", false));
        TrainingConfig training = training(n, n.map(t, "training", "", true));
        Overrides overrides = overrides(n, n.map(t, "overrides", "", false));
        if (hasErrors(n.problems)) {
            return null;
        }
        // The feature frame's own invariants (the object every pipeline builds), checked on the typed parts:
        // the collecting checks above find everything it refuses, so this only reports a check they miss.
        int features;
        try {
            features = new FeatureFrameConfig(trained, data.timeframes().base(), indicatorSpecs, fuzzySpecs,
                    featureInputs(nnInputs), StalenessPolicy.DROP_ROW).featureSpec().size();
        } catch (ConfigurationException e) {
            n.problems.add(Problem.of(e));
            return null;
        }
        long weights = weights(features, model.architecture().hiddenLayers());
        if (weights > MAX_PARAMETERS) {
            n.problem("model.architecture.hidden_layers", model.architecture().hiddenLayers() + " on " + features
                    + " fuzzy features makes at least " + weights + " weights; at most " + MAX_PARAMETERS + " fit");
            return null;
        }
        Map<String, Object> raw = new LinkedHashMap<>(t);
        raw.put("version", Strategy.CURRENT_VERSION);
        Strategy s = new Strategy(name, description, Strategy.CURRENT_VERSION, scope, data, deployment, indicators, fuzzy,
                nnInputs, model, decisions, training, overrides, raw, indicatorSpecs, fuzzySpecs,
                Problem.warnings(n.problems), catalog);
        try {
            // the trainer's own checks; the ranges above match them, so this only reports a check they miss
            s.mlpConfig();
        } catch (ConfigurationException e) {
            n.problems.add(new Problem("training", Problem.of(e).toString()));
            return null;
        }
        return s;
    }

    /** Weights and biases of the hidden and output layers on {@code inputs} inputs (context and symbol columns aside). */
    private static long weights(int inputs, List<Integer> hidden) {
        long n = 0;
        long prev = inputs;
        for (int h : hidden) {
            n += prev * h + h;
            prev = h;
        }
        return n + prev * 3 + 3;
    }

    /**
     * @param inputs a strategy's {@code nn_inputs}
     * @return them as the feature frame takes them (an empty list: every set on every timeframe)
     */
    public static NnInputs featureInputs(List<NnInput> inputs) {
        List<NnInputs.Entry> entries = new ArrayList<>();
        for (NnInput i : inputs) {
            entries.add(new NnInputs.Entry(i.fuzzySet(), i.timeframes().isEmpty() ? Optional.empty()
                    : Optional.of(i.timeframes())));
        }
        return new NnInputs(entries);
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
                continue;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * Every indicator through the catalogue: its shape ({@link IndicatorSpecs}), type, parameter names,
     * kinds and ranges, and their consistency ({@link CatalogIndicatorEngine#check}); every problem is
     * collected. {@code configured} receives the indicators that are valid, by id.
     */
    private static List<IndicatorSpec> indicatorSpecs(Node n, Map<String, Object> indicators,
                                                      Map<String, Indicator> configured, IndicatorCatalog catalog) {
        List<IndicatorSpec> specs = IndicatorSpecs.fromSection(indicators, e -> n.problems.add(Problem.of(e)));
        List<Indicator> checked = new CatalogIndicatorEngine(catalog)
                .check(specs, e -> n.problems.add(Problem.of(e)));
        List<IndicatorSpec> valid = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            if (checked.get(i) != null) {
                configured.put(specs.get(i).id(), checked.get(i));
                valid.add(specs.get(i));
            }
        }
        return valid;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> fuzzySets(Node n, Object section) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (section == null) {
            n.problem("fuzzy_sets", "missing; at least one fuzzy set is required");
            return out;
        }
        if (!(section instanceof Map)) {
            n.problem("fuzzy_sets", "must be a mapping of set id to memberships, not " + Node.describe(section));
            return out;
        }
        if (((Map<String, Object>) section).isEmpty()) {
            n.problem("fuzzy_sets", "is empty; at least one fuzzy set is required");
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) section).entrySet()) {
            String p = "fuzzy_sets." + e.getKey();
            if (!ID.matcher(e.getKey()).matches()) {
                n.problem(p, "set id '" + e.getKey() + "' must start with a letter and hold only letters, digits and '_'");
                continue;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * Every fuzzy set through its constructors ({@link FuzzyConfig}, {@link dev.ktrdr.fuzzy.FuzzySet}):
     * shapes, parameter counts and order, input transforms, duplicate columns; then each set's indicator
     * reference against the declared indicators and, for a valid indicator, its outputs.
     */
    private static List<FuzzySetSpec> fuzzySetSpecs(Node n, Map<String, Object> fuzzy, Map<String, Object> indicators,
                                                    Map<String, Indicator> configured) {
        if (fuzzy.isEmpty()) {
            return List.of();
        }
        List<FuzzySetSpec> specs = FuzzyConfig.parseFuzzySets(fuzzy, e -> n.problems.add(Problem.of(e)));
        List<FuzzySetSpec> valid = new ArrayList<>();
        for (FuzzySetSpec s : specs) {
            String ref = s.indicator();
            int dot = ref.indexOf('.');
            String id = dot < 0 ? ref : ref.substring(0, dot);
            String p = "fuzzy_sets." + s.id() + ".indicator";
            if (!indicators.containsKey(id)) {
                if (!indicators.isEmpty()) {
                    n.problem(p, "'" + ref + "' names no indicator; indicators: " + indicators.keySet());
                }
                continue;
            }
            Indicator ind = configured.get(id);
            if (ind == null) {
                continue; // the indicator's own problems are reported under indicators.{id}
            }
            if (dot >= 0) {
                String output = ref.substring(dot + 1);
                List<String> outputs = ind.outputNames();
                if (outputs.size() < 2 || !outputs.contains(output)) {
                    n.problem(p, "'" + ref + "': indicator '" + id + "' has " + (outputs.size() < 2
                            ? "a single output; write '" + id + "'"
                            : "no output '" + output + "'; its outputs: " + outputs));
                    continue;
                }
            }
            valid.add(s);
        }
        return valid;
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
        if (list.isEmpty()) {
            n.problem("nn_inputs", "the list is empty; leave the section out to use every set on every timeframe");
            return out;
        }
        String labels = trained.stream().map(Timeframe::label).collect(Collectors.joining(", ", "[", "]"));
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String p = "nn_inputs[" + i + "]";
            if (!(list.get(i) instanceof Map)) {
                n.problem(p, "must be a mapping {fuzzy_set, timeframes}, not " + Node.describe(list.get(i)));
                continue;
            }
            Map<String, Object> m = (Map<String, Object>) list.get(i);
            n.unknownKeys(m, p, Set.of("fuzzy_set", "timeframes"));
            String set = n.string(m, "fuzzy_set", p, null, true);
            if (set != null && !fuzzy.isEmpty() && !fuzzy.containsKey(set)) {
                n.problem(p + ".fuzzy_set", "'" + set + "' is not a fuzzy set; sets: " + fuzzy.keySet());
            } else if (set != null && !seen.add(set)) {
                n.problem(p + ".fuzzy_set", "'" + set + "' is listed twice");
            }
            List<Timeframe> tfs = new ArrayList<>();
            Object tv = m.get("timeframes");
            if (tv != null && !(tv instanceof String str && str.trim().equalsIgnoreCase("all"))) {
                List<String> raw = n.stringList(m, "timeframes", p, true);
                if (raw != null && raw.isEmpty()) {
                    n.problem(p + ".timeframes", "is empty; write 'all' or list timeframes, e.g. [1h, 4h]");
                }
                if (raw != null) {
                    for (int j = 0; j < raw.size(); j++) {
                        String tp = p + ".timeframes[" + j + "]";
                        try {
                            Timeframe tf = Timeframe.parse(raw.get(j));
                            if (!trained.isEmpty() && !trained.contains(tf)) {
                                n.problem(tp, "'" + raw.get(j) + "' is not in list " + labels);
                            } else if (tfs.contains(tf)) {
                                n.problem(tp, "'" + raw.get(j) + "' is listed twice");
                            } else {
                                tfs.add(tf);
                            }
                        } catch (ConfigurationException e) {
                            n.problem(tp, e.getMessage().replaceFirst("^timeframe: ", ""));
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
        n.unknownKeys(m, p, Set.of("type", "architecture", "symbol_encoding", "multi_symbol", "features", "training", "gbdt"));
        String type = n.choice(m, "type", p, "mlp", List.of("mlp", "gbdt"));
        boolean trees = type.equals("gbdt");
        if (trees && m != null && m.containsKey("architecture")) {
            n.problem(p + ".architecture", "only an mlp has an architecture; type is gbdt (its parameters go under model.gbdt)");
        }
        if (!trees && m != null && m.containsKey("gbdt")) {
            n.problem(p + ".gbdt", "only type gbdt has boosting parameters; type is " + type);
        }
        ModelConfig.Gbdt gbdt = gbdt(n, n.map(m, "gbdt", p, false));
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
                if (v instanceof Integer x && x >= 1 && x <= MAX_LAYER) {
                    layers.add(x);
                } else {
                    n.problem(ap + ".hidden_layers[" + i + "]", "'" + v + "' is not a layer size in [1, " + MAX_LAYER + "]");
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
        if (trees && encType.equals("embedding")) {
            n.problem(sp + ".type", "embedding is not one of [none, one_hot, index] (trees learn no embedding); type is gbdt");
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
        if (!scale) {
            n.problem(fp + ".scale_features", "false is not supported: the MLP trainer always standardises features "
                    + "with a scaler fitted on the training rows");
        }
        return new ModelConfig(type, new ModelConfig.Architecture(layers, activation, dropout),
                new ModelConfig.SymbolEncoding(encType, dim, unknownDropout), new ModelConfig.MultiSymbol(balance),
                new ModelConfig.Features(ctx, lookback, scale), gbdt);
    }

    /** The {@code model.gbdt:} section; missing keys take {@link ModelConfig.Gbdt#DEFAULTS}. */
    private static ModelConfig.Gbdt gbdt(Node n, Map<String, Object> g) {
        String p = "model.gbdt";
        ModelConfig.Gbdt d = ModelConfig.Gbdt.DEFAULTS;
        n.unknownKeys(g, p, Set.of("num_trees", "learning_rate", "num_leaves", "max_depth", "min_data_in_leaf",
                "feature_fraction", "early_stopping_rounds"));
        return new ModelConfig.Gbdt(n.integer(g, "num_trees", p, d.numTrees(), 1, 10_000),
                n.number(g, "learning_rate", p, d.learningRate(), 0, true, 1, false),
                n.integer(g, "num_leaves", p, d.numLeaves(), 2, 4096),
                n.integer(g, "max_depth", p, d.maxDepth(), 0, 64),
                n.integer(g, "min_data_in_leaf", p, d.minDataInLeaf(), 1, 1_000_000),
                n.number(g, "feature_fraction", p, d.featureFraction(), 0, true, 1, false),
                n.integer(g, "early_stopping_rounds", p, d.earlyStoppingRounds(), 1, 10_000));
    }

    /**
     * The {@code decisions:} section, every form the README documents: {@code min_signal_separation} as
     * hours (a bare number, as in the Python original) or {@code 90m}, {@code 4h}, {@code 2d},
     * {@code PT4H}; {@code volume_filter} as {@code true}/{@code false} or {@code {enabled, min_ratio, window}}.
     * Missing keys take {@link DecisionConfig#DEFAULTS}; everything else is a problem with its path.
     */
    private static DecisionConfig decisions(Node n, Map<String, Object> d) {
        String p = "decisions";
        DecisionConfig def = DecisionConfig.DEFAULTS;
        n.unknownKeys(d, p, Set.of("output_format", "confidence_threshold", "position_awareness", "allow_short", "filters"));
        String format = n.choice(d, "output_format", p, def.outputFormat(), List.of("classification"));
        double threshold = n.number(d, "confidence_threshold", p, def.confidenceThreshold(), 0, false, 1, false);
        boolean aware = n.bool(d, "position_awareness", p, def.positionAwareness());
        boolean allowShort = n.bool(d, "allow_short", p, def.allowShort());
        Map<String, Object> f = n.map(d, "filters", p, false);
        String fp = p + ".filters";
        n.unknownKeys(f, fp, Set.of("min_signal_separation", "min_signal_separation_bars", "volume_filter"));
        Duration separation = duration(n, f, "min_signal_separation", fp, def.minSignalSeparation());
        int separationBars = n.integer(f, "min_signal_separation_bars", fp, def.minSignalSeparationBars(), 0, 1_000_000);
        boolean volume = def.volumeFilter();
        double ratio = def.volumeMinRatio();
        int window = def.volumeWindow();
        Object vf = f == null ? null : f.get("volume_filter");
        String vp = fp + ".volume_filter";
        if (vf instanceof Boolean b) {
            volume = b;
        } else if (vf instanceof Map) {
            Map<String, Object> v = n.map(f, "volume_filter", fp, false);
            n.unknownKeys(v, vp, Set.of("enabled", "min_ratio", "window"));
            volume = n.bool(v, "enabled", vp, true);
            ratio = n.number(v, "min_ratio", vp, ratio, 0, false, 1000, false);
            window = n.integer(v, "window", vp, window, 1, 100_000);
        } else if (vf != null) {
            n.problem(vp, Node.describe(vf) + " is not true, false or a mapping {enabled, min_ratio, window}");
        }
        try {
            return new DecisionConfig(format, threshold, aware, allowShort, separation, separationBars, volume, ratio, window);
        } catch (ConfigurationException e) {
            n.problems.add(Problem.of(e));
            return def;
        }
    }

    /** Hours as a bare number (the Python original's unit), or {@code 90m}, {@code 4h}, {@code 2d}, ISO-8601. */
    private static Duration duration(Node n, Map<String, Object> m, String key, String path, Duration def) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return def;
        }
        String p = Node.join(path, key);
        if (v instanceof Number num) {
            double hours = num.doubleValue();
            if (!(hours >= 0 && hours <= 1_000_000)) {
                n.problem(p, Node.fmt(hours) + " hours is not in [0, 1000000]");
                return def;
            }
            return Duration.ofMillis(Math.round(hours * 3_600_000d));
        }
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("p")) {
                    Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                    if (!d.isNegative() && d.compareTo(Duration.ofHours(1_000_000)) <= 0) {
                        return d;
                    }
                } else if (t.length() >= 2) {
                    long amount = Long.parseLong(t.substring(0, t.length() - 1));
                    if (amount >= 0 && amount <= 1_000_000) {
                        switch (t.charAt(t.length() - 1)) {
                            case 'm': return Duration.ofMinutes(amount);
                            case 'h': return Duration.ofHours(amount);
                            case 'd': return Duration.ofDays(amount);
                            default: break;
                        }
                    }
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                // falls through to the problem below, which shows the accepted forms
            }
        }
        n.problem(p, Node.describe(v) + " is not a duration in [0, 1000000] hours; use hours (4), '90m', '4h', '2d' or 'PT4H'");
        return def;
    }

    private static TrainingConfig training(Node n, Map<String, Object> t) {
        String p = "training";
        n.unknownKeys(t, p, Set.of("method", "labels", "data_split", "epochs", "batch_size", "learning_rate", "optimizer",
                "early_stopping", "seed", "weight_decay", "gradient_clip", "class_weights", "walk_forward",
                "min_rows_per_split", "samples_per_epoch", "threads", "feature_cache"));
        String method = n.choice(t, "method", p, "supervised", List.of("supervised"));
        LabelConfig labels = labels(n, n.map(t, "labels", p, false));

        Map<String, Object> ds = n.map(t, "data_split", p, false);
        String dp = p + ".data_split";
        n.unknownKeys(ds, dp, Set.of("train", "validation", "test"));
        double tr = n.number(ds, "train", dp, 0.7, 0, true, 1, true);
        double va = n.number(ds, "validation", dp, 0.15, 0, false, 1, true);
        double te = n.number(ds, "test", dp, 0.15, 0, false, 1, true);
        if (Math.abs(tr + va + te - 1.0) > 1e-9) {
            // the sum rounded to 12 significant digits, so that 0.7 + 0.2 + 0.2 reads 1.1, not 1.0999999999999999
            double sum = new java.math.BigDecimal(tr + va + te).round(new java.math.MathContext(12)).doubleValue();
            n.problem(dp, "train " + tr + " + validation " + va + " + test " + te + " = " + sum + ", must be 1");
        }
        int epochs = n.integer(t, "epochs", p, 100, 1, 100_000);
        int batch = n.integer(t, "batch_size", p, 32, 1, 1_000_000);
        double lr = n.number(t, "learning_rate", p, 0.001, 0, true, 10, false);
        String optimizer = n.choice(t, "optimizer", p, "adam", List.of("adam", "sgd", "rmsprop"));
        Map<String, Object> es = n.map(t, "early_stopping", p, false);
        String ep = p + ".early_stopping";
        n.unknownKeys(es, ep, Set.of("enabled", "patience", "min_delta"));
        TrainingConfig.EarlyStopping stopping = new TrainingConfig.EarlyStopping(n.bool(es, "enabled", ep, true),
                n.integer(es, "patience", ep, 10, 1, 100_000), n.number(es, "min_delta", ep, 0.0, 0, false, 1e9, false));
        long seed = n.longValue(t, "seed", p, 42L);
        double decay = n.number(t, "weight_decay", p, 0.0, 0, false, 1, false);
        double clip = n.number(t, "gradient_clip", p, 0.0, 0, false, 1e9, false);
        String cw = n.choice(t, "class_weights", p, "none", List.of("none", "inverse_frequency"));
        Map<String, Object> wf = n.map(t, "walk_forward", p, false);
        String wp = p + ".walk_forward";
        n.unknownKeys(wf, wp, Set.of("enabled", "folds", "mode"));
        TrainingConfig.WalkForwardConfig walk = new TrainingConfig.WalkForwardConfig(n.bool(wf, "enabled", wp, wf != null),
                n.integer(wf, "folds", wp, 5, 1, 1000),
                n.choice(wf, "mode", wp, "expanding", List.of("expanding", "rolling")).equals("expanding"));
        int minRows = n.integer(t, "min_rows_per_split", p, TrainingConfig.DEFAULT_MIN_ROWS_PER_SPLIT, 1, 100_000_000);
        TrainingConfig.Scale scale = new TrainingConfig.Scale(
                n.integer(t, "samples_per_epoch", p, TrainingConfig.Scale.DEFAULT_SAMPLES_PER_EPOCH, 0, Integer.MAX_VALUE),
                n.integer(t, "threads", p, 0, 0, 64), n.bool(t, "feature_cache", p, true));
        return new TrainingConfig(method, labels, new TrainingConfig.DataSplit(tr, va, te), epochs, batch, lr, optimizer,
                stopping, seed, decay, clip, cw, walk, minRows, scale);
    }

    /** The keys each label source reads (besides {@code source}). */
    private static final Map<LabelSource, List<String>> LABEL_KEYS = Map.of(
            LabelSource.ZIGZAG, List.of("zigzag_threshold"),
            LabelSource.ZIGZAG_FORWARD, List.of("zigzag_threshold", "label_lookahead", "min_swing_length"),
            LabelSource.TRIPLE_BARRIER, List.of("profit_take", "stop_loss", "vertical_barrier", "volatility_window"));

    /**
     * {@code training.labels}. A key of another source (e.g. {@code label_lookahead} with {@code zigzag},
     * which files written for the Python original carry) is a warning: accepted, not read, reported with
     * its path; a key no source reads is an error.
     */
    private static LabelConfig labels(Node n, Map<String, Object> l) {
        String p = "training.labels";
        String src = n.choice(l, "source", p, "zigzag", List.of("zigzag", "zigzag_forward", "triple_barrier"));
        LabelSource source = src.equals("zigzag") ? LabelSource.ZIGZAG
                : src.equals("zigzag_forward") ? LabelSource.ZIGZAG_FORWARD : LabelSource.TRIPLE_BARRIER;
        List<String> used = LABEL_KEYS.get(source);
        Set<String> all = new java.util.TreeSet<>(List.of("source"));
        LABEL_KEYS.values().forEach(all::addAll);
        Map<String, Object> read = new LinkedHashMap<>();
        if (l != null) {
            for (Map.Entry<String, Object> e : l.entrySet()) {
                String k = e.getKey();
                if (k.equals("source") || used.contains(k)) {
                    read.put(k, e.getValue());
                } else if (all.contains(k)) {
                    n.problems.add(Problem.warning(p + "." + k, "not used by source " + src + (source == LabelSource.ZIGZAG
                            && k.equals("label_lookahead") ? " (its labels reach up to the bar confirming each leg's end)"
                            : "") + "; ignored. Keys of " + src + ": " + used));
                } else {
                    n.problem(p + "." + k, "unknown key; known keys here: " + all);
                }
            }
        }
        double threshold = n.number(read, "zigzag_threshold", p, 0.05, 0, true, 1, true);
        int lookahead = n.integer(read, "label_lookahead", p, 20, 1, 100_000);
        int minSwing = n.integer(read, "min_swing_length", p, 1, 1, 100_000);
        if (source == LabelSource.ZIGZAG_FORWARD && minSwing > lookahead) {
            n.problem(p + ".min_swing_length", minSwing + " is larger than label_lookahead " + lookahead);
        }
        double pt = n.number(read, "profit_take", p, 2.0, 0, true, 100, false);
        double sl = n.number(read, "stop_loss", p, 2.0, 0, true, 100, false);
        int vertical = n.integer(read, "vertical_barrier", p, 20, 1, 100_000);
        int volWindow = n.integer(read, "volatility_window", p, 20, 2, 100_000);
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
