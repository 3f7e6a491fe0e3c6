package io.quantstream.factor.expr;

/**
 * A rolling operator over the last {@code n} bars, the current one included, as pandas'
 * {@code rolling(n, min_periods=1)} that qlib uses ({@code qlib/data/ops.py} {@code Rolling}):
 * {@code NaN} values are skipped, and until {@code n} bars have been seen the window holds the
 * bars there are. Whether a value is reported is the program's warm-up
 * ({@link FactorProgram}), not the operator's.
 */
abstract class Rolling extends Node {

    private static final long serialVersionUID = 1L;

    /** Window length in bars. */
    final int n;

    Rolling(String canonical, int n, int... inputs) {
        super(canonical, inputs);
        this.n = n;
    }

    /** Index of the oldest bar in the window at bar {@code b} (bars counted from 0). */
    final long windowStart(long b) {
        return Math.max(0, b - n + 1);
    }
}
