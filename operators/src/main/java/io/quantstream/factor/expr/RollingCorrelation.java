package io.quantstream.factor.expr;

/**
 * qlib's {@code Corr(x, y, n)} and {@code Cov(x, y, n)} ({@code ops.py} {@code PairRolling};
 * pandas {@code rolling(n, min_periods=1).corr(other) / .cov(other)}) over the bars of the window
 * where neither value is {@code NaN}, {@code NaN} below 2 such bars: the sample covariance
 * (divisor count − 1) and Pearson's correlation. As qlib does, Corr is {@code NaN} where the
 * sample standard deviation of either series over the window (each over its own values) is at
 * most 2e-5 ({@code np.isclose(std, 0, atol=2e-05)}). An infinite value in a pair makes them
 * {@code NaN}.
 *
 * <p>O(1) per bar: compensated running sums of {@code x − shift_x}, {@code y − shift_y}, their
 * squares and products over the pairs, recomputed from the rings every {@code n} bars. The
 * standard deviations of the flatness check take the pairs' sums where every value of the
 * series is in a pair, and a pass over the window only where the other series has a
 * {@code NaN} beside one of its values (O(n) on such bars).
 */
final class RollingCorrelation extends Rolling {

    private static final long serialVersionUID = 1L;

    private final Operator op;
    private final int ringX = HEADER;
    private final int ringY;
    private final int pairs;
    private final int infinitePairs;
    private final Series seriesX;
    private final Series seriesY;
    /** Sums over the pairs: x, y, xx, yy, xy, each with its compensation. */
    private final int pairSums;

    RollingCorrelation(String canonical, Operator op, int n, int x, int y) {
        super(canonical, n, x, y);
        this.op = op;
        ringY = ringX + n;
        pairs = ringY + n;
        infinitePairs = pairs + 1;
        seriesX = new Series(pairs + 2, n);
        seriesY = new Series(pairs + 2 + Series.SLOTS, n);
        pairSums = pairs + 2 + 2 * Series.SLOTS;
    }

    @Override
    int slots() {
        return 2 * n + 2 + 2 * Series.SLOTS + 10;
    }

    /**
     * 2: the series keep no sums of their own (the pairs' sums serve when every value of a series
     * is in a pair, a pass over the ring otherwise); version 1 kept them, 8 slots more.
     */
    @Override
    int layoutVersion() {
        return 2;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        double x = v[inputs[0]];
        double y = v[inputs[1]];
        long b = bars(s);
        int slot = (int) (b % n);
        if (b >= n) {
            double oldX = s[ringX + slot];
            double oldY = s[ringY + slot];
            seriesX.leave(s, oldX);
            seriesY.leave(s, oldY);
            pair(s, oldX, oldY, -1);
        }
        s[ringX + slot] = x;
        s[ringY + slot] = y;
        seriesX.enter(s, x);
        seriesY.enter(s, y);
        pair(s, x, y, 1);
        if (slot == n - 1) {
            recompute(s);
        }
        return result(s, b);
    }

    private void pair(double[] s, double x, double y, int sign) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return;
        }
        s[pairs] += sign;
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            s[infinitePairs] += sign;
        } else if (s[pairs] - s[infinitePairs] > 0) {
            addPair(s, x, y, sign);
        } else {
            clearPairs(s);
        }
    }

    private void addPair(double[] s, double x, double y, int sign) {
        double dx = x - s[seriesX.shift];
        double dy = y - s[seriesY.shift];
        Compensated.add(s, pairSums, sign * dx);
        Compensated.add(s, pairSums + 2, sign * dy);
        Compensated.add(s, pairSums + 4, sign * dx * dx);
        Compensated.add(s, pairSums + 6, sign * dy * dy);
        Compensated.add(s, pairSums + 8, sign * dx * dy);
    }

    private void clearPairs(double[] s) {
        for (int k = 0; k < 5; k++) {
            Compensated.clear(s, pairSums + 2 * k);
        }
    }

    /** The pairs' sums again from the (full) rings, each series shifted to one of its values. */
    private void recompute(double[] s) {
        seriesX.recenter(s, ringX, n);
        seriesY.recenter(s, ringY, n);
        clearPairs(s);
        for (int i = 0; i < n; i++) {
            double x = s[ringX + i];
            double y = s[ringY + i];
            if (Double.isFinite(x) && Double.isFinite(y)) {
                addPair(s, x, y, 1);
            }
        }
    }

    /** The value at bar {@code b}. */
    private double result(double[] s, long b) {
        double count = s[pairs];
        if (count < 2 || s[infinitePairs] > 0) {
            return Double.NaN;
        }
        double sumX = Compensated.value(s, pairSums);
        double sumY = Compensated.value(s, pairSums + 2);
        double cxy = Compensated.value(s, pairSums + 8) - sumX * sumY / count;
        if (op == Operator.COV) {
            return cxy / (count - 1);
        }
        if (std(s, seriesX, ringX, 0, b) <= RollingRegression.FLAT
                || std(s, seriesY, ringY, 2, b) <= RollingRegression.FLAT) {
            return Double.NaN;
        }
        double cxx = Math.max(0, Compensated.value(s, pairSums + 4) - sumX * sumX / count);
        double cyy = Math.max(0, Compensated.value(s, pairSums + 6) - sumY * sumY / count);
        return cxy / Math.sqrt(cxx * cyy);
    }

    /**
     * Sample standard deviation of one series' values in the window at bar {@code b} (each over
     * its own values, as qlib's flatness check takes it), {@code NaN} below 2 values or with an
     * infinite one. When every value of the series is in a pair (no {@code NaN} of the other
     * series beside it: the usual case) the pairs' sums are its sums, with its shift; otherwise
     * a pass over its ring, mean first.
     *
     * @param sum offset of the series' sum among the pairs' sums (its squares at {@code sum + 4})
     */
    private double std(double[] s, Series series, int ring, int sum, long b) {
        double count = s[series.nobs];
        if (count < 2) {
            return Double.NaN;
        }
        if (s[series.run] >= count) {
            return 0;
        }
        if (s[series.infinite] > 0) {
            return Double.NaN;
        }
        if (count == s[pairs]) {
            double total = Compensated.value(s, pairSums + sum);
            return Math.sqrt(Math.max(0, Compensated.value(s, pairSums + sum + 4)
                    - total * total / count) / (count - 1));
        }
        int filled = (int) Math.min(b + 1, n);
        double total = 0;
        for (int i = 0; i < filled; i++) {
            double x = s[ring + i];
            if (!Double.isNaN(x)) {
                total += x;
            }
        }
        double mean = total / count;
        double squares = 0;
        for (int i = 0; i < filled; i++) {
            double x = s[ring + i];
            if (!Double.isNaN(x)) {
                squares += (x - mean) * (x - mean);
            }
        }
        return Math.sqrt(squares / (count - 1));
    }

    /**
     * One series of the pair on its own, for its standard deviation: counts, the trailing run of
     * equal values (a constant window has deviation 0, as in pandas) and the shift of its values
     * in the pairs' sums.
     */
    private static final class Series implements java.io.Serializable {

        private static final long serialVersionUID = 1L;

        static final int SLOTS = 6;

        final int nobs;
        final int infinite;
        final int finite;
        final int run;
        final int runValue;
        final int shift;

        /** Window length, the cap of the run. */
        final int window;

        Series(int first, int window) {
            this.window = window;
            nobs = first;
            infinite = first + 1;
            finite = first + 2;
            run = first + 3;
            runValue = first + 4;
            shift = first + 5;
        }

        void enter(double[] s, double x) {
            if (Double.isNaN(x)) {
                return;
            }
            s[nobs]++;
            if (s[run] > 0 && x == s[runValue]) {
                s[run] = Math.min(s[run] + 1, window);
            } else {
                s[run] = 1;
                s[runValue] = x;
            }
            if (Double.isInfinite(x)) {
                s[infinite]++;
                return;
            }
            if (s[finite] == 0) {
                // no sum holds a value of this series: move its shift here
                s[shift] = x;
            }
            s[finite]++;
        }

        void leave(double[] s, double x) {
            if (Double.isNaN(x)) {
                return;
            }
            s[nobs]--;
            if (Double.isInfinite(x)) {
                s[infinite]--;
            } else {
                s[finite]--;
            }
        }

        /** Shifts the series to the first finite value of the (full) ring at {@code ring}. */
        void recenter(double[] s, int ring, int n) {
            for (int i = 0; i < n; i++) {
                double x = s[ring + i];
                if (Double.isFinite(x)) {
                    s[shift] = x;
                    return;
                }
            }
        }
    }
}
