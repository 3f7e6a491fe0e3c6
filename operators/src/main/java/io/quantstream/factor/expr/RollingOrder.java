package io.quantstream.factor.expr;

/**
 * The sorted window behind qlib's {@code Rank}, {@code Quantile} and {@code Med}
 * ({@code ops.py}; pandas {@code rolling(n, min_periods=1)}) over the window's values that are
 * not {@code NaN}, kept once per series and window length and read by each of them
 * ({@link Statistic}): Rank is the percentile rank of the current value,
 * {@code rank(pct=True)} with ties averaged (average rank / count, in (0, 1]; {@code NaN} when
 * the current value is); Quantile linearly interpolates at {@code q·(count − 1)}; Med is the
 * median (the mean of the two middle values of an even count). {@code NaN} when the window has
 * no value. The window node's own value is its input's.
 *
 * <p>An order-statistic structure: the window's values kept sorted in the state, found by
 * binary search (O(log n) comparisons) and shifted by one {@code System.arraycopy} on insert and
 * delete (O(n) moves of doubles — for the windows of factors, below the cost of reading the
 * state itself). Slots: {@code [ring[n], count, sorted[n]]}.
 */
final class RollingOrder extends Rolling {

    private static final long serialVersionUID = 1L;

    private final int ring = HEADER;
    private final int count;
    private final int sorted;

    /** @param canonical e.g. {@code Sorted($close,20)}: one per series and window length */
    RollingOrder(String canonical, int n, int input) {
        super(canonical, n, input);
        count = ring + n;
        sorted = count + 1;
    }

    @Override
    int slots() {
        return 2 * n + 1;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        double x = v[inputs[0]];
        long b = bars(s);
        int slot = ring + (int) (b % n);
        int size = (int) s[count];
        if (b >= n && !Double.isNaN(s[slot])) {
            int at = lowerBound(s, size, s[slot]);
            System.arraycopy(s, sorted + at + 1, s, sorted + at, size - at - 1);
            size--;
        }
        s[slot] = x;
        if (!Double.isNaN(x)) {
            int at = upperBound(s, size, x);
            System.arraycopy(s, sorted + at, s, sorted + at + 1, size - at);
            s[sorted + at] = x;
            size++;
        }
        s[count] = size;
        return x;
    }

    /** Rank, Quantile or Med of a {@link RollingOrder} window, read from its state. */
    static final class Statistic extends WindowStatistic<RollingOrder> {

        private static final long serialVersionUID = 1L;

        private final double q;

        /** @param q Quantile's quantile in [0, 1]; ignored by the others */
        Statistic(String canonical, Operator op, double q, RollingOrder window, int windowNode) {
            super(canonical, op, window, windowNode);
            this.q = q;
        }

        @Override
        double evaluate(double[] v, double[] s) {
            int size = (int) s[window.count];
            if (size == 0) {
                return Double.NaN;
            }
            int sorted = window.sorted;
            switch (op) {
                case RANK: {
                    double x = v[inputs[0]];
                    if (Double.isNaN(x)) {
                        return Double.NaN;
                    }
                    double below = window.lowerBound(s, size, x);
                    double upTo = window.upperBound(s, size, x);
                    return (below + 1 + upTo) / 2 / size;
                }
                case MED:
                    return size % 2 == 1 ? s[sorted + size / 2]
                            : (s[sorted + size / 2] + s[sorted + size / 2 - 1]) / 2;
                case QUANTILE: {
                    if (size == 1) {
                        return s[sorted];
                    }
                    double at = q * (size - 1);
                    int low = (int) at;
                    double lowValue = s[sorted + low];
                    return at == low ? lowValue
                            : lowValue + (s[sorted + low + 1] - lowValue) * (at - low);
                }
                default:
                    throw new IllegalStateException("not an order statistic: " + op);
            }
        }
    }
    /** Number of sorted values below {@code x}. */
    private int lowerBound(double[] s, int size, double x) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (s[sorted + mid] < x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Number of sorted values at most {@code x}. */
    private int upperBound(double[] s, int size, double x) {
        int low = 0;
        int high = size;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (s[sorted + mid] <= x) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
