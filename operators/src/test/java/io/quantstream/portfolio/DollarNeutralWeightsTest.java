package io.quantstream.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DollarNeutralWeightsTest {

    @Test
    void proportionalToDemeanedScoresWithinEachSide() {
        // mean 1: demeaned 2, 0, −1, −1 → long 2/2·0.5, short −1/2·0.5 each
        double[] w = DollarNeutralWeights.of(new double[] {3, 1, 0, 0}, 1.0, 1.0);

        assertThat(w).containsExactly(new double[] {0.5, 0, -0.25, -0.25}, within(1e-15));
    }

    @Test
    void capsThenScalesTheLargerSideDown() {
        // demeaned 3, −1, −1, −1: long 0.5 capped at 0.2; short −1/6 each = 0.5 → scaled to 0.2
        double[] w = DollarNeutralWeights.of(new double[] {4, 0, 0, 0}, 1.0, 0.2);

        assertThat(w[0]).isCloseTo(0.2, within(1e-15));
        assertThat(Arrays.copyOfRange(w, 1, 4)).containsOnly(-0.2 / 3);
        assertThat(Arrays.stream(w).sum()).isCloseTo(0, within(1e-15));
    }

    @Test
    void zeroForFewerThanTwoOrEqualScores() {
        assertThat(DollarNeutralWeights.of(new double[] {}, 1, 1)).isEmpty();
        assertThat(DollarNeutralWeights.of(new double[] {2.5}, 1, 1)).containsExactly(0);
        assertThat(DollarNeutralWeights.of(new double[] {0.1, 0.1, 0.1}, 1, 1))
                .containsExactly(0, 0, 0);
    }

    @Test
    void invariantsHoldOnRandomScores() {
        Random random = new Random(7);
        for (int run = 0; run < 2_000; run++) {
            int n = 2 + random.nextInt(30);
            double[] scores = random.doubles(n, -3, 3).toArray();
            double gross = 0.5 + random.nextDouble() * 2;
            double cap = 0.01 + random.nextDouble() * 0.5;

            double[] w = DollarNeutralWeights.of(scores, gross, cap);

            assertThat(Arrays.stream(w).sum()).isCloseTo(0, within(1e-12));
            assertThat(Arrays.stream(w).map(Math::abs).sum()).isLessThanOrEqualTo(gross + 1e-12);
            assertThat(Arrays.stream(w).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(cap);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (scores[i] > scores[j]) {
                        assertThat(w[i]).isGreaterThanOrEqualTo(w[j]);
                    }
                }
            }
        }
    }
}
