package dev.ktrdr.examples;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.frame.FeatureFrameConfig;
import dev.ktrdr.fuzzy.frame.MultiTimeframeFeatureBuilder;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Multi-timeframe fuzzy features for one symbol: 1h bars with 4h and 1d bars resampled on the symbol's
 * calendar, indicators and memberships on each timeframe, aligned to the 1h rows so that a row sees only
 * 4h and 1d bars that had closed by its own close. {@link #run} also builds the same features from the
 * bars known at an earlier instant, which must reproduce the full run's rows up to that instant
 * (nothing later leaks in).
 */
public final class MultiTimeframe {
    private static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);

    private MultiTimeframe() {
    }

    /**
     * @param full features from every bar
     * @param prefix features from the bars known at {@code cut} only
     * @param cut the instant of the prefix, UTC epoch ms
     */
    public record Result(FeatureMatrix full, FeatureMatrix prefix, long cut) {
    }

    /** @param args unused */
    public static void main(String[] args) {
        Result r = run(3_000);
        System.out.println(r.full().spec().names());
        System.out.println(r.full().rows() + " rows; prefix " + r.prefix().rows() + " rows");
    }

    /**
     * @param bars hourly bars of synthetic data
     * @return the features of EURUSD from all bars and from a prefix
     */
    public static Result run(int bars) {
        BarSource market = SyntheticMarket.asBarSource(Examples.market(bars, 7));
        SymbolInfo info = Examples.infos().get(Symbol.of("EURUSD"));
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        for (Timeframe tf : TIMEFRAMES) {
            series.put(tf, market.load(info.symbol(), tf));
        }
        Strategy strategy = StrategyLoader.parse(Examples.resource("quickstart.yaml"), "quickstart.yaml");
        FeatureFrameConfig config = new FeatureFrameConfig(TIMEFRAMES, Timeframe.H1, strategy.indicatorSpecs(),
                strategy.fuzzySetSpecs(), StrategyLoader.featureInputs(strategy.nnInputs()), StalenessPolicy.DROP_ROW);
        MultiTimeframeFeatureBuilder builder = new MultiTimeframeFeatureBuilder(config, new CatalogIndicatorEngine(),
                new BatchFuzzyEngine(), new LookaheadFreeAligner(), i -> Optional.of(Calendars.byId(i.calendarId())));
        FeatureMatrix full = builder.build(new MultiTimeframeBars(info, Timeframe.H1, series));

        // the same pipeline fed only what was known at an instant two thirds of the way through
        BarSeries h1 = series.get(Timeframe.H1);
        long cut = h1.closeTime(h1.size() * 2 / 3);
        Map<Timeframe, BarSeries> known = new LinkedHashMap<>();
        series.forEach((tf, s) -> known.put(tf, s.knownAt(cut)));
        FeatureMatrix prefix = builder.build(new MultiTimeframeBars(info, Timeframe.H1, known));
        return new Result(full, prefix, cut);
    }
}
