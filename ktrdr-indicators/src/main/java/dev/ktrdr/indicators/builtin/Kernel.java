package dev.ktrdr.indicators.builtin;

import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.Ohlcv;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.Source;
import dev.ktrdr.indicators.kernels.RollingSum;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** A configured built-in: a stream factory and, optionally, a dedicated batch loop. */
final class Kernel extends Indicator {
    private final Supplier<IndicatorStream> streams;
    private final Function<Ohlcv, double[][]> batch;

    Kernel(List<OutputSpec> outputs, int[] lookbacks, Supplier<IndicatorStream> streams,
           Function<Ohlcv, double[][]> batch) {
        super(outputs, lookbacks);
        this.streams = streams;
        this.batch = batch;
    }

    static Kernel streamed(List<OutputSpec> outputs, int[] lookbacks, Supplier<IndicatorStream> streams) {
        return new Kernel(outputs, lookbacks, streams, null);
    }

    static Kernel single(OutputSpec out, int lookback, Supplier<IndicatorStream> streams,
                         Function<Ohlcv, double[][]> batch) {
        return new Kernel(List.of(out), new int[] {lookback}, streams, batch);
    }

    @Override
    public IndicatorStream newStream() {
        return streams.get();
    }

    @Override
    public double[][] compute(Ohlcv bars) {
        return batch == null ? super.compute(bars) : batch.apply(bars);
    }

    static double[] nans(int n, int lookback) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 0, Math.min(n, lookback), Double.NaN);
        return a;
    }

    /**
     * SMA of x[start..] into out (values from start+p-1 on) through {@link RollingSum}, so it equals the
     * streaming SMA bit for bit; out is left untouched before.
     */
    static void smaInto(double[] x, int start, int p, double[] out) {
        RollingSum sum = new RollingSum(p);
        for (int i = start; i < x.length; i++) {
            sum.add(x[i]);
            if (sum.full()) {
                out[i] = sum.mean();
            }
        }
    }

    /**
     * The batch form of a one-output stream: feeds every bar through a fresh stream, reading the field
     * directly (cheaper than the generic path's virtual value calls), so batch equals streaming exactly.
     */
    static double[][] runOneOut(OneOut s, Ohlcv b) {
        int n = b.size();
        double[] out = new double[n];
        double[] o = b.open();
        double[] h = b.high();
        double[] l = b.low();
        double[] c = b.close();
        double[] v = b.volume();
        for (int i = 0; i < n; i++) {
            s.update(o[i], h[i], l[i], c[i], v[i]);
            out[i] = s.out;
        }
        return new double[][] {out};
    }

    /** The batch form of any stream: every bar through it, every output read after each bar. */
    static double[][] runStream(IndicatorStream s, Ohlcv b, int outputs) {
        int n = b.size();
        double[][] out = new double[outputs][n];
        double[] o = b.open();
        double[] h = b.high();
        double[] l = b.low();
        double[] c = b.close();
        double[] v = b.volume();
        for (int i = 0; i < n; i++) {
            s.update(o[i], h[i], l[i], c[i], v[i]);
            for (int j = 0; j < outputs; j++) {
                out[j][i] = s.value(j);
            }
        }
        return out;
    }

    static boolean isZero(double v) {
        return -0.00000001 < v && v < 0.00000001;
    }

    /** A stream over one source price. */
    abstract static class SourceStream implements IndicatorStream {
        private final Source src;

        SourceStream(Source src) {
            this.src = src;
        }

        @Override
        public final void update(double open, double high, double low, double close, double volume) {
            step(src.pick(open, high, low, close, volume));
        }

        abstract void step(double x);
    }

    /** A stream with one output held in a field. */
    abstract static class OneOut implements IndicatorStream {
        double out = Double.NaN;

        @Override
        public final double value(int output) {
            return out;
        }
    }

    /** A single-source stream with one output. */
    abstract static class SourceOneOut extends SourceStream {
        double out = Double.NaN;

        SourceOneOut(Source src) {
            super(src);
        }

        @Override
        public final double value(int output) {
            return out;
        }
    }
}
