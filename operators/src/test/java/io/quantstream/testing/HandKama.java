package io.quantstream.testing;

import io.quantstream.model.Kline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * Kaufman's adaptive moving average recomputed from scratch, every window's path summed again
 * (the factor of the example plug-in, {@code examples/plugin}): the reference its tests compare
 * the engine's values with.
 */
public final class HandKama {

    private static final long HOUR = 3_600_000L;

    private HandKama() {}

    /**
     * {@code KAMA_t} for each {@code t ≥ n} ({@code NaN} before): efficiency ratio
     * {@code |c_t − c_{t−n}| / Σ|c_i − c_{i−1}|} (0 without movement), smoothing
     * {@code (ER·(2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²}, seeded with {@code c_{n−1}}.
     */
    public static double[] of(List<Double> c, int n, int fast, int slow) {
        double[] kama = new double[c.size()];
        Arrays.fill(kama, Double.NaN);
        double fastSc = 2.0 / (fast + 1);
        double slowSc = 2.0 / (slow + 1);
        double previous = c.get(n - 1);
        for (int t = n; t < c.size(); t++) {
            double path = 0;
            for (int i = t - n + 1; i <= t; i++) {
                path += Math.abs(c.get(i) - c.get(i - 1));
            }
            double er = path == 0 ? 0 : Math.abs(c.get(t) - c.get(t - n)) / path;
            double sc = Math.pow(er * (fastSc - slowSc) + slowSc, 2);
            previous = previous + sc * (c.get(t) - previous);
            kama[t] = previous;
        }
        return kama;
    }

    /**
     * {@link #of} over the 1h closes of USD-M {@code symbol} in February 2026 (each hour's close:
     * that of its last official 1m bar), by hour open time (epoch ms UTC), warm hours only.
     */
    public static TreeMap<Long, Double> hourlyFebruary2026(String symbol, int n, int fast, int slow)
            throws IOException {
        List<Long> hours = new ArrayList<>();
        List<Double> closes = new ArrayList<>();
        for (Kline k : RealKlines.february2026(symbol)) {
            if ((k.closeTime + 1) % HOUR == 0) {
                hours.add(k.closeTime + 1 - HOUR);
                closes.add(k.close.doubleValue());
            }
        }
        double[] kama = of(closes, n, fast, slow);
        TreeMap<Long, Double> byHour = new TreeMap<>();
        for (int t = n; t < kama.length; t++) {
            byHour.put(hours.get(t), kama[t]);
        }
        return byHour;
    }
}
