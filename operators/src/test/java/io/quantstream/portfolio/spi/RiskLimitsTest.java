package io.quantstream.portfolio.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskLimitsTest {

    private final RiskLimits limits = new RiskLimits(1.0, 0.4);

    @Test
    void weightsBeyondTheCapAreCutThenAllScaledToTheGrossLeverage() {
        double[] w = {0.9, -0.3, 0.2, -0.5};

        assertThat(limits.enforce(w)).isEmpty();

        // cut: 0.4, -0.3, 0.2, -0.4 (Σ|w| = 1.3), then scaled by 1 / 1.3
        assertThat(w[0]).isCloseTo(0.4 / 1.3, within(1e-15));
        assertThat(w[1]).isCloseTo(-0.3 / 1.3, within(1e-15));
        assertThat(w[2]).isCloseTo(0.2 / 1.3, within(1e-15));
        assertThat(w[3]).isCloseTo(-0.4 / 1.3, within(1e-15));
    }

    @Test
    void weightsWithinTheLimitsAreLeftBitForBit() {
        double[] w = {0.25, -0.25, 0.25, -0.25};

        limits.enforce(w);

        assertThat(w).containsExactly(0.25, -0.25, 0.25, -0.25);
    }

    @Test
    void nonFiniteWeightsBecomeZeroAndAreReported() {
        double[] w = {Double.NaN, 0.1, Double.NEGATIVE_INFINITY};

        assertThat(limits.enforce(w)).containsExactly(0, 2);
        assertThat(w).containsExactly(0, 0.1, 0);
    }
}
