package io.quantstream.factor;

import static io.quantstream.testing.Klines.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetter;
import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import io.quantstream.testing.FlakyPlugins;
import io.quantstream.testing.TestPlugins;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plug-in factor that throws, in the factor operator (Flink's keyed harness): its value is
 * {@code NaN} at that bar, its state is the state before the call, a dead letter names the call,
 * the exception, the key and the bar, and the operator goes on, also when it fails on every bar.
 */
class FailingPluginFactorTest {

    /** flaky_sum(3) fails above 102.5: at the closes 103 (bar 3) and 104 (bar 5). */
    private static final String[] CLOSES = {"100", "101", "102", "103", "101", "104", "102"};
    private static final String CALL = "flaky_sum(window=3,above=102.5,volume=0)";

    @TempDir java.nio.file.Path services;

    @Test
    void aFailingBarIsNaNWithADeadLetterAndTheOtherBarsSumTheClosesTaken() throws Exception {
        TestPlugins.with(services, List.of(FlakyPlugins.FlakySumPlugin.class), () -> {
            try (FactorHarnesses.FactorHarness h =
                    FactorHarnesses.calculator("S=flaky_sum(3, above=102.5), sma(2)", null)) {
                for (int i = 0; i < CLOSES.length; i++) {
                    Kline k = bar("BTCUSDT", i, CLOSES[i]);
                    h.process(k);
                }
                List<FactorVector> out = h.harness.extractOutputValues();
                assertThat(out).hasSize(CLOSES.length);
                // by hand: the sum of the last three closes the plug-in took (bars 3 and 5 not taken)
                double[] sums = {Double.NaN, Double.NaN, 303, Double.NaN, 304, Double.NaN, 305};
                for (int i = 0; i < CLOSES.length; i++) {
                    if (Double.isNaN(sums[i])) {
                        assertThat(out.get(i).values[0]).as("S at bar %d", i).isNaN();
                    } else {
                        assertThat(out.get(i).values[0]).as("S at bar %d", i).isEqualTo(sums[i]);
                    }
                }
                // the built-in beside it is not touched: (103 + 102) / 2 at bar 3
                assertThat(out.get(3).values[1]).isEqualTo(102.5);
                assertThat(out.get(3).warmingUp).isEmpty();

                List<DeadLetter> letters = new ArrayList<>();
                h.harness.getSideOutput(DeadLetters.TAG).forEach(r -> letters.add(r.getValue()));
                assertThat(letters).hasSize(2);
                for (int j = 0; j < 2; j++) {
                    Kline failed = bar("BTCUSDT", j == 0 ? 3 : 5, CLOSES[j == 0 ? 3 : 5]);
                    DeadLetter d = letters.get(j);
                    assertThat(d.stage).isEqualTo("factors");
                    assertThat(d.reason).isEqualTo("plugin-failed");
                    assertThat(d.origin).isEqualTo("key USDM:BTCUSDT:1m");
                    assertThat(d.eventTime).isEqualTo(failed.closeTime);
                    assertThat(d.detail).contains("factor " + CALL,
                            FlakyPlugins.class.getName() + "$FlakySum",
                            "at the bar opening " + Instant.ofEpochMilli(failed.openTime),
                            "java.lang.IllegalStateException: " + FlakyPlugins.message(
                                    Double.parseDouble(CLOSES[j == 0 ? 3 : 5]), 102.5));
                }
                assertThat(h.count("failedPluginUpdates")).isEqualTo(2);
            }
            return null;
        });
    }

    @Test
    void theStateAfterAFailingBarIsTheStateBeforeIt() throws Exception {
        TestPlugins.with(services, List.of(FlakyPlugins.FlakySumPlugin.class), () -> {
            try (FactorHarnesses.FactorHarness h =
                    FactorHarnesses.calculator("flaky_sum(3, above=102.5)", null)) {
                double[][] before = null;
                for (int i = 0; i <= 3; i++) {
                    Kline k = bar("BTCUSDT", i, CLOSES[i]);
                    if (i == 3) {
                        before = deepCopy(FactorHarnesses.history(h, k).value().states);
                    }
                    h.process(k);
                }
                FactorHistory after = FactorHarnesses.history(h, bar("BTCUSDT", 3, "103")).value();
                // the ring slot it wrote and its bar count are put back
                assertThat(after.states).isDeepEqualTo(before);
                assertThat(after.lastOpenTime).as("the kline itself is taken")
                        .isEqualTo(bar("BTCUSDT", 3, "103").openTime);
            }
            return null;
        });
    }

    @Test
    void aPluginFailingOnEveryBarNeverWarmsUpAndEachBarIsADeadLetter() throws Exception {
        TestPlugins.with(services, List.of(FlakyPlugins.FlakySumPlugin.class), () -> {
            try (FactorHarnesses.FactorHarness h =
                    FactorHarnesses.calculator("V=flaky_sum(2, volume=1), sma(2)", null)) {
                int bars = 50;
                for (String symbol : List.of("BTCUSDT", "ETHUSDT")) {
                    for (int i = 0; i < bars; i++) {
                        Kline k = bar(symbol, i, "100");
                        h.process(k);
                    }
                }
                List<FactorVector> out = h.harness.extractOutputValues();
                assertThat(out).hasSize(2 * bars).allSatisfy(v -> {
                    assertThat(v.values[0]).isNaN();
                    assertThat(v.warmingUp).contains("V");
                });
                assertThat(out.get(bars - 1).warmingUp).containsExactly("V");
                assertThat(out.get(bars - 1).values[1]).isEqualTo(100.0);
                assertThat(h.harness.getSideOutput(DeadLetters.TAG)).hasSize(2 * bars)
                        .allSatisfy(r -> assertThat(r.getValue().detail).contains(
                                "reads $volume, which its fields() does not declare (it declares $close)"));
                assertThat(h.count("failedPluginUpdates")).isEqualTo(2L * bars);
            }
            return null;
        });
    }

    private static double[][] deepCopy(double[][] states) {
        return Arrays.stream(states).map(double[]::clone).toArray(double[][]::new);
    }
}
