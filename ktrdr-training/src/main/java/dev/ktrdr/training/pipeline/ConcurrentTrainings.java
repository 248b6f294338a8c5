package dev.ktrdr.training.pipeline;

import dev.ktrdr.api.DataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent trainings (the held-out symbols of leave-one-symbol-out, the folds of walk-forward) a given
 * number at a time, with an outcome that does not depend on scheduling: results come back in task order, the
 * caller's thread is told of each finished task in completion order (so progress listeners are never called
 * from two threads at once), and when tasks fail the exception thrown is the one of the lowest-numbered
 * failing task, the one a sequential run would have thrown, unchanged ({@code KtrdrException}s and other
 * runtime exceptions and errors pass through as they are). Tasks after a failure that have not started are
 * not run; running ones are interrupted and their results dropped.
 *
 * <p>One at a time, the tasks run in the caller's thread in task order, exactly as a loop would.
 */
final class ConcurrentTrainings {
    private ConcurrentTrainings() {
    }

    /** Told of a finished task, in the caller's thread. */
    @FunctionalInterface
    interface Finished<R> {
        /**
         * @param index the task's index
         * @param result its result
         */
        void accept(int index, R result);
    }

    /** @return the available processors, 1 to 64 */
    static int cores() {
        return Math.max(1, Math.min(64, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param atOnce most tasks running at once, ≥ 1
     * @param tasks the tasks, independent of each other
     * @param finished told of each task that finished, in completion order, in the caller's thread
     * @param <R> a task's result
     * @return the results in task order
     */
    static <R> List<R> run(int atOnce, List<? extends Callable<R>> tasks, Finished<R> finished) {
        List<R> out = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        if (atOnce <= 1 || tasks.size() <= 1) {
            for (int k = 0; k < tasks.size(); k++) {
                R r;
                try {
                    r = tasks.get(k).call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new DataException("training failed: " + e, e);
                }
                out.set(k, r);
                finished.accept(k, r);
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(atOnce, tasks.size()), r -> {
            Thread t = new Thread(r, "ktrdr-training");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<R> done = new ExecutorCompletionService<>(pool);
            List<Future<R>> futures = new ArrayList<>();
            // a fixed pool starts tasks in submission order: when task k fails, every task before it has started
            for (Callable<R> task : tasks) {
                futures.add(done.submit(task));
            }
            Throwable failure = null;
            int failedAt = Integer.MAX_VALUE;
            for (int n = 0; n < tasks.size(); n++) {
                Future<R> f = done.take();
                int k = futures.indexOf(f);
                try {
                    R r = f.get();
                    if (failure == null) {
                        out.set(k, r);
                        finished.accept(k, r);
                    }
                } catch (CancellationException e) {
                    // cancelled after an earlier task failed
                } catch (ExecutionException e) {
                    if (k < failedAt) {
                        failure = e.getCause();
                        failedAt = k;
                        for (int j = k + 1; j < futures.size(); j++) {
                            futures.get(j).cancel(true);
                        }
                    }
                }
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                throw new DataException("training failed: " + failure, failure);
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while training", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
