package io.quantstream.factor.expr;

/**
 * qlib's {@code Ref(x, n)} ({@code ops.py} {@code Ref}: {@code series.shift(n)}): the value
 * {@code n} bars before the current one, {@code NaN} for the first {@code n} bars. O(1): a ring
 * of the last {@code n} values. ({@code Delta(x, n)} is {@code x − Ref(x, n)}.)
 */
final class Lag extends Rolling {

    private static final long serialVersionUID = 1L;

    Lag(String canonical, int n, int input) {
        super(canonical, n, input);
    }

    @Override
    int slots() {
        return n;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        long b = bars(s);
        int slot = HEADER + (int) (b % n);
        double lagged = b >= n ? s[slot] : Double.NaN;
        s[slot] = v[inputs[0]];
        return lagged;
    }
}
