package dev.ktrdr.training.shard;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buffers a {@link FeatureStore} reuses from one shard write to the next. A shard write's
 * largest allocation is its column-major copy of the features (4 bytes a value, 2.5 MB for 20,000 rows of 31
 * columns); a new array that size is zeroed every time, which cost about as much as the transposition itself
 * (see the README's Scale section); likewise its write buffer, direct memory that a channel writes without a
 * copy. The pool keeps at most {@code kept} arrays of at most {@value #MAX_KEPT_INTS} ints each and {@code kept}
 * write buffers of {@value #CHUNK} bytes, so it holds at most {@code kept × 36 MB}, and only while its store is
 * reachable. Thread-safe.
 */
final class ScratchPool {
    /** The largest array kept for reuse (32 MB); larger shards use a new array each time. */
    static final int MAX_KEPT_INTS = 8 << 20;
    /**
     * The size of a write buffer, so of each write a shard goes out in: 1 MB. Writing a whole 2.8 MB shard in one
     * call measured about a third slower per shard on the 2-core VM of the README's figures than 64 KB to 1 MB
     * calls (ad hoc, 40 shards of 20,000 rows a round; the likely cause is that the kernel backs a large write
     * with large page-cache folios, which there come from memory returned to the host).
     */
    static final int CHUNK = 1 << 20;

    private final ConcurrentLinkedQueue<int[]> free = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int kept;
    private final ConcurrentLinkedQueue<java.nio.ByteBuffer> chunks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger chunkCount = new AtomicInteger();

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

    /**
     * @return a kept write buffer of {@value #CHUNK} bytes (direct: a channel writes it without copying), else a new
     *     one
     */
    java.nio.ByteBuffer takeChunk() {
        java.nio.ByteBuffer b = chunks.poll();
        if (b == null) {
            return java.nio.ByteBuffer.allocateDirect(CHUNK);
        }
        chunkCount.decrementAndGet();
        return b;
    }

    /** @param b a write buffer no longer used, kept when there is room */
    void giveChunk(java.nio.ByteBuffer b) {
        if (!b.isDirect() || b.capacity() != CHUNK) {
            return;
        }
        if (chunkCount.incrementAndGet() <= kept) {
            chunks.offer(b);
        } else {
            chunkCount.decrementAndGet();
        }
    }

    /** @return how many arrays are kept now */
    int kept() {
        return size.get();
    }
}
