package dev.ktrdr.training.backtest;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureBuilder;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feature matrices computed once per symbol, data and feature pipeline, and reused by every backtest
 * and walk-forward window over the same bars.
 *
 * <p>Key: the symbol, a 128-bit content hash of every series of the {@link MultiTimeframeBars}
 * (timeframes, open and close times, OHLCV bit patterns; two independent 64-bit mixes, not
 * cryptographic: it guards against accidental reuse, not against crafted collisions) and the
 * {@link FeatureBuilder} by its {@code equals}. The built matrix's {@link FeatureSpec} is a function of
 * the builder; callers that pass the spec a model expects get it checked on every lookup. Keying by spec
 * alone is deliberately avoided: two pipelines may name their columns alike (for example the same
 * fuzzy set names with different membership parameters) yet compute different values.
 *
 * <p>Thread-safe. Concurrent requests for the same key build once; the others wait for that result. A
 * build that fails is not cached. At most {@code maxEntries} matrices are kept; the oldest entry is
 * dropped first.
 */
public final class FeatureCache {
    private final int maxEntries;
    private final Map<Key, FutureTask<FeatureMatrix>> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Key> order = new ConcurrentLinkedDeque<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /** @param maxEntries the most matrices kept, in [1, 100000] */
    public FeatureCache(int maxEntries) {
        if (maxEntries < 1 || maxEntries > 100_000) {
            throw new IllegalArgumentException("maxEntries " + maxEntries + " is not in [1, 100000]");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * @param bars the bars
     * @param builder the feature pipeline
     * @param expected the spec the caller's model expects
     * @return the cached or freshly built matrix
     * @throws dev.ktrdr.api.ModelException naming the first differing feature when the built spec differs from expected
     */
    public FeatureMatrix features(MultiTimeframeBars bars, FeatureBuilder builder, FeatureSpec expected) {
        FeatureMatrix m = features(bars, builder);
        expected.requireSameAs(m.spec());
        return m;
    }

    /**
     * @param bars the bars
     * @param builder the feature pipeline
     * @return the cached or freshly built matrix
     */
    public FeatureMatrix features(MultiTimeframeBars bars, FeatureBuilder builder) {
        Objects.requireNonNull(builder, "builder");
        long[] h = contentHash(bars);
        Key key = new Key(bars.symbol(), h[0], h[1], builder);
        FutureTask<FeatureMatrix> task = entries.get(key);
        if (task != null) {
            hits.incrementAndGet();
        } else {
            FutureTask<FeatureMatrix> mine = new FutureTask<>(() -> builder.build(bars));
            task = entries.putIfAbsent(key, mine);
            if (task == null) {
                misses.incrementAndGet();
                task = mine;
                order.addLast(key);
                mine.run();
                evict();
            } else {
                hits.incrementAndGet();
            }
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KtrdrException("interrupted while waiting for features of " + bars.symbol(), e);
        } catch (ExecutionException e) {
            entries.remove(key, task);
            order.remove(key);
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new KtrdrException("building features of " + bars.symbol() + " failed: " + c, c);
        }
    }

    private void evict() {
        while (entries.size() > maxEntries) {
            Key oldest = order.pollFirst();
            if (oldest == null) {
                return;
            }
            entries.remove(oldest);
        }
    }

    /** @return lookups answered from the cache */
    public long hits() {
        return hits.get();
    }

    /** @return lookups that built a matrix */
    public long misses() {
        return misses.get();
    }

    /** @return the number of matrices held */
    public int size() {
        return entries.size();
    }

    /** Drops every entry. */
    public void clear() {
        entries.clear();
        order.clear();
    }

    /**
     * A 128-bit content hash of every series: timeframe, length, times and OHLCV bit patterns.
     *
     * @param bars the bars
     * @return two 64-bit halves
     */
    static long[] contentHash(MultiTimeframeBars bars) {
        Hasher h = new Hasher();
        for (Map.Entry<Timeframe, BarSeries> e : bars.series().entrySet()) {
            BarSeries s = e.getValue();
            h.add(e.getKey().ordinal());
            h.add(s.size());
            for (int i = 0; i < s.size(); i++) {
                h.add(s.openTime(i));
                h.add(s.closeTime(i));
                h.add(Double.doubleToRawLongBits(s.open(i)));
                h.add(Double.doubleToRawLongBits(s.high(i)));
                h.add(Double.doubleToRawLongBits(s.low(i)));
                h.add(Double.doubleToRawLongBits(s.close(i)));
                h.add(Double.doubleToRawLongBits(s.volume(i)));
            }
        }
        return new long[] {h.a, h.b};
    }

    /** Two independent 64-bit mixes (SplitMix / Murmur3 finaliser constants). */
    private static final class Hasher {
        long a = 0x9E3779B97F4A7C15L;
        long b = 0xC2B2AE3D27D4EB4FL;

        void add(long x) {
            long h = a ^ (x * 0xBF58476D1CE4E5B9L);
            h = Long.rotateLeft(h, 27) * 0x94D049BB133111EBL;
            a = h ^ (h >>> 31);
            long g = b + (x ^ 0xD6E8FEB86659FD93L);
            g = Long.rotateLeft(g, 41) * 0xFF51AFD7ED558CCDL;
            b = g ^ (g >>> 29);
        }
    }

    private record Key(Symbol symbol, long hashA, long hashB, FeatureBuilder builder) {
    }
}
