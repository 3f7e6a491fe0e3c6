package io.quantstream.factor.expr;

/**
 * qlib's {@code WMA} as qlib computes it ({@code ops.py} {@code WMA}: {@code rolling(n,
 * min_periods=1).apply(weighted_mean)} with {@code w = (1..L) / Σ(1..L)} over the window's
 * {@code L} bars and {@code np.nanmean(w · x)}): {@code Σ w_i·x_i} over the values that are not
 * {@code NaN}, divided by their count. So a full window of n values gives the textbook linearly
 * weighted mean divided by n; kept as qlib has it, so that qlib expressions give qlib's values.
 * {@code NaN} when the window holds no finite value ({@code apply} counts finite values).
 *
 * <p>O(1) per bar: compensated running sums of {@code x} and {@code (bar − origin)·x}; a window
 * holding an infinite value is computed from the ring.
 */
final class RollingWma extends RingWindow {

    private static final long serialVersionUID = 1L;

    private final int origin = own;
    private final int sum = own + 1;
    private final int weighted = own + 3;

    RollingWma(String canonical, int n, int input) {
        super(canonical, n, input);
    }

    @Override
    double evaluate(double[] v, double[] s) {
        return step(v, s);
    }

    @Override
    int ownSlots() {
        return 5;
    }

    @Override
    void restart(double[] s, double x, long seq) {
        s[origin] = seq;
        Compensated.clear(s, sum);
        Compensated.clear(s, weighted);
    }

    @Override
    void add(double[] s, double x, long seq) {
        Compensated.add(s, sum, x);
        Compensated.add(s, weighted, (seq - s[origin]) * x);
    }

    @Override
    void remove(double[] s, double x, long seq) {
        Compensated.add(s, sum, -x);
        Compensated.add(s, weighted, -(seq - s[origin]) * x);
    }

    @Override
    double result(double[] s, double x, long b) {
        if (finite(s) == 0) {
            return Double.NaN;
        }
        long start = windowStart(b);
        double length = b - start + 1;
        double weights = length * (length + 1) / 2;
        if (s[posInf] > 0 || s[negInf] > 0) {
            double total = 0;
            for (long seq = start; seq <= b; seq++) {
                double value = s[ring + (int) (seq % n)];
                if (!Double.isNaN(value)) {
                    total += (seq - start + 1) * value;
                }
            }
            return total / weights / s[nobs];
        }
        double positions = Compensated.value(s, weighted)
                - (start - 1 - s[origin]) * Compensated.value(s, sum);
        return positions / weights / s[nobs];
    }
}
