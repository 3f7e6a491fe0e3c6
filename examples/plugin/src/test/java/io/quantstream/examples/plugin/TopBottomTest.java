package io.quantstream.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quantstream.portfolio.Weightings;
import io.quantstream.portfolio.spi.RiskLimits;
import io.quantstream.portfolio.spi.TargetWeights;
import org.junit.jupiter.api.Test;

class TopBottomTest {

    private static final String[] FIVE = {"USDM:A", "USDM:B", "USDM:C", "USDM:D", "USDM:E"};

    @Test
    void longsTheHighestAndShortsTheLowestScoresEqually() {
        TargetWeights w = Weightings.of("top_bottom(count=2)");

        assertThat(w.weights(FIVE, new double[] {0.5, -1.0, 2.0, 0.1, -0.2},
                new RiskLimits(1.0, 0.5)))
                .containsExactly(0.25, -0.25, 0.25, 0, -0.25);
        // the cap: 1.0 / 2 = 0.5 each side for one per side, cut to maxWeight
        assertThat(Weightings.of("top_bottom").weights(FIVE, new double[] {1, 2, 3, 4, 5},
                new RiskLimits(1.0, 0.3))).containsExactly(-0.3, 0, 0, 0, 0.3);
    }

    @Test
    void fewerInstrumentsThanTwoSidesShrinkTheSides() {
        TargetWeights w = Weightings.of("top_bottom(3)");

        assertThat(w.weights(new String[] {"USDM:A", "USDM:B"}, new double[] {1, 2},
                new RiskLimits(1.0, 1.0))).containsExactly(-0.5, 0.5);
        assertThat(w.weights(new String[] {"USDM:A"}, new double[] {1},
                new RiskLimits(1.0, 1.0))).containsExactly(0);
    }

    @Test
    void unknownWeightingListsTheAvailableOnes() {
        assertThatThrownBy(() -> Weightings.of("top_botom"))
                .hasMessage("unknown weighting 'top_botom'; weightings: dollar_neutral, top_bottom");
        assertThatThrownBy(() -> Weightings.of("top_bottom(count=0)"))
                .hasMessageContaining("parameter count must be a whole number in [1, 1000], got 0");
    }
}
