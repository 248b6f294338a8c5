package dev.ktrdr.indicators;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.IndicatorEngine;
import dev.ktrdr.api.IndicatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The {@link IndicatorEngine} over an {@link IndicatorCatalog}. Every spec is resolved and validated
 * before anything is computed (a bad spec changes nothing); labelling-only types (ZigZag) are refused
 * with the reason. Columns: {@code {id}} for a single-output indicator; {@code {id}.{output}} for each
 * output of a multi-output one, plus {@code {id}} as the first output. Values before a column's lookback
 * are NaN. Indicators are independent, so series of at least {@value #PARALLEL_THRESHOLD} bars are
 * computed in parallel (common fork-join pool).
 *
 * <p>Immutable and thread-safe.
 */
public final class CatalogIndicatorEngine implements IndicatorEngine {
    /** Bars from which the indicators of one call are computed in parallel. */
    public static final int PARALLEL_THRESHOLD = 50_000;

    private final IndicatorCatalog catalog;

    /** An engine over {@link IndicatorCatalog#standard()}. */
    public CatalogIndicatorEngine() {
        this(IndicatorCatalog.standard());
    }

    /** @param catalog the catalogue to resolve types in */
    public CatalogIndicatorEngine(IndicatorCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** @return the catalogue types are resolved in */
    public IndicatorCatalog catalog() {
        return catalog;
    }

    /**
     * Resolves and validates specs without computing: the engine's single validation path.
     *
     * @param specs the configured indicators
     * @return the configured indicators, in order
     * @throws ConfigurationException for an unknown type, a bad parameter, a duplicate id or a
     *     labelling-only type
     */
    public List<Indicator> configure(List<IndicatorSpec> specs) {
        return check(specs, e -> {
            throw e;
        });
    }

    /**
     * As {@link #configure}, handing every problem to {@code problems} instead of throwing the first:
     * the strategy loader reports them all at once.
     *
     * @param specs the configured indicators
     * @param problems receives each problem (path {@code indicators.{id}...})
     * @return one entry per spec, in order: the configured indicator, or null where there was a problem
     */
    public List<Indicator> check(List<IndicatorSpec> specs, Consumer<ConfigurationException> problems) {
        List<Indicator> out = new ArrayList<>(specs.size());
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (IndicatorSpec s : specs) {
            if (!ids.add(s.id())) {
                problems.accept(new ConfigurationException("indicators." + s.id(), "indicator id '" + s.id()
                        + "' appears twice"));
                out.add(null);
                continue;
            }
            IndicatorDefinition d = catalog.find(s.type());
            String reason = d == null ? null : d.labellingOnlyReason();
            if (reason != null) {
                problems.accept(new ConfigurationException("indicators." + s.id() + ".type", "indicator '" + s.id()
                        + "' cannot be a model input: " + reason));
                out.add(null);
                continue;
            }
            out.add(catalog.configure(s, problems));
        }
        return out;
    }

    @Override
    public ColumnFrame compute(BarSeries series, List<IndicatorSpec> specs) {
        List<Indicator> inds = configure(specs);
        Ohlcv bars = Ohlcv.of(series);
        double[][][] results = new double[inds.size()][][];
        IntStream range = IntStream.range(0, inds.size());
        if (series.size() >= PARALLEL_THRESHOLD && inds.size() > 1) {
            range = range.parallel();
        }
        range.forEach(i -> results[i] = inds.get(i).compute(bars));
        Map<String, double[]> cols = new LinkedHashMap<>();
        Map<String, Integer> lbs = new LinkedHashMap<>();
        for (int i = 0; i < inds.size(); i++) {
            Indicator ind = inds.get(i);
            String id = specs.get(i).id();
            List<OutputSpec> outs = ind.outputs();
            cols.put(id, results[i][0]);
            lbs.put(id, ind.lookback(0));
            if (outs.size() > 1) {
                for (int j = 0; j < outs.size(); j++) {
                    String name = id + "." + outs.get(j).name();
                    cols.put(name, results[i][j]);
                    lbs.put(name, ind.lookback(j));
                }
            }
        }
        return new ColumnFrame(series.openTimes(), cols, lbs);
    }
}
