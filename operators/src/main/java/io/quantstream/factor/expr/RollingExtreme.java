package io.quantstream.factor.expr;

/**
 * The monotonic deque behind qlib's {@code Max} and {@code IdxMax} (or {@code Min} and
 * {@code IdxMin}) ({@code ops.py}), kept once per series, window length and direction and read
 * by each of them ({@link Statistic}); the window node's own value is its input's. Max and
 * Min (pandas {@code rolling(n, min_periods=1).max() / .min()}) skip {@code NaN}, and are
 * {@code NaN} when the window has no other value. IdxMax and IdxMin are qlib's
 * {@code rolling(n, min_periods=1).apply(lambda x: x.argmax() + 1)}: the 1-based position in
 * the window (oldest = 1) of the first occurrence of the maximum (minimum); like numpy's
 * {@code argmax}, the position of the first {@code NaN} when the window holds one; {@code NaN}
 * when the window holds no finite value.
 *
 * <p>O(1) amortized per bar: a monotonic deque of (bar, value), the front being the extreme.
 * Slots: {@code [ring[n], NaN count, finite count, head, size, bars[n], values[n]]}.
 */
final class RollingExtreme extends Rolling {

    private static final long serialVersionUID = 1L;

    private final boolean max;
    private final int ring = HEADER;
    private final int nans;
    private final int finite;
    private final int head;
    private final int size;
    private final int seqs;
    private final int vals;

    /**
     * @param canonical e.g. {@code MaxWindow($high,20)}: one per series, window length and
     *     direction
     * @param max the deque of the maximum (Max, IdxMax), else of the minimum (Min, IdxMin)
     */
    RollingExtreme(String canonical, boolean max, int n, int input) {
        super(canonical, n, input);
        this.max = max;
        nans = ring + n;
        finite = nans + 1;
        head = nans + 2;
        size = nans + 3;
        seqs = nans + 4;
        vals = seqs + n;
    }

    @Override
    int slots() {
        return 3 * n + 4;
    }

    @Override
    double evaluate(double[] v, double[] s) {
        double x = v[inputs[0]];
        long b = bars(s);
        int slot = ring + (int) (b % n);
        if (b >= n) {
            count(s, s[slot], -1);
        }
        s[slot] = x;
        count(s, x, 1);
        // head and size are small integers kept in doubles: ring arithmetic on ints, not on
        // the doubles (a floating-point remainder is a library call)
        int first = (int) s[head];
        int kept = (int) s[size];
        while (kept > 0 && s[seqs + first] <= b - n) {
            first = first + 1 == n ? 0 : first + 1;
            kept--;
        }
        if (!Double.isNaN(x)) {
            while (kept > 0 && (max ? s[vals + wrap(first + kept - 1)] < x
                    : s[vals + wrap(first + kept - 1)] > x)) {
                kept--;
            }
            int at = wrap(first + kept);
            s[seqs + at] = b;
            s[vals + at] = x;
            kept++;
        }
        s[head] = first;
        s[size] = kept;
        return x;
    }

    /** Max, Min, IdxMax or IdxMin of a {@link RollingExtreme} window, read from its state. */
    static final class Statistic extends WindowStatistic<RollingExtreme> {

        private static final long serialVersionUID = 1L;

        Statistic(String canonical, Operator op, RollingExtreme window, int windowNode) {
            super(canonical, op, window, windowNode);
        }

        @Override
        double evaluate(double[] v, double[] s) {
            RollingExtreme w = window;
            if (op == Operator.MAX || op == Operator.MIN) {
                return s[w.size] == 0 ? Double.NaN : s[w.vals + (int) s[w.head]];
            }
            if (s[w.finite] == 0) {
                return Double.NaN;
            }
            long b = bars(s);
            long start = w.windowStart(b);
            if (s[w.nans] > 0) {
                for (long seq = start; seq <= b; seq++) {
                    if (Double.isNaN(s[w.ring + (int) (seq % w.n)])) {
                        return seq - start + 1;
                    }
                }
            }
            return s[w.seqs + (int) s[w.head]] - start + 1;
        }
    }

    /** A position in the deque's ring from one in [0, 2n). */
    private int wrap(int i) {
        return i >= n ? i - n : i;
    }

    private void count(double[] s, double x, int sign) {
        if (Double.isNaN(x)) {
            s[nans] += sign;
        } else if (Double.isFinite(x)) {
            s[finite] += sign;
        }
    }
}
