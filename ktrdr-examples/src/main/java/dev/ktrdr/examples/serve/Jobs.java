package dev.ktrdr.examples.serve;

import dev.ktrdr.api.ProgressListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Training and backtest jobs on a bounded queue: at most {@code concurrency} run at once, at most
 * {@code queue} wait; a job beyond that is refused (HTTP 429). Cancellation is cooperative: the job's
 * progress listener throws once cancellation is asked for and its thread is interrupted; a job that has
 * begun its irreversible step ({@link Job#beginCommit}, the store's atomic save) can no longer be
 * cancelled, so a cancelled job never leaves a version in the store. Finished jobs are kept (the newest
 * {@code keep}) so that clients can read their result.
 */
final class Jobs implements AutoCloseable {
    /** A job's state. */
    enum State {
        QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        boolean done() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** What a job does; returns its result document. */
    @FunctionalInterface
    interface Work {
        Map<String, Object> run(Job job) throws Exception;
    }

    private final ThreadPoolExecutor pool;
    private final int concurrency;
    private final int queue;
    private final int keep;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<Job> order = new ConcurrentLinkedDeque<>();

    Jobs(int concurrency, int queue, int keep) {
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("--max-concurrent-jobs must be in [1, 64], got " + concurrency);
        }
        if (queue < 0 || queue > 10_000) {
            throw new IllegalArgumentException("--queue must be in [0, 10000], got " + queue);
        }
        this.concurrency = concurrency;
        this.queue = queue;
        this.keep = keep;
        AtomicInteger n = new AtomicInteger();
        // a SynchronousQueue would be needed for queue 0; ArrayBlockingQueue needs capacity >= 1
        this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0L, TimeUnit.MILLISECONDS,
                queue == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(queue), r -> {
                    Thread t = new Thread(r, "ktrdr-job-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * @param kind "training" or "backtest"
     * @param work what to run
     * @return the queued job
     * @throws ApiException 429 when the queue is full, 503 when shutting down
     */
    Job submit(String kind, Work work) {
        if (pool.isShutdown()) {
            throw new ApiException(503, "shutting_down", "the server is shutting down and takes no new jobs");
        }
        Job job = new Job(UUID.randomUUID().toString(), kind, work);
        jobs.put(job.id, job);
        order.addLast(job);
        try {
            pool.execute(job.runnable);
        } catch (RejectedExecutionException e) {
            jobs.remove(job.id);
            order.remove(job);
            throw new ApiException(429, "queue_full", "the job queue is full (" + concurrency + " running, " + queue
                    + " queued); try again later", Map.of("retry_after_seconds", 5));
        }
        evict();
        return job;
    }

    /**
     * @param id a job id
     * @param kind the kind expected
     * @return the job, when it exists and is of that kind
     */
    Optional<Job> get(String id, String kind) {
        Job j = jobs.get(id);
        return j != null && j.kind.equals(kind) ? Optional.of(j) : Optional.empty();
    }

    /**
     * Cancels a queued or running job.
     *
     * @param job the job
     * @throws ApiException 409 when it is finished or already storing its result
     */
    void cancel(Job job) {
        synchronized (job) {
            if (job.state.done()) {
                throw new ApiException(409, "job_finished", "job " + job.id + " is already " + job.state.label());
            }
            if (job.committing) {
                throw new ApiException(409, "job_committing", "job " + job.id + " is storing its result and can no longer be cancelled");
            }
            job.cancelRequested = true;
            if (job.state == State.QUEUED) {
                pool.remove(job.runnable);
                job.finish(State.CANCELLED, null, Map.of("error", "cancelled", "detail", "cancelled before it started"));
            } else if (job.thread != null) {
                job.thread.interrupt();
            }
        }
    }

    /** @return the jobs not finished yet */
    int active() {
        int n = 0;
        for (Job j : jobs.values()) {
            synchronized (j) {
                n += j.state.done() ? 0 : 1;
            }
        }
        return n;
    }

    private void evict() {
        int excess = jobs.size() - keep;
        for (Iterator<Job> it = order.iterator(); excess > 0 && it.hasNext(); ) {
            Job j = it.next();
            synchronized (j) {
                if (j.state.done()) {
                    it.remove();
                    jobs.remove(j.id);
                    excess--;
                }
            }
        }
    }

    /**
     * Graceful shutdown: no new jobs; queued jobs are cancelled; running jobs may finish within the grace
     * period, then are cancelled (a job storing its result always finishes the store).
     *
     * @param grace how long running jobs may take to finish
     */
    void shutdown(Duration grace) {
        pool.shutdown();
        List<Job> all = new ArrayList<>(order);
        for (Job j : all) {
            synchronized (j) {
                if (j.state == State.QUEUED) {
                    cancel(j);
                }
            }
        }
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                for (Job j : all) {
                    synchronized (j) {
                        if (!j.state.done() && !j.committing) {
                            cancel(j);
                        }
                    }
                }
                pool.awaitTermination(60, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }

    /** One job; every field is guarded by the job's monitor. */
    static final class Job {
        final String id;
        final String kind;
        final Instant created = Instant.now();
        private final Runnable runnable;
        private State state = State.QUEUED;
        private Instant started;
        private Instant finished;
        private ProgressListener.Event progress;
        private long events;
        private Map<String, Object> result;
        private Map<String, Object> error;
        private boolean cancelRequested;
        private boolean committing;
        private Thread thread;

        private Job(String id, String kind, Work work) {
            this.id = id;
            this.kind = kind;
            this.runnable = () -> run(work);
        }

        private void run(Work work) {
            synchronized (this) {
                if (state != State.QUEUED) {
                    return;
                }
                state = State.RUNNING;
                started = Instant.now();
                thread = Thread.currentThread();
            }
            try {
                Map<String, Object> out = work.run(this);
                synchronized (this) {
                    finish(State.SUCCEEDED, out, null);
                }
            } catch (Throwable t) {
                synchronized (this) {
                    if (cancelRequested && !committing) {
                        finish(State.CANCELLED, null, Map.of("error", "cancelled", "detail", "cancelled while running"));
                    } else {
                        finish(State.FAILED, null, Errors.of(t).body());
                    }
                }
            } finally {
                synchronized (this) {
                    thread = null;
                }
                Thread.interrupted();
            }
        }

        private void finish(State s, Map<String, Object> out, Map<String, Object> err) {
            state = s;
            result = out;
            error = err;
            finished = Instant.now();
        }

        /** @return a progress listener that records the latest event and stops the job once it is cancelled */
        ProgressListener listener() {
            return event -> {
                synchronized (this) {
                    progress = event;
                    events++;
                    if (cancelRequested) {
                        throw new CancellationException("job " + id + " cancelled");
                    }
                }
            };
        }

        /**
         * Called right before the job's irreversible step; from then on it cannot be cancelled.
         *
         * @throws CancellationException when it was cancelled
         */
        synchronized void beginCommit() {
            if (cancelRequested) {
                throw new CancellationException("job " + id + " cancelled");
            }
            committing = true;
        }

        /** @return the job's state */
        synchronized State state() {
            return state;
        }

        /** @return the job as the API shows it */
        synchronized Map<String, Object> view() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", id);
            d.put("kind", kind);
            d.put("state", state.label());
            d.put("created", created.toString());
            d.put("started", started == null ? null : started.toString());
            d.put("finished", finished == null ? null : finished.toString());
            if (progress != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("stage", progress.stage());
                p.put("done", progress.done());
                p.put("total", progress.total());
                p.put("message", progress.message());
                p.put("events", events);
                d.put("progress", p);
            } else {
                d.put("progress", null);
            }
            if (result != null) {
                d.putAll(result);
            }
            if (error != null) {
                d.put("error", error);
            }
            return d;
        }
    }
}
