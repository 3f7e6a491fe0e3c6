package io.quantstream.factor;

import java.util.Arrays;

/**
 * Rolling statistics recomputed from scratch over each window, straight from their textbook
 * definitions (two passes, a sorted copy), and the seeded averages of technical analysis as
 * plain loops: the references the factor tests compare the incremental operators against. Windows are full and hold no {@code NaN} (the tests compare
 * from each factor's warm-up on); {@code window(x, t, n)} is {@code x[t − n + 1 .. t]}.
 */
final class Windows {

    /** qlib's tolerance for a flat window ({@code np.isclose(std, 0, atol=2e-05)}). */
    static final double FLAT = 2e-5;

    private Windows() {}

    static double[] window(double[] x, int t, int n) {
        return Arrays.copyOfRange(x, t - n + 1, t + 1);
    }

    static double sum(double[] w) {
        double s = 0;
        for (double x : w) {
            s += x;
        }
        return s;
    }

    static double mean(double[] w) {
        return sum(w) / w.length;
    }

    /** Sample standard deviation (divisor n − 1), as pandas' {@code std()}. */
    static double std(double[] w) {
        double m = mean(w);
        double squares = 0;
        for (double x : w) {
            squares += (x - m) * (x - m);
        }
        return Math.sqrt(squares / (w.length - 1));
    }

    static double max(double[] w) {
        return Arrays.stream(w).max().getAsDouble();
    }

    static double min(double[] w) {
        return Arrays.stream(w).min().getAsDouble();
    }

    /** 1-based position of the first maximum (numpy's {@code argmax() + 1}). */
    static double idxMax(double[] w) {
        int at = 0;
        for (int i = 1; i < w.length; i++) {
            at = w[i] > w[at] ? i : at;
        }
        return at + 1;
    }

    static double idxMin(double[] w) {
        int at = 0;
        for (int i = 1; i < w.length; i++) {
            at = w[i] < w[at] ? i : at;
        }
        return at + 1;
    }

    /** pandas' {@code quantile(q)}: linear between the sorted values around {@code q·(n − 1)}. */
    static double quantile(double[] w, double q) {
        double[] sorted = w.clone();
        Arrays.sort(sorted);
        double at = q * (sorted.length - 1);
        int low = (int) Math.floor(at);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
    }

    /** pandas' {@code rank(pct=True)} of the last value: its average rank among ties, over n. */
    static double rankOfLast(double[] w) {
        double last = w[w.length - 1];
        int below = 0;
        int equal = 0;
        for (double x : w) {
            below += x < last ? 1 : 0;
            equal += x == last ? 1 : 0;
        }
        return (below + (equal + 1) / 2.0) / w.length;
    }

    /** Least-squares line of the window against x = 1..n: {slope, intercept}. */
    static double[] line(double[] w) {
        int n = w.length;
        double xm = (n + 1) / 2.0;
        double ym = mean(w);
        double cxy = 0;
        double cxx = 0;
        for (int i = 0; i < n; i++) {
            cxy += (i + 1 - xm) * (w[i] - ym);
            cxx += (i + 1 - xm) * (i + 1 - xm);
        }
        double slope = cxy / cxx;
        return new double[] {slope, ym - slope * xm};
    }

    static double slope(double[] w) {
        return line(w)[0];
    }

    /** The last value minus the line at the last position. */
    static double residual(double[] w) {
        double[] line = line(w);
        return w[w.length - 1] - (line[1] + line[0] * w.length);
    }

    /** Squared correlation of value and position; NaN on a flat window, as qlib masks it. */
    static double rSquare(double[] w) {
        if (std(w) <= FLAT) {
            return Double.NaN;
        }
        double[] x = new double[w.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        double r = pearson(x, w);
        return r * r;
    }

    /** qlib's {@code Corr}: Pearson's correlation, NaN where either window is flat. */
    static double corr(double[] x, double[] y) {
        return std(x) <= FLAT || std(y) <= FLAT ? Double.NaN : pearson(x, y);
    }

    static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** TA-Lib's EMA: the mean of the first n values (NaN ones skipped), then α = 2/(n + 1). */
    static double[] taEma(double[] x, int n) {
        return seeded(x, n, false);
    }

    /** Wilder's average: the mean of the first n values (NaN ones skipped), then α = 1/n. */
    static double[] wilder(double[] x, int n) {
        return seeded(x, n, true);
    }

    private static double[] seeded(double[] x, int n, boolean wilder) {
        double alpha = 2.0 / (n + 1);
        double[] out = new double[x.length];
        int seen = 0;
        double sum = 0;
        double average = Double.NaN;
        for (int t = 0; t < x.length; t++) {
            if (!Double.isNaN(x[t])) {
                if (seen < n) {
                    sum += x[t];
                    if (++seen == n) {
                        average = sum / n;
                    }
                } else {
                    average = wilder ? (average * (n - 1) + x[t]) / n
                            : alpha * x[t] + (1 - alpha) * average;
                }
            }
            out[t] = average;
        }
        return out;
    }
}
