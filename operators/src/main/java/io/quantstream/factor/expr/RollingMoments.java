package io.quantstream.factor.expr;

/**
 * qlib's {@code Var}, {@code Std}, {@code Skew} and {@code Kurt} (pandas
 * {@code rolling(n, min_periods=1).var() / .std() / .skew() / .kurt()}), over the values of the
 * window that are not {@code NaN}, with pandas' rules ({@code pandas/_libs/window/aggregations.pyx}):
 * Var and Std are sample statistics (divisor count − 1), {@code NaN} below 2 values; Skew is
 * the adjusted Fisher–Pearson skewness {@code n·√(n−1)·m3 / ((n−2)·m2^1.5)}, {@code NaN} below 3
 * values; Kurt the excess kurtosis {@code (n−1)/((n−2)(n−3))·(n(n+1)·m4/m2² − 3(n−1))},
 * {@code NaN} below 4 values ({@code m_k} = Σ(x − mean)^k). A constant window gives variance 0,
 * skewness 0 and kurtosis −3; Skew and Kurt are {@code NaN} when {@code m2/n ≤ 1e-14}
 * (pandas' guard against rounding noise). An infinite value in the window makes them
 * {@code NaN}.
 *
 * <p>O(1) per bar: compensated running power sums of {@code x − shift}, the shift being a value
 * of the window, so that the sums stay of the size of the window's spread (no cancellation
 * between large squares of prices).
 */
final class RollingMoments extends RingWindow {

    private static final long serialVersionUID = 1L;

    /** The statistic this node gives; null for a window that only its {@link Statistic}s read. */
    final Operator op;
    private final int powers;
    private final int shift = own;
    /** Sum of (x − shift)^k at {@code sums + 2(k − 1)}, compensation after each. */
    private final int sums = own + 1;

    RollingMoments(String canonical, Operator op, int n, int input) {
        this(canonical, op, powers(op), n, input);
    }

    /**
     * A window of the power sums up to {@code powers} (1 … 4), whose value is its input's, read
     * by the {@link Statistic}s of the series and length ({@code Mean}, {@code Sum}, {@code Std},
     * {@code Var}, {@code Skew}, {@code Kurt}) that share it.
     */
    static RollingMoments window(String canonical, int powers, int n, int input) {
        return new RollingMoments(canonical, null, powers, n, input);
    }

    private RollingMoments(String canonical, Operator op, int powers, int n, int input) {
        super(canonical, n, input);
        this.op = op;
        this.powers = powers;
    }

    /** The power sums {@code op} needs: 1 for {@code Mean} and {@code Sum} … 4 for {@code Kurt}. */
    static int powers(Operator op) {
        return switch (op) {
            case MEAN, SUM -> 1;
            case SKEW -> 3;
            case KURT -> 4;
            default -> 2;
        };
    }

    @Override
    double evaluate(double[] v, double[] s) {
        return step(v, s);
    }

    @Override
    int ownSlots() {
        return 1 + 2 * powers;
    }

    @Override
    void restart(double[] s, double x, long seq) {
        s[shift] = x;
        for (int k = 0; k < powers; k++) {
            Compensated.clear(s, sums + 2 * k);
        }
    }

    @Override
    void add(double[] s, double x, long seq) {
        update(s, x, 1);
    }

    @Override
    void remove(double[] s, double x, long seq) {
        update(s, x, -1);
    }

    private void update(double[] s, double x, double sign) {
        double d = x - s[shift];
        double power = d;
        for (int k = 0; k < powers; k++) {
            Compensated.add(s, sums + 2 * k, sign * power);
            power *= d;
        }
    }

    @Override
    double result(double[] s, double x, long b) {
        return op == null ? x : value(op, s);
    }

    /** {@code op}'s value over the window whose state is {@code s}. */
    double value(Operator op, double[] s) {
        double count = s[nobs];
        if (op == Operator.MEAN || op == Operator.SUM) {
            return sumOrMean(op, s, s[shift] * count + Compensated.value(s, sums));
        }
        int least = op == Operator.SKEW ? 3 : op == Operator.KURT ? 4 : 2;
        if (count < least) {
            return Double.NaN;
        }
        if (constant(s)) {
            return op == Operator.KURT ? -3 : 0;
        }
        if (s[posInf] > 0 || s[negInf] > 0) {
            return Double.NaN;
        }
        double s1 = Compensated.value(s, sums);
        double s2 = Compensated.value(s, sums + 2);
        double mean = s1 / count;
        double m2 = Math.max(0, s2 - s1 * mean);
        switch (op) {
            case VAR:
                return m2 / (count - 1);
            case STD:
                return Math.sqrt(m2 / (count - 1));
            default:
                break;
        }
        if (m2 <= count * 1e-14) {
            return Double.NaN;
        }
        double s3 = Compensated.value(s, sums + 4);
        if (op == Operator.SKEW) {
            double m3 = s3 - 3 * mean * s2 + 2 * count * mean * mean * mean;
            return count * Math.sqrt(count - 1) * m3 / ((count - 2) * m2 * Math.sqrt(m2));
        }
        double s4 = Compensated.value(s, sums + 6);
        double m4 = s4 - 4 * mean * s3 + 6 * mean * mean * s2 - 3 * count * Math.pow(mean, 4);
        return (count - 1) / ((count - 2) * (count - 3))
                * (count * (count + 1) * m4 / (m2 * m2) - 3 * (count - 1));
    }

    /**
     * {@code Mean}, {@code Sum}, {@code Std}, {@code Var}, {@code Skew} or {@code Kurt} of a
     * {@link #window} that the statistics of one series and length share.
     */
    static final class Statistic extends WindowStatistic<RollingMoments> {

        private static final long serialVersionUID = 1L;

        Statistic(String canonical, Operator op, RollingMoments window, int windowNode) {
            super(canonical, op, window, windowNode);
        }

        @Override
        double evaluate(double[] v, double[] s) {
            return window.value(op, s);
        }
    }
}
