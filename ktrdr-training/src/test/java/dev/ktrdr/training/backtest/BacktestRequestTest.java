package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Request;
import dev.ktrdr.api.Backtester.Result;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureBuilder;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The request path: features through the cache, spec check, model, then the same loop as the probability entry. */
class BacktestRequestTest {

    /** One feature, the bar's return close ÷ open − 1, dropping the first two bars as warm-up. */
    static final class ReturnFeature implements FeatureBuilder {
        final AtomicInteger builds = new AtomicInteger();
        final String name;

        ReturnFeature(String name) {
            this.name = name;
        }

        @Override
        public FeatureMatrix build(MultiTimeframeBars bars) {
            builds.incrementAndGet();
            BarSeries b = bars.get(bars.base());
            int n = b.size() - 2;
            long[] t = new long[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = b.openTime(i + 2);
                v[i] = b.close(i + 2) / b.open(i + 2) - 1;
            }
            return new FeatureMatrix(bars.symbol(), new FeatureSpec(List.of(name)), t, v);
        }
    }

    /** BUY after an up bar, SELL after a down bar. */
    static final class MomentumModel implements TradingModel {
        private final FeatureSpec spec;

        MomentumModel(String feature) {
            spec = new FeatureSpec(List.of(feature));
        }

        @Override
        public FeatureSpec featureSpec() {
            return spec;
        }

        @Override
        public void predict(double[] features, Symbol symbol, double[] p) {
            boolean up = features[0] > 0;
            p[0] = up ? 0.8 : 0.1;
            p[1] = 0.1;
            p[2] = up ? 0.1 : 0.8;
        }
    }

    private static MultiTimeframeBars bars(double shift) {
        double[] o = {100, 101, 100, 102, 103, 101, 100, 104, 105, 103};
        double[] c = {101, 100, 102, 103, 101, 100, 104, 105, 103, 102};
        for (int i = 0; i < o.length; i++) {
            o[i] += shift;
            c[i] += shift;
        }
        BarSeries s = TestBars.hourly(o, c);
        return new MultiTimeframeBars(new SymbolInfo(TestBars.SYMBOL, AssetClass.CRYPTO, "crypto", Optional.empty()),
                Timeframe.H1, Map.of(Timeframe.H1, s));
    }

    private static RuleDecisionEngine engine() {
        return RuleDecisionEngine.of(DecisionConfig.DEFAULTS.withSeparation(Duration.ZERO, 0).withAllowShort(true));
    }

    private static final Execution EX = new Execution(10_000, 0.001, 0.5, 5, Sizing.FRACTION_OF_EQUITY, 1);

    @Test
    void aRequestGivesTheSameResultAsItsPrecomputedProbabilities() {
        MultiTimeframeBars mtf = bars(0);
        ReturnFeature features = new ReturnFeature("1h_ret");
        MomentumModel model = new MomentumModel("1h_ret");
        EventBacktester bt = new EventBacktester();
        Result viaRequest = bt.run(new Request(mtf, model, features, engine(), EX));

        BarSeries base = mtf.get(Timeframe.H1);
        FeatureMatrix m = features.build(mtf);
        double[] aligned = EventBacktester.alignToBars(base, m, model.predict(m));
        BacktestRun direct = bt.runProbabilities(base, aligned, engine(), EX,
                BarsPerYear.estimate(base.openTimes(), Timeframe.H1, "crypto"));
        assertThat(viaRequest.trades()).isEqualTo(direct.result().trades());
        assertThat(viaRequest.equity()).containsExactly(direct.result().equity());
        assertThat(viaRequest.trades()).isNotEmpty();
        assertThat(direct.firstBar()).isEqualTo(2);
    }

    @Test
    void featuresAreBuiltOncePerDataAndPipelineAndReused() {
        FeatureCache cache = new FeatureCache(4);
        EventBacktester bt = new EventBacktester(cache);
        ReturnFeature features = new ReturnFeature("1h_ret");
        MomentumModel model = new MomentumModel("1h_ret");
        bt.run(new Request(bars(0), model, features, engine(), EX));
        bt.run(new Request(bars(0), model, features, engine(), new Execution(5_000, 0, 0, 0, Sizing.FIXED_UNITS, 1)));
        assertThat(features.builds.get()).isEqualTo(1);
        assertThat(cache.hits()).isEqualTo(1);
        // Other prices are other data: built again.
        bt.run(new Request(bars(1), model, features, engine(), EX));
        assertThat(features.builds.get()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(2);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void aModelExpectingOtherFeaturesIsRefusedNamingTheFirstDifference() {
        ReturnFeature features = new ReturnFeature("1h_ret");
        MomentumModel model = new MomentumModel("1h_rsi_14_oversold");
        assertThatThrownBy(() -> new EventBacktester().run(new Request(bars(0), model, features, engine(), EX)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'1h_rsi_14_oversold'").hasMessageContaining("'1h_ret'");
    }

    @Test
    void theCacheIsBoundedAndDropsTheOldestEntry() {
        FeatureCache cache = new FeatureCache(1);
        ReturnFeature features = new ReturnFeature("1h_ret");
        cache.features(bars(0), features);
        cache.features(bars(1), features);
        cache.features(bars(0), features);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(features.builds.get()).isEqualTo(3);
    }
}
