package dev.ktrdr.examples.bench.serve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on one route: {@code clients} threads each send a request, wait for the answer and
 * send the next, until the duration is over or each has sent {@code maxPerClient}. Every latency is
 * recorded (client side: send to full body received); any status other than 200 or any I/O error counts
 * as an error and keeps its first message.
 */
public final class ServeLoad {
    private ServeLoad() {
    }

    /**
     * @param requests answered requests
     * @param errors failed requests
     * @param firstError the first failure, or empty
     * @param seconds wall time of the run
     * @param p50Ms median latency
     * @param p99Ms 99th percentile latency
     * @param maxMs slowest request
     */
    public record Result(long requests, long errors, String firstError, double seconds, double p50Ms, double p99Ms,
                         double maxMs) {
        /** @return answered requests per second */
        public double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d requests, %d errors in %.1f s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms",
                    requests, errors, seconds, perSecond(), p50Ms, p99Ms, maxMs);
        }
    }

    /**
     * @param uri the route
     * @param token the bearer token
     * @param body the JSON body to POST
     * @param clients concurrent clients
     * @param duration how long
     * @param maxPerClient most requests per client
     * @return the figures
     * @throws InterruptedException when interrupted
     */
    public static Result run(URI uri, String token, String body, int clients, Duration duration, int maxPerClient)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long[][] lat = new long[clients][Math.min(maxPerClient, 1024)];
        int[] count = new int[clients];
        AtomicLong errors = new AtomicLong();
        String[] first = new String[1];
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int id = c;
            Thread t = new Thread(() -> {
                try {
                    while (count[id] < maxPerClient && System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                fail(errors, first, r.statusCode() + " " + r.body());
                            }
                        } catch (IOException e) {
                            fail(errors, first, e.toString());
                        }
                        if (count[id] == lat[id].length) {
                            lat[id] = Arrays.copyOf(lat[id], Math.min(maxPerClient, 2 * lat[id].length));
                        }
                        lat[id][count[id]++] = System.nanoTime() - t0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int n = Arrays.stream(count).sum();
        long[] all = new long[n];
        int k = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(lat[c], 0, all, k, count[c]);
            k += count[c];
        }
        Arrays.sort(all);
        return new Result(n, errors.get(), first[0] == null ? "" : first[0], seconds, pct(all, 0.50), pct(all, 0.99),
                n == 0 ? Double.NaN : all[n - 1] / 1e6);
    }

    private static synchronized void fail(AtomicLong errors, String[] first, String why) {
        if (errors.incrementAndGet() == 1) {
            first[0] = why.length() > 300 ? why.substring(0, 300) : why;
        }
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }
}
