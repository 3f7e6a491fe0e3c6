package io.quantstream.crosssection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZScoresTest {

    @Test
    void populationStandardDeviationOverFiniteValues() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population stdev exactly 2
        double[] z = ZScores.zScores(new double[] {2, 4, 4, 4, 5, 5, 7, 9, Double.NaN});

        assertThat(z).containsExactly(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2, 0},
                within(1e-15));
    }

    @Test
    void zeroWhenUndefined() {
        assertThat(ZScores.zScores(new double[] {3, 3, 3})).containsExactly(0, 0, 0);
        assertThat(ZScores.zScores(new double[] {3, Double.NaN})).containsExactly(0, 0);
        assertThat(ZScores.zScores(new double[] {})).isEmpty();
    }
}
