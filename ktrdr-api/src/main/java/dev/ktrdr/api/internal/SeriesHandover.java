package dev.ktrdr.api.internal;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;

/**
 * Builds a {@link BarSeries} on arrays the caller hands over, without the copy its public constructor
 * makes: for readers that have just filled exact-size columns and would otherwise hold the series twice
 * at their peak (ten million 1m bars are 534 MiB per copy). The invariants are checked as by the
 * constructor.
 *
 * <p>Unsafe by contract: the caller gives the arrays away and must neither keep nor write them
 * afterwards, or the series would change under every holder. Everything else uses the constructor.
 */
public final class SeriesHandover {

    /** How this class reaches the series' own constructor: installed once by {@link BarSeries} itself. */
    public interface Factory {
        /**
         * @param symbol the symbol
         * @param timeframe the bar size
         * @param openTimes open instants (adopted)
         * @param closeTimes close instants (adopted)
         * @param open opens (adopted)
         * @param high highs (adopted)
         * @param low lows (adopted)
         * @param close closes (adopted)
         * @param volume volumes (adopted)
         * @return the series on these arrays
         */
        BarSeries adopt(Symbol symbol, Timeframe timeframe, long[] openTimes, long[] closeTimes, double[] open, double[] high,
                        double[] low, double[] close, double[] volume);
    }

    private static volatile Factory factory;

    private SeriesHandover() {
    }

    /**
     * Called once, by {@link BarSeries}'s class initialisation; refuses any other caller.
     *
     * @param f the series' own factory, a class nested in {@link BarSeries}
     * @throws IllegalStateException when f is not BarSeries' own or one is installed already
     */
    public static synchronized void install(Factory f) {
        if (f == null || f.getClass().getNestHost() != BarSeries.class) {
            throw new IllegalStateException("the series handover can only be installed by BarSeries");
        }
        if (factory != null) {
            throw new IllegalStateException("the series handover is installed already");
        }
        factory = f;
    }

    /**
     * A series on the given arrays, which the caller must not keep or write afterwards.
     *
     * @param symbol the symbol
     * @param timeframe the bar size
     * @param openTimes open instants, strictly increasing
     * @param closeTimes close instants
     * @param open opens
     * @param high highs
     * @param low lows
     * @param close closes
     * @param volume volumes
     * @return the series
     * @throws IllegalArgumentException when an invariant is broken (as the constructor)
     */
    public static BarSeries adopt(Symbol symbol, Timeframe timeframe, long[] openTimes, long[] closeTimes, double[] open,
                                  double[] high, double[] low, double[] close, double[] volume) {
        Factory f = factory;
        if (f == null) {
            // Any use of BarSeries initialises it, which installs the factory.
            BarSeries.ofOpenTimes(symbol, timeframe, new long[0], new double[0], new double[0], new double[0], new double[0], new double[0]);
            f = factory;
        }
        return f.adopt(symbol, timeframe, openTimes, closeTimes, open, high, low, close, volume);
    }
}
