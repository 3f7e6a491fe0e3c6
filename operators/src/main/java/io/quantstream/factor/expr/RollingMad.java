package io.quantstream.factor.expr;

/**
 * qlib's {@code Mad} ({@code ops.py}: {@code rolling(n, min_periods=1).apply(mad)}): the mean
 * absolute deviation from the mean of the window's values that are not {@code NaN};
 * {@code NaN} when the window holds no finite value. No incremental form (every deviation
 * changes with the mean): O(n) per bar over a ring of the window.
 */
final class RollingMad extends Rolling {

    private static final long serialVersionUID = 1L;

    RollingMad(String canonical, int n, int input) {
        super(canonical, n, input);
    }

    @Override
    int slots() {
        return n;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        long b = bars(s);
        s[HEADER + (int) (b % n)] = v[inputs[0]];
        long start = windowStart(b);
        double sum = 0;
        int count = 0;
        int finite = 0;
        for (long seq = start; seq <= b; seq++) {
            double x = s[HEADER + (int) (seq % n)];
            if (!Double.isNaN(x)) {
                sum += x;
                count++;
                finite += Double.isFinite(x) ? 1 : 0;
            }
        }
        if (finite == 0) {
            return Double.NaN;
        }
        double mean = sum / count;
        double deviations = 0;
        for (long seq = start; seq <= b; seq++) {
            double x = s[HEADER + (int) (seq % n)];
            if (!Double.isNaN(x)) {
                deviations += Math.abs(x - mean);
            }
        }
        return deviations / count;
    }
}
