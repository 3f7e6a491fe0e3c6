package io.quantstream.factor.expr;

/**
 * qlib's {@code Slope}, {@code Rsquare} and {@code Resi} ({@code qlib/data/_libs/rolling.pyx}):
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

    private final Operator op;
    private final int shift = own;
    private final int origin = own + 1;
    private final int sx = own + 2;
    private final int sxx = own + 3;
    private final int sy = own + 4;
    private final int syy = own + 6;
    private final int sxy = own + 8;

    RollingRegression(String canonical, Operator op, int n, int input) {
        super(canonical, n, input);
        this.op = op;
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
        double count = s[nobs];
        if (count < 2 || s[posInf] > 0 || s[negInf] > 0) {
            return Double.NaN;
        }
        double sumX = s[sx];
        double sumY = Compensated.value(s, sy);
        double cxx = s[sxx] - sumX * sumX / count;
        double cxy = Compensated.value(s, sxy) - sumX * sumY / count;
        switch (op) {
            case SLOPE:
                return cxy / cxx;
            case RSQUARE: {
                double cyy = Math.max(0, Compensated.value(s, syy) - sumY * sumY / count);
                double std = constant(s) ? 0 : Math.sqrt(cyy / (count - 1));
                return std <= FLAT ? Double.NaN : cxy * cxy / (cxx * cyy);
            }
            case RESI: {
                double x = b - s[origin];
                return (y - s[shift] - sumY / count) - cxy / cxx * (x - sumX / count);
            }
            default:
                throw new IllegalStateException("not a regression: " + op);
        }
    }
}
