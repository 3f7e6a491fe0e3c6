package io.quantstream.factor.expr;

/**
 * A rolling operator over running sums: the window's values in a ring (the oldest leaves as the
 * newest enters), counts of the values that are not {@code NaN} and of the infinite ones (kept
 * out of the sums: a window holding one gives what IEEE arithmetic gives for it, and the sums
 * are whole again once it has left — where pandas' sums stay {@code NaN} for good), and the
 * trailing run of equal values, which pandas uses to give exact results on a constant window
 * ({@code pandas/_libs/window/aggregations.pyx}, {@code num_consecutive_same_value}, GH 42064).
 * Every {@code n} bars the subclass recomputes its sums from the ring (amortized O(1)), so no
 * rounding error lives longer than a window.
 *
 * <p>Slots: {@code [ring[n], nobs, +∞ count, −∞ count, run, run value, subclass slots…]}.
 */
abstract class RingWindow extends Rolling {

    private static final long serialVersionUID = 1L;

    final int ring = HEADER;
    /** Values in the window that are not {@code NaN}. */
    final int nobs;
    final int posInf;
    final int negInf;
    /** Length of the trailing run of equal non-{@code NaN} values, at most {@code n}. */
    final int run;
    final int runValue;
    /** First slot of the subclass. */
    final int own;

    RingWindow(String canonical, int n, int input) {
        super(canonical, n, input);
        nobs = ring + n;
        posInf = nobs + 1;
        negInf = nobs + 2;
        run = nobs + 3;
        runValue = nobs + 4;
        own = nobs + 5;
    }

    /** Slots of the subclass. */
    abstract int ownSlots();

    @Override
    final int slots() {
        return n + 5 + ownSlots();
    }

    /** The sums are empty: start them at the window's first finite value. */
    abstract void restart(double[] s, double x, long seq);

    /** Adds a finite value of bar {@code seq} to the sums. */
    abstract void add(double[] s, double x, long seq);

    /** Removes a finite value of bar {@code seq} from the sums. */
    abstract void remove(double[] s, double x, long seq);

    /** The value at bar {@code b}, whose input is {@code x}. */
    abstract double result(double[] s, double x, long b);

    /**
     * Recomputes the sums from the finite values of the (full) window ending at bar {@code b},
     * restarted at the oldest: its shift stays within the window's range of values.
     */
    void recompute(double[] s, long b) {
        boolean first = true;
        // the oldest bar's position is the one after the current bar's; walked without a
        // division per value
        int position = (int) ((b + 1) % n);
        for (long seq = b - n + 1; seq <= b; seq++) {
            double x = s[ring + position];
            position = position + 1 == n ? 0 : position + 1;
            if (Double.isFinite(x)) {
                if (first) {
                    restart(s, x, seq);
                    first = false;
                }
                add(s, x, seq);
            }
        }
    }

    /**
     * The node's value at the current bar ({@link #evaluate}). Each subclass's {@code evaluate}
     * calls it, so that the JIT compiles it into each with that class's sums inlined: called
     * from one {@code evaluate} here, every call to them went through a dispatch over all the
     * subclasses. That takes HotSpot's default inlining limits (a hot callee of up to 325 bytes
     * of bytecode); {@code bin/quantstream}, which lowers them, names this class's methods for
     * inlining ({@code -XX:CompileCommand=inline}).
     */
    final double step(double[] v, double[] s) {
        double x = v[inputs[0]];
        long b = bars(s);
        int position = (int) (b % n);
        int slot = ring + position;
        if (b >= n) {
            leave(s, s[slot], b - n);
        }
        s[slot] = x;
        enter(s, x, b);
        if (position == n - 1 && finite(s) > 0) {
            recompute(s, b);
        }
        return result(s, x, b);
    }

    /** Finite values in the window. */
    final int finite(double[] s) {
        return (int) (s[nobs] - s[posInf] - s[negInf]);
    }

    /**
     * {@code Mean} or {@code Sum} of the window, {@code total} being the sum of its finite
     * values: {@code NaN} without a value; a constant window's value exactly (times the count
     * for {@code Sum}), as pandas gives it; ±∞ with infinite values of one sign, {@code NaN} with
     * both.
     */
    final double sumOrMean(Operator op, double[] s, double total) {
        double count = s[nobs];
        if (count == 0) {
            return Double.NaN;
        }
        if (constant(s)) {
            return op == Operator.SUM ? s[runValue] * count : s[runValue];
        }
        if (s[posInf] > 0 || s[negInf] > 0) {
            return s[posInf] > 0 && s[negInf] > 0 ? Double.NaN
                    : s[posInf] > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return op == Operator.SUM ? total : total / count;
    }

    /** Whether every non-{@code NaN} value in the window is the same. */
    final boolean constant(double[] s) {
        return s[run] >= s[nobs];
    }

    private void enter(double[] s, double x, long seq) {
        if (Double.isNaN(x)) {
            return;
        }
        s[nobs]++;
        if (s[run] > 0 && x == s[runValue]) {
            s[run] = Math.min(s[run] + 1, n);
        } else {
            s[run] = 1;
            s[runValue] = x;
        }
        if (x == Double.POSITIVE_INFINITY) {
            s[posInf]++;
        } else if (x == Double.NEGATIVE_INFINITY) {
            s[negInf]++;
        } else {
            if (finite(s) == 1) {
                restart(s, x, seq);
            }
            add(s, x, seq);
        }
    }

    private void leave(double[] s, double x, long seq) {
        if (Double.isNaN(x)) {
            return;
        }
        s[nobs]--;
        if (x == Double.POSITIVE_INFINITY) {
            s[posInf]--;
        } else if (x == Double.NEGATIVE_INFINITY) {
            s[negInf]--;
        } else if (finite(s) > 0) {
            remove(s, x, seq);
        }
    }
}
