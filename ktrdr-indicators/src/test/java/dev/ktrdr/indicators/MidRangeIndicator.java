package dev.ktrdr.indicators;

import dev.ktrdr.indicators.kernels.RollingSum;
import java.util.List;

/**
 * A user-defined indicator as a library user would write one: the mean of (high+low)/2 over period,
 * registered through {@code META-INF/services/dev.ktrdr.indicators.IndicatorDefinition} (test resources),
 * so the standard catalogue, the engine, strategy files and the contract test all see it.
 */
public final class MidRangeIndicator implements IndicatorDefinition {
    @Override
    public String type() {
        return "midrange";
    }

    @Override
    public List<String> aliases() {
        return List.of("mid_range_average");
    }

    @Override
    public Category category() {
        return Category.TREND;
    }

    @Override
    public String description() {
        return "test extension: SMA of (high+low)/2";
    }

    @Override
    public List<ParamSpec> parameters() {
        return List.of(ParamSpec.integer("period", 5, 1, 100, "window"));
    }

    @Override
    public Indicator create(Params params) {
        int p = params.integer("period");
        return new Indicator(List.of(OutputSpec.of("midrange")), p - 1) {
            @Override
            public IndicatorStream newStream() {
                return new IndicatorStream() {
                    private final RollingSum sum = new RollingSum(p);

                    @Override
                    public void update(double open, double high, double low, double close, double volume) {
                        sum.add((high + low) / 2);
                    }

                    @Override
                    public double value(int output) {
                        return sum.mean();
                    }
                };
            }
        };
    }
}
