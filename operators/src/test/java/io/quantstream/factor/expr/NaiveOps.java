package io.quantstream.factor.expr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Straightforward reference implementations of qlib's rolling operators: every window
 * recomputed from scratch from its definition (pandas {@code rolling(n, min_periods=1)}, qlib
 * {@code ops.py}), two-pass where a statistic has a mean. No code shared with the engine. Also
 * the references of the factor sets' tests on real klines.
 */
public final class NaiveOps {

    private NaiveOps() {}

    /** The window of bar {@code t}: the last {@code n} values up to it (fewer at the start). */
    public static double[] window(double[] x, int t, int n) {
        return Arrays.copyOfRange(x, Math.max(0, t - n + 1), t + 1);
    }

    static double[] present(double[] w) {
        return Arrays.stream(w).filter(v -> !Double.isNaN(v)).toArray();
    }

    static boolean allEqual(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return true;
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /**
     * Σ (x − mean)^k, two-pass over {@code x − v[0]} (a price level of 7e4 would otherwise cost
     * the reference itself its last digits).
     */
    static double central(double[] v, int k) {
        double[] d = Arrays.stream(v).map(x -> x - v[0]).toArray();
        double m = mean(d);
        double sum = 0;
        for (double x : d) {
            sum += Math.pow(x - m, k);
        }
        return sum;
    }

    public static double sum(double[] w) {
        double[] v = present(w);
        if (v.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum;
    }

    public static double meanOf(double[] w) {
        double[] v = present(w);
        return v.length == 0 ? Double.NaN : allEqual(v) ? v[0] : sum(w) / v.length;
    }

    static double count(double[] w) {
        return present(w).length;
    }

    public static double var(double[] w) {
        double[] v = present(w);
        if (v.length < 2) {
            return Double.NaN;
        }
        return allEqual(v) ? 0 : central(v, 2) / (v.length - 1);
    }

    static double skew(double[] w) {
        double[] v = present(w);
        int n = v.length;
        if (n < 3) {
            return Double.NaN;
        }
        if (allEqual(v)) {
            return 0;
        }
        double m2 = central(v, 2);
        if (!(m2 / n > 1e-14)) {
            return Double.NaN;
        }
        return n * Math.sqrt(n - 1) * central(v, 3) / ((n - 2) * Math.pow(m2, 1.5));
    }

    static double kurt(double[] w) {
        double[] v = present(w);
        int n = v.length;
        if (n < 4) {
            return Double.NaN;
        }
        if (allEqual(v)) {
            return -3;
        }
        double m2 = central(v, 2);
        if (!(m2 / n > 1e-14)) {
            return Double.NaN;
        }
        double m4 = central(v, 4);
        return (n - 1.0) / ((n - 2.0) * (n - 3.0)) * (n * (n + 1.0) * m4 / (m2 * m2) - 3 * (n - 1.0));
    }

    public static double max(double[] w) {
        double[] v = present(w);
        return v.length == 0 ? Double.NaN : Arrays.stream(v).max().getAsDouble();
    }

    public static double min(double[] w) {
        double[] v = present(w);
        return v.length == 0 ? Double.NaN : Arrays.stream(v).min().getAsDouble();
    }

    /** numpy {@code argmax + 1} on the raw window, NaN when no value is finite. */
    public static double idx(double[] w, boolean max) {
        if (Arrays.stream(w).noneMatch(Double::isFinite)) {
            return Double.NaN;
        }
        int best = 0;
        for (int i = 0; i < w.length; i++) {
            if (Double.isNaN(w[i])) {
                return i + 1;
            }
            if (max ? w[i] > w[best] : w[i] < w[best]) {
                best = i;
            }
        }
        return best + 1;
    }

    public static double quantile(double[] w, double q) {
        double[] v = present(w);
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        double at = q * (v.length - 1);
        int low = (int) Math.floor(at);
        return at == low ? v[low] : v[low] + (v[low + 1] - v[low]) * (at - low);
    }

    static double median(double[] w) {
        double[] v = present(w);
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** Percentile rank of the last value, ties averaged: scipy's percentileofscore(kind=rank). */
    public static double rank(double[] w) {
        double last = w[w.length - 1];
        if (Double.isNaN(last)) {
            return Double.NaN;
        }
        double[] v = present(w);
        double below = 0;
        double equal = 0;
        for (double x : v) {
            below += x < last ? 1 : 0;
            equal += x == last ? 1 : 0;
        }
        return (below + (equal + 1) / 2) / v.length;
    }

    static double mad(double[] w) {
        if (Arrays.stream(w).noneMatch(Double::isFinite)) {
            return Double.NaN;
        }
        double[] v = present(w);
        double m = mean(v);
        return Arrays.stream(v).map(x -> Math.abs(x - m)).sum() / v.length;
    }

    /** qlib's weighted_mean: np.nanmean(w * x), w = (1..L) / Σ(1..L). */
    static double wma(double[] w) {
        if (Arrays.stream(w).noneMatch(Double::isFinite)) {
            return Double.NaN;
        }
        double total = w.length * (w.length + 1) / 2.0;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isNaN(w[i])) {
                sum += (i + 1) / total * w[i];
                count++;
            }
        }
        return sum / count;
    }

    /** The OLS of the window's present values on their positions 1..L: slope, r², residual. */
    public static double[] regression(double[] w) {
        List<double[]> points = new ArrayList<>();
        double origin = Double.NaN;
        for (int i = 0; i < w.length; i++) {
            if (!Double.isNaN(w[i])) {
                origin = Double.isNaN(origin) ? w[i] : origin;
                points.add(new double[] {i + 1, w[i] - origin});
            }
        }
        int n = points.size();
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        double mx = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : points) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
            syy += (p[1] - my) * (p[1] - my);
        }
        double slope = sxy / sxx;
        double std = Math.sqrt(var(w));
        double rsquare = std <= 2e-5 ? Double.NaN : sxy * sxy / (sxx * syy);
        double last = w[w.length - 1] - origin;
        double resi = last - (my + slope * (w.length - mx));
        return new double[] {slope, rsquare, resi};
    }

    /** pandas ewm(adjust=True, ignore_na=False).mean(): Σ (1−α)^age·x / Σ (1−α)^age. */
    static double ewm(double[] x, int t, double alpha) {
        double num = 0;
        double den = 0;
        for (int i = 0; i <= t; i++) {
            if (!Double.isNaN(x[i])) {
                double weight = Math.pow(1 - alpha, t - i);
                num += weight * x[i];
                den += weight;
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** SMA of the first n present values, then avg = f(avg, x) over the later present ones. */
    public static double seeded(double[] x, int t, int n, boolean wilder) {
        double[] v = present(Arrays.copyOfRange(x, 0, t + 1));
        if (v.length < n) {
            return Double.NaN;
        }
        double avg = 0;
        for (int i = 0; i < n; i++) {
            avg += v[i];
        }
        avg /= n;
        double alpha = 2.0 / (n + 1);
        for (int i = n; i < v.length; i++) {
            avg = wilder ? (avg * (n - 1) + v[i]) / n : alpha * v[i] + (1 - alpha) * avg;
        }
        return avg;
    }

    /** Pairwise sample covariance or correlation of the window, with qlib's flat mask. */
    public static double pair(double[] wx, double[] wy, boolean corr) {
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < wx.length; i++) {
            if (!Double.isNaN(wx[i]) && !Double.isNaN(wy[i])) {
                pairs.add(new double[] {wx[i], wy[i]});
            }
        }
        if (!pairs.isEmpty()) {
            double[] origin = pairs.get(0).clone();
            pairs.forEach(p -> {
                p[0] -= origin[0];
                p[1] -= origin[1];
            });
        }
        int n = pairs.size();
        if (n < 2) {
            return Double.NaN;
        }
        double mx = pairs.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = pairs.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (double[] p : pairs) {
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        if (!corr) {
            return sxy / (n - 1);
        }
        if (Math.sqrt(var(wx)) <= 2e-5 || Math.sqrt(var(wy)) <= 2e-5) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
