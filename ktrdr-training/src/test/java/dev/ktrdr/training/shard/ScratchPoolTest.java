package dev.ktrdr.training.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ScratchPoolTest {
    @Test
    void keepsAtMostItsCountAndReusesLargeEnoughArrays() {
        ScratchPool pool = new ScratchPool(2);
        int[] a = pool.take(100);
        int[] b = pool.take(50);
        int[] c = pool.take(10);
        assertThat(a).hasSize(100);
        pool.give(a);
        pool.give(b);
        pool.give(c); // over the count: dropped
        assertThat(pool.kept()).isEqualTo(2);
        assertThat(pool.take(80)).isSameAs(a);
        // the 50 is too small for 60: dropped on the way, a new array is made
        int[] d = pool.take(60);
        assertThat(d).isNotSameAs(b).hasSize(60);
        assertThat(pool.kept()).isZero();
    }

    @Test
    void hugeArraysAreNotKept() {
        ScratchPool pool = new ScratchPool(4);
        pool.give(new int[ScratchPool.MAX_KEPT_INTS + 1]);
        assertThat(pool.kept()).isZero();
    }

    @Test
    void writeBuffersAreDirectAndReused() {
        ScratchPool pool = new ScratchPool(1);
        ByteBuffer first = pool.takeChunk();
        assertThat(first.isDirect()).isTrue();
        assertThat(first.capacity()).isEqualTo(ScratchPool.CHUNK);
        ByteBuffer second = pool.takeChunk();
        pool.giveChunk(first);
        pool.giveChunk(second); // over the count: dropped
        assertThat(pool.takeChunk()).isSameAs(first);
        assertThat(pool.takeChunk()).isNotSameAs(second);
    }
}
