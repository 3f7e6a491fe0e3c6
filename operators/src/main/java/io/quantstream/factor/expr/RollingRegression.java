package io.quantstream.factor.expr;

/**
 * The running sums behind qlib's {@code Slope}, {@code Rsquare} and {@code Resi}
 * ({@code qlib/data/_libs/rolling.pyx}), kept once per series and window length and read by each
 * of them ({@link Statistic}); the window node's own value is its input's. They are
 * the least-squares line through the window's values that are not {@code NaN} against their
 * position in the window (qlib's x = 1..n; any origin gives the same line), {@code NaN} below 2
 * values. Slope is its slope per bar; Rsquare the squared correlation of value and position,
 * {@code NaN} where the window's sample standard deviation is at most 2e-5, as qlib masks it
 * ({@code ops.py} {@code Rsquare}: {@code np.isclose(std, 0, atol=2e-05)}); Resi the current
 * value minus the line at the current bar ({@code NaN} when the current value is). An infinite
 * value in the window makes them {@code NaN}.
 *
 * <p>O(1) per bar: running sums of positions (exact integers) and of {@code y − shift}
 * (compensated), positions counted from an origin reset with the sums every window.
 */
final class RollingRegression extends RingWindow {

    private static final long serialVersionUID = 1L;

    /** qlib's tolerance for a window without spread. */
    static final double FLAT = 2e-5;

    private final int shift = own;
    private final int origin = own + 1;
    private final int sx = own + 2;
    private final int sxx = own + 3;
    private final int sy = own + 4;
    private final int syy = own + 6;
    private final int sxy = own + 8;

    /** @param canonical e.g. {@code LeastSquares($close,20)}: one per series and window length */
    RollingRegression(String canonical, int n, int input) {
        super(canonical, n, input);
    }

    @Override
    double evaluate(double[] v, double[] s) {
        return step(v, s);
    }

    @Override
    int ownSlots() {
        return 10;
    }

    @Override
    void restart(double[] s, double y, long seq) {
        s[shift] = y;
        s[origin] = seq;
        s[sx] = 0;
        s[sxx] = 0;
        Compensated.clear(s, sy);
        Compensated.clear(s, syy);
        Compensated.clear(s, sxy);
    }

    @Override
    void add(double[] s, double y, long seq) {
        update(s, y, seq, 1);
    }

    @Override
    void remove(double[] s, double y, long seq) {
        update(s, y, seq, -1);
    }

    private void update(double[] s, double y, long seq, double sign) {
        double x = seq - s[origin];
        double dy = y - s[shift];
        s[sx] += sign * x;
        s[sxx] += sign * x * x;
        Compensated.add(s, sy, sign * dy);
        Compensated.add(s, syy, sign * dy * dy);
        Compensated.add(s, sxy, sign * x * dy);
    }

    @Override
    double result(double[] s, double y, long b) {
        return y;
    }

    /** Slope, Rsquare or Resi of a {@link RollingRegression} window, read from its state. */
    static final class Statistic extends WindowStatistic<RollingRegression> {

        private static final long serialVersionUID = 1L;

        Statistic(String canonical, Operator op, RollingRegression window, int windowNode) {
            super(canonical, op, window, windowNode);
        }

        @Override
        double evaluate(double[] v, double[] s) {
            RollingRegression w = window;
            double count = s[w.nobs];
            if (count < 2 || s[w.posInf] > 0 || s[w.negInf] > 0) {
                return Double.NaN;
            }
            double sumX = s[w.sx];
            double sumY = Compensated.value(s, w.sy);
            double cxx = s[w.sxx] - sumX * sumX / count;
            double cxy = Compensated.value(s, w.sxy) - sumX * sumY / count;
            switch (op) {
                case SLOPE:
                    return cxy / cxx;
                case RSQUARE: {
                    double cyy = Math.max(0, Compensated.value(s, w.syy) - sumY * sumY / count);
                    double std = w.constant(s) ? 0 : Math.sqrt(cyy / (count - 1));
                    return std <= FLAT ? Double.NaN : cxy * cxy / (cxx * cyy);
                }
                case RESI: {
                    double y = v[inputs[0]];
                    double x = bars(s) - s[w.origin];
                    return (y - s[w.shift] - sumY / count) - cxy / cxx * (x - sumX / count);
                }
                default:
                    throw new IllegalStateException("not a regression: " + op);
            }
        }
    }
}
