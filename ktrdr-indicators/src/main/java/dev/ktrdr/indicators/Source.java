package dev.ktrdr.indicators;

import java.util.Locale;

/**
 * The price an indicator with a {@code source} parameter reads from each bar.
 */
public enum Source {
    /** The open. */
    OPEN,
    /** The high. */
    HIGH,
    /** The low. */
    LOW,
    /** The close. */
    CLOSE,
    /** The volume. */
    VOLUME,
    /** (high + low) / 2. */
    HL2,
    /** (high + low + close) / 3. */
    HLC3,
    /** (open + high + low + close) / 4. */
    OHLC4;

    /** The names accepted in strategy files, lower case. */
    public static final String[] NAMES = {"close", "open", "high", "low", "volume", "hl2", "hlc3", "ohlc4"};

    /**
     * @param name a name from {@link #NAMES}, any case
     * @return the source
     */
    public static Source of(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /**
     * @param o open
     * @param h high
     * @param l low
     * @param c close
     * @param v volume
     * @return this source's value for one bar
     */
    public double pick(double o, double h, double l, double c, double v) {
        switch (this) {
            case OPEN: return o;
            case HIGH: return h;
            case LOW: return l;
            case CLOSE: return c;
            case VOLUME: return v;
            case HL2: return (h + l) / 2.0;
            case HLC3: return (h + l + c) / 3.0;
            default: return (o + h + l + c) / 4.0;
        }
    }

    /**
     * @param bars bars
     * @return the source column; the close/open/... array itself when no arithmetic is needed
     */
    public double[] column(Ohlcv bars) {
        switch (this) {
            case OPEN: return bars.open();
            case HIGH: return bars.high();
            case LOW: return bars.low();
            case CLOSE: return bars.close();
            case VOLUME: return bars.volume();
            default:
                double[] out = new double[bars.size()];
                double[] o = bars.open();
                double[] h = bars.high();
                double[] l = bars.low();
                double[] c = bars.close();
                for (int i = 0; i < out.length; i++) {
                    out[i] = pick(o[i], h[i], l[i], c[i], 0);
                }
                return out;
        }
    }
}
