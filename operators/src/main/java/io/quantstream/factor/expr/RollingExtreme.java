package io.quantstream.factor.expr;

/**
 * qlib's {@code Max}, {@code Min}, {@code IdxMax} and {@code IdxMin} ({@code ops.py}). Max and
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

    private final Operator op;
    private final boolean max;
    private final int ring = HEADER;
    private final int nans;
    private final int finite;
    private final int head;
    private final int size;
    private final int seqs;
    private final int vals;

    RollingExtreme(String canonical, Operator op, int n, int input) {
        super(canonical, n, input);
        this.op = op;
        this.max = op == Operator.MAX || op == Operator.IDXMAX;
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
        if (op == Operator.MAX || op == Operator.MIN) {
            return kept == 0 ? Double.NaN : s[vals + first];
        }
        if (s[finite] == 0) {
            return Double.NaN;
        }
        long start = windowStart(b);
        if (s[nans] > 0) {
            for (long seq = start; seq <= b; seq++) {
                if (Double.isNaN(s[ring + (int) (seq % n)])) {
                    return seq - start + 1;
                }
            }
        }
        return s[seqs + first] - start + 1;
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
