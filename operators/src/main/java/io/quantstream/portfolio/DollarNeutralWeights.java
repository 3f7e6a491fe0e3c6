package io.quantstream.portfolio;

/**
 * Dollar-neutral long/short weights from cross-sectional scores.
 *
 * <ol>
 *   <li>Demean the scores: {@code d_i = s_i − mean(s)}.
 *   <li>Long side ∝ the positive {@code d_i}, scaled to {@code Σ = gross / 2}; short side ∝ the
 *       negative ones, scaled to {@code Σ = −gross / 2}.
 *   <li>Cap every {@code |w_i|} at {@code maxWeight} (the excess is not redistributed).
 *   <li>Scale the larger side down to the smaller, so that {@code Σw = 0} (up to floating point)
 *       and {@code Σ|w| ≤ gross}.
 * </ol>
 *
 * Fewer than two scores, or all equal: all weights 0.
 */
final class DollarNeutralWeights {

    private DollarNeutralWeights() {}

    /**
     * @param scores one score per symbol
     * @param gross target {@code Σ|w|}, positive
     * @param maxWeight cap on each {@code |w|}, positive
     * @return the weights, same order as {@code scores}, fractions of equity
     */
    static double[] of(double[] scores, double gross, double maxWeight) {
        int n = scores.length;
        double[] w = new double[n];
        if (n < 2) {
            return w;
        }
        double mean = 0;
        for (double s : scores) {
            mean += s;
        }
        mean /= n;
        double longSum = 0;
        double shortSum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = scores[i] - mean;
            if (w[i] > 0) {
                longSum += w[i];
            } else {
                shortSum -= w[i];
            }
        }
        if (longSum == 0 || shortSum == 0) {
            return new double[n];
        }
        double longCapped = 0;
        double shortCapped = 0;
        for (int i = 0; i < n; i++) {
            double raw = w[i] > 0 ? w[i] / longSum * gross / 2 : w[i] / shortSum * gross / 2;
            w[i] = Math.max(-maxWeight, Math.min(maxWeight, raw));
            if (w[i] > 0) {
                longCapped += w[i];
            } else {
                shortCapped -= w[i];
            }
        }
        double longScale = longCapped > shortCapped ? shortCapped / longCapped : 1;
        double shortScale = shortCapped > longCapped ? longCapped / shortCapped : 1;
        for (int i = 0; i < n; i++) {
            w[i] *= w[i] > 0 ? longScale : shortScale;
            if (w[i] == 0) {
                w[i] = 0; // no −0.0 in the output
            }
        }
        return w;
    }
}
