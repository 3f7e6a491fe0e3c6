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

    final Operator op;
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
        return op == Operator.COUNT ? s[nobs] : sumOrMean(op, s, Compensated.value(s, sum));
    }
}
