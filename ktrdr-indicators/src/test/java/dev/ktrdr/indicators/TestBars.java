package dev.ktrdr.indicators;

import dev.ktrdr.api.testing.MarketData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;

/** Bars for tests: seeded random walks with flat stretches and zero volumes, and real market files. */
final class TestBars {
    private TestBars() {
    }

    /**
     * A random OHLCV series: geometric random walk around 100 with occasional flat stretches (high = low =
     * close, no movement) and zero-volume bars, so division-by-zero paths are exercised.
     */
    static Ohlcv random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 20 + r.nextDouble() * 200;
        int flat = 0;
        for (int i = 0; i < n; i++) {
            if (flat == 0 && r.nextInt(40) == 0) {
                flat = 1 + r.nextInt(30);
            }
            if (flat > 0) {
                flat--;
                o[i] = price;
                h[i] = price;
                l[i] = price;
                c[i] = price;
                v[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(1000);
                continue;
            }
            double open = price;
            double close = open * Math.exp(r.nextGaussian() * 0.02);
            double hi = Math.max(open, close) * (1 + Math.abs(r.nextGaussian()) * 0.01);
            double lo = Math.min(open, close) * (1 - Math.abs(r.nextGaussian()) * 0.01);
            o[i] = open;
            h[i] = hi;
            l[i] = lo;
            c[i] = close;
            v[i] = r.nextInt(10) == 0 ? 0 : Math.floor(r.nextDouble() * 1e6);
            price = close;
        }
        return new Ohlcv(o, h, l, c, v);
    }

    /** Reads {@code $KTRDR_MARKET_DATA/{name}.csv.gz}; skips the test when the variable is unset. */
    static Ohlcv market(String name) {
        Path file = MarketData.folder().resolve(name + ".csv.gz");
        Assumptions.assumeTrue(Files.exists(file), file + " missing");
        double[][] cols = new double[5][1 << 16];
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
            String line = in.readLine();
            while ((line = in.readLine()) != null) {
                String[] f = line.split(",");
                if (n == cols[0].length) {
                    for (int k = 0; k < 5; k++) {
                        cols[k] = Arrays.copyOf(cols[k], n * 2);
                    }
                }
                for (int k = 0; k < 5; k++) {
                    cols[k][n] = Double.parseDouble(f[k + 1]);
                }
                n++;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Ohlcv(Arrays.copyOf(cols[0], n), Arrays.copyOf(cols[1], n), Arrays.copyOf(cols[2], n),
                Arrays.copyOf(cols[3], n), Arrays.copyOf(cols[4], n));
    }
}
