package io.quantstream.factor.expr;

/**
 * Neumaier's compensated summation over two state slots, {@code [sum, compensation]}: the
 * running sums of the rolling operators add and remove values for as long as a key lives, and
 * without compensation their rounding errors would add up (A. Neumaier, "Rundungsfehleranalyse
 * einiger Verfahren zur Summation endlicher Summen", ZAMM 54, 1974). The operators also
 * recompute their sums from the window once per window length, which bounds what is left. The
 * error term of each addition is Knuth's TwoSum (D. E. Knuth, TAOCP vol. 2, 4.2.2): exactly the
 * one Neumaier's ordered form computes, without comparing the magnitudes.
 */
final class Compensated {

    private Compensated() {}

    /** Adds {@code x} to the sum at {@code s[at]}, its compensation at {@code s[at + 1]}. */
    static void add(double[] s, int at, double x) {
        double sum = s[at];
        double t = sum + x;
        // Knuth's TwoSum: the exact rounding error of sum + x, as Neumaier's ordered branch
        // gives it, without the branch (the shifted sums of the moments change sign
        // unpredictably, and a mispredicted branch cost more than the three extra additions)
        double xPart = t - sum;
        s[at + 1] += (sum - (t - xPart)) + (x - xPart);
        s[at] = t;
    }

    /** The compensated value of the sum at {@code s[at]}. */
    static double value(double[] s, int at) {
        return s[at] + s[at + 1];
    }

    /** Sets the sum at {@code s[at]} to zero. */
    static void clear(double[] s, int at) {
        s[at] = 0;
        s[at + 1] = 0;
    }
}
