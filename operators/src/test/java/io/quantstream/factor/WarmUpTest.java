package io.quantstream.factor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.testing.Klines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each factor's warm-up, derived from its expression (a window of n needs n bars, {@code Ref} n
 * needs n + 1, nested windows and factors of factors add up, EMA of span n needs n): the count
 * {@link FactorSet#warmUp} reports, {@code NaN} and the factor named in
 * {@link FactorVector#warmingUp} on every bar before it, and at it the value worked out by hand,
 * on the closes 1, 2, 3, … through the keyed calculator.
 */
class WarmUpTest {

    private static final String SET = "MEAN5=Mean($close, 5), REF5=Ref($close, 5),"
            + " NESTED=Mean(Mean($close, 5), 5), STD_OF_REF=Std(Ref($close, 2), 3),"
            + " PANDAS_EMA=EMA($close, 3), ema(3), rsi(3), OF_FACTOR=Mean(MEAN5, 3)";

    @Test
    void factorsAreNaNAndNamedAsWarmingUpUntilTheirWarmUpThenTakeTheirValue() throws Exception {
        FactorSet set = FactorSet.parse(SET);
        assertThat(set.names()).containsExactly("MEAN5", "REF5", "NESTED", "STD_OF_REF",
                "PANDAS_EMA", "ema_3", "rsi_3", "OF_FACTOR");
        long[] warmUps = new long[set.size()];
        for (int i = 0; i < set.size(); i++) {
            warmUps[i] = set.warmUp(i);
        }
        // Mean 5 | Ref 5: 5 + 1 | 4 + 4 + 1 | Ref 2 then 3: 2 + 2 + 1 | span 3 | TaEma 3 |
        // Wilder 3 over Ref 1: 1 + 2 + 1 | Mean 3 over MEAN5: 4 + 2 + 1
        assertThat(warmUps).containsExactly(5, 6, 9, 5, 3, 3, 4, 7);
        // the value at each factor's first warm bar (bar k has close k)
        double[] atWarmUp = {
            3, // mean of 1..5
            1, // the close 5 bars before bar 6
            5, // mean of the means at bars 5..9: 3, 4, 5, 6, 7
            1, // sample deviation of 1, 2, 3 (Ref 2 at bars 3..5)
            (3 + 0.5 * 2 + 0.25 * 1) / (1 + 0.5 + 0.25), // pandas ewm(span=3): α = 0.5, adjust
            2, // TaEma seeds with the mean of the first 3
            100, // only gains
            4 // mean of MEAN5 at bars 5..7: 3, 4, 5
        };

        List<FactorVector> vectors = run(SET, 12);
        for (int f = 0; f < warmUps.length; f++) {
            String name = set.names()[f];
            for (int bar = 1; bar <= vectors.size(); bar++) {
                FactorVector v = vectors.get(bar - 1);
                boolean warm = bar >= warmUps[f];
                assertThat(Arrays.asList(v.warmingUp)).as("%s at bar %d", name, bar)
                        .doesNotHaveDuplicates().matches(cold -> cold.contains(name) != warm);
                if (!warm) {
                    assertThat(v.values[f]).as("%s at bar %d", name, bar).isNaN();
                } else if (bar == warmUps[f]) {
                    assertThat(v.values[f]).as("%s at its warm-up bar %d", name, bar)
                            .isCloseTo(atWarmUp[f], within(1e-12));
                }
            }
        }
        assertThat(vectors.get(8).warmingUp).isEmpty();
    }

    private static List<FactorVector> run(String set, int bars) throws Exception {
        try (FactorHarnesses.FactorHarness h =
                FactorHarnesses.calculator(set, null)) {
            for (int i = 0; i < bars; i++) {
                Kline k = Klines.bar("X", i, Integer.toString(i + 1));
                h.process(k);
            }
            return new ArrayList<>(h.harness.extractOutputValues());
        }
    }
}
