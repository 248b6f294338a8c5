package dev.ktrdr.training.shard;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Transposition buffers a {@link FeatureStore} reuses from one shard write to the next. A shard write's
 * largest allocation is its column-major copy of the features (4 bytes a value, 2.5 MB for 20,000 rows of 31
 * columns); a new array that size is zeroed every time, which cost about as much as the transposition itself
 * (see the README's Scale section). The pool keeps at most {@code kept} arrays of at most
 * {@value #MAX_KEPT_INTS} ints each, so it holds at most {@code kept × 32 MB}, and only while its store is
 * reachable. Thread-safe.
 */
final class ScratchPool {
    /** The largest array kept for reuse (32 MB); larger shards use a new array each time. */
    static final int MAX_KEPT_INTS = 8 << 20;

    private final ConcurrentLinkedQueue<int[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int kept;

    /** @param kept how many arrays to keep at most (≥ 0) */
    ScratchPool(int kept) {
        if (kept < 0) {
            throw new IllegalArgumentException("kept " + kept + " is negative");
        }
        this.kept = kept;
    }

    /**
     * @param n the ints needed
     * @return a kept array of at least {@code n} ints (its contents are arbitrary), else a new one of {@code n}
     */
    int[] take(int n) {
        for (int[] a; (a = free.poll()) != null; ) {
            size.decrementAndGet();
            if (a.length >= n) {
                return a;
            }
            // too small for this shard: dropped, a larger one takes its place when given back
        }
        return new int[n];
    }

    /** @param a an array no longer used, kept when there is room and it is not too large */
    void give(int[] a) {
        if (a.length > MAX_KEPT_INTS) {
            return;
        }
        if (size.incrementAndGet() <= kept) {
            free.offer(a);
        } else {
            size.decrementAndGet();
        }
    }

    /** @return how many arrays are kept now */
    int kept() {
        return size.get();
    }
}
