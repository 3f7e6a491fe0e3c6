package io.quantstream.crosssection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each transform on values computed by hand, non-finite values left out. */
class CrossSectionTransformTest {

    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static double[] apply(String transform, double... values) {
        return CrossSectionTransform.parse(transform).apply(values);
    }

    @Test
    void zscoreUsesThePopulationStandardDeviationOverFiniteValues() {
        // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population stdev exactly 2
        assertThat(apply("zscore", 2, 4, 4, 4, 5, 5, 7, 9, NAN))
                .containsExactly(new double[] {-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2, 0}, within(1e-15));
    }

    @Test
    void zscoreIsZeroWhenUndefined() {
        assertThat(apply("zscore", 3, 3, 3)).containsExactly(0, 0, 0);
        assertThat(apply("zscore", 3, NAN)).containsExactly(0, 0);
        assertThat(apply("zscore")).isEmpty();
    }

    @Test
    void winsorizedZscoreLimitsEachZscoreToItsBounds() {
        assertThat(apply("winsorized_zscore(1)", 2, 4, 4, 4, 5, 5, 7, 9, NAN))
                .containsExactly(-1, -0.5, -0.5, -0.5, 0, 0, 1, 1, 0);
        // 0, 0, 0, 0, 10: mean 2, population stdev 4 → z −0.5 four times and 2, limited to 1.5
        assertThat(apply("winsorized_zscore(1.5)", 0, 0, 0, 0, 10))
                .containsExactly(-0.5, -0.5, -0.5, -0.5, 1.5);
        assertThat(apply("winsorized_zscore(3)", 0, 0, 0, 0, 10))
                .as("a limit above the z-scores changes nothing")
                .containsExactly(apply("zscore", 0, 0, 0, 0, 10));
    }

    @Test
    void rankGivesTiesTheirMeanPositionScaledToMinusOneToOne() {
        // finite 30, 10, 30, 20 → ranks 3.5, 1, 3.5, 2 of n = 4 → 2(r − 1)/3 − 1
        assertThat(apply("rank", 30, 10, NAN, 30, 20, INF))
                .containsExactly(new double[] {2.0 / 3, -1, 0, 2.0 / 3, -1.0 / 3, 0}, within(1e-15));
        assertThat(apply("rank", 5, 5, 5)).as("all tied: the middle").containsExactly(0, 0, 0);
        assertThat(apply("rank", 5, NAN)).as("fewer than two finite").containsExactly(0, 0);
        assertThat(apply("rank", 7, -3)).containsExactly(1, -1);
    }

    @Test
    void demeanAndRawKeepTheFactorsUnit() {
        assertThat(apply("demean", 1, 2, NAN, 6)).containsExactly(-2, -1, 0, 3);
        assertThat(apply("demean", NAN)).containsExactly(0);
        assertThat(apply("raw", 1.5, NAN, -2, INF)).containsExactly(1.5, 0, -2, 0);
    }

    @Test
    void namesParseInAnyCaseAndPrintAsWritten() {
        assertThat(CrossSectionTransform.parse(" ZScore ")).isEqualTo(CrossSectionTransform.ZSCORE);
        assertThat(CrossSectionTransform.parse("Rank")).hasToString("rank");
        assertThat(CrossSectionTransform.parse("winsorized_zscore( 2 )"))
                .hasToString("winsorized_zscore(2)");
        assertThat(CrossSectionTransform.parse("winsorized_zscore(2.5)"))
                .hasToString("winsorized_zscore(2.5)");
        assertThat(CrossSectionTransform.parse("demean")).hasToString("demean");
        assertThat(CrossSectionTransform.parse("raw")).hasToString("raw");
    }

    @Test
    void mistakesAreNamedWithTheValidTransforms() {
        assertThatThrownBy(() -> CrossSectionTransform.parse("zscor"))
                .hasMessage("unknown transform 'zscor'; transforms: zscore, winsorized_zscore(k),"
                        + " rank, demean, raw");
        assertThatThrownBy(() -> CrossSectionTransform.parse(""))
                .hasMessageStartingWith("'' is not a transform; transforms: zscore");
        assertThatThrownBy(() -> CrossSectionTransform.parse("rank(2)"))
                .hasMessage("transform 'rank' takes no parameter, got 'rank(2)'");
        assertThatThrownBy(() -> CrossSectionTransform.parse("winsorized_zscore"))
                .hasMessage("transform 'winsorized_zscore' needs its limit in z-scores, e.g."
                        + " winsorized_zscore(3), got 'winsorized_zscore'");
        for (String limit : new String[] {"0", "-1", "abc", "Infinity", "NaN"}) {
            assertThatThrownBy(() -> CrossSectionTransform.parse("winsorized_zscore(" + limit + ")"))
                    .as(limit).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("winsorized_zscore: the limit must be a positive number of"
                            + " z-scores, got '" + limit + "'");
        }
    }
}
