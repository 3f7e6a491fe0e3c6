package io.quantstream.factor.expr;

/**
 * qlib's {@code Sum}, {@code Mean} and {@code Count} ({@code qlib/data/ops.py}: pandas
 * {@code rolling(n, min_periods=1).sum() / .mean() / .count()}): over the values of the window
 * that are not {@code NaN}; {@code NaN} when there is none (Count: 0). A constant window gives
 * its value exactly (Mean) or {@code value × count} (Sum), as pandas does. O(1) per bar: a
 * compensated running sum.
 */
final class RollingSum extends RingWindow {

    private static final long serialVersionUID = 1L;

    private final Operator op;
    private final int sum = own;

    RollingSum(String canonical, Operator op, int n, int input) {
        super(canonical, n, input);
        this.op = op;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        return step(v, s);
    }

    @Override
    int ownSlots() {
        return 2;
    }

    @Override
    void restart(double[] s, double x, long seq) {
        Compensated.clear(s, sum);
    }

    @Override
    void add(double[] s, double x, long seq) {
        Compensated.add(s, sum, x);
    }

    @Override
    void remove(double[] s, double x, long seq) {
        Compensated.add(s, sum, -x);
    }

    @Override
    double result(double[] s, double x, long b) {
        double count = s[nobs];
        if (op == Operator.COUNT) {
            return count;
        }
        if (count == 0) {
            return Double.NaN;
        }
        double total;
        if (constant(s)) {
            total = s[runValue] * count;
        } else if (s[posInf] > 0 || s[negInf] > 0) {
            total = s[posInf] > 0 && s[negInf] > 0 ? Double.NaN
                    : s[posInf] > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        } else {
            total = Compensated.value(s, sum);
        }
        if (op == Operator.SUM) {
            return total;
        }
        return constant(s) ? s[runValue] : total / count;
    }
}
