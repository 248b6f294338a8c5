package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Independent trainings run concurrently: results in task order, progress in the caller's thread, first failure. */
class ConcurrentTrainingsTest {
    static Callable<String> awaiting(CountDownLatch latch, String result) {
        return () -> {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other task never ran");
            }
            return result;
        };
    }

    @Test
    void resultsComeInTaskOrderWhileTheCallerIsToldInCompletionOrder() {
        // task 0 cannot end before the caller has been told of task 1
        CountDownLatch secondTold = new CountDownLatch(1);
        List<Callable<String>> tasks = List.of(awaiting(secondTold, "a"), () -> "b");
        List<Integer> finished = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = Collections.synchronizedList(new ArrayList<>());
        List<String> out = ConcurrentTrainings.run(2, tasks, (k, r) -> {
            finished.add(k);
            threads.add(Thread.currentThread());
            if (k == 1) {
                secondTold.countDown();
            }
        });
        assertThat(out).containsExactly("a", "b");
        assertThat(finished).containsExactly(1, 0);
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void oneAtATimeRunsInTheCallersThreadInOrder() {
        List<Thread> ran = new ArrayList<>();
        List<Integer> finished = new ArrayList<>();
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            int n = k;
            tasks.add(() -> {
                ran.add(Thread.currentThread());
                return n * n;
            });
        }
        assertThat(ConcurrentTrainings.run(1, tasks, (k, r) -> finished.add(k))).containsExactly(0, 1, 4, 9);
        assertThat(finished).containsExactly(0, 1, 2, 3);
        assertThat(ran).containsOnly(Thread.currentThread());
    }

    @Test
    void theLowestNumberedFailureIsThrownUnchangedWhateverFailedFirst() {
        // task 2 fails first; task 1 fails after it: a sequential run would have thrown task 1's exception
        CountDownLatch twoFailed = new CountDownLatch(1);
        ConfigurationException one = new ConfigurationException("p", "task one");
        List<Callable<String>> tasks = List.of(() -> "zero", () -> {
            if (!twoFailed.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("task two never ran");
            }
            throw one;
        }, () -> {
            twoFailed.countDown();
            throw new DataException("task two");
        });
        AtomicInteger told = new AtomicInteger();
        assertThatThrownBy(() -> ConcurrentTrainings.run(3, tasks, (k, r) -> told.incrementAndGet())).isSameAs(one);
        assertThat(told.get()).isLessThanOrEqualTo(1);

        // other runtime exceptions keep their type too, as in a loop
        IllegalArgumentException bad = new IllegalArgumentException("bad row");
        List<Callable<String>> failing = List.of(() -> "zero", () -> {
            throw bad;
        });
        assertThatThrownBy(() -> ConcurrentTrainings.run(2, failing, (k, r) -> { })).isSameAs(bad);
        assertThatThrownBy(() -> ConcurrentTrainings.run(1, failing, (k, r) -> { })).isSameAs(bad);
    }

    @Test
    void oneAtATimeStopsAtTheFirstFailure() {
        AtomicInteger ran = new AtomicInteger();
        List<Callable<Integer>> tasks = List.of(ran::incrementAndGet, () -> {
            throw new DataException("stop");
        }, ran::incrementAndGet);
        assertThatThrownBy(() -> ConcurrentTrainings.run(1, tasks, (k, r) -> { }))
                .isInstanceOf(DataException.class).hasMessage("stop");
        assertThat(ran.get()).isEqualTo(1);
    }
}
