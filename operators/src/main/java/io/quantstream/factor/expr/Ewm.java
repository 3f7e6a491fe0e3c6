package io.quantstream.factor.expr;

/**
 * qlib's {@code EMA(x, n)}: pandas {@code ewm(span=n, min_periods=1).mean()} (for
 * {@code 0 < n < 1}: {@code ewm(alpha=n)}), with pandas' defaults {@code adjust=True},
 * {@code ignore_na=False} ({@code ops.py} {@code EMA}; {@code pandas/_libs/window/aggregations.pyx}
 * {@code ewm}, whose recursion this is, step for step): the mean of every value so far weighted
 * {@code (1 − α)^age}, α = 2/(n + 1); {@code NaN} values are skipped but age the others.
 * Its memory is the whole series, so its value depends on where the series starts: qlib loads
 * {@code n − 1} bars before a date to compute it, and the warm-up here is the same. O(1) per bar.
 *
 * <p>Slots: {@code [weighted mean, weight of the old values, observed (0/1)]}.
 */
final class Ewm extends Node {

    private static final long serialVersionUID = 1L;

    private static final int WEIGHTED = HEADER;
    private static final int OLD_WEIGHT = HEADER + 1;
    private static final int OBSERVED = HEADER + 2;

    private final double alpha;

    /** @param parameter the span n (≥ 1) or the smoothing factor α (in (0, 1)) */
    Ewm(String canonical, double parameter, int input) {
        super(canonical, input);
        // pandas turns both into a centre of mass, then α = 1 / (1 + com)
        double com = parameter >= 1 ? (parameter - 1) / 2 : 1 / parameter - 1;
        this.alpha = 1 / (1 + com);
    }

    @Override
    int slots() {
        return 3;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        double x = v[inputs[0]];
        boolean observation = !Double.isNaN(x);
        if (bars(s) == 0) {
            s[WEIGHTED] = x;
            s[OLD_WEIGHT] = 1;
        } else if (!Double.isNaN(s[WEIGHTED])) {
            s[OLD_WEIGHT] *= 1 - alpha;
            if (observation) {
                if (s[WEIGHTED] != x) {
                    s[WEIGHTED] = (s[OLD_WEIGHT] * s[WEIGHTED] + x) / (s[OLD_WEIGHT] + 1);
                }
                s[OLD_WEIGHT] += 1;
            }
        } else if (observation) {
            s[WEIGHTED] = x;
        }
        if (observation) {
            s[OBSERVED] = 1;
        }
        return s[OBSERVED] == 1 ? s[WEIGHTED] : Double.NaN;
    }
}
