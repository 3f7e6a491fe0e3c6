package io.quantstream.factor.expr;

/**
 * {@code CumSum(x)}: the sum of every value of {@code x} since the key's first bar, the running
 * total behind On-Balance Volume, the volume-price trend and the accumulation/distribution line
 * (not a qlib operator: qlib has no expanding window). {@code NaN} values add nothing. Its
 * value depends on where the series starts, like those indicators' (their level is arbitrary,
 * their changes are not). O(1) per bar, compensated ({@link Compensated}).
 *
 * <p>Slots: {@code [sum, compensation]}.
 */
final class CumulativeSum extends Node {

    private static final long serialVersionUID = 1L;

    private static final int SUM = HEADER;

    CumulativeSum(String canonical, int input) {
        super(canonical, input);
    }

    @Override
    int slots() {
        return 2;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        double x = v[inputs[0]];
        if (!Double.isNaN(x)) {
            Compensated.add(s, SUM, x);
        }
        return Compensated.value(s, SUM);
    }
}
