package dev.ktrdr.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A configured indicator (a catalogue type with validated parameters): its outputs, the lookback of
 * each output, a streaming form and a batch form.
 *
 * <p>Batch contract: {@link #compute(Ohlcv)} returns one array per output, each as long as the input;
 * output {@code j} is NaN exactly on its first {@link #lookback(int) lookback(j)} bars and, for finite
 * input, finite afterwards; the value at bar t depends on bars 0..t only; and it equals what the
 * {@linkplain #newStream() stream} reads after being fed bars 0..t. The default batch form feeds the
 * stream; kernels override it with straight loops over the arrays (O(n), nothing allocated per bar).
 *
 * <p>Instances are immutable and thread-safe; each {@link #newStream()} is independent.
 */
public abstract class Indicator {
    private final List<OutputSpec> outputs;
    private final int[] lookbacks;

    /**
     * @param outputs the outputs, first is the main one
     * @param lookbacks per output, the number of leading bars without a value
     */
    protected Indicator(List<OutputSpec> outputs, int... lookbacks) {
        this.outputs = List.copyOf(outputs);
        if (outputs.isEmpty() || lookbacks.length != outputs.size()) {
            throw new IllegalArgumentException(outputs.size() + " outputs but " + lookbacks.length + " lookbacks");
        }
        for (int lb : lookbacks) {
            if (lb < 0) {
                throw new IllegalArgumentException("negative lookback " + lb);
            }
        }
        this.lookbacks = lookbacks.clone();
    }

    /** @return the outputs, in column order */
    public final List<OutputSpec> outputs() {
        return outputs;
    }

    /** @return the output names, in column order */
    public final List<String> outputNames() {
        List<String> names = new ArrayList<>(outputs.size());
        for (OutputSpec o : outputs) {
            names.add(o.name());
        }
        return names;
    }

    /**
     * @param output output index
     * @return bars before the first valid value of that output
     */
    public final int lookback(int output) {
        Objects.checkIndex(output, lookbacks.length);
        return lookbacks[output];
    }

    /** @return bars before every output has a value (the largest output lookback) */
    public final int lookback() {
        return Arrays.stream(lookbacks).max().orElse(0);
    }

    /** @return a fresh streaming state; not thread-safe, one per series */
    public abstract IndicatorStream newStream();

    /**
     * Computes every output over the bars.
     *
     * @param bars the bars; not modified
     * @return one array per output, each {@code bars.size()} long, NaN during that output's lookback
     */
    public double[][] compute(Ohlcv bars) {
        int n = bars.size();
        int k = outputs.size();
        double[][] out = new double[k][n];
        IndicatorStream s = newStream();
        double[] o = bars.open();
        double[] h = bars.high();
        double[] l = bars.low();
        double[] c = bars.close();
        double[] v = bars.volume();
        for (int i = 0; i < n; i++) {
            s.update(o[i], h[i], l[i], c[i], v[i]);
            for (int j = 0; j < k; j++) {
                out[j][i] = s.value(j);
            }
        }
        return out;
    }

    /**
     * @param n length
     * @param lookback leading NaNs
     * @return an array of n NaN-prefilled values (first lookback NaN)
     */
    protected static double[] nanPrefix(int n, int lookback) {
        double[] a = new double[n];
        Arrays.fill(a, 0, Math.min(n, lookback), Double.NaN);
        return a;
    }
}
