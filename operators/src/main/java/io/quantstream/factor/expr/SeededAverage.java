package io.quantstream.factor.expr;

/**
 * The exponential averages of technical analysis, seeded with the simple mean of the first
 * {@code n} values (which qlib's {@code EMA} is not): {@code TaEma(x, n)} with α = 2/(n + 1),
 * {@code avg = α·x + (1 − α)·avg} (TA-Lib's {@code TA_EMA}; StockCharts ChartSchool, "Moving
 * Averages"), and {@code Wilder(x, n)}, Wilder's smoothing {@code avg = (avg·(n − 1) + x) / n}
 * (J. Welles Wilder, "New Concepts in Technical Trading Systems", 1978; the averages of RSI and
 * ATR). {@code NaN} until {@code n} values have been seen; {@code NaN} inputs are skipped (the
 * average stays). O(1) per bar.
 *
 * <p>Slots: {@code [values seen (up to n), sum until seeded then average]}.
 */
final class SeededAverage extends Rolling {

    private static final long serialVersionUID = 1L;

    private static final int SEEN = HEADER;
    private static final int VALUE = HEADER + 1;

    private final boolean wilder;
    private final double alpha;

    SeededAverage(String canonical, Operator op, int n, int input) {
        super(canonical, n, input);
        this.wilder = op == Operator.WILDER;
        this.alpha = 2.0 / (n + 1);
    }

    @Override
    int slots() {
        return 2;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        double x = v[inputs[0]];
        double seen = s[SEEN];
        if (Double.isNaN(x)) {
            return seen >= n ? s[VALUE] : Double.NaN;
        }
        if (seen >= n) {
            s[VALUE] = wilder ? (s[VALUE] * (n - 1) + x) / n : alpha * x + (1 - alpha) * s[VALUE];
            return s[VALUE];
        }
        s[VALUE] += x;
        s[SEEN] = ++seen;
        if (seen < n) {
            return Double.NaN;
        }
        s[VALUE] /= n;
        return s[VALUE];
    }
}
