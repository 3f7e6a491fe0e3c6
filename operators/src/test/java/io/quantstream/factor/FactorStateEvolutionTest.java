package io.quantstream.factor;

import static io.quantstream.testing.Klines.bar;
import static org.assertj.core.api.Assertions.assertThat;

import io.quantstream.model.DeadLetters;
import io.quantstream.model.FactorVector;
import io.quantstream.model.Kline;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

/**
 * What a factor calculator restored with another factor set makes of the state it finds: node
 * histories are matched by the id of their canonical expression.
 */
class FactorStateEvolutionTest {

    /** Closes of bars 0..7: ema(3) (α = 1/2) seeds at bar 2 with 11, then 12, 13, 14, 14, 15. */
    private static final String[] CLOSES = {"10", "11", "12", "13", "14", "15", "14", "16"};
    private static final int RESTORE_AT = 5;

    @Test
    void addingAFactorAcrossARestoreKeepsTheOthersWarmAndWarmsOnlyTheNewOne() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = calculator("ema(3),sma(2)", null)) {
            feed(before, 0, RESTORE_AT);
            snapshot = before.harness.snapshot(1, 1);
        }
        List<FactorVector> restored;
        try (var after = calculator("ema(3),rsi(2)", snapshot)) {
            feed(after, RESTORE_AT, CLOSES.length);
            restored = after.harness.extractOutputValues();
            assertThat(after.count("rejectedFactorStates")).isZero();
        }
        List<FactorVector> uninterrupted;
        try (var never = calculator("ema(3),rsi(2)", null)) {
            feed(never, 0, CLOSES.length);
            uninterrupted = never.harness.extractOutputValues().subList(RESTORE_AT, CLOSES.length);
        }

        assertThat(restored).extracting(v -> v.value("ema_3")).containsExactly(14.0, 14.0, 15.0)
                .containsExactlyElementsOf(values(uninterrupted, "ema_3"));
        // rsi(2) starts at bar 5: no change yet, then a loss of 1, then a gain of 2 -> 100·1/1.5
        assertThat(restored).extracting(v -> v.value("rsi_2"))
                .containsExactly(Double.NaN, Double.NaN, 100.0 * 1.0 / 1.5);
        assertThat(values(uninterrupted, "rsi_2")).doesNotContain(Double.NaN);
    }

    @Test
    void aRestoredStateWhoseLayoutDoesNotFitItsNodeIsRejectedNotRead() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = calculator("ema(3),sma(2)", null)) {
            feed(before, 0, RESTORE_AT);
            ValueState<FactorHistory> history = history(before);
            FactorHistory h = history.value();
            // TaEma($close,3) and Mean($close,2)
            assertThat(h.nodes).containsExactly(FactorSet.parse("ema(3),sma(2)").program()
                    .stateIds());
            h.states[0] = new double[] {1, 999}; // too short
            h.states[1][0] = 7; // right length, unknown layout version
            history.update(h);
            snapshot = before.harness.snapshot(1, 1);
        }
        try (var after = calculator("ema(3),sma(2)", snapshot)) {
            feed(after, RESTORE_AT, CLOSES.length);

            // both warm up again from bar 5: ema(3) = (15 + 14 + 16) / 3, sma(2) of 15, 14, 16
            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("ema_3"))
                    .containsExactly(Double.NaN, Double.NaN, 15.0);
            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("sma_2"))
                    .containsExactly(Double.NaN, 14.5, 15.0);
            assertThat(after.count("rejectedFactorStates")).isEqualTo(2);
            FactorHistory h = history(after).value();
            assertThat(h.states[0]).hasSize(2 + 2).startsWith(1.0, 3.0);
            assertThat(h.states[1]).startsWith(1.0, 3.0);
        }
    }

    @Test
    void theNodesComputedFromARejectedNodeWarmUpWithIt() throws Exception {
        String set = "lag=Ref($close, 1), avg=Mean(Ref($close, 1), 2)";
        OperatorSubtaskState snapshot;
        try (var before = calculator(set, null)) {
            feed(before, 0, RESTORE_AT);
            ValueState<FactorHistory> history = history(before);
            FactorHistory h = history.value();
            h.states[0][0] = 7; // Ref($close,1)
            history.update(h);
            snapshot = before.harness.snapshot(1, 1);
        }
        try (var after = calculator(set, snapshot)) {
            feed(after, RESTORE_AT, CLOSES.length);

            // Mean's window would hold the old Ref's values: it starts again too
            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("lag"))
                    .containsExactly(Double.NaN, 15.0, 14.0);
            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("avg"))
                    .containsExactly(Double.NaN, Double.NaN, 14.5);
            assertThat(after.count("rejectedFactorStates")).isEqualTo(1);
        }
    }

    /**
     * {@code factor-calculator-specs.snapshot}: the calculator of commit fa50cc9 (one history per
     * built-in factor, under its spec) after bars 0..4 of {@link #CLOSES} with
     * {@code ema(3),sma(2)}, written by {@code OperatorSnapshotUtil.writeStateHandle}.
     */
    @Test
    void aSnapshotFromBeforeFactorExpressionsRestoresAndWarmsUpAgain() throws Exception {
        OperatorSubtaskState old = OperatorSnapshotUtil.readStateHandle(Path.of(
                getClass().getResource("factor-calculator-specs.snapshot").toURI()).toString());
        try (var after = calculator("ema(3),sma(2)", old)) {
            assertThat(history(after).value().lastOpenTime)
                    .isEqualTo(bar("BTCUSDT", 4, "1").openTime);
            assertThat(history(after).value().nodes).isNull();

            feed(after, RESTORE_AT, CLOSES.length);

            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("ema_3"))
                    .containsExactly(Double.NaN, Double.NaN, 15.0);
            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("sma_2"))
                    .containsExactly(Double.NaN, 14.5, 15.0);
            assertThat(after.harness.getSideOutput(DeadLetters.TAG)).isNull();
            assertThat(history(after).value().nodes)
                    .containsExactly(FactorSet.parse("ema(3),sma(2)").program().stateIds());
        }
    }

    @Test
    void aRemovedFactorsStateIsDeletedAtItsKeysNextBar() throws Exception {
        OperatorSubtaskState snapshot;
        try (var before = calculator("ema(3),sma(2)", null)) {
            feed(before, 0, RESTORE_AT);
            snapshot = before.harness.snapshot(1, 1);
        }
        try (var after = calculator("ema(3),vwap_dev", snapshot)) {
            assertThat(history(after).value().nodes).hasSize(2);

            feed(after, RESTORE_AT, RESTORE_AT + 1);

            assertThat(history(after).value().nodes)
                    .containsExactly(FactorSet.parse("ema(3)").program().stateIds());
            assertThat(history(after).value().states).hasNumberOfRows(1);
            assertThat(after.harness.extractOutputValues()).extracting(v -> v.value("ema_3"))
                    .containsExactly(14.0);
        }
    }

    private static ValueState<FactorHistory> history(
            FactorHarnesses.FactorHarness h) throws Exception {
        return FactorHarnesses.history(h, bar("BTCUSDT", 0, "1"));
    }

    private static FactorHarnesses.FactorHarness calculator(String set,
            OperatorSubtaskState restored) throws Exception {
        return FactorHarnesses.calculator(set, restored);
    }

    private static void feed(FactorHarnesses.FactorHarness h, int from, int to)
            throws Exception {
        for (int i = from; i < to; i++) {
            Kline k = bar("BTCUSDT", i, CLOSES[i]);
            h.process(k);
        }
    }

    private static List<Double> values(List<FactorVector> vectors, String name) {
        List<Double> values = new ArrayList<>();
        vectors.forEach(v -> values.add(v.value(name)));
        return values;
    }
}
