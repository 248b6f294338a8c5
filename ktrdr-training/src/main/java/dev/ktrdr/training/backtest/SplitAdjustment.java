package dev.ktrdr.training.backtest;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.data.actions.CorporateActions;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The share splits of one symbol, applied to an open position while a backtest replays raw (unadjusted,
 * as traded) prices: at the first bar opening on or after a split's ex-date (00:00 UTC of that date, the
 * bar {@link CorporateActions#adjust} starts the new basis at), a position of {@code u} units entered at
 * {@code p} becomes {@code u × r} units entered at {@code p ÷ r}, where {@code r} is the split's new
 * shares per old share (7 for 7:1, 0.5 for a 1:2 reverse split). Cash is unchanged, so equity and
 * P&amp;L run on continuously across the split: {@code (u × r) × (exit − p ÷ r) = u × (r × exit − p)}.
 *
 * <p>A small piece any replay loop can call: {@link #ratios} gives one factor per bar (1 where nothing
 * happens), and {@link #units} and {@link #price} apply one. Exactness: one multiplication or division
 * per adjustment (at most half an ulp each; exact for ratios that are powers of two). Cash dividends
 * are not handled here: a replay on raw prices does not credit them.
 *
 * <p>Immutable and thread-safe.
 */
public final class SplitAdjustment {
    /** No split. */
    public static final SplitAdjustment NONE = new SplitAdjustment(new long[0], new double[0]);

    private final long[] exTimes;
    private final double[] ratios;

    private SplitAdjustment(long[] exTimes, double[] ratios) {
        this.exTimes = exTimes;
        this.ratios = ratios;
    }

    /**
     * @param actions one symbol's actions (dividends are ignored)
     * @return its splits
     */
    public static SplitAdjustment of(List<CorporateActions.Action> actions) {
        List<CorporateActions.Action> splits = actions.stream().filter(a -> a.type() == CorporateActions.Type.SPLIT)
                .sorted((a, b) -> a.exDate().compareTo(b.exDate())).toList();
        long[] t = new long[splits.size()];
        double[] r = new double[splits.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = splits.get(i).exDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            r[i] = splits.get(i).value();
        }
        return t.length == 0 ? NONE : new SplitAdjustment(t, r);
    }

    /**
     * @param actions the actions of a data source
     * @param symbol the symbol replayed
     * @return its splits
     */
    public static SplitAdjustment of(CorporateActions actions, Symbol symbol) {
        return of(actions.of(Objects.requireNonNull(symbol, "symbol")));
    }

    /** @return the splits' ex-times (00:00 UTC of each ex-date), in order, epoch ms; a copy */
    public long[] exTimes() {
        return exTimes.clone();
    }

    /** @return the splits' ratios (new shares per old share), in ex-time order; a copy */
    public double[] splitRatios() {
        return ratios.clone();
    }

    /** @return true when there is no split */
    public boolean isEmpty() {
        return exTimes.length == 0;
    }

    /**
     * One factor per bar: the product of the ratios of the splits whose ex-time falls after the previous
     * bar's open and at or before this bar's open; 1 elsewhere, and 1 at bar 0 (a split before the
     * series has nothing to adjust).
     *
     * @param bars the raw bars
     * @return {@code bars.size()} factors
     */
    public double[] ratios(BarSeries bars) {
        double[] out = new double[bars.size()];
        Arrays.fill(out, 1.0);
        int s = 0;
        for (int i = 0; i < out.length && s < exTimes.length; i++) {
            long t = bars.openTime(i);
            while (s < exTimes.length && exTimes[s] <= t) {
                if (i > 0) {
                    out[i] *= ratios[s];
                }
                s++;
            }
        }
        return out;
    }

    /**
     * @param units a position's units before the split (signed)
     * @param ratio the split's new shares per old share
     * @return the units after it
     */
    public static double units(double units, double ratio) {
        return units * ratio;
    }

    /**
     * @param price a price (an entry price, a stop) before the split
     * @param ratio the split's new shares per old share
     * @return the same price on the new basis
     */
    public static double price(double price, double ratio) {
        return price / ratio;
    }
}
