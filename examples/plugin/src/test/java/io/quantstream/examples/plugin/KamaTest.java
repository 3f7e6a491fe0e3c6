package io.quantstream.examples.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.quantstream.factor.FactorBar;
import io.quantstream.factor.FactorCalculator;
import io.quantstream.factor.FactorSet;
import io.quantstream.factor.FactorStages;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.model.Market;
import io.quantstream.testing.HandKama;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The plug-in through the engine: found on this module's class path by the factor set (its
 * service file), run by the factor operator in Flink's keyed harness, checked against KAMA
 * recomputed from scratch over each window ({@link HandKama}); and its parameters rejected with
 * the reason.
 */
class KamaTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void factorOperatorValuesEqualKamaRecomputedOverEachWindow() throws Exception {
        FactorSet set = FactorSet.parse("kama(5, slow=20), KAMA_GAP=$close / kama_5_20 - 1");
        assertThat(set.names()).containsExactly("kama_5_20", "KAMA_GAP");
        assertThat(set.warmUp(0)).isEqualTo(6);
        List<Double> closes = closes();

        List<FactorVector> out = run(set, closes);

        double[] expected = HandKama.of(closes, 5, 2, 20);
        assertThat(out).hasSize(closes.size());
        for (int t = 0; t < closes.size(); t++) {
            double kama = out.get(t).values[0];
            if (t < 5) {
                assertThat(kama).as("bar %d warms up", t).isNaN();
                assertThat(out.get(t).warmingUp).contains("kama_5_20", "KAMA_GAP");
            } else {
                assertThat(kama).as("bar %d", t).isCloseTo(expected[t], within(1e-9 * expected[t]));
                assertThat(out.get(t).values[1]).as("bar %d", t)
                        .isCloseTo(closes.get(t) / expected[t] - 1, within(1e-9));
                assertThat(out.get(t).warmingUp).isEmpty();
            }
        }
    }

    @Test
    void badParametersAreRejectedNamingTheItemAndTheParameters() {
        assertThatThrownBy(() -> FactorSet.parse("kama(fast=30, slow=2)"))
                .hasMessageContaining("factor 'kama(fast=30, slow=2)'")
                .hasMessageContaining("fast (30) must be below slow (2)");
        assertThatThrownBy(() -> FactorSet.parse("kama(window=0)"))
                .hasMessageContaining("parameter window must be a whole number in [1, 10000], got 0");
        assertThatThrownBy(() -> FactorSet.parse("kama(speed=3)"))
                .hasMessageContaining("unknown parameter 'speed'")
                .hasMessageContaining("window: whole number in [1, 10000], default 10");
        assertThatThrownBy(() -> FactorSet.parse("kamma(10)"))
                .hasMessageContaining("unknown factor 'kamma(10)'")
                .hasMessageContaining("plug-ins: kama");
    }

    /** A random walk of 300 closes with a flat stretch (no movement: efficiency ratio 0). */
    private static List<Double> closes() {
        Random random = new Random(42);
        List<Double> closes = new ArrayList<>();
        double price = 100;
        for (int t = 0; t < 300; t++) {
            if (t < 120 || t >= 140) {
                price = Math.round(price * (1 + 0.01 * random.nextGaussian()) * 100) / 100.0;
            }
            closes.add(price);
        }
        return closes;
    }

    private static List<FactorVector> run(FactorSet set, List<Double> closes) throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, FactorBar, FactorVector> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new FactorCalculator<>(set)),
                        FactorStages::key, Types.STRING)) {
            Configuration noKryo = new Configuration();
            noKryo.set(PipelineOptions.GENERIC_TYPES, false); // state as the jobs keep it
            harness.getExecutionConfig().configure(noKryo, KamaTest.class.getClassLoader());
            harness.open();
            for (int t = 0; t < closes.size(); t++) {
                Kline k = bar(t, closes.get(t));
                harness.processElement(FactorBar.of(k, set.fieldsRead()), k.closeTime);
            }
            return harness.extractOutputValues();
        }
    }

    private static Kline bar(int t, double close) {
        Kline k = new Kline();
        k.market = Market.USDM;
        k.symbol = "BTCUSDT";
        k.interval = "1h";
        k.openTime = t * HOUR;
        k.closeTime = k.openTime + HOUR - 1;
        BigDecimal c = BigDecimal.valueOf(close);
        k.open = c;
        k.high = c;
        k.low = c;
        k.close = c;
        k.volume = BigDecimal.ONE;
        k.quoteVolume = c;
        k.takerBuyVolume = BigDecimal.ZERO;
        k.takerBuyQuoteVolume = BigDecimal.ZERO;
        k.count = 1;
        return k;
    }
}
