package io.quantstream.factor.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values worked out by hand (the arithmetic is in the comments), NaN for missing values. */
class HandComputedValuesTest {

    private static final double NAN = Double.NaN;

    private static double last(String expression, double... x) {
        double[] values = Programs.raw(expression, x, null);
        return values[values.length - 1];
    }

    private static double lastPair(String expression, double[] x, double[] y) {
        double[] values = Programs.raw(expression, x, y);
        return values[values.length - 1];
    }

    @Test
    void sumsAndMoments() {
        assertThat(last("Sum($close, 3)", 1, 2, 3, 4)).isEqualTo(9);
        assertThat(last("Mean($close, 3)", 1, NAN, 3, 4)).isEqualTo(3.5); // NaN skipped
        assertThat(last("Count($close, 3)", 1, NAN, 3, NAN)).isEqualTo(1);
        // 2,4,4,4,5,5,7,9: mean 5, Σd² = 9+1+1+1+0+0+4+16 = 32, sample var 32/7
        assertThat(last("Std($close, 8)", 2, 4, 4, 4, 5, 5, 7, 9))
                .isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        // 1,2,3,10: mean 4, d = -3,-2,-1,6: m2 = 50, m3 = 180, m4 = 1394
        // skew = 4·√3·180 / (2·50^1.5) = 7.2·√(3/50)
        assertThat(last("Skew($close, 4)", 1, 2, 3, 10))
                .isCloseTo(7.2 * Math.sqrt(3.0 / 50), within(1e-14));
        // kurt = 3/(2·1)·(4·5·1394/50² − 3·3) = 1.5·(11.152 − 9) = 3.228
        assertThat(last("Kurt($close, 4)", 1, 2, 3, 10)).isCloseTo(3.228, within(1e-13));
        assertThat(last("Std($close, 3)", 7, 7, 7)).isZero(); // a constant window, exactly
        assertThat(last("Kurt($close, 4)", 7, 7, 7, 7)).isEqualTo(-3);
        assertThat(last("Std($close, 3)", 7)).isNaN(); // one value: no sample deviation
    }

    @Test
    void cumulativeSumsEveryValueSinceTheFirstBar() {
        assertThat(last("CumSum($close)", 1, NAN, 3, 4)).isEqualTo(8); // NaN adds nothing
        assertThat(last("CumSum($close)", 5)).isEqualTo(5);
        // Ref makes the first value NaN: 2 + 3 over the closes 1, 2, 3 less their previous
        assertThat(last("CumSum($close - Ref($close, 1))", 1, 3, 6)).isEqualTo(5);
    }

    @Test
    void orderStatistics() {
        assertThat(last("Max($close, 3)", 9, 1, NAN, 2)).isEqualTo(2); // 9 left the window
        assertThat(last("IdxMax($close, 4)", 5, 7, 7, 3)).isEqualTo(2); // the first 7
        assertThat(last("IdxMin($close, 4)", 5, 7, 7, 3)).isEqualTo(4);
        assertThat(last("IdxMax($close, 4)", 5, NAN, 7, 3)).isEqualTo(2); // numpy: the NaN
        // 3,1,2,2: the last 2 ranks 2nd and 3rd, average 2.5, of 4
        assertThat(last("Rank($close, 4)", 3, 1, 2, 2)).isEqualTo(0.625);
        // 1..5: q·(n−1) = 3.2, between 4 and 5
        assertThat(last("Quantile($close, 5, 0.8)", 1, 2, 3, 4, 5)).isCloseTo(4.2, within(1e-15));
        assertThat(last("Med($close, 4)", 5, 1, 3, 2)).isEqualTo(2.5);
        // 1,2,3,10: mean 4, |d| = 3,2,1,6
        assertThat(last("Mad($close, 4)", 1, 2, 3, 10)).isEqualTo(3);
    }

    @Test
    void regressionOnThePositionInTheWindow() {
        assertThat(last("Slope($close, 4)", 1, 3, 5, 7)).isEqualTo(2);
        assertThat(last("Rsquare($close, 4)", 1, 3, 5, 7)).isEqualTo(1);
        // 2,4,3 on 1,2,3: x̄ 2, ȳ 3, Sxy = 1, Sxx = 2: slope 0.5, line at 3 is 3.5
        assertThat(last("Slope($close, 3)", 2, 4, 3)).isEqualTo(0.5);
        assertThat(last("Resi($close, 3)", 2, 4, 3)).isCloseTo(-0.5, within(1e-15));
        // r² = Sxy² / (Sxx·Syy) = 1 / (2·2)
        assertThat(last("Rsquare($close, 3)", 2, 4, 3)).isCloseTo(0.25, within(1e-15));
        // qlib masks Rsquare where the window's std ≤ 2e-5
        assertThat(last("Rsquare($close, 3)", 1, 1 + 1e-5, 1 + 2e-5)).isNaN();
    }

    @Test
    void weightedAndExponentialAverages() {
        // qlib: nanmean(w·x), w = (1,2,3)/6: (1·1 + 2·2 + 3·3)/6/3
        assertThat(last("WMA($close, 3)", 1, 2, 3)).isCloseTo(14.0 / 18, within(1e-15));
        // span 3: α = 0.5, adjusted weights 1, 0.5, 0.25
        assertThat(last("EMA($close, 3)", 1, 2, 3)).isCloseTo(4.25 / 1.75, within(1e-15));
        // TaEma(3): seed (1+2+3)/3 = 2, then 0.5·4 + 0.5·2; Wilder(3): (2·2 + 4)/3
        assertThat(last("TaEma($close, 3)", 1, 2, 3, 4)).isEqualTo(3);
        assertThat(last("Wilder($close, 3)", 1, 2, 3, 4)).isCloseTo(8.0 / 3, within(1e-15));
        assertThat(last("TaEma($close, 3)", 1, 2)).isNaN();
    }

    @Test
    void pairsAndLags() {
        // x = 1,2,3, y = 1,2,4: x̄ 2, ȳ 7/3, Σdx·dy = (−1)(−4/3) + 0 + (1)(5/3) = 3
        assertThat(lastPair("Cov($close, $volume, 3)", new double[] {1, 2, 3},
                new double[] {1, 2, 4})).isCloseTo(1.5, within(1e-15));
        assertThat(lastPair("Corr($close, $volume, 3)", new double[] {1, 2, 3},
                new double[] {2, 4, 6})).isCloseTo(1, within(1e-15));
        // a pair with a NaN is left out: (1,2), (3,6) remain
        assertThat(lastPair("Corr($close, $volume, 3)", new double[] {1, 2, 3},
                new double[] {2, NAN, 6})).isCloseTo(1, within(1e-15));
        assertThat(lastPair("Corr($close, $volume, 3)", new double[] {1, 2, 3},
                new double[] {5, 5, 5})).isNaN(); // qlib's mask: y has no spread
        assertThat(Programs.raw("Ref($close, 2)", new double[] {1, 2, 3}, null))
                .containsExactly(NAN, NAN, 1);
        assertThat(Programs.raw("Delta($close, 1)", new double[] {1, 2, 4}, null))
                .containsExactly(NAN, 1, 2);
    }

    @Test
    void elementWiseOperatorsAsNumpy() {
        assertThat(last("If($close > 2, 1, -1)", 3)).isEqualTo(1);
        assertThat(last("If($close, 1, -1)", NAN)).isEqualTo(1); // NaN is true, as np.where
        assertThat(last("$close > 1", NAN)).isZero();
        assertThat(last("Greater($close, 0)", NAN)).isNaN();
        assertThat(last("Sign($close) + Abs($close)", -3)).isEqualTo(2);
        assertThat(last("Power($close, 2) + Log($close)", 1)).isEqualTo(1);
        assertThat(last("Not($close) + And($close, 0) + Or($close, 0)", 2)).isEqualTo(1);
        assertThat(last("$close / 0", 1)).isInfinite();
    }
}
