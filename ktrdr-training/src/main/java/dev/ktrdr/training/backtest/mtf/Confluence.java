package dev.ktrdr.training.backtest.mtf;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How several timeframes' trends agree.
 *
 * <p>Rules, with n timeframes of which u trend up and d down: score = max(u, d) ÷ n (the share that
 * agrees on a direction); bias LONG when u ÷ n &gt; 0.5, SHORT when d ÷ n &gt; 0.5, NEUTRAL otherwise;
 * level by {@link ConfluenceLevel} (HIGH ≥ 0.75, MEDIUM above 0.5, LOW otherwise, so MEDIUM and HIGH
 * always come with a bias). Strength does not change the score; it is reported (mean strength of the
 * agreeing timeframes) in the recommendation.
 *
 * @param trends the per-timeframe trends, in the caller's order
 * @param score share of timeframes that agree on the majority direction, in [0, 1]
 * @param level high, medium or low
 * @param bias long, short or neutral
 * @param recommendation one line for a human
 */
public record Confluence(List<TimeframeTrend> trends, double score, ConfluenceLevel level, Bias bias, String recommendation) {
    /** Copies the list and checks presence. */
    public Confluence {
        trends = List.copyOf(trends);
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(bias, "bias");
        Objects.requireNonNull(recommendation, "recommendation");
    }

    /**
     * @param trends one trend per timeframe, at least one
     * @return their confluence
     * @throws IllegalArgumentException when the list is empty
     */
    public static Confluence of(List<TimeframeTrend> trends) {
        if (trends.isEmpty()) {
            throw new IllegalArgumentException("confluence needs at least one timeframe");
        }
        int n = trends.size();
        int up = 0;
        int down = 0;
        double upStrength = 0;
        double downStrength = 0;
        for (TimeframeTrend t : trends) {
            if (t.direction() == Trend.UP) {
                up++;
                upStrength += t.strength();
            } else if (t.direction() == Trend.DOWN) {
                down++;
                downStrength += t.strength();
            }
        }
        int neutral = n - up - down;
        double score = (double) Math.max(up, down) / n;
        Bias bias = 2 * up > n ? Bias.LONG : 2 * down > n ? Bias.SHORT : Bias.NEUTRAL;
        ConfluenceLevel level = score >= 0.75 && bias != Bias.NEUTRAL ? ConfluenceLevel.HIGH
                : bias != Bias.NEUTRAL ? ConfluenceLevel.MEDIUM : ConfluenceLevel.LOW;
        String rec;
        if (bias == Bias.NEUTRAL) {
            rec = String.format(Locale.ROOT, "No confluence (%d up, %d down, %d neutral of %d): stand aside until the timeframes agree.",
                    up, down, neutral, n);
        } else {
            boolean isLong = bias == Bias.LONG;
            int agree = isLong ? up : down;
            double strength = (isLong ? upStrength : downStrength) / agree;
            String side = isLong ? "long" : "short";
            if (level == ConfluenceLevel.HIGH) {
                rec = String.format(Locale.ROOT, "Strong %s confluence (%d of %d timeframes %s, mean strength %.2f): favour %s entries, avoid %s.",
                        side, agree, n, isLong ? "up" : "down", strength, side, isLong ? "shorts" : "longs");
            } else {
                rec = String.format(Locale.ROOT, "Moderate %s confluence (%d of %d timeframes %s, mean strength %.2f): %s entries with reduced size.",
                        side, agree, n, isLong ? "up" : "down", strength, side);
            }
        }
        return new Confluence(trends, score, level, bias, rec);
    }
}
