package io.quantstream.portfolio.spi;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The limits every strategy's weights are held to ({@code strategy.grossLeverage},
 * {@code strategy.maxWeight}).
 *
 * @param grossLeverage largest {@code Σ|w|}, fraction of equity, positive
 * @param maxWeight largest {@code |w|} of one instrument, fraction of equity, positive
 */
public record RiskLimits(double grossLeverage, double maxWeight) implements Serializable {

    /** Relative slack on {@code grossLeverage}: floating-point sums of weights that meet it exactly. */
    private static final double GROSS_TOLERANCE = 1e-9;

    /**
     * {@code weights} within the limits, in place: each cut to {@code ±maxWeight}, then all scaled
     * down when {@code Σ|w|} exceeds {@code grossLeverage}; non-finite ones are set to 0.
     *
     * @return the indexes of the non-finite weights
     */
    public int[] enforce(double[] weights) {
        int[] invalid = new int[weights.length];
        int bad = 0;
        double gross = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!Double.isFinite(weights[i])) {
                weights[i] = 0;
                invalid[bad++] = i;
            }
            weights[i] = Math.max(-maxWeight, Math.min(maxWeight, weights[i]));
            gross += Math.abs(weights[i]);
        }
        if (gross > grossLeverage * (1 + GROSS_TOLERANCE)) {
            double scale = grossLeverage / gross;
            for (int i = 0; i < weights.length; i++) {
                weights[i] *= scale;
            }
        }
        return Arrays.copyOf(invalid, bad);
    }
}
