package dev.ktrdr.examples;

import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.ParamSpec;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.util.List;

/**
 * Extending the indicator catalogue: a new type, {@code range_position} (where the close sits in the
 * high-low range of the last n bars, 0 at the low, 1 at the high), defined through the public extension
 * point {@link IndicatorDefinition}, registered in a catalogue, then used by a strategy file like any
 * built-in type. The same definition listed in
 * {@code META-INF/services/dev.ktrdr.indicators.IndicatorDefinition} would join
 * {@link IndicatorCatalog#standard()} instead.
 */
public final class CustomIndicator {
    /** The new type's definition: one integer parameter, one output bounded to [0, 1]. */
    public static final IndicatorDefinition RANGE_POSITION = IndicatorDefinition.of("range_position", List.of("rpos"),
            Category.PRICE_CONTEXT, "position of the close in the high-low range of the last n bars, 0 to 1",
            List.of(ParamSpec.integer("period", 20, 2, 10_000, "bars in the range")),
            params -> new RangePosition(params.integer("period")));

    private CustomIndicator() {
    }

    /** The configured indicator: lookback period − 1, a streaming form keeping the last n highs and lows. */
    static final class RangePosition extends Indicator {
        private final int period;

        RangePosition(int period) {
            super(List.of(OutputSpec.bounded("value", 0, 1)), period - 1);
            this.period = period;
        }

        @Override
        public IndicatorStream newStream() {
            return new IndicatorStream() {
                private final double[] highs = new double[period];
                private final double[] lows = new double[period];
                private int seen;
                private double value = Double.NaN;

                @Override
                public void update(double open, double high, double low, double close, double volume) {
                    highs[seen % period] = high;
                    lows[seen % period] = low;
                    seen++;
                    if (seen < period) {
                        return;
                    }
                    double hi = Double.NEGATIVE_INFINITY;
                    double lo = Double.POSITIVE_INFINITY;
                    for (int i = 0; i < period; i++) {
                        hi = Math.max(hi, highs[i]);
                        lo = Math.min(lo, lows[i]);
                    }
                    // a flat range has no position; the middle is the neutral answer
                    value = hi > lo ? Math.min(1, Math.max(0, (close - lo) / (hi - lo))) : 0.5;
                }

                @Override
                public double value(int output) {
                    return value;
                }
            };
        }
    }

    /** @param args unused */
    public static void main(String[] args) {
        StrategyTrainer.Run run = run(4_000);
        System.out.println(run.result().artifacts().model().featureSpec().names());
        System.out.println(run.test().overall());
    }

    /**
     * @param bars hourly bars of synthetic data
     * @return a training run of a strategy whose only indicator is the new type
     */
    public static StrategyTrainer.Run run(int bars) {
        IndicatorCatalog catalog = IndicatorCatalog.builtins().register(RANGE_POSITION);
        String yaml = Examples.resource("quickstart.yaml")
                .replace("  rsi_14: {type: rsi, period: 14}\n", "  rpos_48: {type: range_position, period: 48}\n")
                .replace("  rsi_14: {indicator: rsi_14, oversold: [0, 25, 45], neutral: [30, 50, 70], overbought: [55, 75, 100]}\n",
                        "  rpos_48: {indicator: rpos_48, low: [0, 0, 0.3], mid: [0.2, 0.5, 0.8], high: [0.7, 1, 1]}\n")
                .replace("  - {fuzzy_set: rsi_14, timeframes: all}\n", "  - {fuzzy_set: rpos_48, timeframes: all}\n");
        StrategyTrainer trainer = new StrategyTrainer(new CatalogIndicatorEngine(catalog), new BatchFuzzyEngine(),
                new LookaheadFreeAligner(), 2);
        return trainer.run(new TrainingRequest(yaml, "quickstart.yaml + range_position", SyntheticMarket.asBarSource(
                Examples.market(bars, 5)), Examples.infos()::get, List.of(Symbol.of("EURUSD")), List.of()), ProgressListener.NONE);
    }
}
